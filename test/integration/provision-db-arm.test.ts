// provision-db through ARM, in-process, on the Azure emulator with the real PostgreSQL behind
// it (ARM creates real databases) and the Kubernetes emulator holding the branch Secret:
// creation, re-runs, injected faults, the policy check, bad Azure input, federated credentials.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markedNamespace } from '../helpers/marked.ts';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { closeQuietly, connectOnce, connectPostgres, type PgClient } from '../../shared/postgres/client.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { provisionDb, type ProvisionResult } from '../../actions/provision-db/provision-db.ts';
import { fetchOidcToken } from '../emulators/azure/clients.ts';
import { decodeJwt } from '../emulators/azure/jwt.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, emulatorInputs, userErrorOf, type Made } from '../helpers/provision-db.ts';

const pg = sharedPostgres()!;
const run = Math.random().toString(36).slice(2, 8);
const context: EventContext = { eventName: 'push', repository: undefined, serverUrl: '', apiUrl: '', deleted: false };
let az: AzureEmulator;
let kube: KubeEmulator;
let sql: PgClient;
const made: Made = { databases: new Set(), roles: new Set() };

beforeAll(async () => {
  az = await startAzureEmulator({ operationMs: 50, postgres: serviceTarget(pg) });
  kube = await startKubeEmulator();
  sql = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
});
afterAll(async () => {
  await dropMade(sql, made);
  await closeQuietly(sql);
  await az?.close();
  await kube?.close();
});
beforeEach(() => {
  az.faults.clear();
  az.requests.reset();
});

function inputs(branch: string, extra: Record<string, string> = {}) {
  return readInputs(new InputReader(inputsFromRecord({ branch, ...emulatorInputs(az, pg), 'poll-interval': '50ms', timeout: '60s', ...extra })), {});
}

async function provision(branch: string, extra: Record<string, string> = {}): Promise<{ result: ProvisionResult; logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const given = inputs(branch, extra);
  const result = await provisionDb(given, context, {
    logger,
    azureClientOptions: az.clientOptions,
    getIdToken: (audience) => fetchOidcToken(az, audience),
    setSecret: () => undefined,
    ...(given.kubeconfig ? {} : { passwordStore: null }),
  });
  made.databases.add(result.plan.database);
  made.roles.add(result.plan.role);
  return { result, logger };
}

const refused = userErrorOf;

async function exists(kind: 'database' | 'role', name: string): Promise<number> {
  const sqlText = kind === 'database' ? 'SELECT 1 FROM pg_database WHERE datname = $1' : 'SELECT 1 FROM pg_roles WHERE rolname = $1';
  return (await sql.query(sqlText, [name])).rowCount ?? 0;
}

function seedSecret(namespace: string, password: string, branch: string): void {
  kube.store.seed({ ...markedNamespace(branch, ''), metadata: { ...markedNamespace(branch, '').metadata, name: namespace } });
  kube.store.seed({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'database-credentials', namespace },
    data: { PGPASSWORD: Buffer.from(password).toString('base64') },
  });
}

describe('through ARM', () => {
  it('creates the database with ARM, reads the server, and lets the role in', async () => {
    const { result } = await provision(`arm-${run}`);
    expect(result).toMatchObject({ created: true, passwordSource: 'created' });
    expect(result.server).toMatchObject({ name: az.serverName, version: '16.8', state: 'Ready' });
    expect(az.state.databasesOf(az.serverName).has(result.plan.database)).toBe(true);
    expect(az.requests.count('PUT', /\/databases\//)).toBe(1);
    const client = await connectPostgres(
      { host: pg.host, port: pg.port, user: result.plan.role, password: result.password, database: result.plan.database, sslmode: 'disable' },
      { retryForMs: 0 },
    );
    await client.query('CREATE TABLE t (id int)');
    await client.end();
  });

  it('on a re-run with a kubeconfig, reads the password back from the branch Secret and changes nothing', async () => {
    const branch = `secret-${run}`;
    const first = (await provision(branch)).result;
    seedSecret(first.plan.namespace, first.password, first.plan.branch);
    az.requests.reset();
    const second = await provision(branch, { kubeconfig: kube.kubeconfig() });
    expect(second.result).toMatchObject({ created: false, passwordSource: 'recovered', password: first.password });
    expect(az.requests.count('PUT')).toBe(0);
    expect(second.logger.messages('warning')).toEqual([]);

    seedSecret(first.plan.namespace, 'stale-password-from-an-old-deploy', first.plan.branch);
    const third = await provision(branch, { kubeconfig: kube.kubeconfig() });
    expect(third.result.passwordSource).toBe('rotated');
    expect(third.logger.messages('warning').join('\n')).toContain('no longer signs in');
  });

  it('fails, without rotating, when the cluster refuses to show the Secret', async () => {
    const branch = `secret-denied-${run}`;
    const first = (await provision(branch)).result;
    const badConfig = kube.kubeconfig().replace(kube.token, 'not-the-token');
    const error = await refused(provision(branch, { kubeconfig: badConfig }));
    expect(error.message).toContain(`refused to let this job read Secret ${first.plan.namespace}/database-credentials`);
    const still = await connectPostgres(
      { host: pg.host, port: pg.port, user: first.plan.role, password: first.password, database: first.plan.database, sslmode: 'disable' },
      { retryForMs: 0 },
    );
    await still.end();
  });
});

describe('faults', () => {
  it('converges through 429, 503, ServerBusy, dropped connections and a failed operation, with no duplicates', async () => {
    const branch = `faults-${run}`;
    az.faults.script(
      { method: 'GET', path: /flexibleServers\/[^/]+$/, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'GET', path: /\/databases\//, fault: { kind: 'drop' }, times: 1 },
      { method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 },
      { method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 409, code: 'ServerBusy' }, times: 2 },
      { method: 'GET', path: /azureAsyncOperation/, fault: { kind: 'drop' }, times: 1 },
    );
    az.failOperations({ code: 'ServerBusy', message: 'The server is busy processing another operation.' }, 1);
    const { result, logger } = await provision(branch);
    expect(result.created).toBe(true);
    expect(az.faults.injected).toBe(6);
    expect(logger.text()).toContain('ServerBusy');
    expect(await exists('database', result.plan.database)).toBe(1);
    expect(await exists('role', result.plan.role)).toBe(1);
    expect([...az.state.databasesOf(az.serverName).keys()].filter((name) => name === result.plan.database)).toHaveLength(1);
    const again = await provision(branch);
    expect(again.result.created).toBe(false);
  });

  it('gives up at the deadline when ARM stays busy, and a re-run then finishes', async () => {
    const branch = `busy-${run}`;
    az.faults.script({ method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 409, code: 'ServerBusy' } });
    const error = await refused(provision(branch, { timeout: '2s' }));
    expect(error.message).toMatch(/^Creating database .* still failing after \d+ attempts .*ServerBusy/);
    az.faults.clear();
    const { result } = await provision(branch);
    expect(result).toMatchObject({ created: true, passwordSource: 'rotated' });
  });
});

describe('the server and bad Azure input', () => {
  it('fails the policy check with a table, before changing anything', async () => {
    az.updateServer({ highAvailability: { mode: 'Disabled' }, network: { publicNetworkAccess: 'Enabled' } });
    try {
      const branch = `policy-${run}`;
      const error = await refused(
        provision(branch, { 'require-high-availability': 'true', 'min-backup-retention-days': '14', 'require-private-access': 'true' }),
      );
      expect(error.message).toContain('does not meet 3 requirements');
      expect(error.message).toContain('required at least 14 days, actual 7 days');
      expect(az.requests.count('PUT')).toBe(0);
      expect(await exists('role', `policy_${run}_user`)).toBe(0);
    } finally {
      az.updateServer({ highAvailability: { mode: 'ZoneRedundant', state: 'Healthy' }, network: { publicNetworkAccess: 'Disabled' } });
    }
  });

  it.each([
    [{ server: 'psql-missing' }, /Flexible Server "psql-missing" was not found in resource group "rg-preview" \(ARM ResourceNotFound/, /`server`/],
    [{ 'resource-group': 'rg-missing' }, /Resource group "rg-missing" does not exist/, /`resource-group`/],
    [{ 'admin-password': 'wrong-password' }, /refused the password of the admin login/, /`admin-password`/],
    [{ charset: 'KLINGON' }, /^Input `charset` is "KLINGON", which the server does not know/, /UTF8/],
    [{ collation: 'en_US.utf-9' }, /^Input `collation` is "en_US.utf-9", which the server does not have .*InternalServerError/, /pg_collation/],
  ])('explains %j', async (extra, message, fix) => {
    const branch = `bad-${Object.keys(extra)[0]!}-${run}`;
    const error = await refused(provision(branch, extra));
    expect(error.message).toMatch(message);
    expect(error.fix).toMatch(fix);
    expect(az.requests.count('PUT', /\/databases\//)).toBe(0);
    expect(await exists('database', branch.replaceAll('-', '_'))).toBe(0);
  });

  it('after a refused charset, a re-run with a good one finishes', async () => {
    const branch = `bad-charset-${run}`;
    const { result } = await provision(branch);
    expect(result.created).toBe(true);
  });

  it('signs the admin in with an Entra token for PostgreSQL when no admin-password is given', async () => {
    const masked: string[] = [];
    const given = inputs(`entra-${run}`, { 'admin-user': 'aad_admin' });
    given.adminPassword = undefined;
    const error = await refused(
      provisionDb(given, context, {
        logger: new RecordingLogger(),
        azureClientOptions: az.clientOptions,
        getIdToken: (audience) => fetchOidcToken(az, audience),
        setSecret: (value) => masked.push(value),
        passwordStore: null,
      }),
    );
    // The real server knows no Entra: it refuses the token, which proves the token was sent as the password.
    expect(error.message).toContain('refused the Microsoft Entra token of the admin login (`admin-user`) "aad_admin"');
    expect(error.fix).toContain('Entra administrator');
    const audiences = masked.map((value) => decodeJwt(value)?.claims.aud);
    expect(audiences).toContain('https://ossrdbms-aad.database.windows.net');
  });

  it('needs admin-user for Entra sign-in', async () => {
    const given = inputs(`entra-nouser-${run}`);
    given.adminPassword = undefined;
    const error = await refused(
      provisionDb(given, context, {
        logger: new RecordingLogger(),
        azureClientOptions: az.clientOptions,
        getIdToken: (audience) => fetchOidcToken(az, audience),
        setSecret: () => undefined,
        passwordStore: null,
      }),
    );
    expect(error.describe()).toContain('Input `admin-user` is required here. With no `admin-password`');
  });

  it('refuses a server without password sign-in', async () => {
    az.updateServer({ authConfig: { passwordAuth: 'Disabled', activeDirectoryAuth: 'Enabled' } });
    try {
      expect((await refused(provision(`nopw-${run}`))).message).toContain('password sign-in disabled');
    } finally {
      az.updateServer({ authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Enabled' } });
    }
  });
});

describe('federated identity credential', () => {
  const identity = {
    'identity-name': 'id-preview-workload',
    'service-account': 'todo-app',
    'oidc-issuer': 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
  };

  it('creates it for the branch service account, then leaves it alone', async () => {
    const { result } = await provision(`fic-${run}`, identity);
    const name = federatedCredentialName(branchNames(`fic-${run}`), '');
    expect(name).toMatch(new RegExp(`^branch-env-fic-${run}_[0-9a-f]{12}$`));
    expect(result.federated).toMatchObject({ name, subject: `system:serviceaccount:feature-fic-${run}:todo-app`, result: 'created' });
    expect(result.federated?.identityClientId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = az.state.identities.get('id-preview-workload')?.get(name);
    expect(stored).toMatchObject({ issuer: identity['oidc-issuer'], audiences: ['api://AzureADTokenExchange'] });
    expect((await provision(`fic-${run}`, identity)).result.federated?.result).toBe('unchanged');
    expect((await provision(`fic-${run}`, { ...identity, 'service-account': 'other' })).result.federated?.result).toBe('updated');
  });

  it('explains the limit of 20 per identity', async () => {
    const credentials = az.state.identities.get('id-preview-workload')!;
    const before = new Map(credentials);
    for (let i = credentials.size; i < 20; i += 1) {
      credentials.set(`branch-env-stale-${i}`, {
        name: `branch-env-stale-${i}`,
        issuer: identity['oidc-issuer'],
        subject: `system:serviceaccount:feature-stale-${i}:app`,
        audiences: ['api://AzureADTokenExchange'],
      });
    }
    try {
      const error = await refused(provision(`fic-full-${run}`, identity));
      expect(error.message).toContain("already has 20 federated credentials, Azure's limit of 20");
      expect(error.message).toContain('made by this suite for branches');
      expect(error.fix).toContain('mode: sweep');
    } finally {
      credentials.clear();
      for (const [key, value] of before) credentials.set(key, value);
    }
  });

  it('explains a missing identity', async () => {
    const error = await refused(provision(`fic-none-${run}`, { ...identity, 'identity-name': 'id-missing' }));
    expect(error.message).toContain('Managed identity "id-missing" was not found');
    expect(error.fix).toContain('`identity-name`');
  });
});
