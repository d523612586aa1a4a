// Where objects may go, and whose they are. Every namespaced object lands in the branch
// namespace: objects without a namespace, and objects in the namespace the overlay's
// kustomization sets (kustomize put them all there, `feature-BRANCH_NAME` say), are moved into
// it. Objects aimed at any other namespace, and cluster-scoped objects other than the branch
// Namespace, are refused unless the inputs allow them, and never when the target is protected
// (`default`, `kube-*`, the production namespaces: as a namespace, and as a Namespace's name).
// An existing object is only written when its exact mark names this branch of this repository
// (kube-marks.ts): the branch namespace, and every object outside it (never adopt).
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { protectedTargetReason, refOf } from '../../shared/branch/ownership/outside-objects.ts';
import { checkMark, markArguments, markRefusal, reservedKeys, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { isProtectedNamespace } from '../../shared/branch/ownership/protected.ts';
import { isTerminating, type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { displayName, isOutside, objectKey, type Planned } from './objects.ts';

/** What placement needs to know. */
export interface PlacementOptions {
  /** The branch namespace. */
  target: string;
  /** The kustomization `namespace:` of each overlay (after replacements), by source. */
  overlayNamespaces: ReadonlyMap<string, string | undefined>;
  /** Other namespaces objects may be applied to (`allow-namespaces`). */
  allowNamespaces: readonly string[];
  /** Cluster-scoped kinds that may be applied (`allow-cluster-scoped`). */
  allowClusterScoped: readonly string[];
  /** Namespaces never written besides `default` and `kube-*`. */
  productionNamespaces: readonly string[];
  /** Whether the kind of an object is namespaced. */
  namespaced: (obj: KubeObject) => boolean;
}

/**
 * Puts every object in its namespace (in place) and refuses the ones that may not be applied,
 * all at once, before anything is changed. A rendered Namespace for the overlay's namespace
 * becomes the branch Namespace.
 */
export function placeObjects(planned: readonly Planned[], options: PlacementOptions): void {
  const refusals: string[] = [];
  for (const { object, source } of planned) {
    const meta = (object.metadata ??= {});
    const reserved = reservedKeys(object);
    if (reserved.length > 0) {
      refusals.push(
        `- ${displayName(object)} (from ${source}) sets ${reserved.join(', ')}: the branch-env.io/ labels and annotations are the suite's own records and marks.`,
      );
      continue;
    }
    const overlayNamespace = options.overlayNamespaces.get(source);
    if (!options.namespaced(object)) {
      delete meta.namespace;
      if (object.kind === 'Namespace') {
        if (meta.name === overlayNamespace) meta.name = options.target;
        if (meta.name === options.target) continue;
      }
      const protectedReason = protectedTargetReason(refOf(object, false), options.productionNamespaces);
      if (protectedReason !== undefined) {
        refusals.push(`- ${displayName(object)} (from ${source}): ${protectedReason}.`);
        continue;
      }
      if (options.allowClusterScoped.includes(object.kind ?? '')) continue;
      refusals.push(`- ${displayName(object)} (from ${source}) is cluster-scoped: it would change the whole cluster, not the branch environment.`);
      continue;
    }
    const current = meta.namespace;
    if (current === undefined || current === '' || current === overlayNamespace || current === options.target) {
      meta.namespace = options.target;
    } else if (isProtectedNamespace(current, options.productionNamespaces)) {
      refusals.push(
        `- ${displayName(object)} (from ${source}) is aimed at the protected namespace ${quoteValue(current)} (default, kube-* and the production namespaces are never written).`,
      );
    } else if (!options.allowNamespaces.includes(current)) {
      refusals.push(
        `- ${displayName(object)} (from ${source}) is aimed at namespace ${quoteValue(current)}, not the branch namespace ${quoteValue(options.target)}.`,
      );
    }
  }
  if (refusals.length > 0) {
    const fixes = [
      'Set `namespace:` in the overlay kustomization (every object then lands in the branch namespace), or remove those objects from the overlays',
    ];
    if (refusals.some((r) => r.includes('protected')))
      fixes.push(
        "objects for `default`, `kube-*` or a production namespace cannot be allowed at all: apply them through the cluster's own pipeline, not a branch environment",
      );
    if (refusals.some((r) => r.includes('branch-env.io/')))
      fixes.push('drop the branch-env.io/ labels and annotations from the manifests (the suite writes them itself)');
    if (refusals.some((r) => r.includes('is aimed at namespace') || r.includes('is cluster-scoped')))
      fixes.push('or allow them explicitly with `allow-namespaces` (other namespaces) or `allow-cluster-scoped` (kinds, e.g. CustomResourceDefinition)');
    throw new UserError(`${refusals.length} object(s) may not be applied:\n${refusals.join('\n')}\n`, { fix: `${fixes.join('; ')}.` });
  }
}

/** The branch Namespace to apply: the rendered one (labels and annotations kept) or a new one. */
export function namespaceObject(planned: readonly Planned[], target: string): KubeObject {
  const rendered = planned.find((p) => p.object.kind === 'Namespace' && p.object.metadata?.name === target);
  return rendered?.object ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target } };
}

/** Refuses a namespace the suite may never use, whatever the inputs say. */
export function assertUsableNamespace(namespace: string, inputName: string, productionNamespaces: readonly string[]): void {
  if (isProtectedNamespace(namespace, productionNamespaces)) {
    throw new UserError(
      `The target namespace is ${quoteValue(namespace)} (from \`${inputName}\`): deploy-overlay never deploys into \`default\`, \`kube-*\` or the production namespaces (${productionNamespaces.join(', ')}).`,
      {
        fix: 'Leave `namespace` empty to use the branch namespace (prefix + slug), or give another name.',
      },
    );
  }
}

/**
 * Checks an existing namespace before anything is written to it: its exact mark must name this
 * branch of this repository (an older, label-only mark is trusted for an unhashed slug only), and
 * it must not be terminating.
 * @returns whether the namespace exists.
 */
export function checkNamespace(namespace: string, live: KubeObject | undefined, owner: EnvironmentOwner): boolean {
  const check = checkMark(live, owner);
  if (check.state === 'missing') return false;
  const refusal = markRefusal(check, `The namespace ${quoteValue(namespace)}`, owner);
  if (refusal !== undefined) {
    const fix =
      check.state === 'other'
        ? 'Two branches must never share an environment: rename this branch, or check the `namespace`, `namespace-prefix` and `branch` inputs. The owning branch keeps its namespace.'
        : check.state === 'unproven'
          ? `If the namespace really is this branch's, mark it: kubectl annotate namespace ${namespace} ${markArguments(owner)}`
          : `Deploy the branch to its own namespace (leave \`namespace\` empty); deploy-overlay never takes over a namespace it did not make. Only if this namespace really belongs to branch ${JSON.stringify(owner.branch)}, label and mark it by hand: kubectl label namespace ${namespace} ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} ${BRANCH_LABEL}=${owner.slug} && kubectl annotate namespace ${namespace} ${markArguments(owner)}`;
    throw new UserError(`${refusal}; deploy-overlay will not write to it.`, { fix });
  }
  if (isTerminating(live)) {
    throw new UserError(`The namespace ${quoteValue(namespace)} is being deleted (Terminating); nothing can be created in it now.`, {
      fix: 'Wait until the deletion finishes (kubectl get namespace shows it gone), then re-run this job.',
    });
  }
  return true;
}

/**
 * Never adopt: reads every planned object outside the branch namespace (in another namespace, or
 * cluster-scoped) and refuses, all at once and before anything is written, each that exists
 * without this branch's exact mark, unless `adopt` (input `adopt-existing`) says to take them.
 * Objects already in `existing` (read while kustomize rendered) are not read again; the others
 * are added to it, so the results can say `unchanged`.
 * @returns the objects taken over (only with `adopt`), as refusal lines.
 */
export async function checkOutsideObjects(
  client: KubeClient,
  planned: readonly Planned[],
  namespace: string,
  owner: EnvironmentOwner,
  options: { adopt: boolean; namespaced: (obj: KubeObject) => boolean; existing: Map<string, KubeObject> },
): Promise<string[]> {
  const outside = planned.filter(({ object }) => isOutside(object, namespace, options.namespaced(object)));
  const refusals: string[] = [];
  await Promise.all(
    outside.map(async ({ object, source }) => {
      const key = objectKey(object);
      const found = options.existing.get(key) ?? (await client.get(object));
      if (found === undefined) return;
      options.existing.set(key, found);
      const refusal = markRefusal(checkMark(found, owner), `${displayName(object, true)} (from ${source})`, owner);
      if (refusal !== undefined) refusals.push(`- ${refusal}`);
    }),
  );
  refusals.sort();
  if (refusals.length > 0 && !options.adopt) {
    throw new UserError(
      `${refusals.length} object(s) outside the branch namespace already exist and are not this branch's; deploy-overlay never takes them over:\n${refusals.join('\n')}\n`,
      {
        fix: 'Rename the objects in the overlay, or remove them from it. Only if the existing objects really belong to this branch, set `adopt-existing: true` (dangerous: prune and cleanup-branch will then delete them with the branch).',
      },
    );
  }
  return refusals;
}
