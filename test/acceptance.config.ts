// `npm run test:acceptance` (.github/scripts/acceptance.ts): the integration and e2e tests that
// use the Kubernetes emulator and PostgreSQL, run unchanged against the real cluster and server
// named by ACCEPTANCE_* variables (test/helpers/backends.ts). The emulator's module is answered
// by test/helpers/acceptance-kube.ts; tests marked emulatorOnly(reason) are skipped with it.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/** The test files that run against real backends (each creates only its own namespaces and databases). */
export const ACCEPTANCE_FILES = [
  'test/integration/kube-client.test.ts',
  'test/e2e/deploy-overlay.test.ts',
  'test/integration/provision-db-postgres.test.ts',
  'test/integration/provision-db-sql.test.ts',
];
// Not here: test/e2e/provision-db.test.ts drives provision-db through the emulated ARM, which
// creates databases as the server's superuser and models Azure's privileges (a non-superuser
// admin, chosen owners): emulator-only by nature. On real software provision-db runs through
// its bundle in the acceptance workflow (host mode on the PostgreSQL container) and against a
// real Flexible Server in its by-hand Azure job.

export default defineConfig({
  root,
  resolve: {
    alias: [{ find: /^(\.\.\/)+emulators\/kubernetes\/index\.ts$/, replacement: path.join(root, 'test', 'helpers', 'acceptance-kube.ts') }],
  },
  test: {
    include: ACCEPTANCE_FILES,
    globalSetup: ['test/setup/global.ts'],
    pool: 'forks',
    // Real clusters pull images and schedule pods: slower than the emulator.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // One file at a time: a real cluster's namespaces and a real server's roles are shared.
    maxWorkers: 1,
    reporters: ['verbose'],
    env: { BRANCH_ENV_ACCEPTANCE: '1' },
  },
});
