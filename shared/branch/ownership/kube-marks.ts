// Who owns a Kubernetes object the suite made. Labels (`app.kubernetes.io/managed-by` and the
// branch slug) select; they cannot prove ownership, because two branches can share a slug (by
// accident, or crafted: the slug's hash is 40 bits). So every object the suite applies also
// carries the exact branch and the repository it came from as annotations, and every write to,
// or removal of, an existing object first checks that they name exactly this branch of this
// repository. Pure functions, no I/O.
import { sameRepository } from '../event-context.ts';
import type { KubeObject } from '../../kube/client.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type BranchNames } from '../naming.ts';

/** Annotation holding the exact branch (or fork pull request identity) an object belongs to. */
export const BRANCH_NAME_ANNOTATION = 'branch-env.io/branch-name';
/** Annotation holding the repository (`owner/repo`) whose branch it is. */
export const REPOSITORY_ANNOTATION = 'branch-env.io/repository';
/** Prefix of every label and annotation key the suite reserves for itself. */
export const RESERVED_KEY_PREFIX = 'branch-env.io/';

/** The owner of an environment: the exact branch of one repository, and its slug. */
export interface EnvironmentOwner {
  /** Exact branch name, or `refs/pull/<n>/head` for a fork pull request. */
  branch: string;
  /** `owner/repo`; empty when unknown (a local run without GITHUB_REPOSITORY). */
  repository: string;
  /** The slug the naming function gives the branch (the branch label's value). */
  slug: string;
  /** Whether the slug carries a hash (so other branches can share it). */
  hashed: boolean;
  /**
   * The branch namespace the naming function gives the branch: the only object a label-only
   * (older) mark can prove is the owner's. Undefined: no label-only mark is trusted.
   */
  namespace: string | undefined;
}

/** The owner for a branch's names and repository. */
export function ownerOf(names: Pick<BranchNames, 'branch' | 'slug' | 'hashed' | 'namespace'>, repository: string): EnvironmentOwner {
  return { branch: names.branch, repository, slug: names.slug, hashed: names.hashed, namespace: names.namespace };
}

/** The annotations that record the owner on everything the suite applies. */
export function ownershipAnnotations(owner: Pick<EnvironmentOwner, 'branch' | 'repository'>): Record<string, string> {
  return { [BRANCH_NAME_ANNOTATION]: owner.branch, [REPOSITORY_ANNOTATION]: owner.repository };
}

/** What an object's mark says about an owner. */
export type MarkCheck =
  | { state: 'missing' }
  /** Not made by the suite (no managed-by label). */
  | { state: 'unmanaged' }
  /** This owner's; `legacy` when only labels say so (made before exact marks, clean slug). */
  | { state: 'ours'; legacy: boolean }
  /** Another branch's (or repository's): `branch` and `repository` as the mark names them. */
  | { state: 'other'; branch: string; repository: string | undefined }
  /**
   * Labelled with this slug but without an exact mark, and that cannot prove it: the slug is
   * hashed, or the object is not the branch's own Namespace (an older version labelled objects
   * it took over, so a label on anything else proves nothing).
   */
  | { state: 'unproven' };

/**
 * Whether `obj` (undefined: it does not exist) is the owner's. With an exact mark, the branch
 * must be equal to the letter and the repository equal. Without one (made by an older version),
 * only the branch's own Namespace with an unhashed slug is proven, because only one branch name
 * gives that slug and that name; older versions also labelled objects they took over, so a
 * label-only mark on anything else is never trusted.
 */
export function checkMark(obj: KubeObject | undefined, owner: EnvironmentOwner): MarkCheck {
  if (obj === undefined) return { state: 'missing' };
  const labels = obj.metadata?.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) return { state: 'unmanaged' };
  const annotations = obj.metadata?.annotations ?? {};
  const branch = annotations[BRANCH_NAME_ANNOTATION];
  const repository = annotations[REPOSITORY_ANNOTATION];
  if (typeof branch === 'string' && branch !== '') {
    if (branch === owner.branch && sameRepository(repository ?? '', owner.repository)) return { state: 'ours', legacy: false };
    return { state: 'other', branch, repository };
  }
  const slug = labels[BRANCH_LABEL] ?? '';
  if (slug !== owner.slug) return { state: 'other', branch: `(slug ${slug || 'none'})`, repository };
  const ownNamespace = (obj.kind === undefined || obj.kind === 'Namespace') && owner.namespace !== undefined && obj.metadata?.name === owner.namespace;
  return owner.hashed || !ownNamespace ? { state: 'unproven' } : { state: 'ours', legacy: true };
}

/** `branch "x" of octo/app` for messages. */
export function describeOwner(branch: string, repository: string | undefined): string {
  const repo = repository === undefined || repository === '' ? '' : ` of ${repository}`;
  return branch.startsWith('(') ? `another branch ${branch}${repo}` : `branch ${JSON.stringify(branch)}${repo}`;
}

/**
 * Why the owner may not write to or remove `obj`, or undefined when it may (or `obj` is
 * missing). `what` names the object in the message.
 */
export function markRefusal(check: MarkCheck, what: string, owner: EnvironmentOwner): string | undefined {
  switch (check.state) {
    case 'missing':
    case 'ours':
      return undefined;
    case 'unmanaged':
      return `${what} exists and was not made by this suite (no ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} label)`;
    case 'other':
      return `${what} belongs to ${describeOwner(check.branch, check.repository)}, not to ${describeOwner(owner.branch, owner.repository)}`;
    case 'unproven':
      return owner.hashed
        ? `${what} carries this branch's slug label but no exact branch mark (${BRANCH_NAME_ANNOTATION}), and the slug ${owner.slug} is hashed, so another branch may share it`
        : `${what} carries this branch's slug label but no exact branch mark (${BRANCH_NAME_ANNOTATION}), and it is not the branch's own namespace (an older version labelled objects it took over)`;
  }
}

/** The mark as `kubectl annotate` arguments, quoted for a POSIX shell. */
export function markArguments(owner: Pick<EnvironmentOwner, 'branch' | 'repository'>): string {
  const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;
  return Object.entries(ownershipAnnotations(owner))
    .map(([key, value]) => quote(`${key}=${value}`))
    .join(' ');
}

/** Label and annotation keys of `obj` in the suite's reserved `branch-env.io/` space. */
export function reservedKeys(obj: KubeObject): string[] {
  const keys = [...Object.keys(obj.metadata?.labels ?? {}), ...Object.keys(obj.metadata?.annotations ?? {})];
  return keys.filter((key) => key.startsWith(RESERVED_KEY_PREFIX));
}
