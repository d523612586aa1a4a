// Microsoft.DBforPostgreSQL/flexibleServers: GET and LIST of the preset
// server (the properties a policy check reads), and the two URLs clients
// poll for long-running operations (Azure-AsyncOperation and Location).
import { sendJson } from '../common/http.ts';
import { armError, checkApiVersion, type ArmRoutes } from './arm-http.ts';
import {
  checkResourceGroup,
  operationUrls,
  POSTGRES_API_VERSIONS,
  POSTGRES_PROVIDER,
  resolveServer,
  retryAfter,
  serverId,
  systemData,
  type ArmContext,
} from './arm-scope.ts';
import { databaseBody } from './databases.ts';
import type { ServerRecord } from './state.ts';

const SERVERS = `/subscriptions/{sub}/resourceGroups/{rg}/providers/${POSTGRES_PROVIDER}/flexibleServers`;
const LOCATION_OPS = `/subscriptions/{sub}/providers/${POSTGRES_PROVIDER}/locations/{location}`;

function serverBody(ctx: ArmContext, server: ServerRecord): Record<string, unknown> {
  return {
    sku: server.sku,
    systemData: systemData('2025-01-15T09:30:00.000Z'),
    properties: server.properties,
    location: server.location,
    tags: server.tags,
    id: serverId(ctx, server),
    name: server.name,
    type: `${POSTGRES_PROVIDER}/flexibleServers`,
  };
}

/** Adds the server and operation-status routes. */
export function addFlexibleServerRoutes(routes: ArmRoutes, ctx: ArmContext): void {
  routes.add('GET', `${SERVERS}/{server}`, (req, res, params) => {
    const found = resolveServer(ctx, req, res, params);
    if (found) sendJson(res, 200, serverBody(ctx, found.server));
  });

  routes.add('GET', SERVERS, (req, res, { sub = '', rg = '' }) => {
    if (!checkApiVersion(req, res, 'flexibleServers', POSTGRES_API_VERSIONS)) return;
    if (!checkResourceGroup(ctx, res, sub, rg)) return;
    const value = rg.toLowerCase() === ctx.state.ids.resourceGroup.toLowerCase() ? [...ctx.state.servers.values()].map((s) => serverBody(ctx, s)) : [];
    sendJson(res, 200, { value });
  });

  const findOperation = (sub: string, id: string) => (sub.toLowerCase() === ctx.state.ids.subscriptionId.toLowerCase() ? ctx.operations.get(id) : undefined);
  const notFound = (res: Parameters<typeof armError>[0], id: string) => armError(res, 404, 'ResourceNotFound', `The operation '${id}' was not found.`);

  routes.add('GET', `${LOCATION_OPS}/azureAsyncOperation/{id}`, (req, res, { sub = '', id = '' }) => {
    if (!checkApiVersion(req, res, 'locations/azureAsyncOperation', POSTGRES_API_VERSIONS)) return;
    const op = findOperation(sub, id);
    if (!op) return notFound(res, id);
    ctx.operations.polls += 1;
    const headers: Record<string, string> = op.status === 'InProgress' ? { 'retry-after': retryAfter(ctx) } : {};
    sendJson(res, 200, ctx.operations.statusDocument(op), headers);
  });

  routes.add('GET', `${LOCATION_OPS}/operationResults/{id}`, async (req, res, { sub = '', id = '' }) => {
    const apiVersion = checkApiVersion(req, res, 'locations/operationResults', POSTGRES_API_VERSIONS);
    if (!apiVersion) return;
    const op = findOperation(sub, id);
    if (!op) return notFound(res, id);
    ctx.operations.polls += 1;
    if (op.status === 'InProgress') {
      const urls = operationUrls(ctx, op.id, apiVersion);
      res.writeHead(202, { location: urls.location, 'retry-after': retryAfter(ctx), 'content-length': 0 });
      res.end();
      return;
    }
    if (op.status === 'Failed' && op.error) {
      const status = op.error.code === 'ServerBusy' ? 409 : op.error.code === 'InternalServerError' ? 500 : 400;
      return armError(res, status, op.error.code, op.error.message);
    }
    if (op.kind === 'delete') {
      res.writeHead(204);
      res.end();
      return;
    }
    const body = await databaseBody(ctx, op.resourcePath);
    if (body) sendJson(res, 200, body);
    else {
      res.writeHead(204);
      res.end();
    }
  });
}
