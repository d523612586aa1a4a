// The data plane, as the admin login: what exists and who owns it, the branch role, the
// database when there is no ARM, the grants that let the role (and no other branch's role)
// into its database, and the ownership marks cleanup relies on. Every statement is
// idempotent, so a re-run after any interruption finishes the job.
import { createHash } from 'node:crypto';
import { UserError } from '../../shared/core/errors.ts';
import {
  describeMarkOwner,
  formatOwnershipMark,
  newOwnershipMark,
  ownershipOf,
  parseOwnershipMark,
  type Ownership,
} from '../../shared/branch/ownership/azure-marks.ts';
import { quoteIdent, quoteLiteral, sharedComment, sqlState, type PgClient } from '../../shared/postgres/client.ts';
import type { Plan } from './plan.ts';

/** A database or role as found. */
export interface Found {
  exists: boolean;
  /** Its comment (the ownership mark, when the suite made it). */
  comment: string | undefined;
  ownership: Ownership;
  /** The database's owner (databases only, when it exists). */
  owner?: string;
  /** Whether the signed-in admin has its owner's privileges (member of the owner, with INHERIT). */
  ownedByMe?: boolean;
}

/** What exists before the run changes anything. */
export interface Inspection {
  database: Found;
  role: Found;
}

async function find(admin: PgClient, kind: 'database' | 'role', name: string, plan: Plan): Promise<Found> {
  const sql =
    kind === 'database'
      ? "SELECT pg_get_userbyid(datdba) AS owner, pg_has_role(current_user, datdba, 'USAGE') AS mine FROM pg_database WHERE datname = $1"
      : 'SELECT NULL AS owner, NULL AS mine FROM pg_roles WHERE rolname = $1';
  const { rows } = await admin.query<{ owner: string | null; mine: boolean | null }>(sql, [name]);
  const row = rows[0];
  const exists = row !== undefined;
  const comment = exists ? await sharedComment(admin, kind, name) : undefined;
  const found: Found = { exists, comment, ownership: exists ? ownershipOf(comment, plan.branch, plan.repository) : 'unmarked' };
  if (row?.owner != null) {
    found.owner = row.owner;
    found.ownedByMe = row.mine === true;
  }
  return found;
}

/** Reads whether the database and role exist, whose they are, and who owns the database. */
export async function inspect(admin: PgClient, plan: Plan): Promise<Inspection> {
  return { database: await find(admin, 'database', plan.database, plan), role: await find(admin, 'role', plan.role, plan) };
}

/** The login this session is. */
export async function currentUser(admin: PgClient): Promise<string> {
  const { rows } = await admin.query<{ me: string }>('SELECT current_user AS me');
  return rows[0]?.me ?? '';
}

/** Who owns a database now, and whether the signed-in admin has its privileges. */
export async function databaseOwner(admin: PgClient, name: string): Promise<{ owner: string; ownedByMe: boolean } | undefined> {
  const { rows } = await admin.query<{ owner: string; mine: boolean }>(
    "SELECT pg_get_userbyid(datdba) AS owner, pg_has_role(current_user, datdba, 'USAGE') AS mine FROM pg_database WHERE datname = $1",
    [name],
  );
  const row = rows[0];
  return row === undefined ? undefined : { owner: row.owner, ownedByMe: row.mine };
}

/**
 * The refusal when the signed-in admin does not own the database: REVOKE, GRANT and COMMENT
 * ON DATABASE need its owner (or a member of it), so provision-db stops before changing anything.
 */
export function notOwnerError(database: string, owner: string, me: string, how: string): UserError {
  const service = owner === 'azuresu';
  return new UserError(
    `Database ${JSON.stringify(database)} is owned by ${JSON.stringify(owner)}${service ? " (Azure's service superuser: ARM created it while the server had no admin)" : ''}, but provision-db is signed in as ${JSON.stringify(me)}; granting the branch role access and marking the database need its owner. ${how}`,
    {
      fix: service
        ? `Drop the database (it is not usable by any admin) and re-run: provision-db then creates it with SQL as ${me} (\`create-method: sql\`).`
        : `Sign in as ${owner} (\`admin-user\`, with its password or Entra token), or let ${owner} hand it over (\`ALTER DATABASE ${database} OWNER TO "${me}"\`, run as ${owner}). New databases: \`create-method: auto\` (the default) creates them with SQL whenever ARM would give them to another admin, so the signed-in admin owns them.`,
    },
  );
}

/**
 * Refuses to take over what belongs to someone else, before anything changes: an object
 * marked for another branch always; an unmarked one unless `adoptExisting`, except an
 * unmarked database whose role carries this branch's mark naming it (a run interrupted
 * between creating the database and marking it, which this run finishes).
 */
export function checkOwnership(found: Inspection, plan: Plan, adoptExisting: boolean): void {
  const fix = (what: string) => `If it really is this branch's and may be dropped with it, set \`adopt-existing: true\`; otherwise choose another ${what}.`;
  for (const [kind, item, name] of [
    ['Role', found.role, plan.role],
    ['Database', found.database, plan.database],
  ] as const) {
    if (!item.exists) continue;
    if (item.ownership === 'other-branch' || item.ownership === 'other-repository') {
      const mark = parseOwnershipMark(item.comment);
      const owner = mark ? describeMarkOwner(mark) : '?';
      throw new UserError(
        `${kind} ${JSON.stringify(name)} belongs to ${owner}, not to branch ${JSON.stringify(plan.branch)} of ${plan.repository || 'this repository'} (its ownership mark says so); provision-db changed nothing.`,
        {
          fix:
            kind === 'Database'
              ? 'Give this branch another `database` name, or rename the branch: two branches (or two repositories sharing the server) whose names reduce to the same names never share an environment. Remove the other one with cleanup-branch once its branch is gone.'
              : 'Rename one of the branches (their names reduce to the same role), or give this branch another `database` name; remove the other environment with cleanup-branch once its branch is gone.',
        },
      );
    }
    if (item.ownership !== 'unmarked' || adoptExisting) continue;
    const roleMark = parseOwnershipMark(found.role.comment);
    const interrupted =
      kind === 'Database' && (found.role.ownership === 'ours' || found.role.ownership === 'ours-legacy') && roleMark?.database === plan.database;
    if (!interrupted) {
      throw new UserError(
        `${kind} ${JSON.stringify(name)} already exists without the suite's ownership mark, so provision-db will not take it over (cleanup would later drop it).`,
        {
          fix: fix(kind === 'Database' ? '`database` name' : 'branch name'),
        },
      );
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

/**
 * The mark to store: this branch, this repository; the existing mark's time when it is already
 * this branch's (a mark of an older version, without repository, is upgraded).
 */
function markText(existing: Found, plan: Plan, extra: { database?: string; role?: string }, now: Date): string {
  const previous = existing.ownership === 'ours' || existing.ownership === 'ours-legacy' ? parseOwnershipMark(existing.comment) : undefined;
  const mark = newOwnershipMark(plan.branch, { repository: plan.repository, ...extra }, now);
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
    await admin.query(
      `CREATE DATABASE ${quoteIdent(name)} WITH TEMPLATE template0 ENCODING ${quoteLiteral(charset)} LC_COLLATE ${quoteLiteral(collation)} LC_CTYPE ${quoteLiteral(collation)}`,
    );
    return true;
  } catch (error: unknown) {
    const state = sqlState(error);
    if (state === '42P04') return false;
    if (state === '22023' || state === '42809' || state === '0A000') {
      throw new UserError(
        `PostgreSQL cannot create database ${JSON.stringify(name)} with charset ${JSON.stringify(charset)} and collation ${JSON.stringify(collation)} (${state}: ${(error as Error).message}).`,
        {
          fix: 'Set `charset` and `collation` to ones the server has (e.g. `collation: C.UTF-8` on a local server).',
          cause: error,
        },
      );
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

/**
 * Checks, before ARM is asked, that the server knows the charset (an encoding name) and the
 * collation (a name in its pg_collation, fit for the charset): Azure answers an unknown one with
 * a bare InternalServerError, indistinguishable from an outage.
 * @throws UserError naming the input, with the nearest names the server has.
 */
export async function checkCharsetAndCollation(admin: PgClient, charset: string, collation: string): Promise<void> {
  const { rows } = await admin.query<{ enc: number; known: boolean; near: string[] | null }>(
    `SELECT pg_char_to_encoding($1) AS enc,
            EXISTS (SELECT 1 FROM pg_collation WHERE collname = $2 AND collencoding IN (-1, pg_char_to_encoding($1))) AS known,
            ARRAY(SELECT DISTINCT collname::text FROM pg_collation
                  WHERE collencoding IN (-1, pg_char_to_encoding($1))
                    AND (lower(replace(collname, '-', '')) = lower(replace($2, '-', ''))
                         OR split_part(lower(collname), '.', 1) = split_part(lower($2), '.', 1))
                  ORDER BY 1 LIMIT 5) AS near`,
    [charset, collation],
  );
  const row = rows[0];
  if ((row?.enc ?? -1) < 0) {
    throw new UserError(
      `Input \`charset\` is ${JSON.stringify(charset)}, which the server does not know as an encoding; Azure would answer the database create with a bare InternalServerError.`,
      {
        fix: 'Use a PostgreSQL encoding name such as UTF8 (the default).',
      },
    );
  }
  if (row?.known !== true) {
    const near = row?.near ?? [];
    throw new UserError(
      `Input \`collation\` is ${JSON.stringify(collation)}, which the server does not have for charset ${charset} (pg_collation); Azure would answer the database create with a bare InternalServerError.${near.length > 0 ? ` It has: ${near.join(', ')}.` : ''}`,
      {
        fix: 'Use a collation the server lists (`SELECT collname FROM pg_collation`), e.g. en_US.utf8 (the default).',
      },
    );
  }
}
