// provision-db through its bundle, as the runner runs it: GitHub OIDC to the Azure emulator
// (its CA through NODE_EXTRA_CA_CERTS), ARM creating real databases on the shared
// PostgreSQL server, the Kubernetes emulator holding the branch Secret for re-runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { visibleLines } from '../helpers/render-summary.ts';
import { closeQuietly, connectOnce, connectPostgres, type PgClient } from '../../shared/postgres/client.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, emulatorInputs, type Made } from '../helpers/provision-db.ts';
import { markedNamespace } from '../helpers/marked.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const pg = sharedPostgres()!;
const run = Math.random().toString(36).slice(2, 8);
let az: AzureEmulator;
let kube: KubeEmulator;
let sql: PgClient;
let dir: string;
const made: Made = { databases: new Set(), roles: new Set() };

beforeAll(async () => {
  az = await startAzureEmulator({ operationMs: 100, repository: 'octo-org/preview-app', postgres: serviceTarget(pg) });
  kube = await startKubeEmulator();
  sql = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
  dir = await mkdtemp(path.join(tmpdir(), 'pdb-e2e-'));
  await writeFile(path.join(dir, 'ca.pem'), az.caPem);
});
afterAll(async () => {
  // What the runs made is dropped as the server's superuser (an Entra admin's database is not the password admin's to drop).
  const su = await connectOnce({
    host: pg.host,
    port: pg.port,
    user: serviceTarget(pg).user,
    password: serviceTarget(pg).password,
    database: 'postgres',
    sslmode: 'disable',
  }).catch(() => undefined);
  await dropMade(su ?? sql, made);
  await closeQuietly(su);
  await closeQuietly(sql);
  await az?.close();
  await kube?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  az.faults.clear();
  az.requests.reset();
  az.setAllowedSubjects(undefined);
});

function names(branch: string): { database: string; role: string; namespace: string } {
  const database = branch.replaceAll('-', '_');
  return { database, role: `${database}_user`, namespace: `feature-${branch}` };
}

async function provision(branch: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<RunResult> {
  az.setBranch(branch);
  const { database, role } = names(branch);
  made.databases.add(database);
  made.roles.add(role);
  return runAction('provision-db', {
    eventName: 'push',
    event: { ref: `refs/heads/${branch}`, repository: { name: 'preview-app', owner: { login: 'octo-org' }, default_branch: 'main' } },
    env: { ...az.env(), NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), GITHUB_REF: `refs/heads/${branch}`, ...env },
    inputs: { ...emulatorInputs(az, pg), 'poll-interval': '100ms', ...inputs },
  });
}

function connectAs(r: RunResult, database = r.outputs['database']!): Promise<PgClient> {
  return connectPostgres(
    { host: r.outputs['host']!, port: Number(r.outputs['port']), user: r.outputs['user']!, password: r.outputs['password']!, database, sslmode: 'disable' },
    { retryForMs: 0, login: 'role' },
  );
}

/** Values the run registered with ::add-mask:: (the runner hides them; they are not shown). */
function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length).trim());
}

/** What a person sees: stdout without the ::add-mask:: commands the runner consumes. */
function visible(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

function outputsBesides(r: RunResult, ...names: string[]): string {
  return Object.entries(r.outputs)
    .filter(([name]) => !names.includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

async function count(kind: 'database' | 'role', name: string): Promise<number> {
  const text = kind === 'database' ? 'SELECT 1 FROM pg_database WHERE datname = $1' : 'SELECT 1 FROM pg_roles WHERE rolname = $1';
  return (await sql.query(text, [name])).rowCount ?? 0;
}

async function snapshot(database: string, role: string): Promise<unknown> {
  // pg_authid (the password verifier) is for superusers only: the harness's, not the action's.
  const service = serviceTarget(pg);
  const su = await connectOnce({ host: pg.host, port: pg.port, user: service.user, password: service.password, database: 'postgres', sslmode: 'disable' });
  try {
    return await readSnapshot(su, database, role);
  } finally {
    await closeQuietly(su);
  }
}

async function readSnapshot(client: PgClient, database: string, role: string): Promise<unknown> {
  const { rows } = await client.query(
    `SELECT d.oid, d.datacl::text, shobj_description(d.oid, 'pg_database') AS dc, a.oid AS ro, a.rolpassword, shobj_description(a.oid, 'pg_authid') AS rc
       FROM pg_database d, pg_authid a WHERE d.datname = $1 AND a.rolname = $2`,
    [database, role],
  );
  return rows[0];
}

function errorLine(r: RunResult): string {
  const lines = r.stdout.split('\n').filter((line) => line.startsWith('::error::'));
  expect(lines).toHaveLength(1);
  return decodeURIComponent(lines[0]!.slice('::error::'.length).replace(/%(?![0-9A-F]{2})/g, '%25'));
}

describe('provision-db bundle', () => {
  it("creates the database and role; the role gets in and no other branch's role does; secrets never show", async () => {
    const a = await provision(`e2e-a-${run}`);
    expect(a.stderr).toBe('');
    expect(a.exitCode).toBe(0);
    const { database, role, namespace } = names(`e2e-a-${run}`);
    expect(a.outputs).toMatchObject({ database, user: role, namespace, created: 'true', 'password-source': 'created', host: pg.host, port: String(pg.port) });
    expect(a.outputs['database-url']).toBe(`postgresql://${role}:${a.outputs['password']}@${pg.host}:${pg.port}/${database}?sslmode=disable`);
    expect(az.state.databasesOf(az.serverName).has(database)).toBe(true);

    const client = await connectAs(a);
    await client.query('CREATE TABLE items (id serial PRIMARY KEY, name text)');
    await client.query("INSERT INTO items (name) VALUES ('one')");
    expect((await client.query('SELECT count(*)::int AS n FROM items')).rows[0]).toEqual({ n: 1 });
    await client.end();

    const b = await provision(`e2e-b-${run}`);
    expect(b.exitCode).toBe(0);
    await expect(connectAs(a, b.outputs['database'])).rejects.toThrow(/may not connect to database/);
    await expect(connectAs(b, a.outputs['database'])).rejects.toThrow(/may not connect to database/);

    const secrets = [a.outputs['password']!, a.outputs['database-url']!, pg.password, ...maskedValues(a.stdout)];
    expect(maskedValues(a.stdout)).toEqual(expect.arrayContaining([a.outputs['password'], a.outputs['database-url']]));
    expect(maskedValues(a.stdout).some((value) => value.split('.').length === 3 && value.length > 200)).toBe(true);
    for (const secret of secrets) {
      expect(visible(a.stdout)).not.toContain(secret);
      expect(a.summary).not.toContain(secret);
      expect(a.stderr).not.toContain(secret);
      expect(outputsBesides(a, 'password', 'database-url')).not.toContain(secret);
    }
    expect(a.outputFile).not.toContain(pg.password);
    expect(a.summary).toContain('<td>Database status</td><td>created</td>');
    expect(a.summary).toContain(`<td>Role</td><td>${role}</td>`);
    expect(a.summary).toContain('<td>Time taken</td>');
  });

  it('a second run with the kubeconfig reads the password back and changes nothing', async () => {
    const branch = `e2e-rerun-${run}`;
    const first = await provision(branch);
    expect(first.exitCode).toBe(0);
    const { database, role, namespace } = names(branch);
    kube.store.seed(markedNamespace(branch, 'octo-org/octo-repo'));
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'database-credentials', namespace },
      data: { PGPASSWORD: Buffer.from(first.outputs['password']!).toString('base64') },
    });
    const before = await snapshot(database, role);
    az.requests.reset();
    const second = await provision(branch, { kubeconfig: kube.kubeconfig() });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ created: 'false', 'password-source': 'recovered', password: first.outputs['password'] });
    expect(await snapshot(database, role)).toEqual(before);
    expect(az.requests.count('PUT')).toBe(0);
    expect(second.summary).toContain('<td>Database status</td><td>unchanged</td>');
    expect(visible(second.stdout)).not.toContain('::warning::');
    expect(maskedValues(second.stdout)).toContain(kube.token);
    expect(visible(second.stdout)).not.toContain(kube.token);
  });

  it('converges through 429, 503, ServerBusy and dropped connections, with no duplicates', async () => {
    const branch = `e2e-faults-${run}`;
    az.faults.script(
      { method: 'GET', path: /flexibleServers\/[^/]+$/, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 1 },
      { method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 409, code: 'ServerBusy' }, times: 1 },
      { method: 'PUT', path: /\/databases\//, fault: { kind: 'drop' }, times: 1 },
      { method: 'GET', path: /azureAsyncOperation/, fault: { kind: 'drop' }, times: 1 },
    );
    az.failOperations({ code: 'ServerBusy', message: 'The server is busy.' }, 1);
    const r = await provision(branch);
    expect(r.exitCode).toBe(0);
    expect(r.outputs['created']).toBe('true');
    expect(az.faults.injected).toBe(5);
    const { database, role } = names(branch);
    expect(await count('database', database)).toBe(1);
    expect(await count('role', role)).toBe(1);
    const again = await provision(branch);
    expect(again.outputs['created']).toBe('false');
    expect(await count('database', database)).toBe(1);
  });
});

describe('provision-db bundle: bad input', () => {
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(port));
      });
    });

  it.each([
    ['a protected database', { database: 'postgres' }, /Database "postgres" is protected/, /Leave `database` empty/],
    ['a malformed database name', { database: 'ex-3-9;drop' }, /Input `database` must be a PostgreSQL name/, /ex_3_9/],
    [
      'a missing server',
      { server: 'psql-missing' },
      /Flexible Server "psql-missing" was not found in resource group "rg-preview" \(ARM ResourceNotFound/,
      /Check `server`/,
    ],
    ['a missing resource group', { 'resource-group': 'rg-missing' }, /Resource group "rg-missing" does not exist/, /Check `resource-group`/],
    ['a wrong admin password', { 'admin-password': 'not-the-password' }, /refused the password of the admin login/, /Check `admin-password`/],
    ['a TLS failure', { sslmode: 'verify-full' }, /does not offer TLS, and `sslmode` is verify-full/, /sslmode: disable/],
  ])('%s: one line with the reason and the fix, nothing created', async (_what, inputs, reason, fix) => {
    const branch = `e2e-bad-${Object.keys(inputs)[0]!}-${run}`;
    const r = await provision(branch, inputs);
    expect(r.exitCode).toBe(1);
    const line = errorLine(r);
    expect(line).toMatch(reason);
    expect(line).toMatch(fix);
    expect(line).not.toContain('bug in the suite');
    expect(Object.keys(r.outputs).filter((name) => name !== 'verdict')).toEqual([]);
    const { database, role } = names(branch);
    expect(await count('database', database)).toBe(0);
    expect(await count('role', role)).toBe(0);
  });

  it('an unreachable host', async () => {
    const branch = `e2e-bad-host-${run}`;
    const r = await provision(branch, { port: String(await closedPort()), timeout: '3s' });
    expect(r.exitCode).toBe(1);
    expect(errorLine(r)).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:\d+ \(ECONNREFUSED.*gave up after \d+ attempts.*Check `host` and `port`/);
    expect(await count('role', names(branch).role)).toBe(0);
  });

  it('a federated credential Entra does not know names the subject GitHub presented', async () => {
    const branch = `e2e-bad-oidc-${run}`;
    az.setAllowedSubjects(['repo:octo-org/preview-app:ref:refs/heads/main']);
    const r = await provision(branch);
    expect(r.exitCode).toBe(1);
    const line = errorLine(r);
    expect(line).toContain(`for the subject GitHub presented: "repo:octo-org/preview-app:ref:refs/heads/${branch}" (AADSTS700213)`);
    expect(line).toContain('Federated credentials');
    expect(await count('role', names(branch).role)).toBe(0);
  });

  it('a policy the server does not meet: the summary still shows the server', async () => {
    const branch = `e2e-bad-policy-${run}`;
    const r = await provision(branch, { 'min-backup-retention-days': '30' });
    expect(r.exitCode).toBe(1);
    expect(errorLine(r)).toContain('required at least 30 days, actual 7 days');
    expect(r.summary).toContain(`Server ${az.serverName}`);
    expect(r.summary).toMatch(/<td>(NO|❌ no)<\/td>/);
    // First the verdict, then the unmet requirement in one line with the fix, visible unfolded.
    const lines = visibleLines(r.summary);
    expect(lines[0]).toMatch(/^❌ provision-db: Provisioning of database \S+ and role \S+ failed in [0-9.]+m?s$/);
    expect(lines[1]).toMatch(/^❌ Server \S+ .*: required at least 30 days, actual 7 days\. Fix: change the server/);
    expect(await count('role', names(branch).role)).toBe(0);
  });
});

describe('provision-db bundle on Azure as it is (one operation at a time, owners, slow operations)', () => {
  const identity = {
    'identity-name': 'id-preview-workload',
    'service-account': 'todo-app',
    'oidc-issuer': 'https://oidc.prod-aks.example.com/tenant/cluster/',
  };

  it('two runs for two branches on one managed identity at once both succeed (409 Concurrent... and ServerBusy waited out)', async () => {
    const [a, b] = [`e2e-twin-a-${run}`, `e2e-twin-b-${run}`];
    az.state.writingIdentities.add('id-preview-workload');
    const refused = az.state.concurrentWriteRefusals;
    const both = Promise.all([provision(a, identity), provision(b, identity)]);
    try {
      const end = Date.now() + 30_000;
      while (az.state.concurrentWriteRefusals - refused < 2 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      az.state.writingIdentities.delete('id-preview-workload');
    }
    const [ra, rb] = await both;
    expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
    expect(az.state.concurrentWriteRefusals - refused).toBeGreaterThanOrEqual(2);
    expect([ra.outputs['created'], rb.outputs['created']]).toEqual(['true', 'true']);
    // Which run meets the 409 is a race (both refusals can land on one): a run that met it says it retried.
    const retried = [ra.stdout, rb.stdout].filter((out) => /ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity.*retrying/.test(out));
    expect(retried.length).toBeGreaterThanOrEqual(1);
  });

  it('signed in as an Entra admin on a server that also has a password admin: the database is created with SQL and owned by that admin', async () => {
    await az.addEntraAdmin(`aad_e2e_${run}`, `Aad-${run}-pw`);
    const branch = `e2e-entra-${run}`;
    const r = await provision(branch, { 'admin-user': `aad_e2e_${run}`, 'admin-password': `Aad-${run}-pw`, collation: 'C.utf8' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('will be created with CREATE DATABASE');
    expect(az.requests.count('PUT', /\/databases\//)).toBe(0);
    const owner = await sql.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [names(branch).database]);
    expect(owner.rows[0]?.owner).toBe(`aad_e2e_${run}`);
    const role = await connectAs(r);
    await closeQuietly(role);
  });

  it('a database another admin owns is refused before any change, naming owner, signed-in admin and fix', async () => {
    await az.addEntraAdmin(`aad_other_${run}`, `Other-${run}-pw`);
    const branch = `e2e-owned-${run}`;
    expect((await provision(branch)).exitCode).toBe(0);
    const r = await provision(branch, { 'admin-user': `aad_other_${run}`, 'admin-password': `Other-${run}-pw` });
    expect(r.exitCode).toBe(1);
    const line = errorLine(r);
    expect(line).toContain(`Database "${names(branch).database}" is owned by "${pg.user}", but provision-db is signed in as "aad_other_${run}"`);
    expect(line).toContain('changed nothing');
    expect(line).toContain(`Sign in as ${pg.user}`);
  });

  it('a bad collation fails within seconds, naming the input, with nothing created', async () => {
    const branch = `e2e-coll-${run}`;
    const started = Date.now();
    const r = await provision(branch, { collation: 'en_US.utf-9' });
    expect(r.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errorLine(r)).toMatch(/Input `collation` is "en_US.utf-9", which the server does not have/);
    expect(az.requests.count('PUT', /\/databases\//)).toBe(0);
    expect(await count('role', names(branch).role)).toBe(0);
  });

  it('a create slower than `timeout` ends the step within one poll interval of it', async () => {
    const slow = await startAzureEmulator({ operationMs: 20_000, repository: 'octo-org/preview-app', postgres: serviceTarget(pg) });
    try {
      await writeFile(path.join(dir, 'slow-ca.pem'), slow.caPem);
      const branch = `e2e-slow-${run}`;
      made.databases.add(names(branch).database);
      made.roles.add(names(branch).role);
      const started = Date.now();
      const r = await runAction('provision-db', {
        eventName: 'push',
        event: { ref: `refs/heads/${branch}`, repository: { name: 'preview-app', owner: { login: 'octo-org' }, default_branch: 'main' } },
        env: { ...slow.env(), NODE_EXTRA_CA_CERTS: path.join(dir, 'slow-ca.pem'), GITHUB_REF: `refs/heads/${branch}` },
        inputs: { ...emulatorInputs(slow, pg), timeout: '4s', 'poll-interval': '1s' },
      });
      const elapsed = Date.now() - started;
      expect(r.exitCode).toBe(1);
      expect(errorLine(r)).toMatch(/Creating database e2e_slow_\w+ did not finish within the [\d.]+s left of `timeout`/);
      // timeout 4 s + one poll interval (1 s) + the process start.
      expect(elapsed).toBeLessThan(4000 + 1000 + 1500);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
