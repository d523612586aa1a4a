// `npm run bench [name...]`: runs every benchmark in test/bench/*.bench.ts (or the named ones)
// and prints their figures next to their targets. Benchmarks measure; they never fail tests.
// A benchmark file default-exports `async (ctx: { root: string }) => void` and prints its lines.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = path.join(root, 'test', 'bench');
const wanted = process.argv.slice(2);
const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n# ${name}`);
  try {
    const bench = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: (ctx: { root: string }) => Promise<void> | void };
    await bench.default({ root });
  } catch (error: unknown) {
    failed += 1;
    console.error(`benchmark ${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
