// dist/ is committed and must match a fresh build. Rebuilds every bundle into a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareDirs, freshBuild } from '../../.github/scripts/dist-diff.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('dist/', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('matches a fresh `npm run build` (fix: run `npm run build` and commit dist/)', async () => {
    out = await mkdtemp(path.join(tmpdir(), 'dist-test-'));
    await freshBuild(root, out);
    const differences = await compareDirs(path.join(root, 'dist'), out);
    expect(differences, 'dist/ is stale: run `npm run build` and commit dist/').toEqual([]);
  }, 600_000);
});
