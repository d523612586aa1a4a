// provision-db on a plain PostgreSQL server (SQL-only mode, no ARM), against the real server:
// isolation between branches, ownership marks and refusals, re-runs that change nothing,
// password recovery and rotation, migrations once and in one transaction.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { parseOwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import { closeQuietly, connectOnce, connectPostgres, quoteIdent, quoteLiteral, type PgClient, type PgTarget } from '../../shared/postgres/client.ts';
import { lockBranch } from '../../actions/provision-db/access.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { provisionDb, type ProvisionResult } from '../../actions/provision-db/provision-db.ts';
import type { PasswordStore } from '../../actions/provision-db/secret-store.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, userErrorOf, type Made, sqlOnlyInputs } from '../helpers/provision-db.ts';

const shared = sharedPostgres()!;
const admin: PgTarget = { host: shared.host, port: shared.port, user: shared.user, password: shared.password, database: 'postgres', sslmode: 'disable' };
const run = Math.random().toString(36).slice(2, 8);
const context: EventContext = { eventName: 'push', repository: undefined, serverUrl: '', apiUrl: '', deleted: false };
let sql: PgClient;
/** The superuser, only to read pg_authid (password verifiers) in snapshots. */
let su: PgClient;
let workspace: string;
const made: Made = { databases: new Set(), roles: new Set() };

beforeAll(async () => {
  sql = await connectOnce(admin);
  const service = serviceTarget(shared);
  su = await connectOnce({ ...admin, user: service.user, password: service.password });
  workspace = await mkdtemp(path.join(tmpdir(), 'pdb-sql-'));
});
afterAll(async () => {
  await dropMade(sql, made);
  await closeQuietly(sql);
  await closeQuietly(su);
  await rm(workspace, { recursive: true, force: true });
});

function store(password: string | undefined): PasswordStore {
  return { describe: 'Secret test/database-credentials (key PGPASSWORD)', read: () => Promise.resolve(password) };
}

async function provision(
  branch: string,
  extra: Record<string, string> = {},
  passwordStore: PasswordStore | null = null,
): Promise<{ result: ProvisionResult; logger: RecordingLogger; masked: string[] }> {
  const inputs = readInputs(
    new InputReader(
      inputsFromRecord({
        branch,
        ...sqlOnlyInputs(shared, workspace),
        timeout: '30s',
        ...extra,
      }),
    ),
    {},
  );
  const logger = new RecordingLogger();
  const masked: string[] = [];
  const result = await provisionDb(inputs, context, { logger, passwordStore, setSecret: (value) => masked.push(value) });
  made.databases.add(result.plan.database);
  made.roles.add(result.plan.role);
  return { result, logger, masked };
}

async function asRole(result: ProvisionResult, database = result.plan.database, password = result.password): Promise<PgClient> {
  return connectPostgres({ ...admin, user: result.plan.role, password, database }, { retryForMs: 0, login: 'role' });
}

async function snapshot(database: string, role: string) {
  const { rows } = await su.query(
    `SELECT d.oid AS db_oid, shobj_description(d.oid, 'pg_database') AS db_comment, d.datacl::text AS acl,
            a.oid AS role_oid, a.rolpassword, shobj_description(a.oid, 'pg_authid') AS role_comment
       FROM pg_database d, pg_authid a WHERE d.datname = $1 AND a.rolname = $2`,
    [database, role],
  );
  return rows[0] as Record<string, unknown>;
}

const refused = userErrorOf;

describe('a branch database and role', () => {
  it('lets the role in, to create tables, and keeps every other branch out', async () => {
    const a = (await provision(`iso-a-${run}`)).result;
    const b = (await provision(`iso-b-${run}`)).result;
    expect(a).toMatchObject({ created: true, passwordSource: 'created' });
    const client = await asRole(a);
    await client.query('CREATE TABLE todo (id serial PRIMARY KEY, title text)');
    await client.query("INSERT INTO todo (title) VALUES ('x')");
    expect((await client.query('SELECT count(*)::int AS n FROM todo')).rows[0]).toEqual({ n: 1 });
    await client.end();
    const error = await refused(asRole(a, b.plan.database));
    expect(error.message).toContain(`may not connect to database "${b.plan.database}"`);
    expect(await refused(asRole(b, a.plan.database))).toBeInstanceOf(UserError);
  });

  it('marks both with the branch, and a re-run with the stored password changes nothing', async () => {
    const first = await provision(`rerun-${run}`);
    const before = await snapshot(first.result.plan.database, first.result.plan.role);
    const dbMark = parseOwnershipMark(before['db_comment'] as string);
    expect(dbMark).toMatchObject({ managedBy: 'branch-env-actions', branch: `rerun-${run}`, role: first.result.plan.role });
    expect(parseOwnershipMark(before['role_comment'] as string)).toMatchObject({ branch: `rerun-${run}`, database: first.result.plan.database });
    expect(first.masked).toContain(first.result.password);
    expect(first.logger.text()).not.toContain(first.result.password);

    const second = await provision(`rerun-${run}`, {}, store(first.result.password));
    expect(second.result).toMatchObject({ created: false, passwordSource: 'recovered', password: first.result.password });
    expect(await snapshot(first.result.plan.database, first.result.plan.role)).toEqual(before);
  });

  it('rotates without a Secret, and the old password stops working', async () => {
    const first = (await provision(`rotate-${run}`)).result;
    const second = await provision(`rotate-${run}`);
    expect(second.result.passwordSource).toBe('rotated');
    expect(second.logger.messages('warning').join('\n')).toContain('without a kubeconfig');
    expect(await refused(asRole(first))).toBeInstanceOf(UserError);
    await (await asRole(second.result)).end();
    const third = await provision(`rotate-${run}`, {}, store(first.password));
    expect(third.result.passwordSource).toBe('rotated');
    expect(third.result.passwordNote).toContain('no longer signs in');
  });
});

describe('what provision-db will not take over', () => {
  it('refuses a database without the mark, unless adopt-existing', async () => {
    const db = `hand_made_${run}`;
    await sql.query(`CREATE DATABASE ${quoteIdent(db)}`);
    made.databases.add(db);
    const error = await refused(provision(`hand-made-${run}`, { database: db }));
    expect(error.message).toContain(`Database "${db}" already exists without the suite's ownership mark`);
    expect(error.fix).toContain('adopt-existing: true');
    const adopted = (await provision(`hand-made-${run}`, { database: db, 'adopt-existing': 'true' })).result;
    expect(adopted.created).toBe(false);
    expect(parseOwnershipMark((await snapshot(db, adopted.plan.role))['db_comment'] as string)?.branch).toBe(`hand-made-${run}`);
  });

  it('refuses a database marked for another branch, whatever adopt-existing says', async () => {
    const other = (await provision(`owner-${run}`)).result;
    const error = await refused(provision(`thief-${run}`, { database: other.plan.database, 'adopt-existing': 'true' }));
    expect(error.message).toContain(`belongs to branch "owner-${run}"`);
  });

  it('finishes a run interrupted between creating the database and marking it', async () => {
    const first = (await provision(`crash-${run}`)).result;
    await sql.query(`COMMENT ON DATABASE ${quoteIdent(first.plan.database)} IS NULL`);
    const again = (await provision(`crash-${run}`)).result;
    expect(again.created).toBe(false);
    expect(parseOwnershipMark((await snapshot(first.plan.database, first.plan.role))['db_comment'] as string)?.branch).toBe(`crash-${run}`);
  });

  it('refuses a collation the server lacks, naming the inputs', async () => {
    const error = await refused(provision(`collation-${run}`, { collation: 'xx_NOPE.utf8' }));
    expect(error.message).toContain('cannot create database');
    expect(error.fix).toContain('`collation`');
  });

  it('waits for a concurrent run of the same branch, within the timeout', async () => {
    const holder = await connectOnce(admin);
    try {
      await lockBranch(holder, `lock_${run}_user`, 1000);
      const waiter = await connectOnce(admin);
      try {
        const error = await refused(lockBranch(waiter, `lock_${run}_user`, 200));
        expect(error.fix).toContain('concurrency:');
      } finally {
        await waiter.end();
      }
    } finally {
      await holder.end();
    }
  });
});

describe('migrations', () => {
  it('apply once, in order, as the role, in one transaction', async () => {
    await writeFile(path.join(workspace, '001_todo.sql'), 'CREATE TABLE todo (id serial PRIMARY KEY, title text NOT NULL);\n');
    await writeFile(path.join(workspace, '002_seed.sql'), "INSERT INTO todo (title) VALUES ('first');\n");
    const branch = `migrate-${run}`;
    const first = (await provision(branch, { migrations: '001_todo.sql\n002_seed.sql' })).result;
    expect(first.migrationsApplied).toEqual(['001_todo.sql', '002_seed.sql']);
    const client = await asRole(first);
    expect((await client.query('SELECT tableowner FROM pg_tables WHERE tablename = $1', ['todo'])).rows[0]).toEqual({ tableowner: first.plan.role });
    await client.end();

    const again = (await provision(branch, { migrations: '001_todo.sql\n002_seed.sql' }, store(first.password))).result;
    expect(again.migrationsApplied).toEqual([]);

    await writeFile(
      path.join(workspace, '003_bad.sql'),
      "CREATE TABLE later (id int);\nINSERT INTO todo (title) VALUES ('second');\nSELECT * FROM missing_table;\n",
    );
    const error = await refused(provision(branch, { migrations: '001_todo.sql\n002_seed.sql\n003_bad.sql' }, store(first.password)));
    expect(error.message).toMatch(/^Migration 003_bad.sql failed at line 3: relation "missing_table" does not exist \(SQLSTATE 42P01\)\.$/);
    const check = await asRole(first);
    expect((await check.query("SELECT to_regclass('public.later') AS t")).rows[0]).toEqual({ t: null });
    expect((await check.query('SELECT count(*)::int AS n FROM todo')).rows[0]).toEqual({ n: 1 });
    await check.end();

    await writeFile(path.join(workspace, '001_todo.sql'), 'CREATE TABLE todo (id bigserial PRIMARY KEY);\n');
    const changed = await refused(provision(branch, { migrations: '001_todo.sql' }, store(first.password)));
    expect(changed.message).toContain('Migration 001_todo.sql changed after it was applied');
  });
});

describe('SQL injection through names', () => {
  it('keeps a hostile branch name inside its identifiers and comment', async () => {
    const branch = `x'; DROP ROLE ${shared.user}; --"${run}`;
    const result = (await provision(branch)).result;
    expect(result.plan.database).toMatch(/^x_drop_role_/);
    const mark = parseOwnershipMark((await snapshot(result.plan.database, result.plan.role))['db_comment'] as string);
    expect(mark?.branch).toBe(branch);
    expect((await sql.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [shared.user])).rowCount).toBe(1);
    expect(quoteLiteral(branch)).toContain("''");
  });
});
