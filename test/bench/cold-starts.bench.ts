// Cold start of every action bundle next to `node -e 0`: each run with no inputs, so it loads
// index.js, reads its inputs, refuses them and exits 1 (what every real run pays before its
// work). Target: ratio <= 2 (issue 16: no bundle may start slower than it did with client-node).
import { bundleSizes, coldStart } from './cold-start.ts';

export default function bench({ root }: { root: string }): void {
  for (const { action } of bundleSizes(root)) {
    if (action === 'cli') continue;
    const r = coldStart(root, action, {}, 15, 1);
    console.log(
      `${action} cold start: median ${r.medianMs.toFixed(1)} ms vs node -e 0 ${r.baselineMs.toFixed(1)} ms (ratio ${r.ratio.toFixed(2)}, target <= 2, ${r.runs} runs each)`,
    );
  }
}
