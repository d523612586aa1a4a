// What the apply set held before, and pruning what it no longer renders. The kinds an apply set
// used are recorded on the namespace (annotation `branch-env.io/kinds.<set>`), so a kind that
// disappears from the overlay entirely is still listed and pruned. Only objects in the branch
// namespace that carry the set's labels and were applied by the suite's field manager (never
// objects a controller made, which inherit labels from templates) can be pruned.
import {
  annotationList,
  externalAnnotation,
  externalObject,
  formatExternalRef,
  parseExternalRef,
  protectedTargetReason,
  refOf,
  removalRefusal,
  resolveScope,
} from '../../shared/branch/ownership/outside-objects.ts';
import type { EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { resultOf, type ObjectResult } from './apply.ts';
import { mapLimit } from '../../shared/core/limit.ts';
import { APPLY_SET_LABEL, FIELD_MANAGER, INVENTORY_ANNOTATION_PREFIX, displayName, isOutside, objectKey, typeKey, type Planned } from './objects.ts';
import { compareText } from '../../shared/core/order.ts';

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
  return annotationList(namespace, inventoryKey(applySet)).filter((kind) => kind.includes(' '));
}

/** Recorded kinds as types to list; every recorded kind lives in the branch namespace. */
export function inventoryTypes(kinds: readonly string[]): TypeRef[] {
  return kinds.map((entry) => {
    const [apiVersion = '', kind = ''] = entry.split(' ');
    return { apiVersion, kind, namespaced: true };
  });
}

/** The inventory of a plan: every namespaced kind it puts in the branch namespace, sorted. */
export function planInventory(planned: readonly Planned[], namespace: string): string[] {
  return [...new Set(planned.filter((p) => p.object.metadata?.namespace === namespace).map((p) => typeKey(p.object)))].sort();
}

/**
 * The objects of a plan outside the branch namespace, as recorded lines, sorted: those in other
 * namespaces (`allow-namespaces`) and cluster-scoped ones (`allow-cluster-scoped`) other than the
 * branch Namespace itself.
 */
export function planExternal(planned: readonly Planned[], namespace: string, namespaced: (obj: KubeObject) => boolean): string[] {
  const refs = planned
    .map((p) => p.object)
    .filter((obj) => isOutside(obj, namespace, namespaced(obj)))
    .map((obj) => formatExternalRef(refOf(obj, namespaced(obj))));
  return [...new Set(refs)].sort();
}

/** What an apply set records on the branch namespace, now and as it was. */
export interface Inventory {
  kinds: readonly string[];
  kindsBefore: readonly string[];
  external: readonly string[];
  externalBefore: readonly string[];
}

/** Records the plan's kinds and outside objects on the namespace (a merge patch, so other apply sets' keys stay). */
export async function writeInventory(client: KubeClient, namespace: string, applySet: string, inventory: Inventory): Promise<void> {
  const annotations: Record<string, string | null> = {};
  if (JSON.stringify(inventory.kinds) !== JSON.stringify(inventory.kindsBefore)) annotations[inventoryKey(applySet)] = JSON.stringify(inventory.kinds);
  if (JSON.stringify(inventory.external) !== JSON.stringify(inventory.externalBefore)) {
    annotations[externalAnnotation(applySet)] = inventory.external.length > 0 ? JSON.stringify(inventory.external) : null;
  }
  if (Object.keys(annotations).length === 0) return;
  await client.mergePatch({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { metadata: { annotations } }, FIELD_MANAGER);
}

/** Whose the outside objects are, for prune. */
export interface ExternalOwner {
  owner: EnvironmentOwner;
  applySet: string;
  productionNamespaces: readonly string[];
}

/**
 * Prunes objects an earlier deploy of this apply set put outside the branch namespace and the
 * plan no longer holds. Each record line is resolved by its kind's real scope first; then a
 * protected target, an object whose exact mark is not this branch's, one of another apply set,
 * or one the suite did not apply is left alone and said.
 */
export async function pruneExternal(
  client: KubeClient,
  stale: readonly string[],
  owner: ExternalOwner,
  dryRun: boolean,
  logger: Logger,
): Promise<ObjectResult[]> {
  const results: ObjectResult[] = [];
  await mapLimit(stale, 8, async (line) => {
    const recorded = parseExternalRef(line);
    if (!recorded) return;
    try {
      const info = await client.resource(recorded.apiVersion, recorded.kind);
      const ref = info === undefined ? undefined : resolveScope(recorded, info.namespaced);
      if (ref === undefined) {
        logger.warning(
          `Not pruning ${line}: ${info === undefined ? 'the cluster does not serve that kind' : 'a namespaced kind recorded without a namespace'}.`,
        );
        return;
      }
      const protectedReason = protectedTargetReason(ref, owner.productionNamespaces);
      if (protectedReason !== undefined) {
        logger.warning(`Not pruning ${line}: ${protectedReason}.`);
        return;
      }
      const live = await client.get(externalObject(ref));
      if (live === undefined) return;
      const obj = { ...live, apiVersion: ref.apiVersion, kind: ref.kind };
      const refusal =
        removalRefusal(obj, owner.owner) ??
        (obj.metadata?.labels?.[APPLY_SET_LABEL] !== owner.applySet || !appliedBySuite(obj)
          ? 'it is not of this apply set or was not applied by the suite'
          : undefined);
      if (refusal !== undefined) {
        logger.warning(`Not pruning ${line}: ${refusal}.`);
        return;
      }
      await client.delete(obj, { propagationPolicy: 'Background', dryRun });
      logger.info(`${line} ${dryRun ? 'would be pruned' : 'pruned'} (no longer rendered).`);
      results.push(resultOf(obj, 'earlier deploy', dryRun ? 'would-prune' : 'pruned'));
    } catch (error: unknown) {
      logger.warning(`Could not prune ${line}: ${describeKubeError(error)}`);
      results.push(resultOf(externalObject(recorded), 'earlier deploy', 'failed', `prune: ${describeKubeError(error)}`));
    }
  });
  return results.sort((a, b) => compareText(`${a.namespace ?? ''}/${a.kind}/${a.name}`, `${b.namespace ?? ''}/${b.kind}/${b.name}`));
}

/**
 * Lists the objects of these kinds that carry the selector (namespaced kinds in `namespace`,
 * cluster-scoped ones cluster-wide), by object key. Kinds the server no longer serves are skipped.
 */
export async function listExisting(
  client: KubeClient,
  types: readonly TypeRef[],
  namespace: string,
  selector: string,
  logger: Logger,
): Promise<Map<string, KubeObject>> {
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
    .sort((a, b) => compareText(objectKey(a), objectKey(b)));
}

/** Deletes the candidates (dry run: asks the server with dryRun=All). */
export async function pruneObjects(client: KubeClient, candidates: readonly KubeObject[], dryRun: boolean, logger: Logger): Promise<ObjectResult[]> {
  const { results } = await mapLimit(candidates, 16, async (obj) => {
    try {
      await client.delete(obj, { propagationPolicy: 'Background', dryRun });
      logger.info(`${displayName(obj)} ${dryRun ? 'would be pruned' : 'pruned'} (no longer rendered).`);
      return resultOf(obj, 'earlier deploy', dryRun ? 'would-prune' : 'pruned');
    } catch (error: unknown) {
      logger.warning(`Could not prune ${displayName(obj)}: ${describeKubeError(error)}`);
      return resultOf(obj, 'earlier deploy', 'failed', `prune: ${describeKubeError(error)}`);
    }
  });
  return results;
}
