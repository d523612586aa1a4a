// The seeding inputs of provision-db (`mode`, `seed-from-database`, `seed-file`,
// `seed-sanitize`, `template-database`, `seed-copy-strategy`), read and checked before anything
// is contacted. Names mirror action.yml; inputs.ts spreads them into `Inputs`.
import type { InputReader } from '../../shared/core/inputs.ts';
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { isProtectedDatabase } from '../../shared/branch/naming.ts';

/** What provision-db does: provision a branch (default), or refresh the seed template. */
export type Mode = 'provision' | 'refresh-template';

/**
 * How CREATE DATABASE copies the template: `auto` is FILE_COPY on PostgreSQL 15+ (a file copy
 * after a checkpoint, little WAL) and the only way there is before 15; `wal_log` and `file_copy`
 * ask for that strategy (15+ only).
 */
export type CopyStrategy = 'auto' | 'wal_log' | 'file_copy';

/** The seeding inputs. */
export interface SeedInputs {
  /** `provision` (default) or `refresh-template` (the nightly refresh of `templateDatabase`). */
  mode: Mode;
  /** A database on the same server that a new branch database is copied from (CREATE DATABASE ... TEMPLATE). */
  seedFromDatabase: string | undefined;
  /** A plain SQL file or a pg_dump custom-format archive, restored into a new branch database as the branch role. */
  seedFile: string | undefined;
  /** SQL run once right after seeding (masking e-mails, dropping tokens), in the same recorded step. */
  seedSanitize: string | undefined;
  /** `refresh-template` mode: the template database to rebuild from `seedFromDatabase` or `seedFile`. */
  templateDatabase: string | undefined;
  /** `STRATEGY` of the template copy. */
  copyStrategy: CopyStrategy;
}

/** A database name PostgreSQL and ARM both take unquoted. */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** Databases that are never a seed source: the server's own and the system templates. */
const SYSTEM_SOURCES = /^(postgres|template0|template1|azure.*|pg_.*)$/i;
/** Room left in a template's name for the `_next` and `_old` databases a refresh uses. */
export const MAX_TEMPLATE_NAME = 58;

function databaseName(reader: InputReader, input: string): string | undefined {
  const value = reader.optional(input);
  if (value === undefined) return undefined;
  if (!DATABASE_NAME.test(value)) {
    throw new UserError(
      `Input \`${input}\` must be a PostgreSQL database name of 1-63 letters, digits and \`_\`, starting with a letter or \`_\`, got ${quoteValue(value)}.`,
      {
        fix: 'Give the name of a database on the same server, e.g. `app_seed`.',
      },
    );
  }
  return value;
}

/** Reads and checks the seeding inputs (files are read later, by loadSeed). */
export function readSeedInputs(reader: InputReader, protectedDatabases: readonly string[]): SeedInputs {
  const mode = reader.choice<Mode>('mode', ['provision', 'refresh-template'], 'provision');
  const seedFromDatabase = databaseName(reader, 'seed-from-database');
  const seedFile = reader.optional('seed-file');
  const seedSanitize = reader.optional('seed-sanitize');
  const templateDatabase = databaseName(reader, 'template-database');
  const copyStrategy = reader.choice<CopyStrategy>('seed-copy-strategy', ['auto', 'wal_log', 'file_copy'], 'auto');
  if (seedFromDatabase !== undefined && seedFile !== undefined) {
    throw new UserError('Inputs `seed-from-database` and `seed-file` are both set; a database is seeded from one of them.', {
      fix: 'Keep `seed-from-database` (a copy of a template database on the same server, in seconds) or `seed-file` (a restore of a SQL file or pg_dump archive), not both.',
    });
  }
  if (seedFromDatabase !== undefined && SYSTEM_SOURCES.test(seedFromDatabase)) {
    throw new UserError(
      `Input \`seed-from-database\` is ${quoteValue(seedFromDatabase)}, a database of the server itself; provision-db never copies postgres, template0, template1, azure_* or pg_*.`,
      {
        fix: 'Give a template database of your own, e.g. `app_seed`, refreshed by the refresh-seed-template workflow.',
      },
    );
  }
  if (mode === 'provision') checkProvisionMode(seedFromDatabase, seedFile, seedSanitize, templateDatabase);
  else checkRefreshMode(seedFromDatabase, seedFile, templateDatabase, protectedDatabases);
  return { mode, seedFromDatabase, seedFile, seedSanitize, templateDatabase, copyStrategy };
}

function checkProvisionMode(fromDatabase: string | undefined, file: string | undefined, sanitize: string | undefined, template: string | undefined): void {
  if (template !== undefined) {
    throw new UserError('Input `template-database` is only for `mode: refresh-template`.', {
      fix: 'To seed a branch database from a template, give it as `seed-from-database`; to refresh the template, set `mode: refresh-template`.',
    });
  }
  if (sanitize !== undefined && fromDatabase === undefined && file === undefined) {
    throw new UserError('Input `seed-sanitize` is set without a seed: it runs once, right after seeding.', {
      fix: 'Add `seed-from-database` or `seed-file`, or remove `seed-sanitize`.',
    });
  }
}

function checkRefreshMode(
  fromDatabase: string | undefined,
  file: string | undefined,
  template: string | undefined,
  protectedDatabases: readonly string[],
): void {
  if (template === undefined) {
    throw new UserError('Input `template-database` is required with `mode: refresh-template`.', {
      fix: 'Name the template database to rebuild, e.g. `template-database: app_seed`.',
    });
  }
  if (template.length > MAX_TEMPLATE_NAME || isProtectedDatabase(template, protectedDatabases)) {
    throw new UserError(
      `Input \`template-database\` is ${quoteValue(template)}, which provision-db may not rebuild: ${template.length > MAX_TEMPLATE_NAME ? `longer than ${MAX_TEMPLATE_NAME} characters (a refresh builds \`${template}_next\` beside it)` : 'a protected name (postgres, azure_*, template*, pg_* or `protected-databases`)'}.`,
      {
        fix: "Choose a name of your own such as `app_seed` (names starting with `template` are the server's).",
      },
    );
  }
  if (fromDatabase === undefined && file === undefined) {
    throw new UserError(
      '`mode: refresh-template` needs a source: `seed-from-database` (a database on the same server) or `seed-file` (a pg_dump archive or SQL file, e.g. dumped from production by a step before).',
      {
        fix: 'Add `seed-file: prod.dump` after a `pg_dump -Fc` step, or `seed-from-database: <source>`.',
      },
    );
  }
  if (fromDatabase === template) {
    throw new UserError(
      `Inputs \`seed-from-database\` and \`template-database\` are both ${quoteValue(template)}; a template is refreshed from another database.`,
      { fix: 'Give the source database in `seed-from-database`.' },
    );
  }
}
