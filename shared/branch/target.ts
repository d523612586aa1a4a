// Which environment a run acts on: the branch from the `branch` input, else the one the event
// means, else an error; and for a pull request from a fork, an environment of its own or none.
// A fork's head branch is a branch of another repository: named like an internal branch it
// must never map to that branch's namespace, database, role or password. The one place every
// action resolves its branch.
import type { EventContext } from './event-context.ts';
import { UserError } from '../core/errors.ts';
import type { InputReader } from '../core/inputs.ts';
import { readNamingInputs, type NamingInputs } from './naming-inputs.ts';
import { branchNames, forkPullRequestIdentity, forkPullRequestNames, type BranchNames, type NamingOptions } from './naming.ts';

/** What to do with a pull request from a fork (input `fork-pull-requests`). */
export type ForkPolicy = 'refuse' | 'isolate';

/** The input that chooses the fork policy, with its default. */
export const FORK_POLICY_INPUT = 'fork-pull-requests';

/** Reads `fork-pull-requests`: `refuse` (default) or `isolate`. */
export function readForkPolicy(reader: InputReader): ForkPolicy {
  return reader.choice<ForkPolicy>(FORK_POLICY_INPUT, ['refuse', 'isolate'], 'refuse');
}

/** The environment a run acts on. */
export interface BranchTarget {
  /** Every name, from the naming function; `names.branch` is the identity marks record. */
  names: BranchNames;
  /** `owner/repo` the branch belongs to (marks record it); empty when unknown. */
  repository: string;
  /** For a fork pull request (isolated): its number and the fork's repository. */
  fork?: { number: number; headRepository: string | undefined };
}

/** How to resolve. */
export interface ResolveRequest {
  /** The `branch` input, when given. */
  input: string | undefined;
  context: EventContext;
  forks: ForkPolicy;
  naming: NamingOptions;
  /** What the run would do, for messages: `deploy`, `provision a database for`, ... */
  doing: string;
  /** `owner/repo` when an input names it; default the event's repository. */
  repository?: string;
}

/** `owner/repo` of the event, or empty. */
export function repositoryOf(context: Pick<EventContext, 'repository'>): string {
  return context.repository ? `${context.repository.owner}/${context.repository.repo}` : '';
}

function forkTarget(request: ResolveRequest, repository: string): BranchTarget {
  const { context } = request;
  const number = context.pullRequestNumber;
  const head = context.headRepository ?? 'a fork';
  const branch = context.branch ?? '?';
  if (request.forks === 'refuse' || number === undefined) {
    throw new UserError(
      `This run is for pull request ${number === undefined ? '' : `#${number} `}from ${head}: its head branch ${JSON.stringify(branch)} is a branch of that fork, not of ${repository || 'this repository'}, so it may not ${request.doing} the environment of a branch of this repository, and ${FORK_POLICY_INPUT} is "refuse".`,
      {
        fix: `Skip pull requests from forks (\`if: github.event.pull_request.head.repo.full_name == github.repository\`, as the suite's templates do), or set \`${FORK_POLICY_INPUT}: isolate\` to give each fork pull request an environment of its own (pr-<number>-fork--<hash>).`,
      },
    );
  }
  const identity = forkPullRequestIdentity(number);
  if (request.input !== undefined && request.input !== branch && request.input !== identity) {
    throw new UserError(
      `Input \`branch\` is ${JSON.stringify(request.input)}, but this run is for pull request #${number} from the fork ${head}, which gets its own environment (${identity}).`,
      {
        fix: 'Leave `branch` empty (or pass `${{ github.head_ref }}`) for fork pull requests.',
      },
    );
  }
  return { names: forkPullRequestNames(number, request.naming), repository, fork: { number, headRepository: context.headRepository } };
}

/**
 * The branch (input, else the event's) and its names; a fork pull request gets names of its
 * own (`isolate`) or is refused (`refuse`, the default).
 * @throws UserError when no branch is known, a fork is refused, or the name is refused.
 */
export function resolveBranchTarget(request: ResolveRequest): BranchTarget {
  const { context } = request;
  const repository = request.repository ?? repositoryOf(context);
  if (context.fork === true) return forkTarget(request, repository);
  const branch = request.input ?? context.branch;
  if (branch === undefined || branch === '') {
    throw new UserError(`No branch to ${request.doing}. ${context.note ?? `The ${context.eventName || 'current'} event does not name a branch.`}`, {
      fix: 'Pass the `branch` input, e.g. `branch: ${{ github.head_ref || github.ref_name }}`.',
    });
  }
  return { names: branchNames(branch, request.naming), repository };
}

/** The inputs that say which environment a run acts on: `branch`, `fork-pull-requests` and the naming inputs. */
export interface TargetInputs extends NamingInputs {
  /** The `branch` input, taken exactly as given; undefined means the branch the event means. */
  branch: string | undefined;
  /** What a pull request from a fork gets (`fork-pull-requests`): `refuse`, or its own `isolate`d environment. */
  forks: ForkPolicy;
}

/** Reads `branch`, `fork-pull-requests`, `namespace-prefix` and `max-slug-length`. */
export function readTargetInputs(reader: InputReader): TargetInputs {
  return { branch: reader.optional('branch'), forks: readForkPolicy(reader), ...readNamingInputs(reader) };
}

/** The environment the inputs and the event mean ({@link resolveBranchTarget}); `doing` words the errors. */
export function targetOf(inputs: TargetInputs, context: EventContext, doing: string, repository?: string): BranchTarget {
  const naming = { namespacePrefix: inputs.namespacePrefix, maxSlugLength: inputs.maxSlugLength };
  return resolveBranchTarget({ input: inputs.branch, context, forks: inputs.forks, doing, naming, ...(repository === undefined ? {} : { repository }) });
}
