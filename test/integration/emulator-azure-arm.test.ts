// Fidelity of the ARM Flexible Server emulator, proven with the real
// @azure/arm-postgresql-flexible client signed in through @azure/identity,
// with the real PostgreSQL server behind the preset server.
import https from 'node:https';
import type { TokenCredential } from '@azure/identity';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorCredential, flexibleServerClient } from '../emulators/azure/clients.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { JwtKey, nowSeconds } from '../emulators/azure/jwt.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';

const info = sharedPostgres();
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const poll = { updateIntervalInMs: 20 };
let az: AzureEmulator;
let admin: pg.Client;

async function exists(name: string): Promise<boolean> {
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length === 1;
}

function restCode(error: unknown): { code?: unknown; statusCode?: unknown } {
  return error && typeof error === 'object' ? error : {};
}

function raw(method: string, path: string, token: string | undefined): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${az.url}${path}`, { method, ca: az.caPem, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(method === 'PUT' ? JSON.stringify({ properties: { charset: 'UTF8', collation: 'en_US.utf8' } }) : undefined);
  });
}

describe.skipIf(!info)('ARM Flexible Server databases with PostgreSQL behind', () => {
  beforeAll(async () => {
    az = await startAzureEmulator({ operationMs: 100, postgres: serviceTarget(info!), listPageSize: 2 });
    admin = new pg.Client({ connectionString: info!.connectionString });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await az?.close();
  });
  beforeEach(async () => {
    az.faults.clear();
    await az.drain(); // one operation at a time: none of a previous test may still run
  });

  it('GETs the preset server with the properties a policy check reads', async () => {
    const server = await flexibleServerClient(az).servers.get(az.resourceGroup, az.serverName);
    expect(server).toMatchObject({
      name: az.serverName,
      state: 'Ready',
      version: '16',
      administratorLogin: info!.user,
      highAvailability: { mode: 'ZoneRedundant' },
      backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
      network: { publicNetworkAccess: 'Disabled' },
    });
    expect(server.network?.delegatedSubnetResourceId).toMatch(/\/subnets\//);
    expect(server.fullyQualifiedDomainName).toBe(`${az.serverName}.postgres.database.azure.com`);
  });

  it('creates, reads, lists and drops a database for real', async () => {
    const client = flexibleServerClient(az);
    const name = `feature_${suffix}`;
    const polls = az.operationPolls;
    const created = await client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8', collation: 'en_US.utf8' }, poll);
    expect(created).toMatchObject({ name, charset: 'UTF8', collation: 'en_US.utf8', type: 'Microsoft.DBforPostgreSQL/flexibleServers/databases' });
    expect(await exists(name)).toBe(true);
    expect(az.operationPolls).toBeGreaterThan(polls);

    expect(await client.databases.get(az.resourceGroup, az.serverName, name)).toMatchObject({ name, collation: 'en_US.utf8' });
    const names: string[] = [];
    for await (const db of client.databases.listByServer(az.resourceGroup, az.serverName)) names.push(db.name ?? '');
    expect(names).toEqual(expect.arrayContaining(['postgres', 'azure_maintenance', 'azure_sys', name]));
    expect(names).not.toContain('template0');
    expect(az.requests.count('GET', /\/databases$/)).toBeGreaterThan(1); // paged with nextLink (page size 2)

    await client.databases.beginDeleteAndWait(az.resourceGroup, az.serverName, name, poll);
    expect(await exists(name)).toBe(false);
    const gone = client.databases.get(az.resourceGroup, az.serverName, name);
    await expect(gone).rejects.toSatisfy((e: unknown) => restCode(e).code === 'ResourceNotFound' && restCode(e).statusCode === 404);
    // Deleting what is gone converges: 204, no operation.
    await client.databases.beginDeleteAndWait(az.resourceGroup, az.serverName, name, poll);
  });

  it('sees databases made or dropped by SQL, as the real server would', async () => {
    const name = `by_sql_${suffix}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const client = flexibleServerClient(az);
    expect(await client.databases.get(az.resourceGroup, az.serverName, name)).toMatchObject({ name, charset: 'UTF8' });
    await admin.query(`DROP DATABASE "${name}"`);
    await expect(client.databases.get(az.resourceGroup, az.serverName, name)).rejects.toThrow(/was not found/);
  });

  it('answers 202 with the long-running-operation headers and a status document', async () => {
    const { token } = await emulatorCredential(az).getToken(`${az.armEndpoint}/.default`);
    const name = `raw_${suffix}`;
    const path = `/subscriptions/${az.subscriptionId}/resourceGroups/${az.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${az.serverName}/databases/${name}?api-version=2025-08-01`;
    const put = await raw('PUT', path, token);
    expect(put.status).toBe(202);
    expect(put.headers['azure-asyncoperation']).toMatch(/\/azureAsyncOperation\/[0-9a-f-]+\?api-version=2025-08-01$/);
    expect(put.headers.location).toMatch(/\/operationResults\//);
    expect(put.headers['retry-after']).toBe('0');
    const statusPath = String(put.headers['azure-asyncoperation']).slice(az.url.length);
    expect(JSON.parse((await raw('GET', statusPath, token)).body)).toMatchObject({ status: 'InProgress' });
    await az.drain();
    expect(JSON.parse((await raw('GET', statusPath, token)).body)).toMatchObject({ status: 'Succeeded', endTime: expect.any(String) });
    expect(await exists(name)).toBe(true);
    const del = await raw('DELETE', path, token);
    expect(del.status).toBe(202);
    await az.drain();
    expect(await exists(name)).toBe(false);
    expect((await raw('DELETE', path, token)).status).toBe(204);
  });

  it('rejects reserved database names', async () => {
    const client = flexibleServerClient(az);
    for (const name of ['postgres', 'azure_maintenance', 'azure_sys', 'template1']) {
      const attempt = client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8' }, poll);
      await expect(attempt).rejects.toSatisfy((e: unknown) => restCode(e).code === 'InvalidParameterValue' && restCode(e).statusCode === 400);
    }
    const drop = client.databases.beginDeleteAndWait(az.resourceGroup, az.serverName, 'azure_sys', poll);
    await expect(drop).rejects.toThrow(/Invalid value given for parameter databaseName/);
  });

  it('answers ResourceGroupNotFound and ResourceNotFound', async () => {
    const client = flexibleServerClient(az);
    await expect(client.servers.get('rg-missing', az.serverName)).rejects.toSatisfy((e: unknown) => restCode(e).code === 'ResourceGroupNotFound');
    await expect(client.servers.get(az.resourceGroup, 'psql-missing')).rejects.toSatisfy((e: unknown) => restCode(e).code === 'ResourceNotFound');
  });

  it('refuses tokens it did not issue, and requests without one', async () => {
    const forged: TokenCredential = {
      getToken: () =>
        Promise.resolve({
          token: new JwtKey().sign({ aud: 'https://management.azure.com', tid: az.tenantId, exp: nowSeconds() + 600 }),
          expiresOnTimestamp: Date.now() + 600_000,
        }),
    };
    const attempt = flexibleServerClient(az, forged).servers.get(az.resourceGroup, az.serverName);
    await expect(attempt).rejects.toSatisfy((e: unknown) => restCode(e).code === 'InvalidAuthenticationToken' && restCode(e).statusCode === 401);
    const anonymous = await raw(
      'GET',
      `/subscriptions/${az.subscriptionId}/resourceGroups/${az.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${az.serverName}?api-version=2025-08-01`,
      undefined,
    );
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=/);
  });

  it('matches ARM path segments without regard to case, and requires a known api-version', async () => {
    const { token } = await emulatorCredential(az).getToken('https://management.azure.com/.default');
    const lower = `/subscriptions/${az.subscriptionId}/resourcegroups/${az.resourceGroup}/providers/microsoft.dbforpostgresql/flexibleservers/${az.serverName}`;
    expect((await raw('GET', `${lower}?api-version=2025-08-01`, token)).status).toBe(200);
    const missing = await raw('GET', lower, token);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const unknown = await raw('GET', `${lower}?api-version=2019-01-01`, token);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'NoRegisteredProviderFound' } });
  });

  it('lets the SDK retry 429 and 503, and dropped connections', async () => {
    const client = flexibleServerClient(az, undefined, { retryOptions: { retryDelayInMs: 10, maxRetries: 3 } });
    const serverPath = new RegExp(`/flexibleServers/${az.serverName}$`);
    az.faults.script(
      { method: 'GET', path: serverPath, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 },
      { method: 'GET', path: serverPath, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'GET', path: serverPath, fault: { kind: 'drop' }, times: 1 },
    );
    const before = az.requests.count('GET', serverPath);
    expect((await client.servers.get(az.resourceGroup, az.serverName)).state).toBe('Ready');
    expect(az.requests.count('GET', serverPath) - before).toBe(4);
    expect(az.faults.injected).toBeGreaterThanOrEqual(3);
  });

  it('reports ServerBusy: as a 409 the SDK does not retry, and as a failed operation', async () => {
    const client = flexibleServerClient(az);
    const name = `busy_${suffix}`;
    az.faults.script({ method: 'PUT', path: /\/databases\//, fault: { kind: 'status', status: 409, code: 'ServerBusy' }, times: 1 });
    const before = az.requests.count('PUT', /\/databases\//);
    const busy = client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8' }, poll);
    await expect(busy).rejects.toSatisfy((e: unknown) => restCode(e).code === 'ServerBusy' && restCode(e).statusCode === 409);
    expect(az.requests.count('PUT', /\/databases\//) - before).toBe(1);

    az.failOperations({ code: 'ServerBusy', message: `The server '${az.serverName}' is busy processing another operation.` });
    const failed = client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8' }, poll);
    await expect(failed).rejects.toThrow(/ServerBusy/);
    expect(await exists(name)).toBe(false);
  });

  it('runs one database operation at a time per server: an overlapping one gets 409 ServerBusy or an operation that fails with ServerBusy, in turn', async () => {
    const client = flexibleServerClient(az);
    const first = `first_${suffix}`;
    const running = client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, first, { charset: 'UTF8', collation: 'en_US.utf8' }, poll);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refusedBefore = az.busyRefusals;
    const overlap = (name: string) =>
      client.databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8', collation: 'en_US.utf8' }, poll);
    const results = await Promise.allSettled([overlap(`second_${suffix}`), overlap(`third_${suffix}`)]);
    // A 409 surfaces as the SDK's RestError (code, statusCode); a failed operation as a plain Error naming the code.
    const failures = results.map((r) => (r.status === 'rejected' ? { ...restCode(r.reason), text: String(r.reason) } : { text: 'succeeded' }));
    expect(failures.every((f) => f.code === 'ServerBusy' || /ServerBusy/.test(f.text))).toBe(true);
    expect(
      failures
        .map((f) => f.statusCode ?? 'operation')
        .map(String)
        .sort(),
    ).toEqual(['409', 'operation']);
    expect(az.busyRefusals - refusedBefore).toBe(2);
    await running;
    expect(await exists(first)).toBe(true);
    expect(await exists(`second_${suffix}`)).toBe(false);
    await client.databases.beginDeleteAndWait(az.resourceGroup, az.serverName, first, poll);
  });

  it('answers ServerIsNotReady while the server is Updating', async () => {
    az.updateServer({ state: 'Updating' });
    try {
      const attempt = flexibleServerClient(az).databases.beginCreateAndWait(az.resourceGroup, az.serverName, `updating_${suffix}`, { charset: 'UTF8' }, poll);
      await expect(attempt).rejects.toSatisfy((e: unknown) => restCode(e).code === 'ServerIsNotReady' && restCode(e).statusCode === 409);
    } finally {
      az.updateServer({ state: 'Ready' });
    }
  });

  it.each([
    ['collation', { charset: 'UTF8', collation: 'en_US.utf-9' }],
    ['charset', { charset: 'KLINGON', collation: 'en_US.utf8' }],
  ])('fails an unknown %s as Azure does: the operation ends InternalServerError, with no word on what is wrong', async (_what, properties) => {
    const name = `badlocale_${suffix}`;
    const attempt = flexibleServerClient(az).databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, properties, poll);
    await expect(attempt).rejects.toSatisfy(
      (e: unknown) => /InternalServerError\. An unexpected error occured while processing the request/.test(String(e)) && !/collation|charset/i.test(String(e)),
    );
    expect(await exists(name)).toBe(false);
  });

  it('gives a database ARM creates to the password admin, with public owned by azure_pg_admin', async () => {
    const name = `owned_${suffix}`;
    await flexibleServerClient(az).databases.beginCreateAndWait(az.resourceGroup, az.serverName, name, { charset: 'UTF8', collation: 'en_US.utf8' }, poll);
    const { rows } = await admin.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [name]);
    expect(rows[0]?.owner).toBe(info!.user);
    const inside = new pg.Client({ host: info!.host, port: info!.port, user: info!.user, password: info!.password, database: name });
    await inside.connect();
    try {
      expect((await inside.query<{ owner: string }>("SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'public'")).rows[0]?.owner).toBe(
        'azure_pg_admin',
      );
    } finally {
      await inside.end();
    }
    await flexibleServerClient(az).databases.beginDeleteAndWait(az.resourceGroup, az.serverName, name, poll);
  });
});
