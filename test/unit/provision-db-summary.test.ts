// The outputs and the job summary: every output named in action.yml, and no secret in the summary.
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary } from '../../shared/core/summary.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import type { ProvisionResult } from '../../actions/provision-db/provision-db.ts';
import { serverFacts } from '../../actions/provision-db/policy.ts';
import { toOutputs } from '../../actions/provision-db/outputs.ts';
import { writeProvisionSummary } from '../../actions/provision-db/summary.ts';

const names = branchNames('ex-3-9');
const PASSWORD = 'Abcdefghijklmnopqrstuvwxyz012345';
const result: ProvisionResult = {
  plan: { branch: 'ex-3-9', repository: 'octo/app', names, database: names.database, role: names.role, namespace: names.namespace, mode: 'arm' },
  host: 'psql-x.postgres.database.azure.com',
  port: 5432,
  sslmode: 'verify-full',
  server: serverFacts({ name: 'psql-x', location: 'westeurope', version: '16', state: 'Ready' }),
  policy: [{ setting: 'Backup retention (`min-backup-retention-days`)', required: 'at least 7 days', actual: '7 days', ok: true }],
  created: true,
  password: PASSWORD,
  passwordSource: 'created',
  passwordNote: 'The role was created with a new password.',
  databaseUrl: `postgresql://ex_3_9_user:${PASSWORD}@psql-x.postgres.database.azure.com:5432/ex_3_9?sslmode=verify-full`,
  migrationsApplied: ['001.sql'],
  federated: { name: 'branch-env-ex-3-9', subject: 'system:serviceaccount:feature-ex-3-9:app', result: 'created', identityClientId: 'c1' },
  elapsedMs: 1234,
};

describe('provision-db outputs', () => {
  it('gives the values of the result (which outputs exist: test/unit/action-contract.test.ts)', () => {
    const outputs = toOutputs(result);
    expect(outputs).toMatchObject({
      database: 'ex_3_9',
      user: 'ex_3_9_user',
      password: PASSWORD,
      created: true,
      port: 5432,
      'migrations-applied': ['001.sql'],
      'identity-client-id': 'c1',
    });
  });
});

describe('provision-db summary', () => {
  it('shows server, database, role, created or reused and the time, never the password or URL', async () => {
    const sink = new MemorySink();
    await writeProvisionSummary({ plan: result.plan, server: result.server, policy: result.policy, result }, new Summary(sink));
    expect(sink.html).toContain('<td>Server</td><td>psql-x</td>');
    expect(sink.html).toContain('<td>Database status</td><td>created</td>');
    expect(sink.html).toContain('<td>Role</td><td>ex_3_9_user</td>');
    expect(sink.html).toContain('<td>Time taken</td>');
    expect(sink.html).toContain('Backup retention');
    expect(sink.html).not.toContain(PASSWORD);
    expect(sink.html).not.toContain('postgresql://');
    expect(sink.writes).toBe(1);
  });

  it('still shows the server and the failed requirements when the run fails', async () => {
    const sink = new MemorySink();
    await writeProvisionSummary(
      {
        plan: result.plan,
        server: result.server,
        policy: [{ setting: 'High availability', required: 'SameZone or ZoneRedundant', actual: 'Disabled', ok: false }],
      },
      new Summary(sink),
    );
    expect(sink.html).toMatch(
      /^<h3>❌ provision-db: Provisioning of database ex_3_9 and role ex_3_9_user failed<\/h3>\n\n<ul><li>❌ <strong>Server psql-x High availability<\/strong>: required SameZone or ZoneRedundant, actual Disabled\. Fix: change the server/,
    );
    expect(sink.html).toContain('Server psql-x');
    expect(sink.html).toContain('<td>❌ no</td>');
  });
});
