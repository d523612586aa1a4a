// Acceptance mode's switch (test/helpers/backends.ts, .github/scripts/acceptance.ts): which
// variables it needs, the real server handed to tests in the emulator's shape, and a run
// without the variables that says what is missing and runs nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptanceMode, acceptancePostgres, missingVariables } from '../helpers/backends.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const full = {
  BRANCH_ENV_ACCEPTANCE: '1',
  ACCEPTANCE_KUBECONFIG: '/k',
  ACCEPTANCE_PGHOST: 'db.example',
  ACCEPTANCE_PGUSER: 'admin@x',
  ACCEPTANCE_PGPASSWORD: 'p:w/d',
};

describe('acceptance backends', () => {
  it('names the required variables that are missing, and only those', () => {
    expect(missingVariables({}).map((v) => v.name)).toEqual(['ACCEPTANCE_KUBECONFIG', 'ACCEPTANCE_PGHOST', 'ACCEPTANCE_PGUSER', 'ACCEPTANCE_PGPASSWORD']);
    expect(missingVariables(full)).toEqual([]);
  });

  it('hands out the real server only in acceptance mode, with defaults and an escaped URL', () => {
    expect(acceptanceMode(full)).toBe(true);
    expect(acceptancePostgres({ ...full, BRANCH_ENV_ACCEPTANCE: undefined })).toBeUndefined();
    expect(acceptancePostgres(full)).toEqual({
      host: 'db.example',
      port: 5432,
      user: 'admin@x',
      password: 'p:w/d',
      database: 'postgres',
      connectionString: 'postgresql://admin%40x:p%3Aw%2Fd@db.example:5432/postgres',
      bindir: '',
    });
    expect(acceptancePostgres({ ...full, ACCEPTANCE_PGHOST: '::1', ACCEPTANCE_PGPORT: '6543' })?.connectionString).toBe(
      'postgresql://admin%40x:p%3Aw%2Fd@[::1]:6543/postgres',
    );
  });

  it('npm run test:acceptance without the variables says what is missing and runs nothing', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
    const run = spawnSync(process.execPath, [path.join(root, '.github', 'scripts', 'acceptance.ts')], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no test was run');
    for (const name of ['ACCEPTANCE_KUBECONFIG', 'ACCEPTANCE_PGHOST', 'ACCEPTANCE_PGUSER', 'ACCEPTANCE_PGPASSWORD']) expect(run.stderr).toContain(`${name}: `);
    expect(run.stdout).toBe('');
  });
});
