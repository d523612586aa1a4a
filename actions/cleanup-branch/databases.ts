// The branch database and role, removed only when their COMMENT carries the suite's ownership
// mark for this branch and their names are not protected. A database is closed to new
// connections, its sessions are ended (one that cannot be ended is named in the error), then it
// is dropped through ARM or with DROP DATABASE ... WITH (FORCE). A role gives up what it owns
// (REASSIGN OWNED, DROP OWNED) before DROP ROLE.
import { UserError, errorMessage } from '../../shared/core/errors.ts';
import { isProtectedDatabase, isProtectedRole } from '../../shared/branch/naming.ts';
import { describeMarkOwner, parseOwnershipMark, type OwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import { quoteIdent, setAllowConnections, sqlState, terminateSessions, sessionsOf, type PgClient, type Session } from '../../shared/postgres/client.ts';
import { markBelongs, type Owner, type StepContext } from './environment.ts';
import type { StepResult } from './report.ts';

/** Admin access to the server, shared by the steps (a small pool of sessions). */
export interface PgAccess {
  /** Runs `fn` on an admin session connected to the `postgres` database. */
  withClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T>;
  /** The admin login (never dropped). */
  adminUser: string;
  /** Databases never dropped besides the built-in protected names. */
  protectedDatabases: readonly string[];
  /** Drops a database once it is closed and empty (ARM delete or SQL). */
  drop(name: string, ctx: StepContext): Promise<void>;
  /** `ARM delete` or `DROP DATABASE ... WITH (FORCE)`, for messages. */
  dropText: string;
  /** True when the drop goes through ARM (which drops whoever owns the database); false for SQL (owner only). */
  dropsAnyOwner?: boolean;
}

/** A database or role with the suite's mark. */
export interface MarkedObject {
  name: string;
  mark: OwnershipMark;
}

/** Every database and role whose comment is the suite's mark. */
export async function listMarked(client: PgClient): Promise<{ databases: MarkedObject[]; roles: MarkedObject[] }> {
  const read = async (sql: string): Promise<MarkedObject[]> => {
    const { rows } = await client.query<{ name: string; comment: string | null }>(sql);
    return rows.flatMap((row) => {
      const mark = parseOwnershipMark(row.comment);
      return mark ? [{ name: row.name, mark }] : [];
    });
  };
  return {
    databases: await read(
      "SELECT datname AS name, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE shobj_description(oid, 'pg_database') IS NOT NULL ORDER BY 1",
    ),
    roles: await read(
      "SELECT rolname AS name, shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE shobj_description(oid, 'pg_authid') IS NOT NULL ORDER BY 1",
    ),
  };
}

interface FoundObject {
  exists: boolean;
  comment: string | null;
  /** The database's owner (databases only). */
  owner?: string;
  /** Whether the signed-in admin has its owner's privileges (databases only). */
  ownedByMe?: boolean;
  me?: string;
}

async function commentOf(client: PgClient, kind: 'database' | 'role', name: string): Promise<FoundObject> {
  const sql =
    kind === 'database'
      ? "SELECT shobj_description(oid, 'pg_database') AS comment, pg_get_userbyid(datdba) AS owner, pg_has_role(current_user, datdba, 'USAGE') AS mine, current_user AS me FROM pg_database WHERE datname = $1"
      : "SELECT shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE rolname = $1";
  const { rows } = await client.query<{ comment: string | null; owner?: string; mine?: boolean; me?: string }>(sql, [name]);
  const row = rows[0];
  if (row === undefined) return { exists: false, comment: null };
  return { exists: true, comment: row.comment, ...(row.owner === undefined ? {} : { owner: row.owner, ownedByMe: row.mine === true, me: row.me ?? '' }) };
}

/** Why a database or role may not be dropped, or undefined when it is this branch's (exact branch, exact repository). */
function markRefusal(kind: 'database' | 'role', comment: string | null, owner: Owner): StepResult | undefined {
  const mark = parseOwnershipMark(comment);
  const statement = kind === 'database' ? 'COMMENT ON DATABASE' : 'COMMENT ON ROLE';
  if (mark === undefined) return { action: 'skipped', reason: `no ownership mark (${statement} is not the suite's); made by hand?`, warn: true };
  if (owner.branch === undefined)
    return {
      action: 'skipped',
      reason: `the exact branch of this environment is unknown, and its mark names ${describeMarkOwner(mark)}: a slug match is never enough`,
      warn: true,
    };
  if (!markBelongs(mark, owner)) {
    return {
      action: 'skipped',
      reason: `its ownership mark names ${describeMarkOwner(mark)}, not branch ${JSON.stringify(owner.branch)} of ${owner.repository || 'this repository'}: it is that branch's to remove (cleanup-branch for that branch, or a sweep once it is gone)`,
      warn: true,
    };
  }
  return undefined;
}

/** A note for an object removed on the strength of a mark without repository (an older version's). */
function legacyNote(comment: string | null): { reason: string } | Record<string, never> {
  const mark = parseOwnershipMark(comment);
  return mark !== undefined && mark.repository === undefined
    ? { reason: `matched by its exact branch ${JSON.stringify(mark.branch)}: its mark, written by an older version, records no repository` }
    : {};
}

function describeSession(s: Session): string {
  return `pid ${s.pid} (user ${JSON.stringify(s.user)}${s.application ? `, application ${JSON.stringify(s.application)}` : ''}${s.clientAddress ? `, from ${s.clientAddress}` : ''})`;
}

/** Waits (up to 10 s and the deadline) for the ended sessions to leave; returns every session still there. */
async function sessionsAfterEnding(client: PgClient, name: string, ended: ReadonlySet<number>, ctx: StepContext): Promise<Session[]> {
  const until = ctx.clock.now() + ctx.deadline.within(10_000);
  for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
    const left = await sessionsOf(client, name);
    if (!left.some((s) => ended.has(s.pid)) || ctx.clock.now() >= until) return left;
    await ctx.clock.sleep(delay);
  }
}

/** Removes the database if it is this branch's (see the file comment). */
export async function removeDatabase(pg: PgAccess, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  if (isProtectedDatabase(name, pg.protectedDatabases)) {
    return { action: 'skipped', reason: 'protected database (postgres, azure*, template*, pg_* and protected-databases are never dropped)', warn: true };
  }
  const closed = await pg.withClient(async (client) => {
    const found = await commentOf(client, 'database', name);
    if (!found.exists) return { action: 'already-gone' } as const;
    const refusal = markRefusal('database', found.comment, owner);
    if (refusal) return refusal;
    if (!found.ownedByMe && !pg.dropsAnyOwner) {
      throw new UserError(
        `Database ${name} is owned by ${JSON.stringify(found.owner)}, not by the signed-in admin ${JSON.stringify(found.me)}, and ${pg.dropText} needs its owner; nothing was changed.`,
        {
          fix: `Sign in as ${found.owner ?? 'its owner'} (\`admin-user\`), or drop through ARM (\`drop-method: arm\` with \`server\`), which drops a database whoever owns it.`,
        },
      );
    }
    if (ctx.dryRun) {
      const sessions = await sessionsOf(client, name);
      return { action: 'would-remove', ...(sessions.length > 0 ? { reason: `${sessions.length} session(s) would be ended` } : {}) } as const;
    }
    if (found.ownedByMe) {
      try {
        await setAllowConnections(client, name, false);
      } catch (error: unknown) {
        if (sqlState(error) === '3D000') return { action: 'already-gone' } as const;
        throw error;
      }
    } else {
      ctx.logger.info(
        `Database ${name} is owned by ${found.owner ?? '?'}, not ${found.me ?? 'the admin'}: new connections cannot be blocked first (ALTER DATABASE needs the owner); its sessions are ended and ARM drops it.`,
      );
    }
    const { terminated, failed } = await terminateSessions(client, name);
    const left = await sessionsAfterEnding(client, name, new Set(terminated.map((s) => s.pid)), ctx);
    if (left.length > 0) {
      const reasons = new Map(failed.map((f) => [f.session.pid, f.reason]));
      const list = left.map((s) => `${describeSession(s)}${reasons.has(s.pid) ? `: ${reasons.get(s.pid) ?? ''}` : ''}`).join('; ');
      throw new UserError(`Database ${name} still has ${left.length} session(s) this login may not end: ${list}.`, {
        fix: `An administrator can end them (SELECT pg_terminate_backend(<pid>)). New connections stay blocked (ALLOW_CONNECTIONS false); re-run the cleanup afterwards.`,
      });
    }
    return undefined;
  });
  if (closed) return closed;
  const note = await pg.withClient(async (client) => legacyNote((await commentOf(client, 'database', name)).comment));
  await pg.drop(name, ctx);
  const gone = await pg.withClient(async (client) => !(await commentOf(client, 'database', name)).exists);
  if (!gone) {
    throw new UserError(`${pg.dropText} of database ${name} finished, but the server still lists it.`, {
      fix: 'Check that `host` points at the server that `server` names.',
    });
  }
  return { action: 'removed', ...note };
}

/** Drops the database with SQL (superuser or owner). */
export async function dropWithSql(client: PgClient, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Ends the role's sessions where this login may (DROP ROLE does not need it; it only stops them using the server). */
async function endRoleSessions(client: PgClient, role: string, ctx: StepContext): Promise<void> {
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()', [role]);
  for (const { pid } of rows) {
    try {
      await client.query('SELECT pg_terminate_backend($1)', [pid]);
    } catch (error: unknown) {
      ctx.logger.info(`Session ${pid} of role ${role} could not be ended (${errorMessage(error)}); the role is dropped anyway.`);
    }
  }
}

/** Removes the role if it is this branch's: its sessions ended, what it owns reassigned or dropped, then the role. */
export async function removeRole(pg: PgAccess, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  if (isProtectedRole(name, [pg.adminUser])) {
    return { action: 'skipped', reason: 'protected role (postgres, azure*, pg_*, the admin login and reserved names are never dropped)', warn: true };
  }
  return pg.withClient(async (client) => {
    const found = await commentOf(client, 'role', name);
    if (!found.exists) return { action: 'already-gone' };
    const refusal = markRefusal('role', found.comment, owner);
    if (refusal) return refusal;
    if (ctx.dryRun) return { action: 'would-remove' };
    await endRoleSessions(client, name, ctx);
    const role = quoteIdent(name);
    const release = async (): Promise<void> => {
      await client.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
      await client.query(`DROP OWNED BY ${role}`);
    };
    try {
      await release();
    } catch (error: unknown) {
      if (sqlState(error) === '42704') return { action: 'already-gone' };
      if (sqlState(error) !== '42501') throw error;
      // A CREATEROLE admin (not superuser) needs the role's privileges to reassign what it owns.
      await client.query(`GRANT ${role} TO CURRENT_USER`);
      await release();
    }
    try {
      await client.query(`DROP ROLE IF EXISTS ${role}`);
    } catch (error: unknown) {
      if (sqlState(error) !== '2BP01') throw error;
      const detail = (error as { detail?: unknown }).detail;
      throw new UserError(
        `Role ${name} still owns objects or holds privileges elsewhere: ${typeof detail === 'string' ? detail.replace(/\n/g, '; ') : errorMessage(error)}.`,
        {
          fix: 'Those objects live in another database (DROP OWNED only works in the database it runs in): drop or reassign them there, then re-run the cleanup.',
          cause: error,
        },
      );
    }
    return { action: 'removed', ...legacyNote(found.comment) };
  });
}
