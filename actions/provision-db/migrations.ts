// Optional one-time initialisation of the branch database: SQL files (or directories of
// them) applied in order, as the branch role so it owns what they create, all in one
// transaction, and recorded in `public.branch_env_migrations` (name, checksum, time) so a
// re-run applies only what is new. A recorded file whose content changed is refused.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError, errorMessage } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { sqlState, type PgClient } from '../../shared/postgres/client.ts';
import { lockKey } from './access.ts';

/** The table that records applied migrations. */
export const MIGRATIONS_TABLE = 'public.branch_env_migrations';

/** One SQL file. */
export interface Migration {
  /** File name; the key it is recorded under. */
  name: string;
  /** Path as found (for messages). */
  path: string;
  sql: string;
  /** sha256 of the content, hex. */
  checksum: string;
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

async function statOf(file: string, given: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(file);
  } catch (error: unknown) {
    throw new UserError(`Input \`migrations\` names ${JSON.stringify(given)}, which cannot be read (${errorMessage(error)}).`, {
      fix: 'Give paths relative to the workspace (check out the repository first), one per line.',
      cause: error,
    });
  }
}

/**
 * Lists the migrations: each given file, and the `.sql` files of each given directory in
 * natural name order (`2_x.sql` before `10_x.sql`). Paths are relative to `workingDirectory`.
 * @throws UserError for a missing path, an empty directory, or two files with one name.
 */
export async function loadMigrations(paths: readonly string[], workingDirectory: string): Promise<Migration[]> {
  const files: { file: string; given: string }[] = [];
  for (const given of paths) {
    const absolute = path.resolve(workingDirectory, given);
    if ((await statOf(absolute, given)).isDirectory()) {
      const names = (await readdir(absolute)).filter((name) => name.toLowerCase().endsWith('.sql')).sort(byName);
      if (names.length === 0)
        throw new UserError(`Input \`migrations\` names the directory ${JSON.stringify(given)}, which holds no .sql files.`, {
          fix: 'Add .sql files to it, or remove it from `migrations`.',
        });
      files.push(...names.map((name) => ({ file: path.join(absolute, name), given: path.join(given, name) })));
    } else {
      files.push({ file: absolute, given });
    }
  }
  const seen = new Map<string, string>();
  const migrations: Migration[] = [];
  for (const { file, given } of files) {
    const name = path.basename(file);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new UserError(`Input \`migrations\` lists two files named ${JSON.stringify(name)} (${first} and ${given}); migrations are recorded by file name.`, {
        fix: 'Rename one of them.',
      });
    }
    seen.set(name, given);
    const content = await readFile(file);
    migrations.push({ name, path: given, sql: content.toString('utf8'), checksum: createHash('sha256').update(content).digest('hex') });
  }
  return migrations;
}

/** The 1-based line of a character position (PostgreSQL's `position`) in `sql`. */
function lineOf(sql: string, position: unknown): number | undefined {
  const at = typeof position === 'string' ? Number(position) : undefined;
  if (at === undefined || !Number.isInteger(at) || at < 1) return undefined;
  return sql.slice(0, at - 1).split('\n').length;
}

/**
 * Applies the migrations not yet recorded, in one transaction, on `client` (the branch role
 * in its database). Returns the names applied now (empty when there was nothing new).
 * @throws UserError naming the file, line and PostgreSQL's reason when one fails (nothing
 *   is applied then), or when a recorded file changed.
 */
export async function applyMigrations(client: PgClient, migrations: readonly Migration[], role: string, logger: Logger): Promise<string[]> {
  if (migrations.length === 0) return [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(`${role}:migrations`)]);
    const exists = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'branch_env_migrations'");
    if ((exists.rowCount ?? 0) === 0) {
      await client.query(`CREATE TABLE ${MIGRATIONS_TABLE} (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const { rows } = await client.query<{ name: string; checksum: string; applied_at: Date }>(`SELECT name, checksum, applied_at FROM ${MIGRATIONS_TABLE}`);
    const recorded = new Map(rows.map((row) => [row.name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const done = recorded.get(migration.name);
      if (done !== undefined) {
        if (done.checksum !== migration.checksum) {
          throw new UserError(`Migration ${migration.path} changed after it was applied on ${done.applied_at.toISOString()} (its checksum differs).`, {
            fix: 'Migrations run once: put the change in a new file, or drop the branch database (cleanup-branch) to start over.',
          });
        }
        continue;
      }
      try {
        await client.query(migration.sql);
      } catch (error: unknown) {
        const line = lineOf(migration.sql, (error as { position?: unknown }).position);
        const state = sqlState(error);
        throw new UserError(
          `Migration ${migration.path} failed${line === undefined ? '' : ` at line ${line}`}: ${errorMessage(error)}${state ? ` (SQLSTATE ${state})` : ''}.`,
          {
            fix: "Fix the file and re-run. Nothing from this run's migrations was kept: they run in one transaction (so no BEGIN/COMMIT or CREATE INDEX CONCURRENTLY inside them).",
            cause: error,
          },
        );
      }
      await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
      applied.push(migration.name);
      logger.info(`Applied migration ${migration.path}.`);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error: unknown) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
