// `npm run demo`: the whole lifecycle of a branch on local emulators (and a real PostgreSQL when
// its binaries are here), run from the workflow templates through the action bundles exactly as
// the GitHub runner would. Prints each step's summary and ends with a one-line verdict. Leaves
// nothing running or behind.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { summaryToText } from '../../actions/cli/text.ts';
import { runLifecycle } from './lifecycle.ts';
import { runPromotionLoop } from './promotion-loop.ts';
import { startWorld } from './world.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const missing = ['build-tag', 'provision-db', 'deploy-overlay', 'verify-endpoints', 'cleanup-branch', 'bump-prod-tag', 'verify-promotion'].filter(
  (name) => !existsSync(path.join(root, 'dist', name, 'index.js')),
);
if (missing.length > 0) {
  console.error(`demo: missing bundles ${missing.join(', ')}; run \`npm run build\` first.`);
  process.exit(1);
}

const started = Date.now();
console.log('Starting the emulators (Kubernetes, Azure ARM + Entra + GitHub OIDC, GitHub) ...');
const world = await startWorld();
console.log(
  world.postgres
    ? 'A real PostgreSQL stands behind the emulated Flexible Server.'
    : 'No PostgreSQL binaries here: database steps will fail (install the postgresql package).',
);
let failed = 0;
let total = 0;
try {
  let current = '';
  const phases = await runLifecycle(world, {
    onStep: (phase, record) => {
      if (phase !== current) {
        current = phase;
        console.log(`\n=== ${phase} ===`);
      }
      const note = record.note ? ` (${record.note})` : '';
      console.log(`\n--- ${record.label}: ${record.outcome}${note}`);
      if (record.result) {
        const summary = summaryToText(record.result.summary);
        if (summary) console.log(summary);
        if (record.outcome === 'failure')
          console.log(
            record.result.stdout
              .split('\n')
              .filter((l) => l.startsWith('::error::'))
              .join('\n'),
          );
      }
    },
  });
  const loop = await runPromotionLoop((text) => console.log(text));
  phases.push({ name: 'promotion loop', jobs: {}, checks: loop });
  console.log('\n=== checks ===');
  for (const phase of phases) {
    for (const c of phase.checks) {
      total += 1;
      if (!c.ok) failed += 1;
      console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${phase.name}: ${c.name} (${c.detail})`);
    }
  }
} catch (error: unknown) {
  failed += 1;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await world.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\ndemo: ${failed === 0 ? 'PASS' : 'FAIL'}: ${total - failed} of ${total} checks passed in ${seconds} s (names -> database -> deploy -> verify -> promotion PR -> cleanup; promotion synced and verified, a bad one rolled back by PR)`,
);
process.exitCode = failed === 0 ? 0 : 1;
