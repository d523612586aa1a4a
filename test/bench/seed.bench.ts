// provision-db seeding: a branch database from a template of about 200 MB on one real
// PostgreSQL server (Azure's privilege model, the admin not a superuser), side by side:
//   - `seed-from-database` through the bundle (CREATE DATABASE ... TEMPLATE, then the hand-over
//     of every copied object to the branch role), for each copy strategy;
//   - `pg_dump -Fc | pg_restore` of the same template into an empty database on the same server
//     (what a restore-based seed costs), run by the same admin;
//   - `seed-file` with that archive through the bundle (the whole step, restore as the role).
// Target: the copy at least 10x faster than dump | restore, and under 10 s.
// PostgreSQL 15 here: this machine's pg_dump/pg_restore are 15, and pg_dump refuses newer servers.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectOnce, quoteIdent, type PgClient } from '../../shared/postgres/client.ts';
import { startPostgres, type PostgresServer } from '../emulators/postgres.ts';
import { SANITIZE_SQL, TEMPLATE_SQL } from '../helpers/provision-db-seed.ts';
import { runAction } from '../helpers/run-action.ts';
import { median } from './stats.ts';

const TEMPLATE = 'app_seed';
const TARGET_MB = 200;
const RUNS = 3;

/** Grows the template to about TARGET_MB: the app's schema, then bulk rows in its tables. */
async function buildTemplate(admin: PgClient, pg: PostgresServer): Promise<number> {
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.query(`REVOKE ALL ON DATABASE ${TEMPLATE} FROM PUBLIC`);
  const tpl = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: TEMPLATE, sslmode: 'disable' });
  try {
    await tpl.query('GRANT CREATE ON SCHEMA public TO CURRENT_USER');
    await tpl.query(TEMPLATE_SQL);
    await tpl.query(
      "INSERT INTO app.users (email, plan, api_token) SELECT 'p' || i || '@example.com', 'free', md5(i::text) FROM generate_series(51, 400000) i",
    );
    await tpl.query(
      "INSERT INTO public.todos (user_id, title) SELECT (i % 400000) + 1, 'todo number ' || i || ' ' || md5(i::text) FROM generate_series(1, 1200000) i",
    );
    await tpl.query('CREATE INDEX ON public.todos (user_id)');
    await tpl.query('CREATE INDEX ON app.users (email)');
    await tpl.query('VACUUM ANALYZE');
    const { rows } = await tpl.query<{ mb: string }>('SELECT pg_database_size(current_database()) / 1048576.0 AS mb');
    return Number(rows[0]?.mb ?? 0);
  } finally {
    await tpl.end();
  }
}

/** `pg_dump -Fc template | pg_restore -d target`, timed; the target is made empty first. */
async function dumpRestore(admin: PgClient, pg: PostgresServer, target: string): Promise<number> {
  await admin.query(`CREATE DATABASE ${quoteIdent(target)} TEMPLATE template0`);
  const conn = ['-h', pg.host, '-p', String(pg.port), '-U', pg.user];
  const env = { ...process.env, PGPASSWORD: pg.password };
  const started = performance.now();
  const dump = spawn(path.join(pg.bindir, 'pg_dump'), [...conn, '-Fc', TEMPLATE], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const restore = spawn(path.join(pg.bindir, 'pg_restore'), [...conn, '--no-owner', '--no-privileges', '--exit-on-error', '-d', target], {
    env,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  dump.stdout.pipe(restore.stdin);
  const codes = await Promise.all([dump, restore].map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
  if (codes.some((code) => code !== 0)) throw new Error(`pg_dump | pg_restore failed: exit codes ${codes.join(', ')}`);
  return performance.now() - started;
}

/** One seeded branch through the bundle: the step's wall time and the copy the action logged. */
async function seedThroughBundle(pg: PostgresServer, branch: string, seed: Record<string, string>, dir: string): Promise<{ wall: number; copy: number }> {
  const started = performance.now();
  const r = await runAction('provision-db', {
    cwd: dir,
    event: { ref: `refs/heads/${branch}` },
    env: { PATH: `${pg.bindir}:${process.env['PATH'] ?? ''}` },
    inputs: { branch, host: pg.host, port: String(pg.port), 'admin-user': pg.user, 'admin-password': pg.password, sslmode: 'disable', timeout: '5m', ...seed },
    timeoutMs: 300_000,
  });
  const wall = performance.now() - started;
  if (r.exitCode !== 0 || r.outputs['seeded'] !== 'true') throw new Error(`provision-db failed: ${r.stdout}\n${r.stderr}`);
  const copy = Number(/Copied template \S+ into \S+ in (\d+) ms/.exec(r.stdout)?.[1] ?? Number.NaN);
  return { wall, copy };
}

function runProgram(program: string, args: string[], password: string): Promise<void> {
  const child = spawn(program, args, { env: { ...process.env, PGPASSWORD: password }, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}`)))));
}

export default async function bench(_ctx: { root: string }): Promise<void> {
  const pg = await startPostgres({ major: 15, settings: { max_wal_size: '2GB' } });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-seed-'));
  const admin = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
  try {
    const mb = await buildTemplate(admin, pg);
    console.log(
      `template ${TEMPLATE}: ${mb.toFixed(0)} MB (target about ${TARGET_MB} MB), PostgreSQL ${pg.major}, admin ${pg.user} (not a superuser); sanitising SQL not used here (${SANITIZE_SQL.length} bytes, same cost either way)`,
    );
    const results: Record<string, { wall: number[]; copy: number[] }> = {};
    for (const strategy of ['auto', 'wal_log']) {
      results[strategy] = { wall: [], copy: [] };
      for (let i = 0; i < RUNS; i += 1) {
        const { wall, copy } = await seedThroughBundle(
          pg,
          `bench-seed-${strategy.replace('_', '-')}-${i}`,
          { 'seed-from-database': TEMPLATE, 'seed-copy-strategy': strategy },
          dir,
        );
        results[strategy].wall.push(wall);
        results[strategy].copy.push(copy);
      }
    }
    const restores: number[] = [];
    for (let i = 0; i < 2; i += 1) restores.push(await dumpRestore(admin, pg, `bench_restore_${i}`));
    const restore = median(restores);
    await runProgram(
      path.join(pg.bindir, 'pg_dump'),
      ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-Fc', '-f', path.join(dir, 'seed.dump'), TEMPLATE],
      pg.password,
    );
    const fileStep = await seedThroughBundle(pg, 'bench-seed-file', { 'seed-file': 'seed.dump', collation: 'C' }, dir);
    console.log(
      `  pg_dump -Fc | pg_restore of the same template into an empty database, median of ${restores.length}: ${restore.toFixed(0)} ms (runs ${restores.map((w) => w.toFixed(0)).join(', ')} ms)`,
    );
    console.log(`  seed-file with that archive (pg_restore as the branch role, one transaction), whole provision-db step: ${fileStep.wall.toFixed(0)} ms`);
    for (const [strategy, r] of Object.entries(results)) {
      const copy = median(r.copy);
      const wall = median(r.wall);
      console.log(
        `  seed-from-database (strategy ${strategy}), median of ${RUNS}: CREATE DATABASE ... TEMPLATE ${copy.toFixed(0)} ms; whole provision-db step ${wall.toFixed(0)} ms (runs ${r.wall.map((w) => w.toFixed(0)).join(', ')} ms: process start, role, grants, hand-over, record)`,
      );
      console.log(
        `    copy vs pg_dump | pg_restore: ${(restore / copy).toFixed(1)}x faster; step vs seed-file step: ${(fileStep.wall / wall).toFixed(1)}x; target copy >= 10x faster and < 10 s: ${restore / copy >= 10 && copy < 10_000 ? 'met' : 'MISSED'}`,
      );
    }
  } finally {
    await admin.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
