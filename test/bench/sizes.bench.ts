// Sizes: every bundle in dist/ (what is loaded at start, index.js, and what only when needed, the
// chunks), dist/ in all (target <= 10 MB), and the gzipped repository archive every job that
// uses an action downloads (of HEAD, and of the working tree's tracked files as they are now).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSizes } from './cold-start.ts';

const MB = 1e6;

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(2)} MB`;
}

/** Bytes of a gzipped tar of the tracked files as they are in the working tree (dist/ as last built). */
function archiveOfWorkTree(root: string): number | undefined {
  const list = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd: root, maxBuffer: 64 * MB });
  if (list.status !== 0) return undefined;
  const files = list.stdout
    .toString()
    .split('\0')
    .filter((f) => f !== '' && statSync(path.join(root, f), { throwIfNoEntry: false })?.isFile());
  const tar = spawnSync('tar', ['-cf', '-', '--null', '-T', '-'], { cwd: root, input: files.join('\0'), maxBuffer: 1024 * MB });
  return tar.status === 0 ? gzipSync(tar.stdout).length : undefined;
}

function archiveOfHead(root: string): number | undefined {
  const result = spawnSync('git', ['archive', '--format=tar.gz', 'HEAD'], { cwd: root, maxBuffer: 1024 * MB });
  return result.status === 0 ? result.stdout.length : undefined;
}

export default function bench({ root }: { root: string }): void {
  const bundles = bundleSizes(root);
  for (const { action, bytes } of bundles) {
    const dir = path.join(root, 'dist', action);
    const start = statSync(path.join(dir, 'index.js')).size;
    const chunks = readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f));
    const chunkBytes = chunks.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    console.log(
      `bundle ${action}: ${mb(bytes)} (index.js ${(start / 1e3).toFixed(0)} kB loaded at start; ${chunks.length} chunk(s) ${(chunkBytes / 1e3).toFixed(0)} kB loaded when needed)`,
    );
  }
  const total = bundles.reduce((sum, b) => sum + b.bytes, 0);
  console.log(`dist in all: ${mb(total)} (target <= 10 MB)`);
  const head = archiveOfHead(root);
  const tree = archiveOfWorkTree(root);
  console.log(
    `repository archive, gzipped: HEAD ${head === undefined ? 'n/a (no git)' : mb(head)}; tracked files as they are now ${tree === undefined ? 'n/a' : mb(tree)}`,
  );
}
