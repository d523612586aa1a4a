// The parts of API server validation a client is most likely to trip:
// object names, label keys and values, and workload selectors that must
// match their pod template. Answers the causes of a 422 Invalid.
import { matchRequirements, requirementsOf } from './selectors.ts';
import type { ResourceType } from './resources.ts';
import { goType, type Schema } from './schema.ts';
import type { StatusCause } from './status.ts';
import { getPath, isRecord, type KubeObject } from './types.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const LABEL_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_NAME_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Kinds whose names must be RFC 1123 labels (they become DNS names). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

function invalidValue(field: string, value: unknown, message: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${message}`, field };
}

function checkName(name: string, kind: string, causes: StatusCause[]): void {
  if (!name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else if (LABEL_NAMED.has(kind)) {
    if (name.length > 63) causes.push(invalidValue('metadata.name', name, 'must be no more than 63 characters'));
    else if (!DNS1123_LABEL.test(name)) causes.push(invalidValue('metadata.name', name, LABEL_NAME_MESSAGE));
  } else if (name.length > 253) {
    causes.push(invalidValue('metadata.name', name, 'must be no more than 253 characters'));
  } else if (!DNS1123_SUBDOMAIN.test(name) && kind !== 'Role' && kind !== 'RoleBinding' && kind !== 'ClusterRole' && kind !== 'ClusterRoleBinding') {
    causes.push(invalidValue('metadata.name', name, SUBDOMAIN_MESSAGE));
  }
}

function checkLabelKey(key: string, field: string, causes: StatusCause[]): void {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
  if (slash >= 0 && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    causes.push(invalidValue(field, key, `prefix part ${SUBDOMAIN_MESSAGE}`));
  }
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    causes.push(
      invalidValue(
        field,
        key,
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') and must be no more than 63 characters",
      ),
    );
  }
}

function checkLabels(labels: unknown, field: string, causes: StatusCause[]): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(key, field, causes);
    if (typeof value !== 'string') causes.push(invalidValue(field, value, 'label values must be strings'));
    else if (value.length > 63) causes.push(invalidValue(field, value, 'must be no more than 63 characters'));
    else if (!LABEL_VALUE.test(value)) causes.push(invalidValue(field, value, LABEL_MESSAGE));
  }
}

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The causes of a 422 for this object, empty when it is valid. */
export function validateObject(obj: KubeObject, type: ResourceType): StatusCause[] {
  const causes: StatusCause[] = [];
  checkName(obj.metadata.name ?? '', type.kind, causes);
  checkLabels(obj.metadata.labels, 'metadata.labels', causes);
  if (SELECTOR_KINDS.has(type.kind) && !type.custom) {
    const selector = getPath(obj, 'spec.selector');
    const templateLabels = getPath(obj, 'spec.template.metadata.labels');
    checkLabels(templateLabels, 'spec.template.metadata.labels', causes);
    if (!isRecord(selector) || (!isRecord(selector.matchLabels) && !Array.isArray(selector.matchExpressions))) {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
    } else if (!matchRequirements(requirementsOf(selector), isRecord(templateLabels) ? (templateLabels as Record<string, string>) : {})) {
      causes.push(invalidValue('spec.template.metadata.labels', templateLabels ?? {}, '`selector` does not match template `labels`'));
    }
    const containers = getPath(obj, 'spec.template.spec.containers');
    if (!Array.isArray(containers) || containers.length === 0) {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' });
    }
  }
  return causes;
}

/** Fields that may not change once set. */
export function validateUpdate(previous: KubeObject, next: KubeObject, type: ResourceType): StatusCause[] {
  if (!SELECTOR_KINDS.has(type.kind) || type.custom) return [];
  const before = JSON.stringify(getPath(previous, 'spec.selector'));
  const after = JSON.stringify(getPath(next, 'spec.selector'));
  return before === after ? [] : [invalidValue('spec.selector', getPath(next, 'spec.selector'), 'field is immutable')];
}

// ------------------------------------------------- the schema of the kind

/** One step of a path: a field, or a list item (its index, and its keys when the list is a map). */
export type Step = { field: string } | { index: number; key?: Record<string, unknown>; value?: unknown };

export interface SchemaProblem {
  kind: 'unknown' | 'type' | 'duplicate' | 'nokey';
  path: Step[];
  /** The node expected (type problems). */
  expected?: Schema;
  value?: unknown;
  /** The Go struct a decoding error names, and the JSON path from the root without indexes. */
  struct?: string;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

function scalarFits(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
    case 'date-time':
    case 'byte':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int-or-string':
    case 'quantity':
      return typeof value === 'string' || (typeof value === 'number' && (schema.type === 'quantity' || Number.isInteger(value)));
    default:
      return true;
  }
}

/**
 * Walks a value against its schema and lists unknown fields (fields the schema
 * does not declare, under no preserve-unknown-fields) and values of the wrong
 * type. With `prune`, unknown fields are removed in place (what the decoder
 * does when fieldValidation is Ignore or Warn). `apply` adds the checks of the
 * typed conversion of server-side apply (list-map keys present and unique).
 */
export function checkSchema(value: unknown, schema: Schema | undefined, options: { prune: boolean; apply: boolean }): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  // One path stack for the walk, copied only into a problem.
  const path: Step[] = [];
  const structOf = (owner: Schema | undefined): string => (owner ? (goType(owner).split('.').pop() ?? '') : '');
  const walk = (node: unknown, s: Schema, owner: Schema | undefined): void => {
    if (node === null || s.type === 'any') return;
    if (s.type === 'object') {
      if (!isRecord(node)) {
        problems.push({ kind: 'type', path: [...path], expected: s, value: node, struct: structOf(owner) });
        return;
      }
      const inner = s.model ? s : owner;
      for (const k of Object.keys(node)) {
        const child = s.fields[k];
        path.push({ field: k });
        if (child) walk(node[k], child, inner);
        else if (!s.preserve) {
          problems.push({ kind: 'unknown', path: [...path] });
          if (options.prune) Reflect.deleteProperty(node, k);
        }
        path.pop();
      }
      return;
    }
    if (s.type === 'map') {
      if (!isRecord(node)) problems.push({ kind: 'type', path: [...path], expected: s, value: node, struct: structOf(owner) });
      else {
        for (const k of Object.keys(node)) {
          path.push({ field: k });
          walk(node[k], s.values, owner);
          path.pop();
        }
      }
      return;
    }
    if (s.type === 'list') {
      if (!Array.isArray(node)) {
        problems.push({ kind: 'type', path: [...path], expected: s, value: node, struct: structOf(owner) });
        return;
      }
      const seen = options.apply && s.listType === 'map' ? new Set<string>() : undefined;
      node.forEach((item: unknown, index) => {
        let key: Record<string, unknown> | undefined;
        if (s.listType === 'map' && isRecord(item)) {
          key = {};
          for (const k of s.keys) if (item[k] !== undefined) key[k] = item[k];
          if (seen) {
            if (s.keys.length === 1 && item[s.keys[0] ?? ''] === undefined) problems.push({ kind: 'nokey', path: [...path, { index }], value: s.keys[0] });
            const token = JSON.stringify(key);
            if (seen.has(token)) problems.push({ kind: 'duplicate', path: [...path], value: key });
            seen.add(token);
          }
        }
        path.push({ index, key, value: s.listType === 'set' ? item : undefined });
        walk(item, s.items, owner);
        path.pop();
      });
      return;
    }
    if (!scalarFits(s, node)) problems.push({ kind: 'type', path: [...path], expected: s, value: node, struct: structOf(owner) });
  };
  if (schema) walk(value, schema, schema);
  return problems;
}

/** `spec.template.spec.containers[0].image`, as strict decoding names a field. */
export function decodePath(path: Step[]): string {
  return path.map((s, i) => ('field' in s ? `${i === 0 ? '' : '.'}${s.field}` : `[${s.index}]`)).join('');
}

/** `.spec.template.spec.containers[name="app"].image`, as structured-merge-diff names a field. */
export function applyPath(path: Step[]): string {
  return path
    .map((s) => {
      if ('field' in s) return `.${s.field}`;
      if (s.key)
        return `[${Object.entries(s.key)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      if (s.value !== undefined) return `[=${JSON.stringify(s.value)}]`;
      return `[${s.index}]`;
    })
    .join('');
}

/** The message of a strict decoding (or plain decoding) failure of a create, update or patch. */
export function decodeMessage(problems: SchemaProblem[], strict: boolean): string | undefined {
  const typed = problems.find((p) => p.kind === 'type');
  if (typed) {
    const fieldPath = typed.path
      .filter((s): s is { field: string } => 'field' in s)
      .map((s) => s.field)
      .join('.');
    const what = typeof typed.value === 'number' && typed.expected?.type === 'integer' ? `number ${String(typed.value)}` : jsonKind(typed.value);
    const target = fieldPath ? ` into Go struct field ${typed.struct ?? ''}.${fieldPath}` : ' into Go value';
    return `json: cannot unmarshal ${what}${target} of type ${typed.expected ? goType(typed.expected) : 'interface {}'}`;
  }
  const unknown = problems.filter((p) => p.kind === 'unknown');
  if (strict && unknown.length > 0) return `strict decoding error: ${unknown.map((p) => `unknown field "${decodePath(p.path)}"`).join(', ')}`;
  return undefined;
}

/** The warnings of fieldValidation=Warn: one per unknown field. */
export function unknownFieldWarnings(problems: SchemaProblem[]): string[] {
  return problems.filter((p) => p.kind === 'unknown').map((p) => `unknown field "${decodePath(p.path)}"`);
}

function ssaValue(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? `&value.valueUnstructured{Value:${value}}` : `&value.valueUnstructured{Value:${value}}`;
  return Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
}

/** A JSON value as Go's %#v prints it once decoded into interface{} (sorted map keys, as fmt does). */
function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, v]) => `${JSON.stringify(k)}:${goSyntax(v)}`).join(', ')}}`;
}

/** The errors of the typed conversion of server-side apply (`.spec.replica: field not declared in schema`). */
export function applyMessage(problems: SchemaProblem[]): string | undefined {
  const lines = problems.map((p) => {
    const at = applyPath(p.path);
    if (p.kind === 'unknown') return `${at}: field not declared in schema`;
    if (p.kind === 'duplicate')
      return `${at}: duplicate entries for key [${Object.entries(p.value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    if (p.kind === 'nokey') return `${at}: associative list with keys has an element that omits key field ${JSON.stringify(p.value)}`;
    const expected = p.expected;
    if (expected?.type === 'object' || expected?.type === 'map') return `${at}: expected map, got ${ssaValue(p.value)}`;
    if (expected?.type === 'list') return `${at}: expected list, got ${ssaValue(p.value)}`;
    if (expected?.type === 'integer' || expected?.type === 'number')
      return `${at}: expected numeric (int or float), got ${jsonKind(p.value) === 'bool' ? 'bool' : ssaValue(p.value)}`;
    if (expected?.type === 'boolean') return `${at}: expected boolean, got ${ssaValue(p.value)}`;
    // structured-merge-diff validateScalar: "expected string, got %#v" of the value (a *valueUnstructured).
    return `${at}: expected string, got &value.valueUnstructured{Value:${goSyntax(p.value)}}`;
  });
  if (lines.length === 0) return undefined;
  return lines.length === 1 ? lines[0] : `errors:\n  ${lines.join('\n  ')}`;
}
