// The Azure Database for PostgreSQL Flexible Server a branch database lives on, as ARM sees it.
import type { PostgreSQLManagementFlexibleServerClient, Server } from '@azure/arm-postgresql-flexible';
import type { TokenCredential } from '@azure/identity';
import type { Deadline } from '../core/deadline.ts';
import { armCall } from './arm-call.ts';
import { flexibleServerClient } from './arm.ts';
import type { ArmErrorContext } from './errors.ts';
import type { AzureClientOptions } from './login.ts';

/** The server and the client that reaches it. */
export interface FlexibleServer {
  client: PostgreSQLManagementFlexibleServerClient;
  subscriptionId: string;
  resourceGroup: string;
  server: string;
}

/** Where the server is, from the inputs. */
export interface FlexibleServerRef {
  subscriptionId: string;
  resourceGroup: string;
  server: string;
  armEndpoint: string;
}

/** The ARM client for `ref`, signed in with `credential`. */
export async function openFlexibleServer(credential: TokenCredential, ref: FlexibleServerRef, clientOptions?: AzureClientOptions): Promise<FlexibleServer> {
  const client = await flexibleServerClient(credential, ref.subscriptionId, { endpoint: ref.armEndpoint, clientOptions });
  return { client, subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, server: ref.server };
}

/** What explainArmError says for a request about `resource` on this server, needing `permission`. */
export function serverContext(target: Omit<FlexibleServer, 'client'>, resource: string, permission: string): ArmErrorContext {
  return {
    subscriptionId: target.subscriptionId,
    resourceGroup: target.resourceGroup,
    resource,
    notFoundFix: 'Check `server`, `resource-group` and `subscription-id`.',
    permission,
  };
}

/** `Database "x" on server "y"`, as error messages name it. */
export function databaseResource(target: Pick<FlexibleServer, 'server'>, name: string): string {
  return `Database ${JSON.stringify(name)} on server ${JSON.stringify(target.server)}`;
}

/** Reads the server; `permission` is what a 403 answer says is missing. @throws UserError when it, its resource group or subscription is missing, or access is denied. */
export function readServer(target: FlexibleServer, deadline: Deadline, permission: string): Promise<Server> {
  const context = serverContext(target, `Flexible Server ${JSON.stringify(target.server)}`, permission);
  return armCall(deadline, `Reading server ${target.server}`, context, () => target.client.servers.get(target.resourceGroup, target.server));
}
