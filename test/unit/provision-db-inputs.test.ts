// provision-db's inputs and names: defaults, every refusal before anything is contacted.
import { describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { planNames } from '../../actions/provision-db/plan.ts';

const SUB = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const azure = { server: 'psql-preview', 'resource-group': 'rg-preview', 'subscription-id': SUB };
const push: EventContext = {
  eventName: 'push',
  branch: 'ex-3-9',
  repository: undefined,
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  deleted: false,
};

function read(record: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return readInputs(new InputReader(inputsFromRecord(record)), env);
}

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('provision-db inputs', () => {
  it('has safe defaults', () => {
    const inputs = read(azure, { GITHUB_WORKSPACE: '/ws' });
    expect(inputs).toMatchObject({
      sslmode: 'verify-full',
      port: 5432,
      charset: 'UTF8',
      collation: 'en_US.utf8',
      armEndpoint: 'https://management.azure.com',
      authorityHost: undefined,
      rotatePassword: false,
      adoptExisting: false,
      passwordSecret: 'database-credentials',
      passwordSecretKey: 'PGPASSWORD',
      workingDirectory: '/ws',
      timeoutMs: 600_000,
      pollIntervalMs: 1000,
      minBackupRetentionDays: 0,
      kubeconfigPath: undefined,
    });
  });

  it("takes KUBECONFIG from the environment and keeps the issuer's trailing slash", () => {
    const inputs = read(
      { ...azure, 'identity-name': 'id-x', 'service-account': 'app', 'oidc-issuer': 'https://oidc.example/t/i/' },
      { KUBECONFIG: '/home/runner/.kube/config' },
    );
    expect(inputs.kubeconfigPath).toBe('/home/runner/.kube/config');
    expect(inputs.oidcIssuer).toBe('https://oidc.example/t/i/');
  });

  it.each([
    [{ server: 'psql-preview' }, /Input `subscription-id` is required/],
    [{ server: 'psql-preview', 'subscription-id': SUB }, /Input `resource-group` is required/],
    [{}, /Give `server` .* or `host`/],
    [{ ...azure, server: 'PSQL_Preview' }, /Input `server` must be a Flexible Server name/],
    [{ ...azure, 'subscription-id': 'my-sub' }, /Input `subscription-id` must be a subscription id \(a GUID\), got "my-sub"/],
    [{ ...azure, sslmode: 'verify-ca' }, /Input `sslmode` must be one of "verify-full", "require", "disable", got "verify-ca"/],
    [{ ...azure, sslmode: 'Disable' }, /did you mean "disable"/],
    [{ ...azure, port: '0' }, /Input `port` must be a whole number between 1 and 65535/],
    [{ ...azure, 'rotate-password': 'yes' }, /Input `rotate-password` must be true or false/],
    [{ ...azure, 'arm-endpoint': 'http://127.0.0.1:1' }, /Input `arm-endpoint` must be an https URL/],
    [{ ...azure, 'identity-name': 'id-x' }, /Input `service-account` is required/],
    [{ ...azure, 'identity-name': 'id-x', 'service-account': 'app' }, /Input `oidc-issuer` is required/],
    [{ ...azure, 'identity-name': 'id-x', 'service-account': 'app', 'oidc-issuer': 'oidc.example' }, /Input `oidc-issuer` must be an https URL/],
    [{ ...azure, charset: "UTF8'; --" }, /Input `charset` must be a PostgreSQL encoding/],
    [{ ...azure, 'min-backup-retention-days': '40' }, /between 0 and 35/],
    [{ ...azure, timeout: 'forever' }, /Input `timeout` must be a duration/],
    [{ ...azure, 'password-secret': 'Bad_Name' }, /Input `password-secret` must be a Kubernetes Secret name/],
  ])('refuses %j', (record, message) => {
    expect(refusal(() => read(record)).describe()).toMatch(message);
  });

  it('accepts a plain host without Azure (SQL-only mode)', () => {
    const inputs = read({ host: '127.0.0.1', sslmode: 'disable', 'admin-user': 'postgres', 'admin-password': 'pw' });
    expect(planNames(inputs, push).mode).toBe('sql');
    expect(planNames(read(azure), push).mode).toBe('arm');
  });
});

describe('provision-db names', () => {
  it("derives database, role and namespace from the event's branch", () => {
    expect(planNames(read(azure), push)).toMatchObject({ branch: 'ex-3-9', database: 'ex_3_9', role: 'ex_3_9_user', namespace: 'feature-ex-3-9' });
  });

  it('prefers the branch, database and namespace inputs', () => {
    const plan = planNames(read({ ...azure, branch: 'feature/Login', database: 'login_db', namespace: 'preview-login' }), push);
    expect(plan).toMatchObject({ branch: 'feature/Login', database: 'login_db', namespace: 'preview-login' });
    expect(plan.role).toMatch(/^feature_login__[a-z2-7]{8}_user$/);
  });

  it('needs a branch', () => {
    const error = refusal(() => planNames(read(azure), { ...push, branch: undefined, eventName: 'schedule' }));
    expect(error.message).toContain('No branch');
    expect(error.fix).toContain('`branch`');
  });

  it.each(['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1', 'pg_x', 'Postgres'])('refuses the protected database %s', (database) => {
    const error = refusal(() => planNames(read({ ...azure, database }), push));
    expect(error.message).toContain(`Database "${database}" is protected`);
  });

  it('refuses names from protected-databases', () => {
    expect(refusal(() => planNames(read({ ...azure, database: 'shop', 'protected-databases': 'orders\nshop' }), push)).message).toContain(
      '"shop" is protected',
    );
    expect(refusal(() => planNames(read({ ...azure, branch: 'shop', 'protected-databases': 'shop' }), push)).message).toContain('"shop" is protected');
  });

  it.each(['ex-3-9', '1st', 'a b', 'x;drop', 'a'.repeat(64), 'é'])('refuses the malformed database name %j', (database) => {
    expect(refusal(() => planNames(read({ ...azure, database }), push)).message).toContain('Input `database` must be a PostgreSQL name');
  });

  it('refuses a branch whose role is the admin login', () => {
    expect(refusal(() => planNames(read({ ...azure, 'admin-user': 'ex_3_9_user' }), push)).message).toContain('would be a reserved role or the admin login');
  });
});
