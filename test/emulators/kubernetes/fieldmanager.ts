// Server-side apply and field ownership (a faithful-enough model of
// k8s.io/apimachinery/pkg/util/managedfields): each manager owns a set of
// field paths; Apply merges a configuration into the live object, reports
// conflicts with other owners, drops fields its manager stopped applying;
// other writes (Update operations) take ownership of the fields they change.
import { applyConflict, type StatusCause } from './status.ts';
import {
  builtinSchema,
  decodeFields,
  encodeFields,
  fieldSet,
  isItemPath,
  keyToken,
  listKey,
  pathString,
  removeAt,
  valueAt,
  type FieldOptions,
  type FieldSet,
} from './fieldpaths.ts';
import { fieldSchema, type Schema } from './schema.ts';
import { clone, deepEqual, isRecord, timestamp, type KubeObject, type ManagedFieldsEntry } from './types.ts';

interface Owner {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

function ownersOf(obj: KubeObject | undefined): Owner[] {
  return (obj?.metadata.managedFields ?? []).filter(isRecord).map((entry) => ({ entry, set: decodeFields(entry.fieldsV1) }));
}

function entryFor(manager: string, operation: 'Apply' | 'Update', apiVersion: string, set: FieldSet): ManagedFieldsEntry {
  return { manager, operation, apiVersion, time: timestamp(), fieldsType: 'FieldsV1', fieldsV1: encodeFields(set) };
}

/** Writes the entries back in their order; the manager's new entry takes its old place or goes last. */
function writeOwners(obj: KubeObject, owners: Owner[], isMine: (o: Owner) => boolean, mine: ManagedFieldsEntry | undefined): void {
  const entries: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const owner of owners) {
    if (isMine(owner)) {
      if (mine && !placed) entries.push(mine);
      placed = true;
    } else if (owner.set.size > 0) {
      entries.push({ ...owner.entry, fieldsV1: encodeFields(owner.set) });
    }
  }
  if (mine && !placed) entries.push(mine);
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/** The conflict message `printManager` writes: Update managers name their apiVersion. */
function managerLabel(entry: ManagedFieldsEntry): string {
  const name = entry.subresource ? `"${entry.manager}" with subresource "${entry.subresource}"` : `"${entry.manager}"`;
  return entry.operation === 'Update' ? `${name} using ${entry.apiVersion}` : name;
}

function conflictError(conflicts: { owner: ManagedFieldsEntry; path: string }[]): Error {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${managerLabel(c.owner)}`,
    field: pathString(c.path),
  }));
  if (conflicts.length === 1) {
    const only = conflicts[0];
    return applyConflict(`Apply failed with 1 conflict: conflict with ${managerLabel(only!.owner)}: ${pathString(only!.path)}`, causes);
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(managerLabel(c.owner), [...(byManager.get(managerLabel(c.owner)) ?? []), pathString(c.path)]);
  const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)]);
  return applyConflict(`Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, causes);
}

/** Merges an apply configuration into a live value: maps recursively, keyed lists by key, anything else replaced. */
function merge(live: unknown, applied: unknown, schema: Schema | undefined): unknown {
  const atomic = (schema?.type === 'object' || schema?.type === 'map') && schema.atomic === true;
  if (isRecord(live) && isRecord(applied) && !atomic) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(applied)) out[k] = merge(live[k], v, fieldSchema(schema, k));
    return out;
  }
  if (Array.isArray(live) && Array.isArray(applied)) {
    const key = listKey(schema);
    if (key) {
      const items = schema?.type === 'list' ? schema.items : undefined;
      const out: unknown[] = live.map((item: unknown) => clone(item));
      for (const item of applied) {
        const token = keyToken(item, key);
        const at = out.findIndex((existing) => keyToken(existing, key) === token);
        if (at >= 0) out[at] = merge(out[at], item, items);
        else out.push(clone(item));
      }
      return out;
    }
  }
  return clone(applied);
}

export interface ApplyInput {
  /** The stored object, or undefined when apply creates it. */
  live: KubeObject | undefined;
  /** The configuration sent (already stripped of status when ignored). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  options: FieldOptions;
}

/** The object an apply produces, with managedFields; throws the 409 Status on conflicts. */
export function applyConfiguration({ live, applied, manager, force, options }: ApplyInput): KubeObject {
  const appliedSet = fieldSet(applied, options);
  const owners = ownersOf(live);
  const isMine = (o: Owner): boolean => o.entry.manager === manager && o.entry.operation === 'Apply';
  const previous = owners.find(isMine)?.set ?? new Set<string>();
  const others = owners.filter((o) => !isMine(o));

  const conflicts: { owner: ManagedFieldsEntry; path: string; from: Owner }[] = [];
  for (const other of others) {
    for (const path of other.set) {
      if (!appliedSet.has(path) || isItemPath(path)) continue;
      if (!deepEqual(valueAt(applied, path), valueAt(live, path))) conflicts.push({ owner: other.entry, path, from: other });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) c.from.set.delete(c.path);

  const result = merge(live ? clone(live) : {}, applied, options.schema ?? (options.associative ? builtinSchema(applied) : undefined)) as KubeObject;
  const ownedByOthers = (path: string): boolean => others.some((o) => o.set.has(path));
  for (const path of previous) {
    if (!appliedSet.has(path) && !ownedByOthers(path)) removeAt(result, path);
  }
  writeOwners(result, owners, isMine, entryFor(manager, 'Apply', applied.apiVersion ?? '', appliedSet));
  return result;
}

/**
 * Records an Update operation (create, replace, merge patch): the manager takes
 * the fields whose value it changed; fields it removed leave every owner.
 * A request that sends its own managedFields (changed from the stored ones)
 * sets them as given; `[{}]` clears them.
 */
export function trackUpdate(live: KubeObject | undefined, next: KubeObject, manager: string, options: FieldOptions): void {
  const sent = next.metadata.managedFields;
  if (Array.isArray(sent) && !deepEqual(sent, live?.metadata.managedFields ?? [])) {
    next.metadata.managedFields = sent.filter((e) => isRecord(e) && typeof e.manager === 'string');
    return;
  }
  const before = live ? fieldSet(live, options) : new Set<string>();
  const after = fieldSet(next, options);
  const changed = new Set<string>();
  // A list item is changed only when it is new: a change below it changes its fields, not the item.
  for (const path of after) if (!before.has(path) || (!isItemPath(path) && !deepEqual(valueAt(live, path), valueAt(next, path)))) changed.add(path);
  const removed = [...before].filter((path) => !after.has(path));
  const owners = ownersOf(live);
  const isMine = (o: Owner): boolean => o.entry.manager === manager && o.entry.operation === 'Update' && o.entry.apiVersion === next.apiVersion;
  const mine = new Set(owners.find(isMine)?.set ?? []);
  const others = owners.filter((o) => !isMine(o));
  for (const other of others) {
    for (const path of [...changed, ...removed]) other.set.delete(path);
  }
  for (const path of removed) mine.delete(path);
  for (const path of changed) mine.add(path);
  writeOwners(next, owners, isMine, mine.size > 0 ? entryFor(manager, 'Update', next.apiVersion ?? '', mine) : undefined);
}
