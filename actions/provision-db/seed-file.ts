// Seed files: reading `seed-file` and `seed-sanitize` before anything is contacted (a plain SQL
// file, or a pg_dump custom-format archive told by its `PGDMP` magic), refusing what a plain
// seed cannot hold (psql meta-commands, COPY ... FROM stdin: plain seeds run as SQL on the
// role's own session, never through psql, so a seed cannot run shell commands), and restoring
// an archive with pg_restore as the given login.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { UserError, errorMessage } from '../../shared/core/errors.ts';
import { ExecError, exec, tail } from '../../shared/core/exec.ts';
import type { PgTarget } from '../../shared/postgres/client.ts';

/** A SQL file read into memory. */
export interface SqlFile {
  /** As given (for messages and the record). */
  path: string;
  sql: string;
  /** sha256 of the content, hex. */
  checksum: string;
}

/** A seed: plain SQL (read into memory) or a custom-format archive (restored from its path). */
export type SeedFile = (SqlFile & { format: 'sql' }) | { format: 'custom'; path: string; absolute: string; checksum: string };

/** The first bytes of every pg_dump custom-format archive. */
const ARCHIVE_MAGIC = 'PGDMP';

async function checkReadable(input: string, given: string, absolute: string): Promise<void> {
  try {
    if (!(await stat(absolute)).isFile()) throw new Error('not a file');
  } catch (error: unknown) {
    throw new UserError(`Input \`${input}\` names ${JSON.stringify(given)}, which cannot be read as a file (${errorMessage(error)}).`, {
      fix: 'Give a path relative to `working-directory` (check out the repository, or download the seed, in a step before).',
      cause: error,
    });
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function startsWithMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(ARCHIVE_MAGIC.length), 0, ARCHIVE_MAGIC.length, 0);
    return bytesRead === ARCHIVE_MAGIC.length && buffer.toString('latin1') === ARCHIVE_MAGIC;
  } finally {
    await handle.close();
  }
}

/** Reads a plain SQL file (`seed-sanitize`, or a plain `seed-file`) and refuses what it cannot run. */
export async function loadSqlFile(input: string, given: string, workingDirectory: string): Promise<SqlFile> {
  const absolute = path.resolve(workingDirectory, given);
  await checkReadable(input, given, absolute);
  const content = await readFile(absolute);
  const file = { path: given, sql: content.toString('utf8'), checksum: createHash('sha256').update(content).digest('hex') };
  checkPlainSql(input, file);
  return file;
}

/** Reads `seed-file`: a custom-format archive by its magic, else plain SQL. */
export async function loadSeedFile(given: string, workingDirectory: string): Promise<SeedFile> {
  const absolute = path.resolve(workingDirectory, given);
  await checkReadable('seed-file', given, absolute);
  if (await startsWithMagic(absolute)) return { format: 'custom', path: given, absolute, checksum: await sha256(absolute) };
  return { format: 'sql', ...(await loadSqlFile('seed-file', given, workingDirectory)) };
}

/**
 * Refuses psql meta-commands (a line starting with `\`, as in `\connect` or `\!`) and
 * `COPY ... FROM stdin`, which only psql can feed: the file runs as plain SQL.
 */
export function checkPlainSql(input: string, file: SqlFile): void {
  const lines = file.sql.split('\n');
  const meta = lines.findIndex((line) => line.trimStart().startsWith('\\'));
  const copy = lines.findIndex((line) => /\bCOPY\b[^;]*\bFROM\s+stdin\b/i.test(line));
  const at = [meta, copy].filter((index) => index >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return;
  const what =
    at === meta ? `a psql meta-command (${JSON.stringify((lines[at] ?? '').trim().slice(0, 40))})` : '`COPY ... FROM stdin`, which only psql can feed';
  throw new UserError(
    `Input \`${input}\` ${JSON.stringify(file.path)} line ${at + 1} holds ${what}; provision-db runs SQL files as plain SQL, never through psql.`,
    {
      fix: 'Dump the seed in the custom format (`pg_dump -Fc`, restored with pg_restore), or as plain SQL with `pg_dump --inserts` (and without `\\restrict` lines: use `pg_dump -Fc` with pg_dump 17.6/16.10/15.14 and later).',
    },
  );
}

/** pg_restore's options: the archive's owners, grants and server-wide settings are not the branch's to set. */
const RESTORE_OPTIONS = [
  '--no-owner',
  '--no-privileges',
  '--no-security-labels',
  '--no-publications',
  '--no-subscriptions',
  '--no-tablespaces',
  '--single-transaction',
  '--exit-on-error',
];

/** Where to find pg_restore when it is missing. */
export const PG_RESTORE_HINT =
  'A pg_dump custom-format seed (it starts with PGDMP) is restored with pg_restore: install the PostgreSQL client tools (`sudo apt-get install -y postgresql-client`, at least as new as the pg_dump that made the archive) or put a PostgreSQL bin directory on PATH (e.g. /usr/lib/postgresql/16/bin); or give a plain SQL seed.';

/**
 * Restores a custom-format archive into `target.database` as `target.user`, in one
 * transaction (`--single-transaction --exit-on-error`), without owners or grants, so the
 * signed-in login owns what it restores. The password goes in the environment, never argv.
 * @throws UserError with pg_restore's own last lines when it fails or is missing.
 */
export async function restoreArchive(
  archive: { path: string; absolute: string },
  target: PgTarget & { password: string },
  timeoutMs: number,
  program = 'pg_restore',
): Promise<void> {
  const dir = await mkdtemp(path.join(process.env['RUNNER_TEMP'] || tmpdir(), 'seed-'));
  try {
    const env: Record<string, string | undefined> = {
      PGPASSWORD: target.password,
      PGSSLMODE: target.sslmode,
      PGAPPNAME: 'branch-env-actions',
      PGCONNECT_TIMEOUT: '15',
      PGOPTIONS: undefined,
      PGSERVICE: undefined,
    };
    if (target.sslmode === 'verify-full') {
      env['PGSSLROOTCERT'] = path.join(dir, 'ca.pem');
      await writeFile(env['PGSSLROOTCERT'], [...rootCertificates, ...(target.ca ? [target.ca] : [])].join('\n'), { mode: 0o600 });
    }
    const args = [
      ...RESTORE_OPTIONS,
      '--host',
      target.host,
      '--port',
      String(target.port),
      '--username',
      target.user,
      '--dbname',
      target.database,
      archive.absolute,
    ];
    await exec(program, args, { env, timeoutMs: Math.max(1000, timeoutMs), installHint: PG_RESTORE_HINT });
  } catch (error: unknown) {
    if (!(error instanceof ExecError)) throw error;
    const version = /unsupported version/i.test(error.stderr) ? ' This pg_restore is older than the pg_dump that made the archive.' : '';
    throw new UserError(
      `pg_restore could not restore seed ${JSON.stringify(archive.path)} into ${target.database} as ${target.user}${error.timedOut ? " before the run's `timeout`" : ''}:${version} ${tail(error.stderr, 6, 800).replace(/\s*\n\s*/g, ' ')}`,
      {
        fix: version
          ? PG_RESTORE_HINT
          : 'Fix the archive (the branch role restores it: extensions and objects that need the admin are out of its reach) and re-run; nothing of it was kept.',
        cause: error,
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
