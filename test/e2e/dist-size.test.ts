// dist/ stays small (issue 16): every job that uses an action downloads the whole repository.
// At most 10 MB in all, no bundle carrying @kubernetes/client-node (its 19 MB chunk sat in three
// bundles only for legacy auth-provider users, now refused), and the lazily loaded chunks
// minified like index.js. `npm run bench -- sizes` prints the figures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSizes } from '../bench/cold-start.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = path.join(root, 'dist');

describe('dist/ size', () => {
  it('is at most 10 MB in all (fix: see which bundle grew with `npm run bench -- sizes`)', () => {
    const total = bundleSizes(root).reduce((sum, b) => sum + b.bytes, 0);
    expect(total).toBeLessThanOrEqual(10 * 1000 * 1000);
  });

  it('carries no @kubernetes/client-node, and every chunk is minified', () => {
    const found: string[] = [];
    for (const bundle of readdirSync(dist, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const file of readdirSync(path.join(dist, bundle.name)).filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(path.join(dist, bundle.name, file), 'utf8');
        if (text.includes('KubernetesObjectApi')) found.push(`${bundle.name}/${file}: client-node`);
        const lines = text.split('\n').length;
        if (lines > 50 && text.length / lines < 200) found.push(`${bundle.name}/${file}: not minified (${lines} lines)`);
      }
    }
    expect(found).toEqual([]);
  });
});
