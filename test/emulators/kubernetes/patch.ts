// JSON Merge Patch (RFC 7386; strategic merge patch is treated the same way)
// and JSON Patch (RFC 6902), applied to plain JSON objects.
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

interface Operation {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request: JSON pointer ${JSON.stringify(path)} must start with "/"`);
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
    if (replace && !Object.hasOwn(parent, last)) throw badRequest(`the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: ${path}`);
    parent[last] = value;
  } else {
    throw badRequest(`the server rejected our request due to an error in our request: doc is missing path: ${path}`);
  }
}

/** RFC 6902 operations add, remove, replace, move, copy, test. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('the server rejected our request due to an error in our request: a JSON patch must be an array of operations');
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
        if (!deepEqual(read(doc, raw.path), raw.value)) throw badRequest(`the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
        break;
      default:
        throw badRequest(`the server rejected our request due to an error in our request: unexpected operation ${JSON.stringify(raw.op)}`);
    }
  }
  return doc;
}
