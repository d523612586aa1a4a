// The schema of every kind the emulator serves, from one source:
// - built-in kinds from the typed models of @kubernetes/client-node (generated
//   from the Kubernetes OpenAPI document: every field of every type, with its
//   JSON type and format), plus the patch metadata the OpenAPI document carries
//   as x-kubernetes-patch-strategy/merge-key and x-kubernetes-list-type, which
//   the models leave out: that table is the complete set of `patchStrategy`
//   struct tags of k8s.io/api (the strings compiled into kubectl 1.32), and the
//   list-map keys the types declare with `+listMapKey`;
// - custom resources from their CRD's openAPIV3Schema (x-kubernetes-preserve-
//   unknown-fields, -int-or-string, -embedded-resource, -list-type,
//   -list-map-keys, -map-type).
// Validation (validate.ts), strategic merge patch (patch.ts), server-side
// apply (fieldpaths.ts, fieldmanager.ts) and /openapi (openapi.ts) all read it.
import * as models from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import type { ResourceType } from './resources.ts';
import { isRecord, str } from './types.ts';

export type Scalar = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'date-time' | 'byte';

/**
 * The value constraints of a CRD's openAPIV3Schema node (enum, pattern, lengths, bounds, item and
 * property counts, required fields, default, CEL rules), as the apiextensions server checks them
 * after decoding (crd-validation.ts). Built-in kinds carry none: their rules are Go code.
 */
export interface Checks {
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  nullable?: boolean;
  /** The value the server fills in when the field is missing (structural defaulting). */
  default?: unknown;
  /** x-kubernetes-validations: CEL rules (only the few cheap ones are evaluated). */
  rules?: { rule: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string }[];
}

export interface ObjectSchema {
  type: 'object';
  /** The model (client-node class name) of a built-in type. */
  model?: string;
  fields: Record<string, Schema>;
  /** Unknown fields are kept (x-kubernetes-preserve-unknown-fields). */
  preserve?: boolean;
  /** Replaced as a whole by apply (x-kubernetes-map-type/structType atomic). */
  atomic?: boolean;
  /** Strategic merge patch `retainKeys`. */
  retainKeys?: boolean;
  description?: string;
  checks?: Checks;
}
export interface MapSchema {
  checks?: Checks;
  type: 'map';
  values: Schema;
  atomic?: boolean;
  description?: string;
}
export interface ListSchema {
  checks?: Checks;
  type: 'list';
  items: Schema;
  /** Server-side apply: atomic (replaced), set (of scalars), map (items merged by keys). */
  listType: 'atomic' | 'set' | 'map';
  keys: string[];
  /** Strategic merge patch: merge (by patchMergeKey, or a set of scalars) or replace. */
  patchMerge: boolean;
  mergeKey?: string;
  retainKeys?: boolean;
  description?: string;
}
export interface ScalarSchema {
  checks?: Checks;
  type: Scalar;
  format?: string;
  description?: string;
}
export interface AnySchema {
  checks?: Checks;
  type: 'any';
  description?: string;
}
export type Schema = ObjectSchema | MapSchema | ListSchema | ScalarSchema | AnySchema;

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

/**
 * `patchStrategy` tags of k8s.io/api, by JSON field name: merge key, and
 * whether `retainKeys` joins the strategy. A field name with two merge keys
 * (ports: containerPort in ContainerPort, port in ServicePort) takes the one
 * its item type has.
 */
const PATCH_TAGS: Record<string, { keys: string[]; retainKeys?: boolean }> = {
  addresses: { keys: ['type'] },
  allocatedResourcesStatus: { keys: ['name'] },
  conditions: { keys: ['type'] },
  containers: { keys: ['name'] },
  drivers: { keys: ['name'] },
  env: { keys: ['name'] },
  ephemeralContainers: { keys: ['name'] },
  finalizers: { keys: [] },
  hostAliases: { keys: ['ip'] },
  hostIPs: { keys: ['ip'] },
  imagePullSecrets: { keys: ['name'] },
  initContainers: { keys: ['name'] },
  matchConditions: { keys: ['name'] },
  ownerReferences: { keys: ['uid'] },
  podCIDRs: { keys: [] },
  podIPs: { keys: ['ip'] },
  ports: { keys: ['containerPort', 'port'] },
  reservedFor: { keys: ['uid'] },
  resourceClaimStatuses: { keys: ['name'], retainKeys: true },
  resourceClaims: { keys: ['name'], retainKeys: true },
  schedulingGates: { keys: ['name'] },
  secrets: { keys: ['name'] },
  topologySpreadConstraints: { keys: ['topologyKey'] },
  variables: { keys: ['name'] },
  volumeDevices: { keys: ['devicePath'] },
  volumeMounts: { keys: ['mountPath'] },
  volumes: { keys: ['name'], retainKeys: true },
  webhooks: { keys: ['name'] },
};

/** `+listType=map` lists whose `+listMapKey`s are more than their patch merge key. */
const LIST_MAP_KEYS: Record<string, string[]> = {
  V1ContainerPort: ['containerPort', 'protocol'],
  V1ServicePort: ['port', 'protocol'],
  V1TopologySpreadConstraint: ['topologyKey', 'whenUnsatisfiable'],
};

/** Types declared `+structType=atomic` / `+mapType=atomic` that the workloads use. */
const ATOMIC_MODELS = new Set(['V1LabelSelector', 'V1NodeSelector', 'V1LocalObjectReference', 'V1ObjectReference', 'V1TypedLocalObjectReference']);
const ATOMIC_FIELDS = new Set(['V1ServiceSpec.selector', 'V1ReplicationControllerSpec.selector']);

/** Fields holding a resource.Quantity (a string or a number on the wire). */
const QUANTITY_FIELDS = new Set([
  'V1ResourceRequirements.limits',
  'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits',
  'V1VolumeResourceRequirements.requests',
  'V1ResourceQuotaSpec.hard',
  'V1ResourceQuotaStatus.hard',
  'V1ResourceQuotaStatus.used',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1PodSpec.overhead',
  'V1NodeStatus.capacity',
  'V1NodeStatus.allocatable',
  'V1PersistentVolumeSpec.capacity',
  'V1PersistentVolumeClaimStatus.capacity',
  'V1PersistentVolumeClaimStatus.allocatedResources',
  'V1LimitRangeItem.max',
  'V1LimitRangeItem.min',
  'V1LimitRangeItem._default',
  'V1LimitRangeItem.defaultRequest',
  'V1LimitRangeItem.maxLimitRequestRatio',
  'V2MetricTarget.value',
  'V2MetricTarget.averageValue',
  'V2MetricValueStatus.value',
  'V2MetricValueStatus.averageValue',
  'V1ContainerStatus.allocatedResources',
  'V1ResourceFieldSelector.divisor',
  'V1DownwardAPIVolumeFile.divisor',
]);

type ModelClass = { attributeTypeMap?: Attribute[] };

const classes = models as unknown as Record<string, ModelClass | undefined>;

const built = new Map<string, ObjectSchema>();

function scalarOf(type: string, format: string, quantity: boolean): Schema | undefined {
  if (quantity) return { type: 'quantity' };
  switch (type) {
    case 'string':
      return format === 'byte' ? { type: 'byte' } : { type: 'string' };
    case 'number':
      return format === 'double' ? { type: 'number', format } : { type: 'integer', format: format || 'int64' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'date-time', format };
    case 'IntOrString':
      return { type: 'int-or-string' };
    case 'any':
      return { type: 'any' };
    default:
      return undefined;
  }
}

function typeOf(type: string, format: string, owner: string, field: string): Schema {
  const quantity = QUANTITY_FIELDS.has(`${owner}.${field}`);
  const list = /^Array<(.+)>$/.exec(type);
  if (list) {
    const items = typeOf(list[1] ?? 'any', format, owner, '');
    const tag = PATCH_TAGS[field];
    const itemModel = items.type === 'object' ? items.model : undefined;
    const itemFields = itemModel ? (classes[itemModel]?.attributeTypeMap ?? []).map((a) => a.baseName) : [];
    const mergeKey = tag?.keys.find((k) => itemFields.includes(k));
    if (tag && (mergeKey || (tag.keys.length === 0 && !itemModel))) {
      const keys = mergeKey ? (LIST_MAP_KEYS[itemModel ?? ''] ?? [mergeKey]) : [];
      return { type: 'list', items, listType: mergeKey ? 'map' : 'set', keys, patchMerge: true, mergeKey, retainKeys: tag.retainKeys };
    }
    return { type: 'list', items, listType: 'atomic', keys: [], patchMerge: false };
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map)
    return {
      type: 'map',
      values: typeOf(map[1] ?? 'any', quantity ? 'quantity' : format, owner, quantity ? field : ''),
      atomic: ATOMIC_FIELDS.has(`${owner}.${field}`),
    };
  return scalarOf(type, format, quantity) ?? modelSchema(type);
}

/** The schema of a client-node model (`V1Deployment`), built once. */
export function modelSchema(model: string): Schema {
  const existing = built.get(model);
  if (existing) return existing;
  const attributes = classes[model]?.attributeTypeMap;
  if (!attributes) return { type: 'any' };
  const schema: ObjectSchema = { type: 'object', model, fields: {}, atomic: ATOMIC_MODELS.has(model) };
  built.set(model, schema);
  for (const a of attributes) schema.fields[a.baseName] = typeOf(a.type, a.format, model, a.name);
  if (model === 'V1DeploymentStrategy') schema.retainKeys = true;
  return schema;
}

/** The client-node model of a built-in kind at a version (`apps`, `v1`, `Deployment` → `V1Deployment`). */
export function modelName(group: string, version: string, kind: string): string | undefined {
  const prefix = version.charAt(0).toUpperCase() + version.slice(1);
  const candidates = [`${prefix}${kind}`];
  if (group === '') candidates.unshift(`Core${prefix}${kind}`);
  return candidates.find((name) => classes[name]?.attributeTypeMap !== undefined);
}

// ---------------------------------------------------------------- CRD schemas

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The value constraints of one openAPIV3Schema node, or undefined when it has none. */
function checksOf(node: Record<string, unknown>): Checks | undefined {
  const checks: Checks = {};
  if (Array.isArray(node.enum)) checks.enum = node.enum;
  if (typeof node.pattern === 'string') checks.pattern = node.pattern;
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    const value = num(node[key]);
    if (value !== undefined) checks[key] = value;
  }
  if (node.exclusiveMinimum === true) checks.exclusiveMinimum = true;
  if (node.exclusiveMaximum === true) checks.exclusiveMaximum = true;
  if (Array.isArray(node.required)) checks.required = node.required.filter((r): r is string => typeof r === 'string');
  if (node.nullable === true) checks.nullable = true;
  if (node.default !== undefined) checks.default = node.default;
  const rules = node['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    checks.rules = rules.filter(isRecord).map((r) => ({
      rule: str(r.rule) ?? '',
      ...(typeof r.message === 'string' ? { message: r.message } : {}),
      ...(typeof r.messageExpression === 'string' ? { messageExpression: r.messageExpression } : {}),
      ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
      ...(typeof r.fieldPath === 'string' ? { fieldPath: r.fieldPath } : {}),
    }));
  }
  return Object.keys(checks).length > 0 ? checks : undefined;
}

function fromOpenApi(node: unknown): Schema {
  const schema = shapeOf(node);
  const checks = isRecord(node) ? checksOf(node) : undefined;
  if (checks) schema.checks = checks;
  return schema;
}

function shapeOf(node: unknown): Schema {
  if (!isRecord(node)) return { type: 'any' };
  const description = str(node.description);
  if (node['x-kubernetes-int-or-string'] === true) return { type: 'int-or-string', description };
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const type = str(node.type);
  if (type === 'array') {
    const listType = str(node['x-kubernetes-list-type']) ?? 'atomic';
    const keys = Array.isArray(node['x-kubernetes-list-map-keys']) ? node['x-kubernetes-list-map-keys'].filter((k): k is string => typeof k === 'string') : [];
    return {
      type: 'list',
      items: fromOpenApi(node.items),
      listType: listType === 'set' || listType === 'map' ? listType : 'atomic',
      keys,
      patchMerge: false,
      description,
    };
  }
  if (type === 'object' || isRecord(node.properties) || node['x-kubernetes-embedded-resource'] === true) {
    const atomic = node['x-kubernetes-map-type'] === 'atomic';
    if (isRecord(node.additionalProperties) && !isRecord(node.properties))
      return { type: 'map', values: fromOpenApi(node.additionalProperties), atomic, description };
    if (node.additionalProperties === true && !isRecord(node.properties)) return { type: 'map', values: { type: 'any' }, atomic, description };
    const fields: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(isRecord(node.properties) ? node.properties : {})) fields[k] = fromOpenApi(v);
    if (node['x-kubernetes-embedded-resource'] === true) {
      fields.apiVersion ??= { type: 'string' };
      fields.kind ??= { type: 'string' };
      fields.metadata ??= modelSchema('V1ObjectMeta');
    }
    const open = preserve || (!isRecord(node.properties) && node.additionalProperties === undefined && type === undefined);
    return { type: 'object', fields, preserve: open, atomic, description };
  }
  if (type === 'string') return { type: 'string', format: str(node.format), description };
  if (type === 'integer') return { type: 'integer', format: str(node.format), description };
  if (type === 'number') return { type: 'number', format: str(node.format), description };
  if (type === 'boolean') return { type: 'boolean', description };
  return { type: 'any', description };
}

const crdCache = new WeakMap<object, Schema>();

/** The schema of a custom resource at a version, from its CRD's openAPIV3Schema (cached per CRD object). */
export function crdSchema(crd: Record<string, unknown>, version: string): Schema {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const entry = versions.find((v) => v.name === version);
  const key = entry ?? crd;
  const cached = crdCache.get(key);
  if (cached) return cached;
  const raw = isRecord(entry?.schema) ? entry.schema.openAPIV3Schema : isRecord(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const schema = raw === undefined ? ({ type: 'object', fields: {}, preserve: true } as ObjectSchema) : fromOpenApi(raw);
  if (schema.type === 'object') {
    // The API server adds what every object has.
    schema.fields = { ...schema.fields, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: modelSchema('V1ObjectMeta') };
  }
  crdCache.set(key, schema);
  return schema;
}

/** The schema of a child (field or list item) of a node, or undefined when the node declares no such child. */
export function fieldSchema(schema: Schema | undefined, field: string): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'object') return schema.fields[field] ?? (schema.preserve ? { type: 'any' } : undefined);
  if (schema.type === 'map') return schema.values;
  if (schema.type === 'any') return schema;
  return undefined;
}

/** The schema of a served type at a version (a CRD's from its openAPIV3Schema). */
export function schemaFor(type: ResourceType, version: string): Schema | undefined {
  if (type.custom) return type.crd ? crdSchema(type.crd, version) : undefined;
  const model = modelName(type.group, version, type.kind);
  return model ? modelSchema(model) : undefined;
}

/** The Go type name a decoding error names (`int32`, `v1.DeploymentSpec`, `[]v1.Container`). */
export function goType(schema: Schema): string {
  switch (schema.type) {
    case 'object': {
      const m = /^(?:[A-Z][a-z]+)?V(\d+(?:alpha\d+|beta\d+)?)(.+)$/.exec(schema.model ?? '');
      return m ? `v${m[1] ?? ''}.${m[2] ?? ''}` : 'map[string]interface {}';
    }
    case 'map':
      return `map[string]${goType(schema.values)}`;
    case 'list':
      return `[]${goType(schema.items)}`;
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'date-time':
      return 'v1.Time';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'byte':
      return '[]uint8';
    case 'any':
      return 'interface {}';
    default:
      return 'string';
  }
}
