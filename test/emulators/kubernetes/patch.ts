// JSON Merge Patch (RFC 7386), strategic merge patch (k8s.io/apimachinery
// strategicpatch: lists merged by their patch merge key from the kind's schema,
// and the directives $patch, $retainKeys, $setElementOrder/, $deleteFromPrimitiveList/,
// none of which is ever stored) and JSON Patch (RFC 6902), on plain JSON objects.
import { fieldSchema, type Schema } from './schema.ts';
import { badRequest } from './status.ts';
import { clone, deepEqual, isRecord } from './types.ts';

/** RFC 7386: maps merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(out, key);
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function itemKey(item: unknown, key: string): string {
  return isRecord(item) ? JSON.stringify(item[key]) : JSON.stringify(item);
}

/** Orders merged items by `$setElementOrder`: the listed ones in that order, the others after, as they were. */
function ordered(items: unknown[], order: unknown, key: string | undefined): unknown[] {
  if (!Array.isArray(order)) return items;
  const token = (item: unknown): string => (key ? itemKey(item, key) : JSON.stringify(item));
  const rank = new Map(order.map((o, i) => [key && isRecord(o) ? JSON.stringify(o[key]) : JSON.stringify(o), i]));
  const listed = items.filter((i) => rank.has(token(i))).sort((a, b) => (rank.get(token(a)) ?? 0) - (rank.get(token(b)) ?? 0));
  return [...listed, ...items.filter((i) => !rank.has(token(i)))];
}

function mergeList(live: unknown, patch: unknown[], schema: Schema | undefined): unknown[] {
  const current = Array.isArray(live) ? live : [];
  if (schema?.type !== 'list' || !schema.patchMerge) return patch.map((p) => stripDirectives(p));
  if (patch.some((p) => isRecord(p) && p.$patch === 'replace'))
    return patch.filter((p) => !(isRecord(p) && p.$patch === 'replace')).map((p) => stripDirectives(p));
  const key = schema.mergeKey;
  if (!key) {
    const out = [...current];
    for (const item of patch) if (!out.some((o) => deepEqual(o, item))) out.push(clone(item));
    return out;
  }
  const out: unknown[] = current.map((item: unknown) => clone(item));
  for (const item of patch) {
    if (!isRecord(item)) continue;
    const at = out.findIndex((o) => itemKey(o, key) === itemKey(item, key));
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = strategicMergePatch(out[at], item, schema.items);
    } else {
      out.push(strategicMergePatch({}, item, schema.items));
    }
  }
  return out;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isRecord(value)) return clone(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

/**
 * A strategic merge patch applied to `target`, reading patch strategies and
 * merge keys from `schema` (a field the schema does not know merges as in a
 * merge patch: maps recursively, lists replaced).
 */
export function strategicMergePatch(target: unknown, patch: unknown, schema: Schema | undefined): unknown {
  if (!isRecord(patch)) return clone(patch);
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const list = out[field];
      if (Array.isArray(list) && Array.isArray(value)) out[field] = list.filter((item) => !value.some((v) => deepEqual(v, item)));
      continue;
    }
    if (key.startsWith('$')) continue;
    const child = fieldSchema(schema, key);
    if (value === null) Reflect.deleteProperty(out, key);
    else if (Array.isArray(value)) out[key] = mergeList(out[key], value, child);
    else if (isRecord(value)) {
      const merged =
        child?.type === 'map' || child?.type === 'object' || child === undefined || child.type === 'any'
          ? strategicMergePatch(out[key], value, child)
          : clone(value);
      if (merged === undefined) Reflect.deleteProperty(out, key);
      else out[key] = merged;
    } else out[key] = value;
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(ORDER)) continue;
    const field = key.slice(ORDER.length);
    const child = fieldSchema(schema, field);
    if (Array.isArray(out[field])) out[field] = ordered(out[field], order, child?.type === 'list' ? child.mergeKey : undefined);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.filter((k): k is string => typeof k === 'string'));
    for (const key of Object.keys(out)) if (!keep.has(key)) Reflect.deleteProperty(out, key);
  }
  return out;
}

interface Operation {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw badRequest(`the server rejected our request due to an error in our request: JSON pointer ${JSON.stringify(path)} must start with "/"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, parts: string[]): { parent: unknown; last: string } {
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(part)] : isRecord(node) ? node[part] : undefined;
    if (node === undefined) throw badRequest(`the server rejected our request due to an error in our request: path /${parts.join('/')} does not exist`);
  }
  return { parent: node, last: parts[parts.length - 1] ?? '' };
}

function read(doc: unknown, path: string): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return doc;
  const { parent, last } = parentOf(doc, parts);
  return Array.isArray(parent) ? parent[Number(last)] : isRecord(parent) ? parent[last] : undefined;
}

function remove(doc: unknown, path: string): void {
  const { parent, last } = parentOf(doc, pointer(path));
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isRecord(parent) && Object.hasOwn(parent, last)) Reflect.deleteProperty(parent, last);
  else throw badRequest(`the server rejected our request due to an error in our request: unable to remove nonexistent key: ${last}`);
}

function add(doc: unknown, path: string, value: unknown, replace: boolean): void {
  const { parent, last } = parentOf(doc, pointer(path));
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (replace) parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (isRecord(parent)) {
    if (replace && !Object.hasOwn(parent, last))
      throw badRequest(`the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: ${path}`);
    parent[last] = value;
  } else {
    throw badRequest(`the server rejected our request due to an error in our request: doc is missing path: ${path}`);
  }
}

/** RFC 6902 operations add, remove, replace, move, copy, test. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw badRequest('the server rejected our request due to an error in our request: a JSON patch must be an array of operations');
  const doc = clone(target);
  for (const raw of operations as Operation[]) {
    switch (raw.op) {
      case 'add':
        add(doc, raw.path, clone(raw.value), false);
        break;
      case 'replace':
        add(doc, raw.path, clone(raw.value), true);
        break;
      case 'remove':
        remove(doc, raw.path);
        break;
      case 'move': {
        const value = read(doc, raw.from ?? '');
        remove(doc, raw.from ?? '');
        add(doc, raw.path, value, false);
        break;
      }
      case 'copy':
        add(doc, raw.path, clone(read(doc, raw.from ?? '')), false);
        break;
      case 'test':
        if (!deepEqual(read(doc, raw.path), raw.value))
          throw badRequest(`the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
        break;
      default:
        throw badRequest(`the server rejected our request due to an error in our request: unexpected operation ${JSON.stringify(raw.op)}`);
    }
  }
  return doc;
}
