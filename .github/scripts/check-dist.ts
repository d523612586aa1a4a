// Fails when dist/ differs from a fresh build, and prints the command that fixes it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDirs, freshBuild } from './dist-diff.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = await mkdtemp(path.join(tmpdir(), 'dist-check-'));
try {
  await freshBuild(root, out);
  const differences = await compareDirs(path.join(root, 'dist'), out);
  if (differences.length > 0) {
    console.error(`dist/ does not match a fresh build:\n${differences.map((d) => `  ${d}`).join('\n')}`);
    console.error('Fix: run `npm run build` and commit dist/.');
    process.exitCode = 1;
  } else {
    console.log('dist/ matches a fresh build.');
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
