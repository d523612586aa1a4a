// provision-db against an Azure that is busy and slow, in-process: two runs on one managed
// identity at once (Azure refuses overlapping credential writes with 409), two runs whose
// database creates overlap on one server (ServerBusy), a create slower than `timeout` (the run
// ends within one poll interval of it), a bad collation failing in seconds, and a credential
// list longer than one page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { closeQuietly, connectOnce, type PgClient } from '../../shared/postgres/client.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { provisionDb } from '../../actions/provision-db/provision-db.ts';
import { fetchOidcToken } from '../emulators/azure/clients.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, emulatorInputs, userErrorOf, type Made } from '../helpers/provision-db.ts';

const pg = sharedPostgres()!;
const run = Math.random().toString(36).slice(2, 7);
const REPOSITORY = 'octo-org/preview-app';
const context: EventContext = {
  eventName: 'push',
  repository: { owner: 'octo-org', repo: 'preview-app' },
  serverUrl: 'https://github.com',
  apiUrl: '',
  deleted: false,
};
const IDENTITY = 'id-preview-workload';
const identityInputs = { 'identity-name': IDENTITY, 'service-account': 'todo-app', 'oidc-issuer': 'https://oidc.prod-aks.example.com/tenant/cluster/' };
let sql: PgClient;
const made: Made = { databases: new Set(), roles: new Set() };

beforeAll(async () => {
  sql = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
});
afterAll(async () => {
  await dropMade(sql, made);
  await closeQuietly(sql);
});

async function provision(az: AzureEmulator, branch: string, extra: Record<string, string> = {}) {
  const logger = new RecordingLogger();
  const given = readInputs(new InputReader(inputsFromRecord({ branch, ...emulatorInputs(az, pg), 'poll-interval': '100ms', timeout: '30s', ...extra })), {});
  made.databases.add(branchNames(branch).database);
  made.roles.add(branchNames(branch).role);
  const result = await provisionDb(given, context, {
    logger,
    azureClientOptions: az.clientOptions,
    getIdToken: (audience) => fetchOidcToken(az, audience),
    setSecret: () => undefined,
    passwordStore: null,
  });
  return { result, logger };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a busy Azure', () => {
  let az: AzureEmulator;
  beforeAll(async () => {
    az = await startAzureEmulator({ operationMs: 150, identities: [IDENTITY], postgres: serviceTarget(pg), busyPolicy: 'alternate' });
  });
  afterAll(async () => {
    await az?.close();
  });

  it('two runs for two branches on one identity at once both succeed: overlapping creates wait out ServerBusy, and credential writes refused with 409 Concurrent... are retried', async () => {
    const [a, b] = [`twin-a-${run}`, `twin-b-${run}`];
    // Hold the identity's write slot (as a third writer would) until both runs have been refused once.
    az.state.writingIdentities.add(IDENTITY);
    const refusedBefore = az.state.concurrentWriteRefusals;
    const runs = Promise.all([provision(az, a, identityInputs), provision(az, b, identityInputs)]);
    try {
      await until(() => az.state.concurrentWriteRefusals - refusedBefore >= 2, 25_000);
    } finally {
      az.state.writingIdentities.delete(IDENTITY);
    }
    const [ra, rb] = await runs;
    expect(ra.result).toMatchObject({ created: true, federated: { result: 'created' } });
    expect(rb.result).toMatchObject({ created: true, federated: { result: 'created' } });
    expect(az.busyRefusals).toBeGreaterThanOrEqual(1);
    const logs = [...ra.logger.messages('info'), ...rb.logger.messages('info')].join('\n');
    expect(logs).toMatch(/Writing federated credential .*ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity.*retrying/);
    expect(logs).toMatch(/Creating database .*ServerBusy.*retrying/);
    const credentials = az.state.identities.get(IDENTITY)!;
    expect(credentials.has(federatedCredentialName(branchNames(a), REPOSITORY).toLowerCase())).toBe(true);
    expect(credentials.has(federatedCredentialName(branchNames(b), REPOSITORY).toLowerCase())).toBe(true);
  });

  it('reads a credential list of two pages to the end: its own credential on the second page is found and left alone', async () => {
    const credentials = az.state.identities.get(IDENTITY)!;
    for (let i = credentials.size; i < 15; i += 1) {
      credentials.set(`github-other-${i}`, {
        name: `github-other-${i}`,
        issuer: 'https://token.actions.githubusercontent.com',
        subject: `repo:octo-org/other:environment:e${i}`,
        audiences: ['api://AzureADTokenExchange'],
      });
    }
    const branch = `paged-${run}`;
    expect((await provision(az, branch, identityInputs)).result.federated?.result).toBe('created');
    expect([...credentials.keys()].indexOf(federatedCredentialName(branchNames(branch), REPOSITORY).toLowerCase())).toBeGreaterThanOrEqual(10);
    az.requests.reset();
    expect((await provision(az, branch, identityInputs)).result.federated?.result).toBe('unchanged');
    expect(az.requests.count('GET', /federatedIdentityCredentials$/)).toBe(2);
    expect(az.requests.count('PUT', /federatedIdentityCredentials\//)).toBe(0);
  });

  it('refuses a bad collation before asking ARM, in seconds, naming the input', async () => {
    az.requests.reset();
    const started = Date.now();
    const error = await userErrorOf(provision(az, `badcoll-${run}`, { collation: 'en_US.UTF-9', timeout: '10m' }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toMatch(/^Input `collation` is "en_US.UTF-9"/);
    expect(az.requests.count('PUT', /\/databases\//)).toBe(0);
    expect((await sql.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [branchNames(`badcoll-${run}`).role])).rowCount).toBe(0);
  });
});

describe('a slow Azure', () => {
  it('a create that stays in progress longer than `timeout` ends the run within one poll interval of it, saying so; a re-run finishes', async () => {
    const az = await startAzureEmulator({ operationMs: 15_000, identities: [IDENTITY], postgres: serviceTarget(pg) });
    try {
      const branch = `slow-${run}`;
      const started = Date.now();
      const error = await userErrorOf(provision(az, branch, { timeout: '3s', 'poll-interval': '1s' }));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(2500);
      expect(elapsed).toBeLessThan(3000 + 1000 + 500);
      expect(error.message).toMatch(/^Creating database slow_\w+ did not finish within the \d+(\.\d+)?s left of `timeout`: ARM still reports it in progress/);
      expect(error.fix).toContain('Raise `timeout`');
      await az.drain();
      az.setOperationMs(50);
      expect((await provision(az, branch)).result.created).toBe(false);
    } finally {
      await az.close();
    }
  }, 60_000);
});
