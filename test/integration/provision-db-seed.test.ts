// provision-db's seeding against the real PostgreSQL server with Azure's privilege model (the
// admin is not a superuser): a copy of a template database handed to the branch role, a seed
// file (plain SQL, and a pg_dump custom archive restored with pg_restore), the sanitising SQL,
// the record that keeps a re-run from seeding again, a failed seed undone, a busy template
// waited for and named, and the refresh of the template itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { exec } from '../../shared/core/exec.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { closeQuietly, connectOnce, connectPostgres, quoteIdent, sharedComment, type PgClient, type PgTarget } from '../../shared/postgres/client.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { provisionDb, type ProvisionResult } from '../../actions/provision-db/provision-db.ts';
import { refreshRun, type RefreshReport } from '../../actions/provision-db/refresh-run.ts';
import { serviceTarget, startPostgres } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, userErrorOf, type Made, sqlOnlyInputs } from '../helpers/provision-db.ts';
import { SANITIZE_SQL, TEMPLATE_SQL } from '../helpers/provision-db-seed.ts';

const shared = sharedPostgres()!;
const admin: PgTarget = { host: shared.host, port: shared.port, user: shared.user, password: shared.password, database: 'postgres', sslmode: 'disable' };
const run = Math.random().toString(36).slice(2, 8);
const context: EventContext = { eventName: 'push', repository: { owner: 'octo-org', repo: 'app' }, serverUrl: '', apiUrl: '', deleted: false };
const template = `seed_tpl_${run}`;
let sql: PgClient;
let workspace: string;
const made: Made = { databases: new Set([template, `seed_refresh_${run}`, `seed_refresh_${run}_next`, `seed_su_${run}`]), roles: new Set() };

beforeAll(async () => {
  sql = await connectOnce(admin);
  workspace = await mkdtemp(path.join(tmpdir(), 'pdb-seed-'));
  await writeFile(path.join(workspace, 'sanitize.sql'), SANITIZE_SQL);
  await writeFile(path.join(workspace, 'bad-sanitize.sql'), 'UPDATE app.users SET email = NULL;\n');
  await sql.query(`CREATE DATABASE ${quoteIdent(template)}`);
  await sql.query(`REVOKE ALL ON DATABASE ${quoteIdent(template)} FROM PUBLIC`);
  const tpl = await connectOnce({ ...admin, database: template });
  await tpl.query('GRANT CREATE ON SCHEMA public TO CURRENT_USER');
  await tpl.query(TEMPLATE_SQL);
  // As a template made from a database provision-db seeded and migrated would: its records come with every copy.
  await tpl.query('CREATE TABLE public.branch_env_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  await tpl.query("INSERT INTO public.branch_env_migrations (name, checksum) VALUES ('seed/database/ancient', 'x'), ('001_init.sql', 'y')");
  await tpl.end();
});
afterAll(async () => {
  const su = await connectOnce({ ...admin, ...serviceTarget(shared) }).catch(() => undefined);
  await dropMade(su ?? sql, made);
  await closeQuietly(su);
  await closeQuietly(sql);
  await rm(workspace, { recursive: true, force: true });
});

async function provision(branch: string, extra: Record<string, string> = {}): Promise<{ result: ProvisionResult; logger: RecordingLogger }> {
  const database = branch.replaceAll('-', '_');
  made.databases.add(database);
  made.roles.add(`${database}_user`);
  const inputs = readInputs(
    new InputReader(
      inputsFromRecord({
        branch,
        ...sqlOnlyInputs(shared, workspace),
        timeout: '20s',
        ...extra,
      }),
    ),
    {},
  );
  const logger = new RecordingLogger();
  return { result: await provisionDb(inputs, context, { logger, passwordStore: null, setSecret: () => undefined }), logger };
}

function text(logger: RecordingLogger, level?: 'warning'): string {
  return logger.entries
    .filter((entry) => level === undefined || entry.level === level)
    .map((entry) => entry.message)
    .join('\n');
}

function asRole(result: ProvisionResult, database = result.plan.database): Promise<PgClient> {
  return connectPostgres({ ...admin, user: result.plan.role, password: result.password, database }, { retryForMs: 0, login: 'role' });
}

/** Objects in the branch database's own schemas not owned by the role (as the role sees pg_catalog). */
async function notOwned(client: PgClient, role: string): Promise<string[]> {
  const { rows } = await client.query<{ what: string }>(
    `SELECT c.relname || ' (' || pg_get_userbyid(c.relowner) || ')' AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('app', 'public') AND c.relkind IN ('r','p','v','S','m','i','c') AND pg_get_userbyid(c.relowner) <> $1
     UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app' AND pg_get_userbyid(p.proowner) <> $1
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i') -- a range type's constructors: the bootstrap superuser's whoever made the type
     UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'app' AND pg_get_userbyid(t.typowner) <> $1
     UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = 'app' AND pg_get_userbyid(nspowner) <> $1`,
    [role],
  );
  return rows.map((row) => row.what);
}

describe('seed-from-database', () => {
  it('copies the template, hands everything to the role, sanitises once, and a re-run does not seed again', async () => {
    const branch = `seed-copy-${run}`;
    const { result, logger } = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(result.created).toBe(true);
    expect(result.seed).toMatchObject({ seeded: true, source: `database:${template}` });
    expect(text(logger)).toMatch(/Handed \d+ copied object\(s\)/);
    const client = await asRole(result);
    expect(await notOwned(client, result.plan.role)).toEqual([]);
    const records = await client.query<{ name: string }>('SELECT name FROM public.branch_env_migrations ORDER BY name');
    expect(records.rows.map((row) => row.name)).toEqual(['001_init.sql', 'seed/database/ancient', `seed/database/${template}`]);
    const users = await client.query<{ n: number; masked: number; tokens: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked, count(api_token)::int AS tokens FROM app.users",
    );
    expect(users.rows[0]).toEqual({ n: 50, masked: 50, tokens: 0 });
    await client.query("INSERT INTO app.users (email) VALUES ('new@example.invalid')");
    await client.query("INSERT INTO public.todos (user_id, title) VALUES (51, 'mine')");
    expect((await client.query('SELECT app.todo_count(51) AS n')).rows[0]).toEqual({ n: '1' });
    await client.query('CREATE TABLE app.extra (id int)');
    await client.query('ALTER TABLE app.users ADD COLUMN nickname text');
    await client.end();
    await expect(asRole(result, template)).rejects.toThrow(/may not connect to database/);
    // The admin granted itself the role only for the hand-over.
    expect((await sql.query("SELECT pg_has_role(current_user, $1, 'USAGE') AS u", [result.plan.role])).rows[0]).toEqual({ u: false });
    const comment = await sharedComment(sql, 'database', result.plan.database);
    expect(JSON.parse(comment ?? '{}')).toMatchObject({ 'managed-by': 'branch-env-actions', branch, role: result.plan.role });

    const again = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(again.result.created).toBe(false);
    expect(again.result.seed).toMatchObject({ seeded: false });
    const after = await asRole(again.result);
    expect((await after.query("SELECT count(*)::int AS n FROM app.users WHERE email = 'new@example.invalid'")).rows[0]).toEqual({ n: 1 });
    await after.end();
  });

  it('waits for a session on the template, names it when it stays, and copies once it is gone', async () => {
    const holder = await connectOnce({ ...admin, database: template });
    await holder.query("SET application_name = 'psql-left-open'");
    const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const branch = `seed-busy-${run}`;
    const error = await userErrorOf(provision(branch, { 'seed-from-database': template, timeout: '3s' }));
    expect(error.message).toContain(`pid ${pid} (user ${shared.user}, application "psql-left-open"`);
    expect(error.message).toContain('55006');
    expect(error.fix).toContain('pg_terminate_backend');
    expect((await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [branch.replaceAll('-', '_')])).rowCount).toBe(0);
    // PostgreSQL itself waits 5 s for other sessions before it answers 55006: hold on past that.
    setTimeout(() => void holder.end(), 6500);
    const { result, logger } = await provision(branch, { 'seed-from-database': template });
    expect(result.seed?.seeded).toBe(true);
    expect(text(logger)).toContain('in use by 1 other session(s)');
  });

  it('refuses a template the admin does not own, with the fix', async () => {
    const su = await connectOnce({ ...admin, ...serviceTarget(shared) });
    try {
      await su.query(`CREATE DATABASE ${quoteIdent(`seed_su_${run}`)}`);
    } finally {
      await su.end();
    }
    const error = await userErrorOf(provision(`seed-notmine-${run}`, { 'seed-from-database': `seed_su_${run}` }));
    expect(error.message).toContain(`is owned by "${serviceTarget(shared).user}"`);
    expect(error.fix).toContain(`ALTER DATABASE "seed_su_${run}" OWNER TO "${shared.user}"`);
  });

  it('refuses a template holding objects of a role the admin has no privileges of, naming them; nothing is left', async () => {
    const foreign = `seed_alien_tpl_${run}`;
    const other = `seed_other_${run}`;
    made.databases.add(foreign);
    made.roles.add(other);
    const su = await connectOnce({ ...admin, ...serviceTarget(shared) });
    try {
      await su.query(`CREATE ROLE ${quoteIdent(other)}`);
      await su.query(`CREATE DATABASE ${quoteIdent(foreign)} OWNER ${quoteIdent(shared.user)}`);
    } finally {
      await su.end();
    }
    const inside = await connectOnce({ ...admin, ...serviceTarget(shared), database: foreign });
    try {
      await inside.query('CREATE TABLE public.payroll (id int)');
      await inside.query(`ALTER TABLE public.payroll OWNER TO ${quoteIdent(other)}`);
    } finally {
      await inside.end();
    }
    const branch = `seed-foreign-${run}`;
    const error = await userErrorOf(provision(branch, { 'seed-from-database': foreign }));
    expect(error.message).toContain(
      `holds 1 object(s) whose owner the signed-in admin has no privileges of, so they cannot be handed to ${branch.replaceAll('-', '_')}_user: table public.payroll (owner ${other})`,
    );
    expect(error.message).toContain('was dropped');
    expect(error.fix).toContain(`ALTER TABLE public.payroll OWNER TO "${shared.user}"`);
    expect((await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [branch.replaceAll('-', '_')])).rowCount).toBe(0);
  });

  it('a re-run with a changed sanitising SQL says so and does not seed again', async () => {
    const branch = `seed-changed-${run}`;
    await provision(branch, { 'seed-from-database': template });
    const { result, logger } = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(result.seed?.seeded).toBe(false);
    expect(text(logger, 'warning')).toContain(`Seeded before (database/${template}`);
    expect(text(logger, 'warning')).toContain('changed since');
    const client = await asRole(result);
    expect((await client.query("SELECT count(*)::int AS n FROM app.users WHERE email LIKE '%@example.invalid'")).rows[0]).toEqual({ n: 0 });
    await client.end();
  });

  it('a failing sanitise drops the copy this run made; the next run seeds it', async () => {
    const branch = `seed-badsan-${run}`;
    const database = branch.replaceAll('-', '_');
    const error = await userErrorOf(provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'bad-sanitize.sql' }));
    expect(error.message).toMatch(/Seed sanitize "bad-sanitize.sql" failed at line 1: .*not-null|null value/);
    expect(error.message).toContain(`Database ${database}, which this run created, was dropped`);
    expect((await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount).toBe(0);
    const { result } = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(result.seed?.seeded).toBe(true);
  });

  it('an existing database without a seed record is kept and not seeded, with a warning', async () => {
    const branch = `seed-late-${run}`;
    await provision(branch);
    const { result, logger } = await provision(branch, { 'seed-from-database': template });
    expect(result.seed).toMatchObject({ seeded: false });
    expect(text(logger, 'warning')).toContain('existed without a seed record');
  });
});

describe('seed-file', () => {
  let archive: string;
  beforeAll(async () => {
    // pg_restore here is PostgreSQL 15's: an archive from a 15 server it can read.
    const server = await startPostgres({ major: 15, azure: false });
    try {
      const c = await connectOnce({
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        database: 'postgres',
        sslmode: 'disable',
      });
      await c.query(TEMPLATE_SQL);
      await c.end();
      archive = path.join(workspace, 'seed.dump');
      await exec(path.join(server.bindir, 'pg_dump'), ['-Fc', '-f', archive, '-h', server.host, '-p', String(server.port), '-U', server.user, 'postgres'], {
        env: { PGPASSWORD: server.password },
      });
    } finally {
      await server.stop();
    }
    await writeFile(path.join(workspace, 'seed.sql'), TEMPLATE_SQL);
    await writeFile(path.join(workspace, 'psql.sql'), 'CREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n\\.\n');
  }, 120_000);

  it('restores a custom-format archive as the role, sanitises, records; a re-run does not restore again', async () => {
    const branch = `seed-dump-${run}`;
    const { result } = await provision(branch, { 'seed-file': 'seed.dump', 'seed-sanitize': 'sanitize.sql', migrations: '' });
    expect(result.seed).toMatchObject({ seeded: true, source: 'file:seed.dump' });
    const client = await asRole(result);
    expect(await notOwned(client, result.plan.role)).toEqual([]);
    expect((await client.query("SELECT count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked FROM app.users")).rows[0]).toEqual({ masked: 50 });
    const recorded = await client.query<{ name: string }>('SELECT name FROM public.branch_env_migrations');
    expect(recorded.rows.map((row) => row.name)).toEqual(['seed/file/seed.dump']);
    await client.end();
    const again = await provision(branch, { 'seed-file': 'seed.dump', 'seed-sanitize': 'sanitize.sql' });
    expect(again.result.seed?.seeded).toBe(false);
  });

  it('runs a plain SQL seed in one transaction with the sanitising SQL; a failure leaves nothing', async () => {
    const branch = `seed-plain-${run}`;
    const database = branch.replaceAll('-', '_');
    const error = await userErrorOf(provision(branch, { 'seed-file': 'seed.sql', 'seed-sanitize': 'bad-sanitize.sql' }));
    expect(error.message).toContain('was dropped');
    expect((await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount).toBe(0);
    const { result } = await provision(branch, { 'seed-file': 'seed.sql', 'seed-sanitize': 'sanitize.sql' });
    expect(result.seed?.seeded).toBe(true);
    const client = await asRole(result);
    expect((await client.query('SELECT count(*)::int AS n FROM public.todos')).rows[0]).toEqual({ n: 200 });
    await client.end();
  });

  it('refuses a plain file that only psql could run, before anything is contacted', async () => {
    const error = await userErrorOf(provision(`seed-psql-${run}`, { 'seed-file': 'psql.sql' }));
    expect(error.message).toContain('"psql.sql" line 2 holds `COPY ... FROM stdin`');
    expect(error.fix).toContain('pg_dump -Fc');
  });

  it('says pg_restore is missing when it is not on PATH', async () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const error = await userErrorOf(provision(`seed-nopgr-${run}`, { 'seed-file': 'seed.dump' }));
      expect(error.message).toContain('"pg_restore" was not found on PATH');
      expect(error.message).toContain('was dropped');
      expect(error.fix).toContain('postgresql-client');
    } finally {
      process.env['PATH'] = saved;
    }
  });
});

describe('mode: refresh-template', () => {
  async function refresh(extra: Record<string, string>): Promise<RefreshReport> {
    const inputs = readInputs(
      new InputReader(
        inputsFromRecord({
          mode: 'refresh-template',
          'template-database': `seed_refresh_${run}`,
          ...sqlOnlyInputs(shared, workspace),
          timeout: '20s',
          ...extra,
        }),
      ),
      {},
    );
    const report: RefreshReport = { startedAt: Date.now() };
    await refreshRun(inputs, context, { logger: new RecordingLogger(), setSecret: () => undefined }, report);
    return report;
  }

  it('builds the template from a source database, sanitised and closed to connections; a second refresh replaces it', async () => {
    const first = await refresh({ 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(first.result).toMatchObject({ replaced: false, source: `database:${template}` });
    const { rows } = await sql.query<{ datallowconn: boolean; acl: string | null }>(
      'SELECT datallowconn, datacl::text AS acl FROM pg_database WHERE datname = $1',
      [`seed_refresh_${run}`],
    );
    expect(rows[0]!.datallowconn).toBe(false);
    expect(rows[0]!.acl ?? '').not.toMatch(/(^|[{,])=/);
    const second = await refresh({ 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(second.result?.replaced).toBe(true);
    const { result } = await provision(`seed-fromref-${run}`, { 'seed-from-database': `seed_refresh_${run}` });
    const client = await asRole(result);
    expect(
      (await client.query("SELECT count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked, count(api_token)::int AS tokens FROM app.users"))
        .rows[0],
    ).toEqual({ masked: 50, tokens: 0 });
    await client.end();
  });

  it('never replaces a database of that name that is not its template', async () => {
    const error = await userErrorOf(refresh({ 'template-database': template, 'seed-from-database': `seed_refresh_${run}` }));
    expect(error.message).toContain("without this repository's seed-template mark");
  });
});
