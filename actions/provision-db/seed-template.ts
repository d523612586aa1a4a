// `seed-from-database`: the branch database as a copy of a template database on the same
// server (CREATE DATABASE ... TEMPLATE, a file copy), then everything copied handed to the
// branch role, as if its migrations had made it. ARM's Databases PUT has no template, so a
// seeded database is always made with SQL, as the signed-in admin (who must own the template:
// PostgreSQL lets only the owner of a database, or a superuser, copy it, and Azure's admin is
// never a superuser).
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { parseOwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import { quoteIdent, sessionsOf, sharedComment, sqlState, type PgClient, type Session } from '../../shared/postgres/client.ts';
import type { Deadline } from '../../shared/core/deadline.ts';
import type { CopyStrategy } from './seed-inputs.ts';

/** How a copy is asked for. */
export interface CopyRequest {
  /** The database to make. */
  database: string;
  /** The template (`seed-from-database`). */
  template: string;
  /** The signed-in admin (for messages). */
  me: string;
  strategy: CopyStrategy;
}

/** A session as the error names it. */
export function describeSession(s: Session): string {
  return `pid ${s.pid} (user ${s.user || '?'}, application ${JSON.stringify(s.application)}, from ${s.clientAddress ?? 'a local socket'})`;
}

/**
 * Refuses a template that is missing, is a branch's own database, or that the admin cannot
 * copy (it must have the privileges of the template's owner).
 */
export async function checkTemplate(admin: PgClient, request: CopyRequest): Promise<void> {
  const { template, me } = request;
  const { rows } = await admin.query<{ owner: string; mine: boolean }>(
    "SELECT pg_get_userbyid(datdba) AS owner, pg_has_role(current_user, datdba, 'USAGE') AS mine FROM pg_database WHERE datname = $1",
    [template],
  );
  const row = rows[0];
  if (row === undefined) {
    throw new UserError(`Input \`seed-from-database\` names ${JSON.stringify(template)}, which does not exist on this server; provision-db changed nothing.`, {
      fix: 'Create the template first: run the refresh-seed-template workflow (provision-db with `mode: refresh-template`), or check the name.',
    });
  }
  const mark = parseOwnershipMark(await sharedComment(admin, 'database', template));
  if (mark !== undefined) {
    throw new UserError(
      `Input \`seed-from-database\` names ${JSON.stringify(template)}, the branch database of ${JSON.stringify(mark.branch)}; provision-db does not copy one branch's data into another.`,
      {
        fix: 'Seed from a template database of your own (see the refresh-seed-template workflow).',
      },
    );
  }
  if (!row.mine) {
    throw new UserError(
      `Template ${JSON.stringify(template)} is owned by ${JSON.stringify(row.owner)}, and provision-db is signed in as ${JSON.stringify(me)}: PostgreSQL lets only a database's owner copy it (on Azure the admin is not a superuser); provision-db changed nothing.`,
      {
        fix: `Have ${row.owner} hand it over: \`ALTER DATABASE ${quoteIdent(template)} OWNER TO ${quoteIdent(me)}\` (run as ${row.owner}), or build the template as ${me} with \`mode: refresh-template\`.`,
      },
    );
  }
}

/**
 * The CREATE DATABASE statement. `auto` asks for FILE_COPY where the server knows STRATEGY
 * (PostgreSQL 15+): it copies the files after one checkpoint and writes almost no WAL, where
 * WAL_LOG (15's default) writes the whole template to the WAL, which Azure keeps with the
 * backups and ships to standbys; and it measured faster (test/bench/seed.bench.ts).
 */
async function createSql(admin: PgClient, request: CopyRequest): Promise<string> {
  let strategy: string = request.strategy;
  if (strategy === 'auto') {
    const { rows } = await admin.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    strategy = Number(rows[0]?.v) >= 150000 ? 'file_copy' : '';
  }
  return `CREATE DATABASE ${quoteIdent(request.database)} WITH TEMPLATE ${quoteIdent(request.template)}${strategy ? ` STRATEGY ${strategy.toUpperCase()}` : ''}`;
}

/** Sessions kept a database busy past the deadline. */
export class InUseError extends Error {
  readonly sessions: Session[];
  readonly attempts: number;
  constructor(sessions: Session[], attempts: number, options: { cause: unknown }) {
    super(`database in use by ${sessions.length} session(s)`, options);
    this.sessions = sessions;
    this.attempts = attempts;
  }
}

/**
 * Runs `statement`, which PostgreSQL refuses while other sessions are connected to `held`
 * (55006): that is waited out, with backoff, under the run's deadline. Returns false when the
 * statement's database exists already (42P04).
 * @throws InUseError naming the sessions still there at the deadline.
 */
export async function runWhenUnused(admin: PgClient, held: string, statement: string, deadline: Deadline, logger: Logger): Promise<boolean> {
  for (let attempt = 1, delayMs = 250; ; attempt += 1, delayMs = Math.min(delayMs * 2, 5000)) {
    try {
      await admin.query(statement);
      return true;
    } catch (error: unknown) {
      const state = sqlState(error);
      if (state === '42P04') return false;
      if (state !== '55006') throw error;
      const sessions = await sessionsOf(admin, held);
      if (deadline.remaining() <= delayMs) throw new InUseError(sessions, attempt, { cause: error });
      logger.info(
        `Database ${held} is in use by ${sessions.length} other session(s) (${sessions.map(describeSession).join('; ') || 'gone meanwhile'}); trying again in ${delayMs} ms.`,
      );
      await deadline.clock.sleep(delayMs);
    }
  }
}

/**
 * Copies the template into a new database, waiting (under the run's deadline) while other
 * sessions are connected to the template; the final error names each session. Returns false
 * when the database exists already.
 */
export async function copyTemplate(admin: PgClient, request: CopyRequest, deadline: Deadline, logger: Logger): Promise<boolean> {
  await checkTemplate(admin, request);
  try {
    return await runWhenUnused(admin, request.template, await createSql(admin, request), deadline, logger);
  } catch (error: unknown) {
    if (error instanceof InUseError) throw busyTemplate(request, error.sessions, error.attempts, error.cause);
    throw error;
  }
}

function busyTemplate(request: CopyRequest, sessions: Session[], attempts: number, cause: unknown): UserError {
  const who = sessions.length > 0 ? sessions.map(describeSession).join('; ') : 'sessions that ended just now';
  return new UserError(
    `Template ${JSON.stringify(request.template)} could not be copied into ${request.database}: other sessions were connected to it until the run's \`timeout\` (${attempts} attempts; PostgreSQL 55006, source database is being accessed by other users): ${who}. Nothing was created.`,
    {
      fix: `A template must have no sessions while it is copied: end them (\`SELECT pg_terminate_backend(pid)\`), keep applications and tools off it (\`ALTER DATABASE ${quoteIdent(request.template)} ALLOW_CONNECTIONS false\`; \`mode: refresh-template\` does this), or raise \`timeout\`.`,
      cause,
    },
  );
}
