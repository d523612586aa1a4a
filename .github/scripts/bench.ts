// `npm run bench [name...]`: runs the benchmarks and prints their figures.
// Benchmarks measure; they do not fail the test suite. Targets are printed next to results.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSizes, coldStart } from '../../test/bench/cold-start.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Bench = () => Promise<void> | void;

const benches: Record<string, Bench> = {
  'build-tag': () => {
    const r = coldStart(root, 'build-tag', { branch: 'feature/login', sha: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855', images: 'acr.io/a\nacr.io/b' });
    console.log(
      `build-tag cold start: median ${r.medianMs.toFixed(1)} ms vs node -e 0 ${r.baselineMs.toFixed(1)} ms ` +
        `(ratio ${r.ratio.toFixed(2)}, target <= 2.5, ${r.runs} runs each, Node ${process.version})`,
    );
  },
  sizes: () => {
    for (const { action, bytes } of bundleSizes(root)) console.log(`bundle ${action}: ${(bytes / 1024).toFixed(0)} KiB`);
  },
};

const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n# ${name}`);
  await bench();
}
