// The write path of the API: create, replace, patch (merge, JSON, and
// server-side apply), status writes and delete, with what the API server does
// around them: names from the URL, namespace admission, uid and timestamps,
// defaults, validation, generation, optimistic concurrency, managedFields,
// dry runs, and no new resourceVersion for a write that changes nothing.
import * as yaml from 'js-yaml';
import { crdStatus, typeFromCrd, validateCrd } from './crds.ts';
import { applyDefaults, defaultListKeys, keepAllocated } from './defaults.ts';
import { deleteObject, finishIfReleased, type PropagationPolicy } from './deletion.ts';
import { applyConfiguration, trackUpdate } from './fieldmanager.ts';
import type { FieldOptions } from './fieldpaths.ts';
import type { NamespaceLifecycle } from './namespaces.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import { alreadyExists, ApiError, badRequest, invalid, notFound, success, unsupportedMediaType, updateConflict, type StatusBody } from './status.ts';
import { stampNew, type KubeStore } from './store.ts';
import { clone, deepEqual, isRecord, type KubeObject } from './types.ts';
import { schemaFor } from './schema.ts';
import { applyCrdDefaults, validateCustomResource } from './crd-validation.ts';
import { applyMessage, checkSchema, decodeMessage, unknownFieldWarnings, validateObject, validateUpdate } from './validate.ts';

/** What a request addresses: a resource type at a version, maybe a namespace and a name. */
export interface Target {
  type: ResourceType;
  /** Store key of the type (`deployments.apps`). */
  resource: string;
  version: string;
  namespace: string | undefined;
  name: string | undefined;
}

export interface WriteOptions {
  dryRun: boolean;
  /** `fieldValidation`: Strict refuses unknown fields, Warn (the default) and Ignore drop them. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Warnings for the answer's `Warning` headers (filled by the write). */
  warnings?: string[];
  /** `fieldManager` query parameter, if sent. */
  fieldManager: string | undefined;
  userAgent: string;
  force?: boolean;
}

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function groupResource(target: Target): { group: string; resource: string } {
  return { group: target.type.group, resource: target.type.plural };
}

function fieldOptions(target: Target): FieldOptions {
  return { schema: schemaFor(target.type, target.version), skipStatus: target.type.statusSubresource };
}

/** The manager an Update is recorded under: the parameter, else the user agent up to its first `/`. */
function managerOf(options: WriteOptions): string {
  return options.fieldManager ?? (options.userAgent.split('/')[0] || 'unknown').slice(0, 128);
}

/** Everything that is not metadata or status: a change here bumps metadata.generation. */
function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

function comparable(obj: KubeObject): unknown {
  const copy = clone(obj);
  delete copy.metadata.resourceVersion;
  for (const entry of copy.metadata.managedFields ?? []) entry.time = '';
  return copy;
}

/** The autoscaling/v1 Scale of a workload. */
function scaleOf(obj: KubeObject): unknown {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const status = isRecord(obj.status) ? obj.status : {};
  const selector = isRecord(obj.spec) && isRecord(obj.spec.selector) && isRecord(obj.spec.selector.matchLabels) ? obj.spec.selector.matchLabels : {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: isRecord(obj.spec) ? obj.spec.replicas : undefined },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(','),
    },
  };
}

/** What validating the writes cost: objects validated, and the time spent checking them against schemas and rules. */
export interface ValidationMeter {
  objects: number;
  ms: number;
}

export class ObjectWriter {
  private readonly store: KubeStore;
  private readonly namespaces: NamespaceLifecycle;
  /** Every write's validation, timed (the benchmark reports the cost per object). */
  readonly validation: ValidationMeter = { objects: 0, ms: 0 };

  constructor(store: KubeStore, namespaces: NamespaceLifecycle) {
    this.store = store;
    this.namespaces = namespaces;
  }

  /** The stored object or a 404. */
  read(target: Target): KubeObject {
    const found = this.store.get(target.resource, target.namespace, target.name ?? '');
    if (!found) throw notFound(groupResource(target), target.name ?? '');
    return found;
  }

  /** POST: 201 with the new object; 409 AlreadyExists when the name is taken. */
  create(target: Target, body: unknown, options: WriteOptions): KubeObject {
    this.decode(target, body, options, true);
    const obj = this.identify(target, body, true);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + Array.from({ length: 5 }, () => NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)]).join('');
    }
    const name = obj.metadata.name ?? '';
    if (name && this.store.get(target.resource, obj.metadata.namespace, name)) throw alreadyExists(groupResource(target), name);
    this.prepareCreate(target, obj);
    trackUpdate(undefined, obj, managerOf(options), fieldOptions(target));
    return this.save(target, undefined, obj, options.dryRun);
  }

  /** PUT: replaces an existing object (404 when absent, 409 on a stale resourceVersion). */
  replace(target: Target, body: unknown, options: WriteOptions): KubeObject {
    const live = this.read(target);
    this.decode(target, body, options, true);
    const next = this.identify(target, body, false);
    this.prepareUpdate(target, live, next);
    trackUpdate(live, next, managerOf(options), fieldOptions(target));
    return this.save(target, live, next, options.dryRun);
  }

  /** PATCH on the main resource. Apply may create (then `created` is true). */
  patch(target: Target, contentType: string, body: Buffer, options: WriteOptions): { object: KubeObject; created: boolean } {
    const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') return this.apply(target, body, options);
    const live = this.read(target);
    const patchedBody = this.patched(live, type, body, target);
    this.decode(target, patchedBody, options, false);
    const next = this.identify(target, patchedBody, false);
    this.prepareUpdate(target, live, next);
    trackUpdate(live, next, managerOf(options), fieldOptions(target));
    return { object: this.save(target, live, next, options.dryRun), created: false };
  }

  /** PUT or PATCH of the status subresource: only `status` changes. */
  writeStatus(target: Target, contentType: string | undefined, body: Buffer, options: WriteOptions): KubeObject {
    const live = this.read(target);
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    let sent: unknown;
    if (type === undefined) sent = this.parseJson(body);
    else if (type.startsWith('application/apply-patch')) sent = mergePatch(live, yaml.load(body.toString('utf8')));
    else sent = this.patched(live, type, body, target);
    const next = clone(live);
    const status = isRecord(sent) ? sent.status : undefined;
    if (status === undefined) delete next.status;
    else next.status = status;
    this.decode(target, next, options, type === undefined);
    if (target.type.custom) {
      const schema = schemaFor(target.type, target.version);
      applyCrdDefaults(next, schema);
      const causes = this.timed(() => validateCustomResource(next, schema, live));
      if (causes.length > 0) throw invalid(target.type.kind, target.type.group, next.metadata.name ?? '', causes);
    }
    return this.save(target, live, next, options.dryRun);
  }

  /**
   * GET, PUT or PATCH of the scale subresource (Deployments, StatefulSets,
   * ReplicaSets): answers the autoscaling/v1 Scale; writes are Update
   * operations recorded with `subresource: scale`.
   */
  scale(target: Target, contentType: string | undefined, body: Buffer | undefined, options: WriteOptions): unknown {
    const live = this.read(target);
    if (!body) return scaleOf(live);
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    const sent = type === undefined ? this.parseJson(body) : this.patched(scaleOf(live) as KubeObject, type, body);
    const replicas = isRecord(sent) && isRecord(sent.spec) ? sent.spec.replicas : undefined;
    if (typeof replicas !== 'number' || replicas < 0) {
      throw invalid('Scale', 'autoscaling', target.name ?? '', [
        { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, field: 'spec.replicas' },
      ]);
    }
    const next = clone(live);
    next.spec = { ...(isRecord(live.spec) ? live.spec : {}), replicas };
    this.prepareUpdate(target, live, next);
    const manager = managerOf(options);
    trackUpdate(live, next, manager, fieldOptions(target));
    const entry = next.metadata.managedFields?.find((e) => e.manager === manager && e.operation === 'Update');
    if (entry) entry.subresource = 'scale';
    return scaleOf(this.save(target, live, next, options.dryRun));
  }

  /** DELETE of one object: the Status (or, for custom resources and pods, the object). */
  delete(target: Target, options: { dryRun: boolean; policy: PropagationPolicy }): KubeObject | StatusBody {
    if (target.resource === 'namespaces') return this.namespaces.delete(target.name ?? '', options.dryRun);
    const live = this.read(target);
    const { object, gone } = options.dryRun ? { object: live, gone: true } : deleteObject(this.store, target.resource, live, options.policy);
    if (!gone || target.type.custom || target.type.kind === 'Pod') return object;
    return success(groupResource(target), live.metadata.name ?? '', live.metadata.uid ?? '');
  }

  private apply(target: Target, raw: Buffer, options: WriteOptions): { object: KubeObject; created: boolean } {
    if (!options.fieldManager) {
      throw invalid('PatchOptions', 'meta.k8s.io', '', [
        { reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' },
      ]);
    }
    let body: unknown;
    try {
      body = yaml.load(raw.toString('utf8'));
    } catch (error: unknown) {
      throw badRequest(`error decoding YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const applied = this.identify(target, body, false);
    this.typedPatch(target, applied);
    const precondition = applied.metadata.resourceVersion;
    for (const key of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'selfLink'])
      Reflect.deleteProperty(applied.metadata, key);
    if (target.type.statusSubresource) delete applied.status;
    defaultListKeys(applied);
    const live = this.store.get(target.resource, target.namespace, target.name ?? '');
    if (live && precondition && precondition !== live.metadata.resourceVersion) throw updateConflict(groupResource(target), target.name ?? '');
    if (!live) this.namespaces.admitCreate(target.type, target.namespace, target.name ?? '');
    const merged = applyConfiguration({ live, applied, manager: options.fieldManager, force: options.force === true, options: fieldOptions(target) });
    if (live) this.prepareUpdate(target, live, merged);
    else this.prepareCreate(target, merged);
    return { object: this.save(target, live, merged, options.dryRun), created: !live };
  }

  /**
   * Decodes a body against the kind's schema as the API server does: a value
   * of the wrong type is a 400; unknown fields are a 400 under
   * fieldValidation=Strict, else dropped, with a warning under Warn (the default).
   */
  private decode(target: Target, body: unknown, options: WriteOptions, whole: boolean): void {
    const mode = options.fieldValidation ?? 'Warn';
    const problems = this.timed(() => checkSchema(body, schemaFor(target.type, target.version), { prune: mode !== 'Strict', apply: false }));
    if (problems.length === 0) return;
    const message = decodeMessage(problems, mode === 'Strict');
    if (message) {
      const kind = target.type.kind;
      throw badRequest(whole ? `${kind} in version "${target.version}" cannot be handled as a ${kind}: ${message}` : message);
    }
    if (mode === 'Warn') options.warnings?.push(...unknownFieldWarnings(problems));
  }

  /** The typed conversion of an apply configuration: any unknown or mistyped field fails it (500, no reason). */
  private typedPatch(target: Target, applied: KubeObject): void {
    const message = applyMessage(this.timed(() => checkSchema(applied, schemaFor(target.type, target.version), { prune: false, apply: true })));
    if (!message) return;
    const ns = applied.metadata.namespace ?? '';
    const gvk = `${target.type.group}/${target.version}, Kind=${target.type.kind}`;
    throw new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `failed to create typed patch object (${ns}/${applied.metadata.name ?? ''}; ${gvk}): ${message}`,
      code: 500,
    });
  }

  private parseJson(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch (error: unknown) {
      throw badRequest(`the body of the request is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private patched(live: KubeObject, contentType: string, body: Buffer, target?: Target): unknown {
    const patch = this.parseJson(body);
    if (contentType === 'application/merge-patch+json') return mergePatch(live, patch);
    if (contentType === 'application/strategic-merge-patch+json') {
      if (target?.type.custom) throw unsupportedMediaType(contentType);
      return strategicMergePatch(live, patch, target ? schemaFor(target.type, target.version) : undefined);
    }
    if (contentType === 'application/json-patch+json') return jsonPatch(live, patch);
    throw unsupportedMediaType(contentType);
  }

  /** Checks the body against the URL and fills apiVersion, kind, name and namespace from it. */
  private identify(target: Target, body: unknown, creating: boolean): KubeObject {
    if (!isRecord(body)) throw badRequest('the body of the request must be a JSON or YAML object');
    const obj = clone(body) as KubeObject;
    if (!isRecord(obj.metadata)) obj.metadata = {};
    const expected = apiVersionOf(target.type.group, target.version);
    if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (obj.kind !== undefined && obj.kind !== target.type.kind)
      throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${target.type.kind})`);
    obj.apiVersion = expected;
    obj.kind = target.type.kind;
    const meta = obj.metadata;
    if (target.name !== undefined) {
      if (meta.name && meta.name !== target.name) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${target.name})`);
      meta.name = target.name;
    } else if (!creating) {
      throw badRequest('a name is required on the URL for this request');
    }
    if (target.type.namespaced) {
      if (meta.namespace && target.namespace && meta.namespace !== target.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = target.namespace ?? meta.namespace;
      if (!meta.namespace) throw badRequest('a namespace is required for namespaced resources');
    } else {
      delete meta.namespace;
    }
    return obj;
  }

  private prepareCreate(target: Target, obj: KubeObject): void {
    this.namespaces.admitCreate(target.type, obj.metadata.namespace, obj.metadata.name ?? '');
    if (target.type.statusSubresource) delete obj.status;
    stampNew(obj, target.type);
    applyDefaults(obj, target.type.kind, true);
    if (target.type.custom) applyCrdDefaults(obj, schemaFor(target.type, target.version));
    this.validate(target, obj, undefined);
  }

  private prepareUpdate(target: Target, live: KubeObject, next: KubeObject): void {
    const sentVersion = next.metadata.resourceVersion;
    if (sentVersion && sentVersion !== live.metadata.resourceVersion) throw updateConflict(groupResource(target), live.metadata.name ?? '');
    const meta: Record<string, unknown> = next.metadata;
    for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
      if (live.metadata[key] === undefined) Reflect.deleteProperty(meta, key);
      else meta[key] = live.metadata[key];
    }
    if (target.type.statusSubresource) {
      if (live.status === undefined) delete next.status;
      else next.status = clone(live.status);
    }
    if (target.resource === 'namespaces')
      next.spec = { ...(isRecord(next.spec) ? next.spec : {}), finalizers: isRecord(live.spec) ? live.spec.finalizers : ['kubernetes'] };
    keepAllocated(live, next);
    applyDefaults(next, target.type.kind, false);
    if (target.type.custom) applyCrdDefaults(next, schemaFor(target.type, target.version));
    this.validate(target, next, live);
    if (target.type.generation && !deepEqual(specOf(live), specOf(next))) next.metadata.generation = (live.metadata.generation ?? 1) + 1;
  }

  /** Runs a part of validation, adding its time to the meter. */
  private timed<T>(check: () => T): T {
    const start = performance.now();
    try {
      return check();
    } finally {
      this.validation.ms += performance.now() - start;
    }
  }

  private validate(target: Target, obj: KubeObject, live: KubeObject | undefined): void {
    this.validation.objects += 1;
    const causes = this.timed(() => [
      ...validateObject(obj, target.type),
      ...(live ? validateUpdate(live, obj, target.type) : []),
      ...(target.resource === CRDS ? validateCrd(obj) : []),
      // A custom resource against its CRD's enum, pattern, lengths, bounds, required fields and rules.
      ...(target.type.custom ? validateCustomResource(obj, schemaFor(target.type, target.version), live) : []),
    ]);
    if (target.resource === CRDS) {
      // The apiextensions controller's status; kept as is while the spec does not change.
      if (causes.length === 0) obj.status = live && deepEqual(live.spec, obj.spec) ? clone(live.status) : crdStatus(obj);
    }
    if (causes.length > 0) throw invalid(target.type.kind, target.type.group, obj.metadata.name ?? '', causes);
  }

  /** Stores the result unless it is a dry run or changes nothing; runs what follows a write. */
  private save(target: Target, live: KubeObject | undefined, next: KubeObject, dryRun: boolean): KubeObject {
    if (live && deepEqual(comparable(live), comparable(next))) return live;
    if (dryRun) {
      if (live) next.metadata.resourceVersion = live.metadata.resourceVersion;
      return next;
    }
    const stored = live ? this.store.update(target.resource, next) : this.store.insert(target.resource, next);
    if (target.resource === CRDS) this.store.registry.register(typeFromCrd(stored));
    if (live) finishIfReleased(this.store, target.resource, stored);
    if (target.resource === 'namespaces' && stored.metadata.deletionTimestamp) this.namespaces.recheck(stored.metadata.name ?? '');
    return stored;
  }
}
