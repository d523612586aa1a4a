// Where objects may go. Every namespaced object lands in the branch namespace: objects without
// a namespace, and objects in the namespace the overlay's kustomization sets (kustomize put
// them all there, `feature-BRANCH_NAME` say), are moved into it. Objects aimed at any other
// namespace, and cluster-scoped objects other than the branch Namespace, are refused unless the
// inputs allow them. An existing namespace is only used when it carries this branch's labels.
import { UserError, quoteValue } from '../../shared/errors.ts';
import { isProtectedNamespace, namespaceOwnership, type KubeObject } from '../../shared/kube.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type BranchNames } from '../../shared/naming.ts';
import { displayName, type Planned } from './objects.ts';

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
    const overlayNamespace = options.overlayNamespaces.get(source);
    if (!options.namespaced(object)) {
      delete meta.namespace;
      if (object.kind === 'Namespace') {
        if (meta.name === overlayNamespace) meta.name = options.target;
        if (meta.name === options.target) continue;
      }
      if (options.allowClusterScoped.includes(object.kind ?? '') && !(object.kind === 'Namespace' && isProtectedNamespace(meta.name ?? ''))) continue;
      refusals.push(`- ${displayName(object)} (from ${source}) is cluster-scoped: it would change the whole cluster, not the branch environment.`);
      continue;
    }
    const current = meta.namespace;
    if (current === undefined || current === '' || current === overlayNamespace || current === options.target) {
      meta.namespace = options.target;
    } else if (!options.allowNamespaces.includes(current)) {
      refusals.push(`- ${displayName(object)} (from ${source}) is aimed at namespace ${quoteValue(current)}, not the branch namespace ${quoteValue(options.target)}.`);
    }
  }
  if (refusals.length > 0) {
    throw new UserError(`${refusals.length} object(s) would be applied outside the branch namespace:\n${refusals.join('\n')}\n`, {
      fix:
        'Set `namespace:` in the overlay kustomization (every object then lands in the branch namespace), remove those objects, ' +
        'or allow them explicitly with `allow-namespaces` (other namespaces) or `allow-cluster-scoped` (kinds, e.g. CustomResourceDefinition).',
    });
  }
}

/** The branch Namespace to apply: the rendered one (labels and annotations kept) or a new one. */
export function namespaceObject(planned: readonly Planned[], target: string): KubeObject {
  const rendered = planned.find((p) => p.object.kind === 'Namespace' && p.object.metadata?.name === target);
  return rendered?.object ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target } };
}

/** Refuses a namespace the suite may never use, whatever the inputs say. */
export function assertUsableNamespace(namespace: string, inputName: string): void {
  if (isProtectedNamespace(namespace)) {
    throw new UserError(`The target namespace is ${quoteValue(namespace)} (from \`${inputName}\`): deploy-overlay never deploys into \`default\` or \`kube-*\`.`, {
      fix: 'Leave `namespace` empty to use the branch namespace (prefix + slug), or give another name.',
    });
  }
}

/**
 * Checks an existing namespace before anything is written to it: it must carry the suite's
 * managed-by label and this branch's label, and not be terminating.
 * @returns whether the namespace exists.
 */
export function checkNamespace(namespace: string, live: KubeObject | undefined, names: BranchNames): boolean {
  const ownership = namespaceOwnership(live, names);
  const label = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${BRANCH_LABEL}=${names.labelValue}`;
  switch (ownership.state) {
    case 'missing':
      return false;
    case 'unmanaged':
      throw new UserError(`The namespace ${quoteValue(namespace)} exists but was not made by this suite (it lacks the label ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}); deploy-overlay will not take it over.`, {
        fix: `Deploy the branch to its own namespace (leave \`namespace\` empty), or, if this namespace really belongs to branch ${quoteValue(names.branch)}, label it: kubectl label namespace ${namespace} ${label.replace(',', ' ')}`,
      });
    case 'other-branch':
      throw new UserError(`The namespace ${quoteValue(namespace)} belongs to another branch (${BRANCH_LABEL}=${quoteValue(ownership.branch)}, this branch is ${quoteValue(names.labelValue)}).`, {
        fix: 'Check the `namespace`, `namespace-prefix` and `branch` inputs: two branches must not share a namespace.',
      });
    case 'ours':
      if (ownership.terminating) {
        throw new UserError(`The namespace ${quoteValue(namespace)} is being deleted (Terminating); nothing can be created in it now.`, {
          fix: 'Wait until the deletion finishes (kubectl get namespace shows it gone), then re-run this job.',
        });
      }
      return true;
  }
}
