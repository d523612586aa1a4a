// /openapi/v3 (an index, and one document per group/version) and /openapi/v2
// (JSON), made from the same schemas the emulator validates with (schema.ts):
// components with x-kubernetes-group-version-kind, list types and patch
// strategies, descriptions and required fields from @kubernetes/client-node's
// model declarations, and every write operation's query parameters
// (fieldValidation among them: kubectl sends fieldValidation=Strict and leaves
// validation to the server only when the PATCH of the kind declares it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ResourceRegistry, ResourceType } from './resources.ts';
import { modelName, modelSchema, schemaFor, type Checks, type Schema } from './schema.ts';
import { isRecord } from './types.ts';

type Doc = Record<string, unknown>;

const modelsDir = path.dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js'));

interface Declared {
  description?: string;
  fields: Map<string, { description?: string; required: boolean }>;
}

const declared = new Map<string, Declared>();

/** Descriptions and required fields of a model, read from its declaration file. */
function declaration(model: string): Declared {
  const known = declared.get(model);
  if (known) return known;
  const result: Declared = { fields: new Map() };
  declared.set(model, result);
  let text: string;
  try {
    text = readFileSync(path.join(modelsDir, `${model}.d.ts`), 'utf8');
  } catch {
    return result;
  }
  const comment = (raw: string | undefined): string | undefined =>
    raw
      ?.split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, ''))
      .join(' ')
      .replace(/\\"/g, '"')
      .trim() || undefined;
  const cls = /\/\*\*\n((?:(?!\*\/)[^])*)\*\/\nexport declare class/.exec(text);
  result.description = comment(cls?.[1]);
  for (const m of text.matchAll(/(?:\/\*\*\n((?:(?!\*\/)[^])*)\*\/\n)?\s*'([^']+)'(\??): /g))
    result.fields.set(m[2] ?? '', { description: comment(m[1]), required: m[3] !== '?' });
  return result;
}

/** The component name of a model: `io.k8s.api.apps.v1.Deployment`-like, unique per model. */
function componentName(model: string): string {
  if (model === 'V1ObjectMeta') return 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
  const m = /^([A-Z][a-z]+)?V(\d+(?:alpha\d+|beta\d+)?)(.+)$/.exec(model);
  return m ? `io.k8s.api.${(m[1] ?? 'core').toLowerCase()}.v${m[2] ?? ''}.${m[3] ?? ''}` : `io.k8s.api.${model}`;
}

function gvkOf(type: ResourceType, version: string): Doc {
  return { group: type.group, version, kind: type.kind };
}

/** The constraints of a CRD schema node, under their OpenAPI names. */
function published(checks: Checks | undefined): Doc {
  if (!checks) return {};
  const { rules, ...rest } = checks;
  return { ...rest, ...(rules && rules.length > 0 ? { 'x-kubernetes-validations': rules } : {}) };
}

/** OpenAPI (v3 when `v3`, else v2) of a schema node; objects of models become components. */
function toOpenApi(schema: Schema, components: Doc, v3: boolean, description?: string): Doc {
  const ref = (name: string): Doc => {
    const target = v3 ? `#/components/schemas/${name}` : `#/definitions/${name}`;
    return description && v3 ? { allOf: [{ $ref: target }], description } : { $ref: target, ...(description ? { description } : {}) };
  };
  // A CRD's constraints are published as its openAPIV3Schema states them (kubectl explain shows the enums).
  const d = { ...(description ? { description } : {}), ...published(schema.checks) };
  const named = (name: string, component: Doc): Doc => {
    components[name] ??= component;
    return ref(name);
  };
  switch (schema.type) {
    case 'object': {
      if (schema.model) {
        const name = componentName(schema.model);
        if (!(name in components)) {
          components[name] = {};
          const decl = declaration(schema.model);
          const properties: Doc = {};
          for (const [k, v] of Object.entries(schema.fields)) properties[k] = toOpenApi(v, components, v3, decl.fields.get(k)?.description);
          const required = [...decl.fields].filter(([k, f]) => f.required && k in schema.fields).map(([k]) => k);
          components[name] = {
            ...(decl.description ? { description: decl.description } : {}),
            type: 'object',
            properties,
            ...(required.length > 0 ? { required } : {}),
            ...(schema.atomic ? { 'x-kubernetes-map-type': 'atomic' } : {}),
          };
        }
        return ref(name);
      }
      const properties: Doc = {};
      for (const [k, v] of Object.entries(schema.fields)) properties[k] = toOpenApi(v, components, v3, v.description);
      return {
        ...d,
        type: 'object',
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
        ...(schema.preserve ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
      };
    }
    case 'map':
      return {
        ...d,
        type: 'object',
        additionalProperties: toOpenApi(schema.values, components, v3),
        ...(schema.atomic ? { 'x-kubernetes-map-type': 'atomic' } : {}),
      };
    case 'list': {
      const out: Doc = { ...d, type: 'array', items: toOpenApi(schema.items, components, v3) };
      if (schema.listType !== 'atomic') out['x-kubernetes-list-type'] = schema.listType;
      if (schema.listType === 'map') out['x-kubernetes-list-map-keys'] = schema.keys;
      if (schema.patchMerge) out['x-kubernetes-patch-strategy'] = schema.retainKeys ? 'merge,retainKeys' : 'merge';
      if (schema.mergeKey) out['x-kubernetes-patch-merge-key'] = schema.mergeKey;
      return out;
    }
    case 'integer':
      return { ...d, type: 'integer', format: schema.format ?? 'int64' };
    case 'number':
      return { ...d, type: 'number', format: schema.format ?? 'double' };
    case 'boolean':
      return { ...d, type: 'boolean' };
    case 'int-or-string':
      // kube-openapi's OpenAPIV3OneOfTypes: v3 gives IntOrString and Quantity no single type (v2: string).
      return named(
        'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
        v3
          ? { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string', 'x-kubernetes-int-or-string': true }
          : { type: 'string', format: 'int-or-string' },
      );
    case 'quantity':
      return named('io.k8s.apimachinery.pkg.api.resource.Quantity', v3 ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' });
    case 'date-time':
      return named('io.k8s.apimachinery.pkg.apis.meta.v1.Time', { type: 'string', format: 'date-time' });
    case 'byte':
      return { ...d, type: 'string', format: 'byte' };
    case 'any':
      return { ...d, 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return { ...d, type: 'string' };
  }
}

function param(name: string, where: 'query' | 'path', v3: boolean, description = name): Doc {
  return v3
    ? { name, in: where, description, ...(where === 'path' ? { required: true } : {}), schema: { type: 'string', uniqueItems: true } }
    : { name, in: where, description, type: 'string', uniqueItems: true, ...(where === 'path' ? { required: true } : {}) };
}

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];

/** The paths of one type at a version: collection and item, with their operations. */
function pathsOf(type: ResourceType, version: string, ref: Doc, v3: boolean): Doc {
  const base = type.group ? `/apis/${type.group}/${version}` : `/api/v1`;
  const ns = type.namespaced ? '/namespaces/{namespace}' : '';
  const gvk = gvkOf(type, version);
  const body = v3
    ? { requestBody: { content: { '*/*': { schema: ref } }, required: true } }
    : { parameters: [{ name: 'body', in: 'body', required: true, schema: ref }] };
  const answer = v3
    ? { responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } } }
    : { responses: { '200': { description: 'OK', schema: ref } } };
  const op = (action: string, id: string, params: string[], withBody: boolean): Doc => {
    const query = params.map((p) => param(p, 'query', v3));
    const own = withBody && !v3 ? [...((body as { parameters?: Doc[] }).parameters ?? []), ...query] : query;
    return {
      operationId: id,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      ...(own.length > 0 ? { parameters: own } : {}),
      ...(withBody && v3 ? body : {}),
      ...answer,
    };
  };
  const pathParams = [...(type.namespaced ? [param('namespace', 'path', v3)] : []), param('pretty', 'query', v3)];
  const name = type.kind;
  return {
    [`${base}${ns}/${type.plural}`]: {
      get: op('list', `list${name}`, ['labelSelector', 'fieldSelector', 'limit', 'continue', 'watch'], false),
      post: op('post', `create${name}`, WRITE_PARAMS, true),
      parameters: pathParams,
    },
    [`${base}${ns}/${type.plural}/{name}`]: {
      get: op('get', `read${name}`, [], false),
      put: op('put', `replace${name}`, WRITE_PARAMS, true),
      patch: op('patch', `patch${name}`, [...WRITE_PARAMS, 'force'], true),
      delete: op('delete', `delete${name}`, ['dryRun', 'propagationPolicy', 'gracePeriodSeconds'], false),
      parameters: [param('name', 'path', v3), ...pathParams, ...WRITE_PARAMS.map((p) => param(p, 'query', v3))],
    },
  };
}

/** The schema of a type as a component (a CRD's own openAPIV3Schema, a built-in's from its model). */
function typeComponent(type: ResourceType, version: string, components: Doc, v3: boolean): Doc {
  const gvk = [gvkOf(type, version)];
  const model = type.custom ? undefined : modelName(type.group, version, type.kind);
  if (model) {
    const ref = toOpenApi(modelSchema(model), components, v3);
    const name = componentName(model);
    const existing = components[name];
    if (isRecord(existing)) existing['x-kubernetes-group-version-kind'] = gvk;
    return ref;
  }
  const schema = schemaFor(type, version) ?? { type: 'any' };
  const name = `${type.group.split('.').reverse().join('.')}.${version}.${type.kind}`;
  const body = toOpenApi(schema, components, v3);
  const properties = isRecord(body.properties) ? body.properties : {};
  properties.metadata = toOpenApi(modelSchema('V1ObjectMeta'), components, v3, 'Standard object metadata');
  components[name] = { ...body, properties, 'x-kubernetes-group-version-kind': gvk };
  return v3 ? { $ref: `#/components/schemas/${name}` } : { $ref: `#/definitions/${name}` };
}

function info(): Doc {
  return { title: 'Kubernetes', version: 'v1.32.4' };
}

/** The group/version documents /openapi/v3 lists (`api/v1`, `apis/apps/v1`, ...). */
export function openApiV3Index(registry: ResourceRegistry): Doc {
  const paths: Doc = { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1' } };
  for (const group of registry.groups()) {
    for (const version of group.versions) paths[`apis/${group.name}/${version}`] = { serverRelativeURL: `/openapi/v3/apis/${group.name}/${version}` };
  }
  return { paths };
}

const v3Cache = new Map<string, { key: string; doc: Doc }>();

/** The OpenAPI v3 document of one group/version, or undefined when nothing is served there. */
export function openApiV3(registry: ResourceRegistry, group: string, version: string): Doc | undefined {
  const types = registry.typesIn(group, version);
  if (types.length === 0) return undefined;
  const key = types.map((t) => `${t.plural}:${t.crd ? JSON.stringify(t.crd.spec) : ''}`).join('|');
  const cached = v3Cache.get(`${group}/${version}`);
  if (cached?.key === key) return cached.doc;
  const components: Doc = {};
  const paths: Doc = {};
  for (const type of types) Object.assign(paths, pathsOf(type, version, typeComponent(type, version, components, true), true));
  const doc = { openapi: '3.0.0', info: info(), paths, components: { schemas: components } };
  v3Cache.set(`${group}/${version}`, { key, doc });
  return doc;
}

/** The Swagger 2.0 document of everything served (JSON; the emulator serves no protobuf). */
export function openApiV2(registry: ResourceRegistry): Doc {
  const definitions: Doc = {};
  const paths: Doc = {};
  for (const type of registry.all()) {
    for (const version of type.versions) Object.assign(paths, pathsOf(type, version, typeComponent(type, version, definitions, false), false));
  }
  return { swagger: '2.0', info: info(), paths, definitions };
}
