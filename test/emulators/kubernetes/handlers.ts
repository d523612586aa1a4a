// The resource verbs: GET (one object or a list), WATCH, POST, PUT, PATCH,
// DELETE (one or a collection), the status and finalize subresources, and pod
// logs. The router parses the path into a Target and calls `handleResource`.
import type http from 'node:http';
import type { Request } from '../common/http.ts';
import { sendJson } from '../common/http.ts';
import type { PropagationPolicy } from './deletion.ts';
import type { NamespaceLifecycle } from './namespaces.ts';
import type { ObjectWriter, Target, WriteOptions } from './objects.ts';
import { apiVersionOf } from './resources.ts';
import { matchFields, matchRequirements, parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { badRequest, methodNotAllowed, notFound } from './status.ts';
import type { KubeStore } from './store.ts';
import { isRecord, type KubeObject } from './types.ts';
import { toTable, wantsTable } from './tables.ts';
import { serveWatch } from './watch.ts';

export interface ResourceContext {
  store: KubeStore;
  writer: ObjectWriter;
  namespaces: NamespaceLifecycle;
  /** Text of a pod's log (throws an ApiError when there is none to show). */
  logs: (pod: KubeObject, container: string | undefined, previous: boolean) => string;
  /** Open watches, stopped when the emulator closes. */
  watches: Set<() => void>;
}

/** The object as served at the request's version. */
export function present(target: Target, obj: Readonly<KubeObject>): KubeObject {
  // A shallow copy: what is presented is only serialized (a watch presents the stored object).
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  return { apiVersion: apiVersionOf(target.type.group, target.version), kind: target.type.kind, ...rest };
}

function selectorFilter(target: Target, query: URLSearchParams): (obj: KubeObject) => boolean {
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '', target.type.kind);
  return (obj) =>
    (target.name === undefined || obj.metadata.name === target.name) && matchRequirements(labels, obj.metadata.labels) && matchFields(fields, obj);
}

function writeOptions(req: Request): WriteOptions {
  const dryRun = req.query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(dryRun.find((d) => d !== 'All'))}: supported values: "All"`);
  const force = req.query.get('force');
  const validation = req.query.get('fieldValidation') ?? 'Warn';
  if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(validation)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  return {
    dryRun: dryRun.length > 0,
    fieldValidation: validation,
    warnings: [],
    fieldManager: req.query.get('fieldManager') ?? undefined,
    userAgent: req.headers['user-agent'] ?? '',
    force: force === 'true' || force === '1',
  };
}

function list(ctx: ResourceContext, target: Target, req: Request, res: http.ServerResponse): void {
  const matches = selectorFilter(target, req.query);
  const all = ctx.store.select(target.resource, target.namespace, matches);
  const limit = Number(req.query.get('limit') ?? '0');
  const start = Number(Buffer.from(req.query.get('continue') ?? '', 'base64url').toString('utf8') || '0');
  const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
  if (wantsTable(req.headers.accept))
    return sendJson(
      res,
      200,
      toTable(target.type, target.version, page, ctx.store.resourceVersion, req.query.get('includeObject'), (o) => present(target, o)),
    );
  const metadata: Record<string, unknown> = { resourceVersion: ctx.store.resourceVersion };
  const next = start + page.length;
  if (limit > 0 && next < all.length) {
    metadata.continue = Buffer.from(String(next)).toString('base64url');
    metadata.remainingItemCount = all.length - next;
  }
  // Built-in lists carry kind and apiVersion on the list only, as the API server sends them.
  const items = page.map((obj) => (target.type.custom ? present(target, obj) : withoutTypeMeta(obj)));
  sendJson(res, 200, { kind: target.type.listKind, apiVersion: apiVersionOf(target.type.group, target.version), metadata, items });
}

function withoutTypeMeta(obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

function propagation(req: Request): PropagationPolicy {
  let policy = req.query.get('propagationPolicy') ?? undefined;
  if (req.body.length > 0) {
    const body = parseBody(req);
    if (isRecord(body) && typeof body.propagationPolicy === 'string') policy = body.propagationPolicy;
    if (isRecord(body) && body.orphanDependents === true) policy = 'Orphan';
  }
  if (policy === undefined) return 'Background';
  if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
  }
  return policy;
}

function getLogs(ctx: ResourceContext, target: Target, req: Request, res: http.ServerResponse): void {
  const pod = ctx.writer.read(target);
  let text = ctx.logs(pod, req.query.get('container') ?? undefined, req.query.get('previous') === 'true');
  const tail = Number(req.query.get('tailLines') ?? '-1');
  if (tail >= 0)
    text = text
      .split('\n')
      .filter((l) => l.length > 0)
      .slice(-tail)
      .map((l) => `${l}\n`)
      .join('');
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Handles a request for a resource, an object, or one of its subresources. */
export function handleResource(ctx: ResourceContext, target: Target, subresource: string | undefined, req: Request, res: http.ServerResponse): void {
  const { method } = req;
  const options = (): WriteOptions => {
    const made = writeOptions(req);
    pending = made.warnings;
    return made;
  };
  let pending: string[] | undefined;
  const respond = (code: number, obj: KubeObject): void => {
    if (pending && pending.length > 0)
      res.setHeader(
        'Warning',
        pending.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    sendJson(res, code, present(target, obj));
  };
  if (subresource !== undefined) {
    handleSubresource(ctx, target, subresource, req, res);
    return;
  }
  const watching = req.query.get('watch') === 'true' || req.query.get('watch') === '1';
  if (method === 'GET' && watching) {
    const timeout = req.query.get('timeoutSeconds');
    const stop = serveWatch(ctx.store, req.raw, res, {
      target: { ...target, name: undefined },
      resourceVersion: req.query.get('resourceVersion'),
      timeoutSeconds: timeout ? Number(timeout) : undefined,
      matches: selectorFilter(target, req.query),
      present: (obj) => present(target, obj),
    });
    ctx.watches.add(stop);
    res.on('close', () => ctx.watches.delete(stop));
    return;
  }
  if (target.name === undefined) {
    if (method === 'GET') return list(ctx, target, req, res);
    if (method === 'POST') return respond(201, ctx.writer.create(target, parseBody(req), options()));
    if (method === 'DELETE') return deleteCollection(ctx, target, req, res);
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  switch (method) {
    case 'GET':
      if (wantsTable(req.headers.accept))
        return sendJson(
          res,
          200,
          toTable(target.type, target.version, [ctx.writer.read(target)], ctx.store.resourceVersion, req.query.get('includeObject'), (o) => present(target, o)),
        );
      return respond(200, ctx.writer.read(target));
    case 'PUT':
      return respond(200, ctx.writer.replace(target, parseBody(req), options()));
    case 'PATCH': {
      const { object, created } = ctx.writer.patch(target, req.headers['content-type'] ?? '', req.body, options());
      return respond(created ? 201 : 200, object);
    }
    case 'DELETE': {
      const result = ctx.writer.delete(target, { dryRun: writeOptions(req).dryRun, policy: propagation(req) });
      sendJson(res, 200, result.kind === 'Status' ? result : present(target, result as KubeObject));
      return;
    }
    default:
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

const SCALABLE = new Set(['deployments.apps', 'statefulsets.apps', 'replicasets.apps']);

function handleSubresource(ctx: ResourceContext, target: Target, subresource: string, req: Request, res: http.ServerResponse): void {
  const respond = (obj: KubeObject, options?: WriteOptions): void => {
    if (options?.warnings && options.warnings.length > 0)
      res.setHeader(
        'Warning',
        options.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    sendJson(res, 200, present(target, obj));
  };
  if (subresource === 'status' && target.type.statusSubresource) {
    if (req.method === 'GET') return respond(ctx.writer.read(target));
    const options = writeOptions(req);
    if (req.method === 'PUT') return respond(ctx.writer.writeStatus(target, undefined, req.body, options), options);
    if (req.method === 'PATCH') return respond(ctx.writer.writeStatus(target, req.headers['content-type'] ?? '', req.body, options), options);
  } else if (subresource === 'scale' && SCALABLE.has(target.resource)) {
    if (req.method === 'GET') return sendJson(res, 200, ctx.writer.scale(target, undefined, undefined, writeOptions(req)));
    if (req.method === 'PUT' || req.method === 'PATCH') {
      return sendJson(res, 200, ctx.writer.scale(target, req.method === 'PUT' ? undefined : (req.headers['content-type'] ?? ''), req.body, writeOptions(req)));
    }
  } else if (subresource === 'log' && target.resource === 'pods' && req.method === 'GET') {
    return getLogs(ctx, target, req, res);
  } else if (subresource === 'finalize' && target.resource === 'namespaces' && req.method === 'PUT') {
    const body = parseBody(req);
    const spec = isRecord(body) && isRecord(body.spec) ? body.spec : {};
    const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers.filter((f): f is string => typeof f === 'string') : [];
    return respond(ctx.namespaces.finalize(target.name ?? '', finalizers));
  } else {
    throw notFound({ group: target.type.group, resource: `${target.type.plural}/${subresource}` }, target.name ?? '');
  }
  throw methodNotAllowed(`the server does not allow this method on the requested resource`);
}

function deleteCollection(ctx: ResourceContext, target: Target, req: Request, res: http.ServerResponse): void {
  const matches = selectorFilter(target, req.query);
  const options = { dryRun: writeOptions(req).dryRun, policy: propagation(req) };
  const deleted: KubeObject[] = [];
  for (const obj of ctx.store.select(target.resource, target.namespace, matches)) {
    ctx.writer.delete({ ...target, namespace: obj.metadata.namespace, name: obj.metadata.name }, options);
    deleted.push(target.type.custom ? present(target, obj) : withoutTypeMeta(obj));
  }
  sendJson(res, 200, {
    kind: target.type.listKind,
    apiVersion: apiVersionOf(target.type.group, target.version),
    metadata: { resourceVersion: ctx.store.resourceVersion },
    items: deleted,
  });
}

function parseBody(req: Request): unknown {
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch (error: unknown) {
    throw badRequest(`the body of the request is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
