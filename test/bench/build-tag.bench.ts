// build-tag: cold start of the bundle next to `node -e 0` (target ratio <= 2.5).
import { coldStart } from './cold-start.ts';

export default function bench({ root }: { root: string }): void {
  const r = coldStart(root, 'build-tag', { branch: 'feature/login', sha: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855', images: 'acr.io/a\nacr.io/b' });
  console.log(
    `build-tag cold start: median ${r.medianMs.toFixed(1)} ms vs node -e 0 ${r.baselineMs.toFixed(1)} ms ` +
      `(ratio ${r.ratio.toFixed(2)}, target <= 2.5, ${r.runs} runs each, Node ${process.version})`,
  );
}
