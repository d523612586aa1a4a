// Shared context of the ARM routes and the checks every request passes in
// order: api-version, subscription, resource group, then the server.
import type http from 'node:http';
import type { Request } from '../common/http.ts';
import { armError, checkApiVersion } from './arm-http.ts';
import type { Operations } from './operations.ts';
import type { PostgresBackend } from './pg-backend.ts';
import type { AzureState, ServerRecord } from './state.ts';

/** api-versions the emulator serves for Microsoft.DBforPostgreSQL. */
export const POSTGRES_API_VERSIONS: readonly string[] = [
  '2025-08-01',
  '2025-06-01-preview',
  '2024-08-01',
  '2024-11-01-preview',
  '2023-12-01-preview',
  '2023-06-01-preview',
  '2022-12-01',
  '2021-06-01',
];
export const POSTGRES_PROVIDER = 'Microsoft.DBforPostgreSQL';

/** Everything the ARM routes share. */
export interface ArmContext {
  state: AzureState;
  operations: Operations;
  /** The real server behind the preset Flexible Server, when there is one. */
  backend: PostgresBackend | undefined;
  /** The emulator's base URL (`https://127.0.0.1:port`). */
  baseUrl: string;
  /** Retry-After seconds on 202 answers; undefined derives it from the operation time. */
  retryAfterSeconds: number | undefined;
  /** Items per LIST page before a nextLink. */
  listPageSize: number;
  /** Federated credentials per LIST page before a nextLink. */
  credentialPageSize: number;
  /** How long one federated credential write holds its identity (ms). */
  credentialWriteMs: number;
}

/** The Retry-After value for long-running operation answers. */
export function retryAfter(ctx: ArmContext): string {
  return String(ctx.retryAfterSeconds ?? Math.round(ctx.operations.operationMs / 1000));
}

/** Checks the subscription and resource group; answers ARM's 404 and returns false when missing. */
export function checkResourceGroup(ctx: ArmContext, res: http.ServerResponse, subscriptionId: string, resourceGroup: string): boolean {
  if (subscriptionId.toLowerCase() !== ctx.state.ids.subscriptionId.toLowerCase()) {
    armError(res, 404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    return false;
  }
  if (!ctx.state.resourceGroups.has(resourceGroup.toLowerCase())) {
    armError(res, 404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
    return false;
  }
  return true;
}

/** Resolves `{sub}/{rg}/.../flexibleServers/{server}` after the api-version check, or answers the error. */
export function resolveServer(
  ctx: ArmContext,
  req: Request,
  res: http.ServerResponse,
  params: Record<string, string>,
  type = 'flexibleServers',
): { server: ServerRecord; apiVersion: string } | undefined {
  const apiVersion = checkApiVersion(req, res, type, POSTGRES_API_VERSIONS);
  if (!apiVersion) return undefined;
  const { sub = '', rg = '', server: name = '' } = params;
  if (!checkResourceGroup(ctx, res, sub, rg)) return undefined;
  const server = ctx.state.server(rg, name);
  if (!server) {
    armError(
      res,
      404,
      'ResourceNotFound',
      `The Resource '${POSTGRES_PROVIDER}/flexibleServers/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
    return undefined;
  }
  return { server, apiVersion };
}

/** The canonical ARM id of the preset server. */
export function serverId(ctx: ArmContext, server: ServerRecord): string {
  const { subscriptionId, resourceGroup } = ctx.state.ids;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${POSTGRES_PROVIDER}/flexibleServers/${server.name}`;
}

/** The URLs a 202 answer points to for operation `id`. */
export function operationUrls(ctx: ArmContext, id: string, apiVersion: string): { asyncOperation: string; location: string } {
  const base = `${ctx.baseUrl}/subscriptions/${ctx.state.ids.subscriptionId}/providers/${POSTGRES_PROVIDER}/locations/westeurope`;
  return {
    asyncOperation: `${base}/azureAsyncOperation/${id}?api-version=${apiVersion}`,
    location: `${base}/operationResults/${id}?api-version=${apiVersion}`,
  };
}

/** `systemData` as ARM adds it to resources. */
export function systemData(createdAt: string): Record<string, string> {
  return {
    createdBy: 'emulator',
    createdByType: 'Application',
    createdAt,
    lastModifiedBy: 'emulator',
    lastModifiedByType: 'Application',
    lastModifiedAt: createdAt,
  };
}
