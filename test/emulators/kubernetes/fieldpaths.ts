// Field paths for server-side apply: the set of fields an object (or an
// apply configuration) sets, in the `fieldsV1` token form the API server uses
// (`f:spec`, `k:{"name":"app"}`), plus reading and removing a field by path.
// List and map types come from the kind's schema (schema.ts): list-maps merge
// by their keys, sets of scalars by value, atomic lists and maps as one field.
import { fieldSchema, modelName, modelSchema, type Schema } from './schema.ts';
import { deepEqual, isRecord, splitApiVersion, type JsonObject, type KubeObject } from './types.ts';

/** A path is its tokens joined by NUL; a set of paths is what a manager owns. */
export type FieldSet = Set<string>;

const SEP = '\u0000';

/** How a list is merged by apply: the keys of a list-map, [] for a set of scalars, undefined when atomic. */
export function listKey(schema: Schema | undefined): string[] | undefined {
  if (schema?.type !== 'list' || schema.listType === 'atomic') return undefined;
  return schema.listType === 'map' ? schema.keys : [];
}

/** The token of a list item: `k:{"name":"app"}` in a list-map, `v:"value"` in a set. */
export function keyToken(item: unknown, key: string[]): string {
  if (key.length === 0 || !isRecord(item)) return `v:${JSON.stringify(item)}`;
  const picked: Record<string, unknown> = {};
  for (const k of key) if (item[k] !== undefined) picked[k] = item[k];
  return `k:${JSON.stringify(picked)}`;
}

/** The schema of a built-in object from its apiVersion and kind. */
export function builtinSchema(obj: KubeObject): Schema | undefined {
  const { group, version } = splitApiVersion(obj.apiVersion ?? '');
  const model = modelName(group, version, obj.kind ?? '');
  return model ? modelSchema(model) : undefined;
}

/** Top-level and metadata fields the field manager never tracks. */
const UNTRACKED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);

export interface FieldOptions {
  /** The kind's schema (list and map types); without it, a built-in object's own (when `associative`). */
  schema?: Schema;
  /** Read the schema of a built-in kind from the object (false for custom resources). */
  associative?: boolean;
  /** Leave `status` out (kinds with a status subresource). */
  skipStatus: boolean;
}

/** The set of leaf fields (and keyed list items) an object sets. */
export function fieldSet(obj: KubeObject, options: FieldOptions): FieldSet {
  const set: FieldSet = new Set();
  const root = options.schema ?? (options.associative ? builtinSchema(obj) : undefined);
  const walk = (value: unknown, path: string[], schema: Schema | undefined): void => {
    const atomic = (schema?.type === 'object' || schema?.type === 'map') && schema.atomic === true;
    if (isRecord(value) && Object.keys(value).length > 0 && !atomic) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, `f:${k}`], fieldSchema(schema, k));
      return;
    }
    if (Array.isArray(value)) {
      const key = listKey(schema);
      if (key) {
        const items = schema?.type === 'list' ? schema.items : undefined;
        for (const item of value) {
          const itemPath = [...path, keyToken(item, key)];
          set.add(itemPath.join(SEP));
          if (key.length > 0 && isRecord(item)) for (const [k, v] of Object.entries(item)) walk(v, [...itemPath, `f:${k}`], fieldSchema(items, k));
        }
        return;
      }
    }
    set.add(path.join(SEP));
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || (k === 'status' && options.skipStatus)) continue;
    if (k === 'metadata' && isRecord(v)) {
      const meta = fieldSchema(root, 'metadata') ?? modelSchema('V1ObjectMeta');
      for (const [mk, mv] of Object.entries(v)) if (!UNTRACKED_META.has(mk)) walk(mv, ['f:metadata', `f:${mk}`], fieldSchema(meta, mk));
      continue;
    }
    walk(v, [`f:${k}`], fieldSchema(root, k));
  }
  return set;
}

function tokens(path: string): string[] {
  return path.split(SEP);
}

function step(container: unknown, token: string): unknown {
  if (token.startsWith('f:')) return isRecord(container) ? container[token.slice(2)] : undefined;
  if (!Array.isArray(container)) return undefined;
  if (token.startsWith('v:')) {
    const wanted = JSON.parse(token.slice(2)) as unknown;
    return container.find((item) => deepEqual(item, wanted));
  }
  const key = JSON.parse(token.slice(2)) as Record<string, unknown>;
  return container.find((item) => isRecord(item) && Object.entries(key).every(([k, v]) => deepEqual(item[k], v)));
}

/** The value at a path, or undefined. */
export function valueAt(obj: unknown, path: string): unknown {
  let current = obj;
  for (const token of tokens(path)) {
    current = step(current, token);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Whether the path names a keyed list item rather than a field. */
export function isItemPath(path: string): boolean {
  const last = tokens(path).at(-1) ?? '';
  return last.startsWith('k:') || last.startsWith('v:');
}

/** Removes the field or list item at a path, then prunes maps it left empty. */
export function removeAt(obj: Record<string, unknown>, path: string): void {
  const parts = tokens(path);
  const chain: unknown[] = [obj];
  for (const token of parts.slice(0, -1)) {
    const next = step(chain[chain.length - 1], token);
    if (next === undefined) return;
    chain.push(next);
  }
  const last = parts[parts.length - 1] ?? '';
  const parent = chain[chain.length - 1];
  if (last.startsWith('f:') && isRecord(parent)) Reflect.deleteProperty(parent, last.slice(2));
  else if (Array.isArray(parent)) {
    const item = step(parent, last);
    parent.splice(parent.indexOf(item), 1);
  }
  for (let i = chain.length - 1; i > 0; i -= 1) {
    const node = chain[i];
    const holder = chain[i - 1];
    const token = parts[i - 1] ?? '';
    if (!isRecord(node) || Object.keys(node).length > 0 || !isRecord(holder) || !token.startsWith('f:')) break;
    Reflect.deleteProperty(holder, token.slice(2));
  }
}

/** `.spec.template.spec.containers[name="app"].image`, as conflict messages print a path. */
export function pathString(path: string): string {
  return tokens(path)
    .map((token) => {
      if (token.startsWith('f:')) return `.${token.slice(2)}`;
      if (token.startsWith('v:')) return `[=${token.slice(2)}]`;
      const key = JSON.parse(token.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** Encodes a set in the `fieldsV1` form: nested tokens, `".": {}` for an owned list item. */
export function encodeFields(set: FieldSet): JsonObject {
  const root: JsonObject = {};
  for (const path of [...set].sort()) {
    let node = root;
    for (const token of tokens(path)) {
      const next = node[token];
      node = isRecord(next) ? next : (node[token] = {});
    }
    if (isItemPath(path) && !(tokens(path).at(-1) ?? '').startsWith('v:')) node['.'] = {};
  }
  return root;
}

/** Decodes `fieldsV1` back into a set. */
export function decodeFields(fields: unknown): FieldSet {
  const set: FieldSet = new Set();
  const walk = (node: unknown, path: string[]): void => {
    if (!isRecord(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) set.add(path.join(SEP));
    for (const key of keys) {
      if (key === '.') set.add(path.join(SEP));
      else walk(node[key], [...path, key]);
    }
  };
  walk(fields, []);
  return set;
}
