// A branch environment as cleanup sees it: the branch slug (the label value every Kubernetes
// object carries), the exact branch and repository when a mark names them, and the objects found
// for it. Also the one ownership rule for database and role marks: a mark belongs to the
// environment when it names exactly the same branch (never by slug: slugs can collide).
import type { Logger } from '../../shared/core/logger.ts';
import { DEFAULT_NAMESPACE_PREFIX, namesForIdentity, type NamingOptions } from '../../shared/branch/naming.ts';
import type { EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { markOwnership, type OwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import type { Clock } from '../../shared/core/clock.ts';
import { Deadline } from '../../shared/core/deadline.ts';
import type { Inputs } from './inputs.ts';

/** Whose objects these are. */
export interface Owner {
  /** Branch slug: the `branch-env.io/branch` label value, the federated credential suffix. */
  slug: string;
  /** The exact branch, when known (branch mode, or a mark in a sweep); nothing is removed by slug alone. */
  branch: string | undefined;
  /** `owner/repo` whose branch it is (the run's repository). */
  repository: string;
}

/**
 * The owner as Kubernetes marks are checked against it (its own namespace named by the naming
 * options); undefined when the exact branch is unknown.
 */
export function kubeOwner(owner: Owner, naming: NamingOptions): EnvironmentOwner | undefined {
  if (owner.branch === undefined) return undefined;
  return {
    branch: owner.branch,
    repository: owner.repository,
    slug: owner.slug,
    hashed: owner.slug.includes('--'),
    namespace: `${naming.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX}${owner.slug}`,
  };
}

/** One environment to tear down. */
export interface BranchEnvironment extends Owner {
  namespaces: string[];
  databases: string[];
  roles: string[];
  federatedCredentials: string[];
}

/** What every step needs besides its client. */
export interface StepContext {
  dryRun: boolean;
  naming: NamingOptions;
  /** Namespaces never deleted besides `default` and `kube-*`. */
  productionNamespaces: readonly string[];
  logger: Logger;
  clock: Clock;
  /** When this environment's teardown must be done (the `timeout` input, per environment). */
  deadline: Deadline;
}

/** The slug of a branch (or fork pull request identity), or undefined when the naming function refuses it. */
export function slugOf(branch: string, naming: NamingOptions): string | undefined {
  try {
    return namesForIdentity(branch, naming).slug;
  } catch {
    return undefined;
  }
}

/**
 * Whether a (parsed) mark names exactly the owner's branch (and repository, when the mark
 * records one). Never by slug: two branches can share one.
 */
export function markBelongs(mark: OwnershipMark, owner: Owner): boolean {
  if (owner.branch === undefined) return false;
  const ownership = markOwnership(mark, owner.branch, owner.repository);
  return ownership === 'ours' || ownership === 'ours-legacy';
}

/** Short waits: a sweep tears many environments down, each under its own deadline. */
const CLEANUP_BACKOFF = { initialDelayMs: 250, maxDelayMs: 5000 };

/** A step context whose deadline is `timeout` from now. */
export function stepContext(inputs: Inputs, logger: Logger, clock: Clock): StepContext {
  const naming: NamingOptions = { namespacePrefix: inputs.namespacePrefix, maxSlugLength: inputs.maxSlugLength };
  return {
    dryRun: inputs.dryRun,
    naming,
    productionNamespaces: inputs.productionNamespaces,
    logger,
    clock,
    deadline: new Deadline(inputs.timeoutMs, { clock, logger, backoff: CLEANUP_BACKOFF }),
  };
}
