// Shared by the dist check script and its test: build into a directory and compare trees.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the build into `out`. */
export async function freshBuild(root: string, out: string): Promise<void> {
  await run(process.execPath, [path.join(root, '.github', 'scripts', 'build.ts'), '--out', out], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else files.push(rel);
  }
  return files.sort();
}

/** Lists files that are missing, extra or different between the committed and the fresh tree. */
export async function compareDirs(committed: string, fresh: string): Promise<string[]> {
  const [a, b] = await Promise.all([listFiles(committed), listFiles(fresh)]);
  const differences: string[] = [];
  for (const file of b) if (!a.includes(file)) differences.push(`missing from dist/: ${file}`);
  for (const file of a) if (!b.includes(file)) differences.push(`not produced by the build: dist/${file}`);
  for (const file of a.filter((f) => b.includes(f))) {
    const [x, y] = await Promise.all([readFile(path.join(committed, file)), readFile(path.join(fresh, file))]);
    if (!x.equals(y)) differences.push(`differs: dist/${file}`);
  }
  return differences;
}
