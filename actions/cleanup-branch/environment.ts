// A branch environment as cleanup sees it: the branch slug (the label value every Kubernetes
// object carries), the full branch when a mark names it, and the objects found for it. Also the
// one ownership rule for marks: a mark belongs to the environment when it names the same branch
// (or, when only the slug is known, a branch with the same slug).
import type { Logger } from '../../shared/logger.ts';
import { branchNames, type NamingOptions } from '../../shared/naming.ts';
import type { OwnershipMark } from '../../shared/ownership.ts';
import type { Clock } from '../../shared/retry.ts';
import type { Inputs } from './inputs.ts';

/** Whose objects these are. */
export interface Owner {
  /** Branch slug: the `branch-env.io/branch` label value, the federated credential suffix. */
  slug: string;
  /** The full branch, when known (branch mode, or a database/role mark in a sweep). */
  branch: string | undefined;
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
  /** Epoch ms by which this environment's teardown must be done. */
  deadline: number;
}

/** `refs/heads/x` → `x`. */
export function stripRef(branch: string): string {
  return branch.startsWith('refs/heads/') ? branch.slice('refs/heads/'.length) : branch;
}

/** The slug of a branch, or undefined when the naming function refuses it. */
export function slugOf(branch: string, naming: NamingOptions): string | undefined {
  try {
    return branchNames(branch, naming).slug;
  } catch {
    return undefined;
  }
}

/** Whether a (parsed) mark names the owner's branch. */
export function markBelongs(mark: OwnershipMark, owner: Owner, naming: NamingOptions): boolean {
  if (owner.branch !== undefined) return stripRef(mark.branch) === stripRef(owner.branch);
  return slugOf(mark.branch, naming) === owner.slug;
}

/** Milliseconds left until the deadline (never negative). */
export function remaining(ctx: Pick<StepContext, 'clock' | 'deadline'>): number {
  return Math.max(0, ctx.deadline - ctx.clock.now());
}

/** Retry options that stop at the environment's deadline and log each wait. */
export function retryUntilDeadline(ctx: Pick<StepContext, 'clock' | 'deadline' | 'logger'>, what: string) {
  return {
    deadlineMs: remaining(ctx),
    clock: ctx.clock,
    what,
    initialDelayMs: 250,
    maxDelayMs: 5000,
    onRetry: ({ attempt, delayMs, reason }: { attempt: number; delayMs: number; reason: string }) =>
      ctx.logger.info(`${what}: attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms.`),
  };
}

/** A step context whose deadline is `timeout` from now. */
export function stepContext(inputs: Inputs, logger: Logger, clock: Clock): StepContext {
  const naming: NamingOptions = { namespacePrefix: inputs.namespacePrefix, maxSlugLength: inputs.maxSlugLength };
  return { dryRun: inputs.dryRun, naming, productionNamespaces: inputs.productionNamespaces, logger, clock, deadline: clock.now() + inputs.timeoutMs };
}
