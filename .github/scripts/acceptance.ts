// `npm run test:acceptance [vitest args]`: the integration and e2e tests that use the Kubernetes
// emulator and PostgreSQL, run unchanged against a real cluster and a real server named by the
// ACCEPTANCE_* variables (README "Acceptance mode"; test/helpers/backends.ts). Without them it
// says which are missing and runs nothing (exit 2).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPTANCE_VARIABLES, missingVariables } from '../../test/helpers/backends.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const missing = missingVariables();
if (missing.length > 0) {
  console.error('Acceptance mode needs real backends; these variables are not set, so no test was run:');
  for (const v of missing) console.error(`  ${v.name}: ${v.means}`);
  const optional = ACCEPTANCE_VARIABLES.filter((v) => !v.required);
  console.error(`Optional: ${optional.map((v) => `${v.name} (${v.means})`).join('; ')}.`);
  console.error(
    'To try it on this machine: npm run emulators -- --state-dir DIR --postgres, then point the variables at DIR/kubeconfig and the PG* values in DIR/env (README "Acceptance mode").',
  );
  process.exit(2);
}
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/acceptance.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BRANCH_ENV_ACCEPTANCE: '1' },
});
process.exit(result.status ?? 1);
