// provision-db and cleanup-branch on each PostgreSQL major Azure offers (TEST_PG_MAJORS,
// default 15,16,17), behind the Azure emulator with Azure's privilege model: signed in as the
// admin, which is not a superuser. Who owns a database ARM creates (the password admin, the
// first Entra admin of an Entra-only server, azuresu while there is no admin) and what the
// suite does about it; PostgreSQL 16's CREATEROLE (no implicit membership) on cleanup.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { parseOwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import { closeQuietly, connectOnce, type PgClient } from '../../shared/postgres/client.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { provisionDb } from '../../actions/provision-db/provision-db.ts';
import { readInputs as readCleanupInputs } from '../../actions/cleanup-branch/inputs.ts';
import { cleanupBranch } from '../../actions/cleanup-branch/cleanup-branch.ts';
import { fetchOidcToken, flexibleServerClient } from '../emulators/azure/clients.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { matrixMajors, serviceTarget, startPostgres, type PostgresServer } from '../emulators/postgres.ts';
import { emulatorInputs, userErrorOf } from '../helpers/provision-db.ts';

const REPOSITORY = 'octo-org/preview-app';
const context: EventContext = {
  eventName: 'push',
  repository: { owner: 'octo-org', repo: 'preview-app' },
  serverUrl: 'https://github.com',
  apiUrl: '',
  deleted: false,
};

describe.each(matrixMajors())("PostgreSQL %i with Azure's privilege model", (major) => {
  let pg: PostgresServer;
  let az: AzureEmulator;
  let admin: PgClient;
  let dir: string;

  beforeAll(async () => {
    pg = await startPostgres({ major });
    az = await startAzureEmulator({ operationMs: 30, postgres: serviceTarget(pg) });
    admin = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
    dir = await mkdtemp(path.join(tmpdir(), 'pdb-model-'));
    await writeFile(path.join(dir, '1_items.sql'), 'CREATE TABLE items (id serial PRIMARY KEY, name text);');
  });
  afterAll(async () => {
    await closeQuietly(admin);
    await az?.close();
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const base = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...emulatorInputs(az, pg),
    'admin-user': pg.user,
    'poll-interval': '50ms',
    timeout: '60s',
    ...extra,
  });
  const provision = (branch: string, extra: Record<string, string> = {}) =>
    provisionDb(readInputs(new InputReader(inputsFromRecord({ branch, ...base(extra) })), {}), context, {
      logger: new RecordingLogger(),
      azureClientOptions: az.clientOptions,
      getIdToken: (a) => fetchOidcToken(az, a),
      setSecret: () => undefined,
      passwordStore: null,
    });
  const cleanup = async (branch: string, extra: Record<string, string> = {}) => {
    const logger = new RecordingLogger();
    const report = await cleanupBranch(readCleanupInputs(new InputReader(inputsFromRecord({ branch, ...base(extra), repository: REPOSITORY }))), context, {
      logger,
      azureClientOptions: az.clientOptions,
      getIdToken: (a) => fetchOidcToken(az, a),
      setSecret: () => undefined,
      env: {},
    });
    return { report, logger };
  };
  const ownerOf = async (database: string) =>
    (await admin.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database])).rows[0]?.owner;
  const roleExists = async (role: string) => ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount ?? 0) > 0;

  it('signs tests in as an admin that is not a superuser, as on Azure', async () => {
    const me = (
      await admin.query<{ version: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; member: boolean }>(
        "SELECT current_setting('server_version_num') AS version, rolsuper, rolcreatedb, rolcreaterole, pg_has_role(current_user, 'azure_pg_admin', 'MEMBER') AS member FROM pg_roles WHERE rolname = current_user",
      )
    ).rows[0];
    expect(me).toMatchObject({ rolsuper: false, rolcreatedb: true, rolcreaterole: true, member: true });
    expect(Math.floor(Number(me?.version) / 10000)).toBe(major);
    const su = (await admin.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = 'azuresu'")).rows[0];
    expect(su?.rolsuper).toBe(true);
    const dbs = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'azure%' ORDER BY 1")).rows.map((r) => r.datname);
    expect(dbs).toEqual(['azure_maintenance', 'azure_sys']);
    expect((await admin.query<{ owner: string }>("SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'public'")).rows[0]?.owner).toBe(
      'azure_pg_admin',
    );
    await expect(admin.query('CREATE EXTENSION IF NOT EXISTS adminpack')).rejects.toThrow();
    await expect(admin.query('ALTER ROLE azuresu PASSWORD NULL')).rejects.toThrow(/permission denied|must be superuser|privilege/i);
  });

  it('password admin: ARM creates the database for the admin, provision-db grants and marks it, cleanup removes database and role (the role owns a table)', async () => {
    const branch = `pw-${major}`;
    const result = await provision(branch, { migrations: dir });
    expect(result).toMatchObject({ created: true, migrationsApplied: ['1_items.sql'] });
    expect(az.requests.count('PUT', /\/databases\//)).toBeGreaterThan(0);
    expect(await ownerOf(result.plan.database)).toBe(pg.user);
    const comment = (
      await admin.query<{ c: string }>("SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1", [result.plan.database])
    ).rows[0]?.c;
    expect(parseOwnershipMark(comment)).toMatchObject({ branch, repository: REPOSITORY, role: result.plan.role });
    const { report } = await cleanup(branch);
    const actions = Object.fromEntries(report.outcomes.map((o) => [o.kind, o.action]));
    expect(actions).toMatchObject({ database: 'removed', role: 'removed' });
    expect(await ownerOf(result.plan.database)).toBeUndefined();
    expect(await roleExists(result.plan.role)).toBe(false);
  });

  it('Entra admin on a server that also has a password admin: creates the database with SQL so it owns it (ARM would give it to the password admin)', async () => {
    const entra = `aad_admin_${major}`;
    await az.addEntraAdmin(entra, `Aad-${major}-pw`);
    const branch = `entra-${major}`;
    const before = az.requests.count('PUT', /\/databases\//);
    const result = await provision(branch, { 'admin-user': entra, 'admin-password': `Aad-${major}-pw`, collation: 'C.utf8' });
    expect(result.created).toBe(true);
    expect(az.requests.count('PUT', /\/databases\//)).toBe(before);
    expect(await ownerOf(result.plan.database)).toBe(entra);
    const refused = await userErrorOf(provision(`entra-arm-${major}`, { 'admin-user': entra, 'admin-password': `Aad-${major}-pw`, 'create-method': 'arm' }));
    expect(refused.message).toContain(`owned by "${pg.user}"`);
    expect(refused.message).toContain(`signed in as "${entra}"`);
    expect(refused.fix).toContain(`Sign in as ${pg.user}`);
    expect(await roleExists(`entra_arm_${major}_user`)).toBe(false);
    // Cleanup as the Entra admin: ARM drops it whoever owns it.
    const { report } = await cleanup(branch, { 'admin-user': entra, 'admin-password': `Aad-${major}-pw` });
    expect(Object.fromEntries(report.outcomes.map((o) => [o.kind, o.action]))).toMatchObject({ database: 'removed', role: 'removed' });
  });

  it('a database ARM made while the server had no admin belongs to azuresu: provision-db refuses before changing anything, naming owner, admin and fix', async () => {
    const arm = flexibleServerClient(az);
    az.setPasswordAuth(false);
    const server = az.state.servers.get(az.serverName.toLowerCase())!;
    const entraAdmins = server.entraAdmins.splice(0);
    try {
      await arm.databases.beginCreateAndWait(
        az.resourceGroup,
        az.serverName,
        `nobody_${major}`,
        { charset: 'UTF8', collation: 'en_US.utf8' },
        { updateIntervalInMs: 20 },
      );
    } finally {
      az.setPasswordAuth(true);
      server.entraAdmins.push(...entraAdmins);
    }
    expect(await ownerOf(`nobody_${major}`)).toBe('azuresu');
    const error = await userErrorOf(provision(`nobody-${major}`, { database: `nobody_${major}`, 'adopt-existing': 'true' }));
    expect(error.message).toContain(`owned by "azuresu"`);
    expect(error.message).toContain(`signed in as "${pg.user}"`);
    expect(error.message).toContain('changed nothing');
    expect(error.fix).toContain('create-method: sql');
    expect(await roleExists(`nobody_${major}_user`)).toBe(false);
  });

  it('on an Entra-only server ARM gives new databases to the first Entra admin, and provision-db refuses the server before any change (the branch role signs in with a password)', async () => {
    const arm = flexibleServerClient(az);
    const first = `aad_first_${major}`;
    const server = az.state.servers.get(az.serverName.toLowerCase())!;
    const saved = server.entraAdmins.splice(0);
    await az.addEntraAdmin(first, 'First-pw-1');
    await az.addEntraAdmin(`aad_second_${major}`, 'Second-pw-1');
    az.setPasswordAuth(false);
    try {
      await arm.databases.beginCreateAndWait(
        az.resourceGroup,
        az.serverName,
        `entraonly_${major}`,
        { charset: 'UTF8', collation: 'en_US.utf8' },
        { updateIntervalInMs: 20 },
      );
      expect(await ownerOf(`entraonly_${major}`)).toBe(first);
      const error = await userErrorOf(provision(`entraonly-${major}`, { 'admin-user': first, 'admin-password': 'First-pw-1' }));
      expect(error.message).toContain('password sign-in disabled');
      expect(await roleExists(`entraonly_${major}_user`)).toBe(false);
    } finally {
      az.setPasswordAuth(true);
      server.entraAdmins.splice(0, server.entraAdmins.length, ...saved);
    }
  });
});
