// Seeding a new branch database once, before its migrations: a copy of a template database
// (seed-template.ts), or a restore of a seed file as the branch role (seed-file.ts), then the
// sanitising SQL and a record in the migrations table, in one transaction on the role's own
// session. A re-run finds the record and never seeds again. A seed that fails is undone: the
// database this run created is dropped and the failure reported, so nothing half-seeded is
// left and the next run starts over (see the README's *Seeded databases*).
import { createHash } from 'node:crypto';
import { UserError, errorMessage, isUserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { quoteIdent, sqlState, type PgClient, type PgTarget } from '../../shared/postgres/client.ts';
import { lockKey } from './access.ts';
import type { Deadline } from '../../shared/core/deadline.ts';
import { MIGRATIONS_TABLE } from './migrations.ts';
import { loadSeedFile, loadSqlFile, restoreArchive, type SeedFile, type SqlFile } from './seed-file.ts';
import type { CopyStrategy, SeedInputs } from './seed-inputs.ts';
import { handOver } from './seed-owners.ts';
import { copyTemplate } from './seed-template.ts';

/** A seed as read before anything is contacted. */
export type Seed = { sanitize: SqlFile | undefined; checksum: string } & (
  { kind: 'database'; template: string; strategy: CopyStrategy } | { kind: 'file'; file: SeedFile }
);

/** What seeding did, for outputs and the summary. */
export interface SeedOutcome {
  /** True when this run seeded the database. */
  seeded: boolean;
  /** `database:<template>` or `file:<path>`. */
  source: string;
  /** One sentence for the log and the summary. */
  note: string;
}

/** The record's name; a `/` keeps it apart from migration file names. */
export function recordName(seed: Seed): string {
  return seed.kind === 'database' ? `seed/database/${seed.template}` : `seed/file/${seed.file.path}`;
}

/** `database:<template>` or `file:<path>`. */
export function seedSource(seed: Seed): string {
  return seed.kind === 'database' ? `database:${seed.template}` : `file:${seed.file.path}`;
}

/** Reads `seed-file` and `seed-sanitize` (undefined when no seed is asked). */
export async function loadSeed(inputs: SeedInputs, workingDirectory: string): Promise<Seed | undefined> {
  const sanitize = inputs.seedSanitize === undefined ? undefined : await loadSqlFile('seed-sanitize', inputs.seedSanitize, workingDirectory);
  const digest = (source: string) =>
    createHash('sha256')
      .update(`${source}\n${sanitize?.checksum ?? ''}`)
      .digest('hex');
  if (inputs.seedFromDatabase !== undefined) {
    return {
      kind: 'database',
      template: inputs.seedFromDatabase,
      strategy: inputs.copyStrategy,
      sanitize,
      checksum: digest(`database:${inputs.seedFromDatabase}`),
    };
  }
  if (inputs.seedFile === undefined) return undefined;
  const file = await loadSeedFile(inputs.seedFile, workingDirectory);
  return { kind: 'file', file, sanitize, checksum: digest(file.checksum) };
}

/** The 1-based line of PostgreSQL's error `position` in `sql`. */
function lineOf(sql: string, error: unknown): string {
  const at = Number((error as { position?: unknown }).position);
  return Number.isInteger(at) && at >= 1 ? ` at line ${sql.slice(0, at - 1).split('\n').length}` : '';
}

/** Runs one SQL file on `client`, naming the file and line when it fails. */
async function runFile(client: PgClient, what: string, file: SqlFile): Promise<void> {
  try {
    await client.query(file.sql);
  } catch (error: unknown) {
    const state = sqlState(error);
    throw new UserError(
      `${what} ${JSON.stringify(file.path)} failed${lineOf(file.sql, error)}: ${errorMessage(error)}${state ? ` (SQLSTATE ${state})` : ''}.`,
      {
        fix: 'Fix the file and re-run (it runs as the branch role, in one transaction with the seed: no BEGIN/COMMIT inside).',
        cause: error,
      },
    );
  }
}

/** The seed record, if the database was seeded before (read as the branch role). */
export async function readSeedRecord(client: PgClient, name: string): Promise<{ name: string; checksum: string; applied_at: Date } | undefined> {
  const exists = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'branch_env_migrations'");
  if ((exists.rowCount ?? 0) === 0) return undefined;
  const { rows } = await client.query<{ name: string; checksum: string; applied_at: Date }>(
    `SELECT name, checksum, applied_at FROM ${MIGRATIONS_TABLE} WHERE name LIKE 'seed/%' ORDER BY name = $1 DESC, applied_at DESC LIMIT 1`,
    [name],
  );
  return rows[0];
}

/** Whether the database holds no tables, views or sequences outside the system schemas (read as the role). */
async function isEmpty(client: PgClient): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S','f') AND n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_%'",
  );
  return rows[0]?.n === 0;
}

/**
 * Seeds in one transaction on the role's session: the plain seed SQL (if any), the sanitising
 * SQL, and the record. Under the migrations' advisory lock, so it never races them.
 */
async function seedInTransaction(client: PgClient, seed: Seed, role: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(`${role}:migrations`)]);
    if (seed.kind === 'file' && seed.file.format === 'sql') await runFile(client, 'Seed', seed.file);
    if (seed.sanitize) await runFile(client, 'Seed sanitize', seed.sanitize);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [recordName(seed), seed.checksum],
    );
    await client.query('COMMIT');
  } catch (error: unknown) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What the seed step needs of the run. */
export interface SeedContext {
  database: string;
  role: string;
  deadline: Deadline;
  logger: Logger;
}

/**
 * The seeding of one run, hooked into provisionDb: `createDatabase` (a template copy, instead of
 * ARM or a plain CREATE DATABASE), `afterGrants` (the copied objects handed to the role),
 * `apply` (restore, sanitise, record, as the role) and `undo` (drop what a failed seed left).
 */
export class SeedRun {
  private created = false;
  private recorded = false;

  readonly seed: Seed | undefined;
  private readonly ctx: SeedContext;

  constructor(seed: Seed | undefined, ctx: SeedContext) {
    this.seed = seed;
    this.ctx = ctx;
  }

  /** True when the database is made by copying a template (always with SQL, never ARM). */
  get copies(): boolean {
    return this.seed?.kind === 'database';
  }

  /** Copies the template into the new database; false when it exists already. */
  async createDatabase(admin: PgClient, me: string): Promise<boolean> {
    if (this.seed?.kind !== 'database') throw new Error('SeedRun.createDatabase: no template to copy');
    const { database, deadline, logger } = this.ctx;
    const started = deadline.clock.now();
    this.created = await copyTemplate(admin, { database, template: this.seed.template, me, strategy: this.seed.strategy }, deadline, logger);
    if (this.created)
      logger.info(`Copied template ${this.seed.template} into ${database} in ${deadline.clock.now() - started} ms (CREATE DATABASE ... TEMPLATE).`);
    return this.created;
  }

  /** Notes that this run created the database (so a failed seed drops it). */
  noteCreated(created: boolean): void {
    this.created = this.created || created;
  }

  /** After the grants, on the admin's session in the new database: hands a fresh copy to the role. */
  async afterGrants(adminInDatabase: PgClient, me: string): Promise<void> {
    if (!this.copies || !this.created) return;
    const count = await handOver(adminInDatabase, this.ctx.role, me);
    this.ctx.logger.info(`Handed ${count} copied object(s) to ${this.ctx.role}, as if its migrations had made them.`);
  }

  /** Seeds (once) on the role's session; `roleTarget` is for pg_restore. */
  async apply(roleClient: PgClient, roleTarget: PgTarget & { password: string }): Promise<SeedOutcome | undefined> {
    const { seed } = this;
    if (seed === undefined) return undefined;
    const source = seedSource(seed);
    // A fresh copy may carry the template's own records (a template made from a seeded database): this run seeds it.
    const record = this.copies && this.created ? undefined : await readSeedRecord(roleClient, recordName(seed));
    if (record !== undefined) {
      const changed =
        record.checksum === seed.checksum ? '' : ' The seed or its sanitising SQL changed since; drop the database (cleanup-branch) to seed it again.';
      return this.note(
        {
          seeded: false,
          source,
          note: `Seeded before (${record.name.slice('seed/'.length)}, ${record.applied_at.toISOString()}); not seeded again.${changed}`,
        },
        changed !== '',
      );
    }
    const fresh = this.created || (seed.kind === 'file' && (await isEmpty(roleClient)));
    if (!fresh) {
      return this.note(
        {
          seeded: false,
          source,
          note: `Database ${this.ctx.database} existed without a seed record (made before seeding was asked for, or by a run stopped while seeding); it is kept as it is, not seeded. To get a seeded copy, drop it (cleanup-branch) and re-run.`,
        },
        true,
      );
    }
    this.created = this.created || seed.kind === 'file';
    if (seed.kind === 'file' && seed.file.format === 'custom') await restoreArchive(seed.file, roleTarget, this.ctx.deadline.remaining());
    await seedInTransaction(roleClient, seed, this.ctx.role);
    this.recorded = true;
    return this.note(
      {
        seeded: true,
        source,
        note: `Seeded ${this.ctx.database} from ${source}${seed.sanitize ? `, sanitised with ${seed.sanitize.path}` : ''}; recorded in ${MIGRATIONS_TABLE}.`,
      },
      false,
    );
  }

  private note(outcome: SeedOutcome, warn: boolean): SeedOutcome {
    if (warn) this.ctx.logger.warning(outcome.note);
    else this.ctx.logger.info(outcome.note);
    return outcome;
  }

  /**
   * After a failure: drops the database when this run created it and its seed is not recorded,
   * and returns the error to throw (a UserError says so).
   */
  async undo(admin: PgClient, error: unknown): Promise<unknown> {
    if (this.seed === undefined || !this.created || this.recorded) return error;
    const { database, logger } = this.ctx;
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    } catch (dropError: unknown) {
      logger.warning(`Seeding failed and database ${database} could not be dropped (${errorMessage(dropError)}); drop it before re-running (cleanup-branch).`);
      return error;
    }
    const dropped = `Database ${database}, which this run created, was dropped, so nothing half-seeded is left; the next run creates and seeds it again.`;
    if (!isUserError(error)) {
      logger.warning(dropped);
      return error;
    }
    return new UserError(`${error.message} ${dropped}`, { ...(error.fix ? { fix: error.fix } : {}), cause: error });
  }
}
