// The management plane: the server as ARM describes it, and the branch database created
// through ARM when absent. Every call is retried under the run's deadline (the SDK does not
// retry 409 ServerBusy, nor an operation that ends Failed with ServerBusy); permanent
// answers are explained with the input to fix.
import type { Database, PostgreSQLManagementFlexibleServerClient, Server } from '@azure/arm-postgresql-flexible';
import { explainArmError } from '../../shared/azure.ts';
import { UserError } from '../../shared/errors.ts';
import { retry } from '../../shared/retry.ts';
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
    return await retry(async () => {
      try {
        return await target.client.databases.get(target.resourceGroup, target.server, name);
      } catch (error: unknown) {
        // The server was read first, so a plain 404 here is the database's.
        const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
        if (statusCode === 404 && (code === 'ResourceNotFound' || code === 'NotFound')) return undefined;
        throw error;
      }
    }, budget.retry(`Reading database ${name}`));
  } catch (error: unknown) {
    throw explainArmError(error, serverContext(target, `Database ${JSON.stringify(name)} on server ${JSON.stringify(target.server)}`));
  }
}

/**
 * Creates the database (a long-running operation, polled every `pollIntervalMs` unless ARM's
 * Retry-After says otherwise). Creating a database that exists converges: the PUT is
 * idempotent, so a retry after a dropped answer does not duplicate anything.
 */
export async function createDatabase(target: ArmTarget, name: string, settings: { charset: string; collation: string; pollIntervalMs: number }, budget: Budget): Promise<Database> {
  try {
    return await retry(
      () => target.client.databases.beginCreateAndWait(target.resourceGroup, target.server, name, { charset: settings.charset, collation: settings.collation }, { updateIntervalInMs: settings.pollIntervalMs }),
      budget.retry(`Creating database ${name}`),
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
    throw explainArmError(error, serverContext(target, `Flexible Server ${JSON.stringify(target.server)}`));
  }
}
