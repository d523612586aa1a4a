// The branch database when it is missing: through ARM (the management plane) or with CREATE
// DATABASE. Every ARM call is retried under the run's deadline (the SDK does not retry 409
// ServerBusy, nor an operation that ends Failed with ServerBusy); permanent answers are explained
// with the input to fix.
import type { Database } from '@azure/arm-postgresql-flexible';
import { armCall, armOperation } from '../../shared/azure/arm-call.ts';
import { explainArmError } from '../../shared/azure/errors.ts';
import { databaseResource, serverContext, type FlexibleServer } from '../../shared/azure/flexible-server.ts';
import type { Deadline } from '../../shared/core/deadline.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { databaseExists, type PgClient } from '../../shared/postgres/client.ts';
import { createDatabaseSql, databaseOwner, notOwnerError } from './access.ts';
import type { Inputs } from './inputs.ts';

/** The server the branch database lives on. */
export type ArmTarget = FlexibleServer;

/** What provision-db needs on the server, for 403 answers. */
export const DATABASE_PERMISSION = 'Microsoft.DBforPostgreSQL/flexibleServers/read and databases/write';

/** The database as ARM reports it, or undefined when it does not exist. */
export function findDatabase(target: ArmTarget, name: string, deadline: Deadline): Promise<Database | undefined> {
  const context = serverContext(target, databaseResource(target, name), DATABASE_PERMISSION);
  return armCall(deadline, `Reading database ${name}`, context, async () => {
    try {
      return await target.client.databases.get(target.resourceGroup, target.server, name);
    } catch (error: unknown) {
      // The server was read first, so a plain 404 here is the database's.
      const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
      if (statusCode === 404 && (code === 'ResourceNotFound' || code === 'NotFound')) return undefined;
      throw error;
    }
  });
}

/**
 * Creates the database (a long-running operation, polled every `pollIntervalMs` unless ARM's
 * Retry-After says otherwise), never past the run's deadline. Creating a database that exists
 * converges: the PUT is idempotent, so a retry after a dropped answer does not duplicate anything.
 * A server busy with another database operation (ServerBusy, ServerIsNotReady) is waited out; an
 * InternalServerError is tried at most three times (the charset and collation were checked
 * before, so it is likely an outage, but Azure gives that answer to bad input too).
 */
export async function createDatabase(
  target: ArmTarget,
  name: string,
  settings: { charset: string; collation: string; pollIntervalMs: number },
  deadline: Deadline,
): Promise<Database> {
  let internalErrors = 0;
  try {
    return await armOperation(deadline, `Creating database ${name}`, {
      begin: (options) =>
        target.client.databases.beginCreate(
          target.resourceGroup,
          target.server,
          name,
          { charset: settings.charset, collation: settings.collation },
          { updateIntervalInMs: settings.pollIntervalMs, ...options },
        ),
      classify: (_error, verdict) => {
        if (!verdict.retryable || !/InternalServerError/.test(verdict.reason)) return verdict;
        internalErrors += 1;
        return internalErrors >= 3 ? { retryable: false, reason: verdict.reason } : verdict;
      },
    });
  } catch (error: unknown) {
    throw explainCreateError(error, target, name, settings, internalErrors);
  }
}

/** What a failed create says: a refused charset or collation, repeated InternalServerErrors, or ARM's own answer. */
function explainCreateError(
  error: unknown,
  target: ArmTarget,
  name: string,
  settings: { charset: string; collation: string },
  internalErrors: number,
): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const parameter = /parameter (charset|collation|databaseName)/i.exec(message)?.[1];
  if (code === 'InvalidParameterValue' && parameter !== undefined) {
    const input = parameter === 'databaseName' ? 'database' : parameter.toLowerCase();
    return new UserError(`ARM refused the database's ${parameter} (InvalidParameterValue: ${message}).`, {
      fix: `Check the \`${input}\` input (e.g. charset UTF8, collation en_US.utf8).`,
      cause: error,
    });
  }
  if (internalErrors >= 3) {
    return new UserError(
      `ARM answered InternalServerError ${internalErrors} times while creating database ${name} (charset ${settings.charset}, collation ${settings.collation}): ${message}`,
      {
        fix: 'The server listed this charset and collation, so this is most likely an Azure outage: re-run later. If it persists, try the default `collation` (en_US.utf8) and `charset` (UTF8).',
        cause: error,
      },
    );
  }
  return explainArmError(error, serverContext(target, `Flexible Server ${JSON.stringify(target.server)}`, DATABASE_PERMISSION));
}

/** What {@link createBranchDatabase} needs besides the admin session. */
export interface CreateContext {
  inputs: Pick<Inputs, 'charset' | 'collation' | 'pollIntervalMs'>;
  /** The signed-in admin. */
  me: string;
  /** The PostgreSQL host (for the error when ARM and the host disagree). */
  host: string;
  deadline: Deadline;
  logger: Logger;
}

/** Creates the database when missing: through ARM when `arm` is given, else with CREATE DATABASE. Returns whether it was created. */
export async function createBranchDatabase(admin: PgClient, arm: ArmTarget | undefined, name: string, ctx: CreateContext): Promise<boolean> {
  if (!arm) return createDatabaseSql(admin, name, ctx.inputs.charset, ctx.inputs.collation);
  const { charset, collation, pollIntervalMs } = ctx.inputs;
  const existing = await findDatabase(arm, name, ctx.deadline);
  let created = false;
  if (existing === undefined) {
    await createDatabase(arm, name, { charset, collation, pollIntervalMs }, ctx.deadline);
    created = true;
    const owner = await databaseOwner(admin, name);
    if (owner && !owner.ownedByMe) {
      throw notOwnerError(
        name,
        owner.owner,
        ctx.me,
        'ARM created it with that owner; nothing else was changed (the branch role exists, unmarked database left for a re-run with the right admin or `create-method: sql` after dropping it).',
      );
    }
  } else if (existing.charset?.toUpperCase() !== charset.toUpperCase() || existing.collation?.toLowerCase() !== collation.toLowerCase()) {
    ctx.logger.warning(
      `Database ${name} exists with charset ${existing.charset ?? '?'} and collation ${existing.collation ?? '?'}, not ${charset}/${collation}; it is kept as it is.`,
    );
  }
  if (!(await databaseExists(admin, name))) {
    throw new UserError(`ARM reports database ${name} on server ${arm.server}, but PostgreSQL at ${ctx.host} does not have it.`, {
      fix: `Check \`host\`: it must point at server ${arm.server}.`,
    });
  }
  return created;
}
