// provision-db's seeding through its bundle, as the runner runs it, on the Azure emulator (ARM,
// GitHub OIDC) with the real PostgreSQL behind it (Azure's privilege model: the admin is not a
// superuser): a branch database copied from a template holds the template's data with the
// sensitive columns masked, the branch role can read and write it and nothing else; the copy is
// refused clearly while a session holds the template and succeeds once it is gone; a re-run does
// not seed again; a failing seed leaves nothing; the template is refreshed by the same action.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQuietly, connectOnce, connectPostgres, quoteIdent, type PgClient } from '../../shared/postgres/client.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { serviceTarget, startPostgres } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { dropMade, emulatorInputs, type Made } from '../helpers/provision-db.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { loadWorkflow, runWorkflow } from '../workflow/runner.ts';
import { SANITIZE_SQL, TEMPLATE_SQL } from '../helpers/provision-db-seed.ts';

const pg = sharedPostgres()!;
const run = Math.random().toString(36).slice(2, 8);
const template = `e2e_seed_tpl_${run}`;
const refreshed = `e2e_seed_ref_${run}`;
const nightly = `e2e_seed_nightly_${run}`;
let az: AzureEmulator;
let sql: PgClient;
let dir: string;
const made: Made = {
  databases: new Set([template, refreshed, `${refreshed}_next`, `${refreshed}_old`, nightly, `${nightly}_next`, `${nightly}_old`]),
  roles: new Set(),
};

beforeAll(async () => {
  az = await startAzureEmulator({ operationMs: 100, repository: 'octo-org/preview-app', postgres: serviceTarget(pg) });
  sql = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
  dir = await mkdtemp(path.join(tmpdir(), 'pdb-seed-e2e-'));
  await writeFile(path.join(dir, 'ca.pem'), az.caPem);
  await writeFile(path.join(dir, 'sanitize.sql'), SANITIZE_SQL);
  await writeFile(path.join(dir, 'seed.sql'), TEMPLATE_SQL);
  await writeFile(path.join(dir, 'bad-sanitize.sql'), "-- masks e-mails\nUPDATE app.users SET email = 'not-an-email';\n");
  await sql.query(`CREATE DATABASE ${quoteIdent(template)}`);
  await sql.query(`REVOKE ALL ON DATABASE ${quoteIdent(template)} FROM PUBLIC`);
  const tpl = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: template, sslmode: 'disable' });
  await tpl.query(TEMPLATE_SQL);
  await tpl.end();
});
afterAll(async () => {
  const su = await connectOnce({ ...serviceTarget(pg), database: 'postgres', sslmode: 'disable' }).catch(() => undefined);
  await dropMade(su ?? sql, made);
  await closeQuietly(su);
  await closeQuietly(sql);
  await az?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function names(branch: string): { database: string; role: string } {
  const database = branch.replaceAll('-', '_');
  return { database, role: `${database}_user` };
}

async function provision(branch: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  az.setBranch(branch);
  const { database, role } = names(branch);
  made.databases.add(database);
  made.roles.add(role);
  return runAction('provision-db', {
    eventName: 'push',
    cwd: dir,
    event: { ref: `refs/heads/${branch}`, repository: { name: 'preview-app', owner: { login: 'octo-org' }, default_branch: 'main' } },
    env: { ...az.env(), NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), GITHUB_REF: `refs/heads/${branch}` },
    inputs: { ...emulatorInputs(az, pg), 'poll-interval': '100ms', ...inputs },
  });
}

function connectAs(r: RunResult, database = r.outputs['database']!): Promise<PgClient> {
  return connectPostgres(
    { host: r.outputs['host']!, port: Number(r.outputs['port']), user: r.outputs['user']!, password: r.outputs['password']!, database, sslmode: 'disable' },
    { retryForMs: 0, login: 'role' },
  );
}

function errorLine(r: RunResult): string {
  const lines = r.stdout.split('\n').filter((line) => line.startsWith('::error::'));
  expect(lines).toHaveLength(1);
  return decodeURIComponent(lines[0]!.slice('::error::'.length).replace(/%(?![0-9A-F]{2})/g, '%25'));
}

async function exists(database: string): Promise<boolean> {
  return ((await sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount ?? 0) > 0;
}

describe('provision-db bundle: seeded branch databases', () => {
  it('a copy of the template, masked, that the branch role can read and write and nothing else; a re-run does not seed again', async () => {
    const branch = `e2e-seed-${run}`;
    const other = await provision(`e2e-seed-other-${run}`);
    expect(other.exitCode).toBe(0);
    const r = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ created: 'true', seeded: 'true', 'seed-source': `database:${template}` });
    expect(az.state.databasesOf(az.serverName).has(names(branch).database) || (await exists(names(branch).database))).toBe(true);
    expect(r.summary).toContain(`seeded from database:${template}`);
    expect(r.summary).toContain('<td>Seed</td>');

    const client = await connectAs(r);
    const users = await client.query<{ n: number; masked: number; tokens: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked, count(api_token)::int AS tokens FROM app.users",
    );
    expect(users.rows[0]).toEqual({ n: 50, masked: 50, tokens: 0 });
    expect((await client.query('SELECT count(*)::int AS n FROM public.todos')).rows[0]).toEqual({ n: 200 });
    await client.query("INSERT INTO app.users (email) VALUES ('written@example.invalid')");
    await client.query("UPDATE public.todos SET title = 'changed' WHERE id = 1");
    await client.query('DELETE FROM public.todos WHERE id = 2');
    await client.query('ALTER TABLE public.todos ADD COLUMN done boolean NOT NULL DEFAULT false');
    await client.end();
    await expect(connectAs(r, template)).rejects.toThrow(/may not connect to database/);
    await expect(connectAs(r, other.outputs['database'])).rejects.toThrow(/may not connect to database/);

    const again = await provision(branch, { 'seed-from-database': template, 'seed-sanitize': 'sanitize.sql' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ created: 'false', seeded: 'false', 'seed-source': `database:${template}` });
    const after = await connectAs(again);
    expect((await after.query("SELECT count(*)::int AS n FROM app.users WHERE email = 'written@example.invalid'")).rows[0]).toEqual({ n: 1 });
    expect((await after.query('SELECT count(*)::int AS n FROM public.todos')).rows[0]).toEqual({ n: 199 });
    await after.end();
  });

  it('the copy is refused clearly while a session holds the template, and succeeds once it is gone', async () => {
    const holder = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: template, sslmode: 'disable' });
    await holder.query("SET application_name = 'report-job'");
    const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const branch = `e2e-seed-busy-${run}`;
    try {
      const r = await provision(branch, { 'seed-from-database': template, timeout: '4s' });
      expect(r.exitCode).toBe(1);
      const line = errorLine(r);
      expect(line).toContain(`Template "${template}" could not be copied`);
      expect(line).toContain(`pid ${pid} (user ${pg.user}, application "report-job"`);
      expect(line).toContain('pg_terminate_backend');
      expect(await exists(names(branch).database)).toBe(false);
    } finally {
      await holder.end();
    }
    const r = await provision(branch, { 'seed-from-database': template });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['seeded']).toBe('true');
  });

  it('a failing seed leaves no database behind; the fixed run seeds it', async () => {
    const branch = `e2e-seed-fail-${run}`;
    const r = await provision(branch, { 'seed-file': 'seed.sql', 'seed-sanitize': 'bad-sanitize.sql' });
    expect(r.exitCode).toBe(1);
    const line = errorLine(r);
    expect(line).toMatch(/Seed sanitize "bad-sanitize.sql" failed: value for domain app.email violates check constraint .* \(SQLSTATE 23514\)/);
    expect(line).toContain(`Database ${names(branch).database}, which this run created, was dropped`);
    expect(await exists(names(branch).database)).toBe(false);
    expect(r.summary).toContain('failed');
    const fixed = await provision(branch, { 'seed-file': 'seed.sql', 'seed-sanitize': 'sanitize.sql' });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.outputs).toMatchObject({ seeded: 'true', 'seed-source': 'file:seed.sql' });
  });

  it('mode refresh-template rebuilds the template from a source database with the sanitising SQL', async () => {
    const refresh = (extra: Record<string, string> = {}) =>
      runAction('provision-db', {
        eventName: 'schedule',
        cwd: dir,
        env: { GITHUB_REF: 'refs/heads/main' },
        inputs: {
          mode: 'refresh-template',
          'template-database': refreshed,
          'seed-from-database': template,
          'seed-sanitize': 'sanitize.sql',
          host: pg.host,
          port: String(pg.port),
          'admin-user': pg.user,
          'admin-password': pg.password,
          sslmode: 'disable',
          ...extra,
        },
      });
    const first = await refresh();
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ database: refreshed, seeded: 'true', 'seed-source': `database:${template}` });
    expect(first.summary).toContain(`Built seed template ${refreshed}`);
    const second = await refresh();
    expect(second.exitCode).toBe(0);
    expect(second.summary).toContain(`Refreshed seed template ${refreshed}`);
    expect(await exists(`${refreshed}_next`)).toBe(false);
    expect(await exists(`${refreshed}_old`)).toBe(false);

    const seeded = await provision(`e2e-seed-fromref-${run}`, { 'seed-from-database': refreshed });
    expect(seeded.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([]);
    expect(seeded.exitCode).toBe(0);
    const client = await connectAs(seeded);
    expect((await client.query("SELECT count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked FROM app.users")).rows[0]).toEqual({ masked: 50 });
    await client.end();
  });
});

// action-templates/refresh-seed-template.yml through the workflow runner: its real `pg_dump` step
// dumps a source server (PostgreSQL 15, as this machine's pg_dump is), then provision-db's bundle
// rebuilds the template on the preview server with db/sanitize.sql; a branch seeded from it holds
// the source's data, masked.
describe('refresh-seed-template.yml, end to end', () => {
  it('dumps the source, rebuilds the template sanitised, and a branch copies it', async () => {
    const source = await startPostgres({ major: 15, azure: false });
    try {
      const c = await connectOnce({
        host: source.host,
        port: source.port,
        user: source.user,
        password: source.password,
        database: 'postgres',
        sslmode: 'disable',
      });
      await c.query(TEMPLATE_SQL);
      await c.end();
      const checkout = path.join(dir, 'checkout');
      await mkdir(path.join(checkout, 'db'), { recursive: true });
      await writeFile(path.join(checkout, 'db', 'sanitize.sql'), SANITIZE_SQL);
      const workflow = loadWorkflow(path.resolve(import.meta.dirname, '..', '..', 'action-templates', 'refresh-seed-template.yml'));
      const jobs = await runWorkflow(workflow, {
        contexts: {
          github: { event_name: 'schedule', ref_name: 'main', repository: 'octo-org/preview-app', event: { repository: { default_branch: 'main' } } },
          runner: { temp: dir },
          vars: {
            PG_SERVER: az.serverName,
            PG_ADMIN_USER: pg.user,
            SEED_TEMPLATE: nightly,
            SOURCE_PG_HOST: source.host,
            SOURCE_PG_DATABASE: 'postgres',
            SOURCE_PG_USER: source.user,
            SOURCE_PG_SSLMODE: 'disable',
          },
          secrets: { PG_ADMIN_PASSWORD: pg.password, SOURCE_PG_PASSWORD: source.password },
          inputs: {},
        },
        env: { RUNNER_TEMP: dir, PGPORT: String(source.port) },
        cwd: checkout,
        handlers: { 'actions/checkout': () => ({}) },
        // This machine has no en_US.utf8 OS locale (Azure's images do): the local server's own.
        overrides: { refresh: { host: pg.host, port: String(pg.port), sslmode: 'disable', collation: 'C' } },
      });
      const steps = jobs['refresh']?.runs[0]?.job.steps ?? [];
      expect(steps[2]?.result?.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([]);
      expect(steps.map((step) => `${step.label}: ${step.outcome}`)).toEqual([
        'actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09: success',
        'Dump the source database: success',
        'OWNER/REPO/actions/provision-db@v1: success',
        'Remove the dump: success',
      ]);
      expect(steps[2]?.outputs).toMatchObject({ database: nightly, seeded: 'true', 'seed-source': `file:${dir}/source.dump` });
    } finally {
      await source.stop();
    }
    const seeded = await provision(`e2e-seed-nightly-b-${run}`, { 'seed-from-database': nightly });
    expect(seeded.exitCode).toBe(0);
    const client = await connectAs(seeded);
    expect(
      (
        await client.query(
          "SELECT count(*)::int AS n, count(*) FILTER (WHERE email LIKE '%@example.invalid')::int AS masked, count(api_token)::int AS tokens FROM app.users",
        )
      ).rows[0],
    ).toEqual({ n: 50, masked: 50, tokens: 0 });
    await client.end();
  }, 120_000);
});
