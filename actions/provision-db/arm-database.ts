// The management plane: the server as ARM describes it, and the branch database created
// through ARM when absent. Every call is retried under the run's deadline (the SDK does not
// retry 409 ServerBusy, nor an operation that ends Failed with ServerBusy); permanent
// answers are explained with the input to fix.
import type { Database, PostgreSQLManagementFlexibleServerClient, Server } from '@azure/arm-postgresql-flexible';
import { explainArmError } from '../../shared/azure/errors.ts';
import { untilDone } from '../../shared/azure/arm.ts';
import { UserError } from '../../shared/core/errors.ts';
import { classifyError } from '../../shared/core/retry-policy.ts';
import { retry } from '../../shared/core/retry.ts';
import type { Budget } from './budget.ts';

/** The server the branch database lives on. */
export interface ArmTarget {
  client: PostgreSQLManagementFlexibleServerClient;
  subscriptionId: string;
  resourceGroup: string;
  server: string;
}

function serverContext(target: ArmTarget, resource: string) {
  return {
    subscriptionId: target.subscriptionId,
    resourceGroup: target.resourceGroup,
    resource,
    notFoundFix: 'Check `server`, `resource-group` and `subscription-id`.',
    permission: 'Microsoft.DBforPostgreSQL/flexibleServers/read and databases/write',
  };
}

/** Reads the server. @throws UserError when it, its resource group or subscription is missing, or access is denied. */
export async function readServer(target: ArmTarget, budget: Budget): Promise<Server> {
  try {
    return await retry(() => target.client.servers.get(target.resourceGroup, target.server), budget.retry(`Reading server ${target.server}`));
  } catch (error: unknown) {
    throw explainArmError(error, serverContext(target, `Flexible Server ${JSON.stringify(target.server)}`));
  }
}

/** The database as ARM reports it, or undefined when it does not exist. */
export async function findDatabase(target: ArmTarget, name: string, budget: Budget): Promise<Database | undefined> {
  try {
    return await retry(
      async () => {
        try {
          return await target.client.databases.get(target.resourceGroup, target.server, name);
        } catch (error: unknown) {
          // The server was read first, so a plain 404 here is the database's.
          const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
          if (statusCode === 404 && (code === 'ResourceNotFound' || code === 'NotFound')) return undefined;
          throw error;
        }
      },
      budget.retry(`Reading database ${name}`),
    );
  } catch (error: unknown) {
    throw explainArmError(error, serverContext(target, `Database ${JSON.stringify(name)} on server ${JSON.stringify(target.server)}`));
  }
}

/**
 * Creates the database (a long-running operation, polled every `pollIntervalMs` unless ARM's
 * Retry-After says otherwise), never past the run's deadline: the start and every poll are cut
 * off when `timeout` runs out. Creating a database that exists converges: the PUT is
 * idempotent, so a retry after a dropped answer does not duplicate anything. A server busy with
 * another database operation (ServerBusy, ServerIsNotReady) is waited out; an
 * InternalServerError is tried at most three times (the charset and collation were checked
 * before, so it is likely an outage, but Azure gives that answer to bad input too).
 */
export async function createDatabase(
  target: ArmTarget,
  name: string,
  settings: { charset: string; collation: string; pollIntervalMs: number },
  budget: Budget,
): Promise<Database> {
  const what = `Creating database ${name}`;
  let internalErrors = 0;
  let lastRetryable: Error | undefined;
  try {
    return await retry(
      // Past the deadline, the last answer (e.g. ServerBusy) is the reason to report, not the cut-off.
      () =>
        lastRetryable !== undefined && budget.remaining() <= 0
          ? Promise.reject(lastRetryable)
          : untilDone(what, budget.remaining(), (options) =>
              target.client.databases.beginCreate(
                target.resourceGroup,
                target.server,
                name,
                { charset: settings.charset, collation: settings.collation },
                { updateIntervalInMs: settings.pollIntervalMs, ...options },
              ),
            ),
      {
        ...budget.retry(what),
        classify: (error) => {
          const verdict = classifyError(error, budget.clock.now());
          if (verdict.retryable && error instanceof Error) lastRetryable = error;
          if (verdict.retryable && /InternalServerError/.test(verdict.reason)) {
            internalErrors += 1;
            if (internalErrors >= 3) return { retryable: false, reason: verdict.reason };
          }
          return verdict;
        },
      },
    );
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const parameter = /parameter (charset|collation|databaseName)/i.exec(message)?.[1];
    if (code === 'InvalidParameterValue' && parameter !== undefined) {
      const input = parameter === 'databaseName' ? 'database' : parameter.toLowerCase();
      throw new UserError(`ARM refused the database's ${parameter} (InvalidParameterValue: ${message}).`, {
        fix: `Check the \`${input}\` input (e.g. charset UTF8, collation en_US.utf8).`,
        cause: error,
      });
    }
    if (internalErrors >= 3) {
      throw new UserError(
        `ARM answered InternalServerError ${internalErrors} times while creating database ${name} (charset ${settings.charset}, collation ${settings.collation}): ${message}`,
        {
          fix: 'The server listed this charset and collation, so this is most likely an Azure outage: re-run later. If it persists, try the default `collation` (en_US.utf8) and `charset` (UTF8).',
          cause: error,
        },
      );
    }
    throw explainArmError(error, serverContext(target, `Flexible Server ${JSON.stringify(target.server)}`));
  }
}
