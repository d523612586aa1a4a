// The data plane, as the admin login: what exists and who owns it, the branch role, the
// database when there is no ARM, the grants that let the role (and no other branch's role)
// into its database, and the ownership marks cleanup relies on. Every statement is
// idempotent, so a re-run after any interruption finishes the job.
import { createHash } from 'node:crypto';
import { UserError } from '../../shared/errors.ts';
import { formatOwnershipMark, newOwnershipMark, ownershipOf, parseOwnershipMark, type Ownership } from '../../shared/ownership.ts';
import { quoteIdent, quoteLiteral, sharedComment, sqlState, type PgClient } from '../../shared/postgres.ts';
import type { Plan } from './plan.ts';

/** A database or role as found. */
export interface Found {
  exists: boolean;
  /** Its comment (the ownership mark, when the suite made it). */
  comment: string | undefined;
  ownership: Ownership;
}

/** What exists before the run changes anything. */
export interface Inspection {
  database: Found;
  role: Found;
}

async function find(admin: PgClient, kind: 'database' | 'role', name: string, branch: string): Promise<Found> {
  const table = kind === 'database' ? 'pg_database WHERE datname' : 'pg_roles WHERE rolname';
  const { rowCount } = await admin.query(`SELECT 1 FROM ${table} = $1`, [name]);
  const exists = (rowCount ?? 0) > 0;
  const comment = exists ? await sharedComment(admin, kind, name) : undefined;
  return { exists, comment, ownership: exists ? ownershipOf(comment, branch) : 'unmarked' };
}

/** Reads whether the database and role exist and whose they are. */
export async function inspect(admin: PgClient, plan: Plan): Promise<Inspection> {
  return { database: await find(admin, 'database', plan.database, plan.branch), role: await find(admin, 'role', plan.role, plan.branch) };
}

/**
 * Refuses to take over what belongs to someone else, before anything changes: an object
 * marked for another branch always; an unmarked one unless `adoptExisting`, except an
 * unmarked database whose role carries this branch's mark naming it (a run interrupted
 * between creating the database and marking it, which this run finishes).
 */
export function checkOwnership(found: Inspection, plan: Plan, adoptExisting: boolean): void {
  const fix = (what: string) =>
    `If it really is this branch's and may be dropped with it, set \`adopt-existing: true\`; otherwise choose another ${what}.`;
  for (const [kind, item, name] of [['Role', found.role, plan.role], ['Database', found.database, plan.database]] as const) {
    if (!item.exists) continue;
    if (item.ownership === 'other-branch') {
      const other = parseOwnershipMark(item.comment)?.branch ?? '?';
      throw new UserError(`${kind} ${JSON.stringify(name)} belongs to branch ${JSON.stringify(other)}, not ${JSON.stringify(plan.branch)} (its ownership mark says so).`, {
        fix: kind === 'Database' ? 'Give this branch another `database` name.' : 'Two branches map to one role only if `database` was set by hand or a name was made by hand: rename one of them.',
      });
    }
    if (item.ownership !== 'unmarked' || adoptExisting) continue;
    const roleMark = parseOwnershipMark(found.role.comment);
    const interrupted = kind === 'Database' && found.role.ownership === 'ours' && roleMark?.database === plan.database;
    if (!interrupted) {
      throw new UserError(`${kind} ${JSON.stringify(name)} already exists without the suite's ownership mark, so provision-db will not take it over (cleanup would later drop it).`, {
        fix: fix(kind === 'Database' ? '`database` name' : 'branch name'),
      });
    }
  }
}

/** A 64-bit advisory lock key for the role, so two runs for one branch take turns. */
export function lockKey(role: string): string {
  return createHash('sha256').update(`branch-env-actions:${role}`).digest().readBigInt64BE(0).toString();
}

/** Holds the branch's advisory lock on this session (released when it ends), waiting at most `waitMs`. */
export async function lockBranch(admin: PgClient, role: string, waitMs: number): Promise<void> {
  await admin.query(`SET lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
  try {
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [lockKey(role)]);
  } catch (error: unknown) {
    if (sqlState(error) !== '55P03') throw error;
    throw new UserError(`Another provision-db run for role ${JSON.stringify(role)} held its lock past the timeout.`, {
      fix: 'Use a `concurrency:` group per branch in the workflow so runs for one branch take turns, or raise `timeout`.',
      cause: error,
    });
  } finally {
    await admin.query('SET lock_timeout = 0');
  }
}

/** The mark to store: the existing one's time when it is already this branch's. */
function markText(existing: Found, plan: Plan, extra: { database?: string; role?: string }, now: Date): string {
  const previous = existing.ownership === 'ours' ? parseOwnershipMark(existing.comment) : undefined;
  const mark = newOwnershipMark(plan.branch, extra, now);
  if (previous) mark.createdAt = previous.createdAt;
  return formatOwnershipMark(mark);
}

/**
 * Creates the role with a login and the given SCRAM verifier (the password itself never
 * reaches the server or its logs), or marks an existing one. Returns true when it was created.
 */
export async function ensureRole(admin: PgClient, plan: Plan, found: Found, verifier: string | undefined, now: Date): Promise<boolean> {
  const role = quoteIdent(plan.role);
  const mark = markText(found, plan, { database: plan.database }, now);
  let created = false;
  if (!found.exists) {
    if (verifier === undefined) throw new Error(`ensureRole: a verifier is needed to create role ${plan.role}`);
    try {
      await admin.query(`CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${quoteLiteral(verifier)}`);
      created = true;
    } catch (error: unknown) {
      if (sqlState(error) !== '42710') throw error; // made meanwhile by a concurrent run: converge
    }
  }
  if (found.comment !== mark) await admin.query(`COMMENT ON ROLE ${role} IS ${quoteLiteral(mark)}`);
  return created;
}

/** Sets the role's password to a SCRAM verifier. */
export async function setPassword(admin: PgClient, role: string, verifier: string): Promise<void> {
  await admin.query(`ALTER ROLE ${quoteIdent(role)} WITH LOGIN PASSWORD ${quoteLiteral(verifier)}`);
}

/** CREATE DATABASE for servers without ARM. Returns true when it was created. */
export async function createDatabaseSql(admin: PgClient, name: string, charset: string, collation: string): Promise<boolean> {
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} WITH TEMPLATE template0 ENCODING ${quoteLiteral(charset)} LC_COLLATE ${quoteLiteral(collation)} LC_CTYPE ${quoteLiteral(collation)}`);
    return true;
  } catch (error: unknown) {
    const state = sqlState(error);
    if (state === '42P04') return false;
    if (state === '22023' || state === '42809' || state === '0A000') {
      throw new UserError(`PostgreSQL cannot create database ${JSON.stringify(name)} with charset ${JSON.stringify(charset)} and collation ${JSON.stringify(collation)} (${state}: ${(error as Error).message}).`, {
        fix: 'Set `charset` and `collation` to ones the server has (e.g. `collation: C.UTF-8` on a local server).',
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Closes the database to everyone but the branch role and the admin (REVOKE ... FROM
 * PUBLIC), lets the role connect, create schemas and temporary tables, and records the
 * ownership mark. Run on the admin session.
 */
export async function grantDatabase(admin: PgClient, plan: Plan, found: Found, now: Date): Promise<void> {
  const db = quoteIdent(plan.database);
  const role = quoteIdent(plan.role);
  await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${db} TO ${role}`);
  const mark = markText(found, plan, { role: plan.role }, now);
  if (found.comment !== mark) await admin.query(`COMMENT ON DATABASE ${db} IS ${quoteLiteral(mark)}`);
}

/** Lets the role use and create in the `public` schema. Run as the admin connected to the branch database. */
export async function grantSchema(adminInDatabase: PgClient, role: string): Promise<void> {
  await adminInDatabase.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${quoteIdent(role)}`);
}
