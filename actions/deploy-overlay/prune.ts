// What the apply set held before, and pruning what it no longer renders. The kinds an apply set
// used are recorded on the namespace (annotation `branch-env.io/kinds.<set>`), so a kind that
// disappears from the overlay entirely is still listed and pruned. Only objects in the branch
// namespace that carry the set's labels and were applied by the suite's field manager (never
// objects a controller made, which inherit labels from templates) can be pruned.
import { describeKubeError, type KubeClient, type KubeObject } from '../../shared/kube.ts';
import type { Logger } from '../../shared/logger.ts';
import { mapLimit, resultOf, type ObjectResult } from './apply.ts';
import { FIELD_MANAGER, INVENTORY_ANNOTATION_PREFIX, displayName, objectKey, typeKey, type Planned } from './objects.ts';

/** A kind as `apiVersion Kind` with its scope. */
export interface TypeRef {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

/** The namespace annotation holding an apply set's kinds. */
export function inventoryKey(applySet: string): string {
  return `${INVENTORY_ANNOTATION_PREFIX}${applySet}`;
}

/** The kinds (`apiVersion Kind`) recorded on the namespace for an apply set. */
export function readInventory(namespace: KubeObject | undefined, applySet: string): string[] {
  const text = namespace?.metadata?.annotations?.[inventoryKey(applySet)];
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string' && k.includes(' ')) : [];
  } catch {
    return [];
  }
}

/** The inventory of a plan: every namespaced kind it puts in the branch namespace, sorted. */
export function planInventory(planned: readonly Planned[], namespace: string): string[] {
  return [...new Set(planned.filter((p) => p.object.metadata?.namespace === namespace).map((p) => typeKey(p.object)))].sort();
}

/** Records the plan's kinds on the namespace (a merge patch, so other apply sets' keys stay). */
export async function writeInventory(client: KubeClient, namespace: string, applySet: string, kinds: readonly string[], before: readonly string[]): Promise<void> {
  if (JSON.stringify(kinds) === JSON.stringify(before)) return;
  const patch = { metadata: { annotations: { [inventoryKey(applySet)]: JSON.stringify(kinds) } } };
  await client.mergePatch({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, patch, FIELD_MANAGER);
}

/**
 * Lists the objects of these kinds that carry the selector (namespaced kinds in `namespace`,
 * cluster-scoped ones cluster-wide), by object key. Kinds the server no longer serves are skipped.
 */
export async function listExisting(client: KubeClient, types: readonly TypeRef[], namespace: string, selector: string, logger: Logger): Promise<Map<string, KubeObject>> {
  const existing = new Map<string, KubeObject>();
  await mapLimit(types, 16, async (type) => {
    if ((await client.resource(type.apiVersion, type.kind)) === undefined) {
      logger.debug(`${type.apiVersion} ${type.kind} is not served (any more); nothing of it to list.`);
      return;
    }
    const options = type.namespaced ? { namespace, labelSelector: selector } : { labelSelector: selector };
    for (const item of (await client.list(type.apiVersion, type.kind, options)).items) existing.set(objectKey(item), item);
  });
  return existing;
}

/** Whether the suite's field manager applied this object (so it is the suite's to delete). */
function appliedBySuite(obj: KubeObject): boolean {
  return (obj.metadata?.managedFields ?? []).some((entry) => entry.manager === FIELD_MANAGER && entry.operation === 'Apply');
}

/** Objects of the apply set, in the branch namespace, that the plan no longer holds. */
export function pruneCandidates(existing: ReadonlyMap<string, KubeObject>, planned: readonly Planned[], namespace: string): KubeObject[] {
  const keep = new Set(planned.map((p) => objectKey(p.object)));
  return [...existing.entries()]
    .filter(([key, obj]) => !keep.has(key) && obj.kind !== 'Namespace' && obj.metadata?.namespace === namespace)
    .map(([, obj]) => obj)
    .filter((obj) => appliedBySuite(obj) && !(obj.metadata?.ownerReferences ?? []).some((ref) => ref.controller === true))
    .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
}

/** Deletes the candidates (dry run: asks the server with dryRun=All). */
export async function pruneObjects(client: KubeClient, candidates: readonly KubeObject[], dryRun: boolean, logger: Logger): Promise<ObjectResult[]> {
  return mapLimit(candidates, 16, async (obj) => {
    try {
      await client.delete(obj, { propagationPolicy: 'Background', dryRun });
      logger.info(`${displayName(obj)} ${dryRun ? 'would be pruned' : 'pruned'} (no longer rendered).`);
      return resultOf(obj, 'earlier deploy', dryRun ? 'would-prune' : 'pruned');
    } catch (error: unknown) {
      logger.warning(`Could not prune ${displayName(obj)}: ${describeKubeError(error)}`);
      return resultOf(obj, 'earlier deploy', 'failed', `prune: ${describeKubeError(error)}`);
    }
  });
}
