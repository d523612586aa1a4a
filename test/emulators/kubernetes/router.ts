// HTTP entry of the Kubernetes emulator: request counting, optional fixed
// latency, injected faults (rendered as Status bodies), bearer-token checks,
// discovery routes, and the parsing of resource paths into a Target.
import type http from 'node:http';
import { readBody, Router, sendJson, type Request } from '../common/http.ts';
import { sleep, type FaultInjector, type RequestCounter } from '../common/faults.ts';
import { AGGREGATED_DISCOVERY, aggregatedDiscovery, apiGroup, apiGroupList, apiVersions, resourceList, SERVER_VERSION, wantsAggregated } from './discovery.ts';
import { handleResource, type ResourceContext } from './handlers.ts';
import { openApiV2, openApiV3, openApiV3Index } from './openapi.ts';
import { decodeProtobuf } from './protobuf.ts';
import { resourceKey } from './resources.ts';
import { SelectorError } from './selectors.ts';
import { ApiError, badRequest, faultStatus, unauthorized, unsupportedMediaType, type StatusBody } from './status.ts';

export interface RouterContext extends ResourceContext {
  faults: FaultInjector;
  requests: RequestCounter;
  /** Fixed delay before every answer. */
  latencyMs: number;
  /** The bearer token a client that sends credentials must send. */
  token: string;
  /** `host:port` the server answers on, for APIVersions. */
  serverAddress: () => string;
}

const ANONYMOUS = new Set(['/version', '/healthz', '/livez', '/readyz']);

function notServed(): ApiError {
  const status: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  };
  return new ApiError(status);
}

function notAcceptable(accept: string): ApiError {
  const status: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `only the following media types are accepted: application/json (asked for ${accept})`,
    reason: 'NotAcceptable',
    details: {},
    code: 406,
  };
  return new ApiError(status);
}

function answer(res: http.ServerResponse, body: unknown): void {
  if (body === undefined) throw notServed();
  sendJson(res, 200, body);
}

/**
 * Resolves `segments` (the path after /api/v1 or /apis/{group}/{version}) into
 * a target and subresource: `[plural]`, `[plural, name, sub?]`, or
 * `[namespaces, ns, plural, name?, sub?]`.
 */
function resolve(ctx: RouterContext, group: string, version: string, segments: string[], req: Request, res: http.ServerResponse): void {
  let namespace: string | undefined;
  let rest = segments;
  const namespaceSub = segments.length === 3 && (segments[2] === 'status' || segments[2] === 'finalize');
  if (segments[0] === 'namespaces' && segments.length >= 3 && !namespaceSub) {
    namespace = segments[1];
    rest = segments.slice(2);
  }
  const [plural = '', name, subresource, ...extra] = rest;
  const type = ctx.store.registry.byPath(group, version, plural);
  if (!type || extra.length > 0) throw notServed();
  if (namespace !== undefined && !type.namespaced) throw notServed();
  if (namespace === undefined && type.namespaced && name !== undefined) throw notServed();
  const target = { type, resource: resourceKey(type), version, namespace, name };
  handleResource(ctx, target, subresource, req, res);
}

function reviewBody(req: Request, kind: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw badRequest('the body of the request is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`the body of the request must be a ${kind}`);
  return body as Record<string, unknown>;
}

/** SelfSubjectAccessReview: RBAC is not modelled, so every request is allowed (as for cluster-admin). */
function accessReview(req: Request): unknown {
  const body = reviewBody(req, 'SelfSubjectAccessReview');
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: body.spec ?? {},
    status: { allowed: true },
  };
}

/** SelfSubjectReview: the kubeconfig's token user, or the anonymous user of a request with no credentials. */
function selfReview(req: Request, token: string): unknown {
  reviewBody(req, 'SelfSubjectReview');
  const authenticated = req.headers.authorization === `Bearer ${token}`;
  const userInfo = authenticated
    ? { username: 'emulator-user', groups: ['system:masters', 'system:authenticated'] }
    : { username: 'system:anonymous', groups: ['system:unauthenticated'] };
  return { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo } };
}

function buildRouter(ctx: RouterContext): Router {
  const router = new Router();
  router
    .add('GET', '/version', (_req, res) => sendJson(res, 200, SERVER_VERSION))
    .add('GET', '/healthz', (_req, res) => void res.end('ok'))
    .add('GET', '/livez', (_req, res) => void res.end('ok'))
    .add('GET', '/readyz', (_req, res) => void res.end('ok'))
    .add('GET', '/api', (req, res) =>
      wantsAggregated(req.headers.accept)
        ? sendJson(res, 200, aggregatedDiscovery(ctx.store.registry, true), { 'content-type': AGGREGATED_DISCOVERY })
        : sendJson(res, 200, apiVersions(ctx.serverAddress())),
    )
    .add('GET', '/apis', (req, res) =>
      wantsAggregated(req.headers.accept)
        ? sendJson(res, 200, aggregatedDiscovery(ctx.store.registry, false), { 'content-type': AGGREGATED_DISCOVERY })
        : sendJson(res, 200, apiGroupList(ctx.store.registry)),
    )
    .add('GET', '/openapi/v3', (_req, res) => sendJson(res, 200, openApiV3Index(ctx.store.registry)))
    .add('GET', '/openapi/v3/api/v1', (_req, res) => answer(res, openApiV3(ctx.store.registry, '', 'v1')))
    .add('GET', '/openapi/v3/apis/{group}/{version}', (_req, res, p) => answer(res, openApiV3(ctx.store.registry, p.group ?? '', p.version ?? '')))
    .add('GET', '/openapi/v2', (req, res) => {
      // Only JSON is served: a client that accepts nothing else (protobuf) gets 406, as from a real server.
      const accept = req.headers.accept ?? '*/*';
      if (!/application\/json|\*\/\*/.test(accept)) throw notAcceptable(accept);
      sendJson(res, 200, openApiV2(ctx.store.registry));
    })
    .add('GET', '/api/v1', (_req, res) => answer(res, resourceList(ctx.store.registry, '', 'v1')))
    .add('GET', '/apis/{group}', (_req, res, p) => answer(res, apiGroup(ctx.store.registry, p.group ?? '')))
    .add('GET', '/apis/{group}/{version}', (_req, res, p) => answer(res, resourceList(ctx.store.registry, p.group ?? '', p.version ?? '')))
    .add('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (req, res) => sendJson(res, 201, accessReview(req)))
    .add('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', (req, res) => sendJson(res, 201, selfReview(req, ctx.token)))
    .add('*', '/api/v1/{rest*}', (req, res, p) => resolve(ctx, '', 'v1', (p.rest ?? '').split('/'), req, res))
    .add('*', '/apis/{group}/{version}/{rest*}', (req, res, p) => resolve(ctx, p.group ?? '', p.version ?? '', (p.rest ?? '').split('/'), req, res));
  return router;
}

function sendError(res: http.ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof ApiError) {
    sendJson(res, error.status.code ?? 500, error.status, error.headers);
  } else if (error instanceof SelectorError) {
    sendError(res, badRequest(error.message));
  } else {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `emulator error: ${message}`,
      reason: 'InternalError',
      details: { causes: [{ message }] },
      code: 500,
    });
  }
}

/** The request listener of the emulator's HTTP server. */
export function createListener(ctx: RouterContext): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const router = buildRouter(ctx);
  const serve = async (raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(raw.url ?? '/', 'http://emulator');
    const method = raw.method ?? 'GET';
    ctx.requests.record(method, url.pathname);
    if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
    const fault = ctx.faults.pick(method, url.pathname);
    if (fault?.kind === 'drop') {
      raw.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'status') throw faultStatus(fault.status, fault.message, fault.retryAfterSeconds);
    // kubectl (client-go) sends no credentials over plain HTTP, so only a wrong token is refused.
    const auth = raw.headers.authorization;
    if (!ANONYMOUS.has(url.pathname) && auth !== undefined && auth !== `Bearer ${ctx.token}`) throw unauthorized();
    let body = await readBody(raw);
    let headers = raw.headers;
    // kubectl's typed clients (create namespace|deployment|configmap|secret, auth) send protobuf: read as JSON.
    const contentType = raw.headers['content-type'] ?? '';
    if (body.length > 0 && contentType.startsWith('application/vnd.kubernetes.protobuf')) {
      if (method !== 'POST' && method !== 'PUT') throw unsupportedMediaType(contentType);
      body = Buffer.from(JSON.stringify(decodeProtobuf(body, contentType)));
      headers = { ...raw.headers, 'content-type': 'application/json' };
    }
    const request: Request = { method, path: url.pathname, query: url.searchParams, headers, raw, body };
    const route = router.match(method, url.pathname);
    if (!route) throw notServed();
    await route.handler(request, res, route.params);
  };
  return (req, res) => {
    serve(req, res).catch((error: unknown) => sendError(res, error));
  };
}
