// Changed-service detection: which services' path globs match a file changed between a base
// commit and the built commit. Works in shallow clones (fetches what it needs), handles the
// all-zero `before` of a new branch, and has no cap on the number of files (plain `git diff`).
import picomatch from 'picomatch';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';

/** Runs git with an argument array in the checkout; never a shell. */
export type Git = (args: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }>;

export interface ChangeRequest {
  services: Map<string, string[]>;
  /** The commit being built. */
  sha: string;
  branch: string;
  /** Explicit base (branch or commit) from the `base-ref` input. */
  baseRef: string | undefined;
  defaultBranch: string;
  fetchDepth: number;
  context: EventContext;
}

export interface ChangeResult {
  /** Commit diffed against; undefined when every service counts as changed. */
  base: string | undefined;
  /** How the base was chosen, for the log and summary. */
  how: string;
  files: string[];
  changed: string[];
}

const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{7,64}$/i;

type Plan = { kind: 'commit'; commit: string; how: string } | { kind: 'merge-base'; ref: string; how: string } | { kind: 'all'; how: string };

/** Decides what to diff against, from the inputs and the event. */
export function planBase(request: ChangeRequest): Plan {
  const { context } = request;
  if (request.baseRef) return { kind: 'merge-base', ref: request.baseRef, how: `merge-base with ${request.baseRef} (base-ref input)` };
  if (context.eventName === 'pull_request' || context.eventName === 'pull_request_target') {
    if (context.baseRef) return { kind: 'merge-base', ref: context.baseRef, how: `merge-base with the pull request base ${context.baseRef}` };
  }
  if (context.eventName === 'push' && context.before && !ZERO_SHA.test(context.before) && context.branch === request.branch) {
    return { kind: 'commit', commit: context.before, how: `the previous push ${context.before.slice(0, 12)}` };
  }
  if (request.branch === request.defaultBranch) {
    return { kind: 'all', how: `no earlier commit to compare on the default branch ${request.defaultBranch}` };
  }
  return { kind: 'merge-base', ref: request.defaultBranch, how: `merge-base with the default branch ${request.defaultBranch} (new branch)` };
}

async function has(git: Git, commit: string): Promise<boolean> {
  return (await git(['cat-file', '-e', `${commit}^{commit}`])).exitCode === 0;
}

const FETCH_HINT =
  'Check out with `actions/checkout` (fetch-depth: 0 avoids fetching later), make sure `origin` is reachable with the job token, or pass `base-ref`.';

async function mustGit(git: Git, args: string[]): Promise<string> {
  const result = await git(args);
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split('\n').slice(-3).join(' ');
    throw new UserError(`Changed-service detection could not run \`git ${args.join(' ')}\` in the checkout (exit ${result.exitCode}): ${reason}`, {
      fix: FETCH_HINT,
    });
  }
  return result.stdout;
}

/**
 * Refspecs that bring the head commit's history, best first: the pull request's head ref (GitHub
 * serves `refs/pull/N/head`, also for forks), then the branch itself.
 */
function headRefspecs(request: ChangeRequest): string[] {
  const branch = `+refs/heads/${request.branch}:refs/remotes/origin/${request.branch}`;
  const pr = request.context.pullRequestNumber;
  return pr ? [`+refs/pull/${pr}/head:refs/remotes/pull/${pr}/head`, branch] : [branch];
}

/** Runs `git fetch <args> <refspecs>` with each set of refspecs in turn until one works. */
async function fetchAny(git: Git, args: string[], refspecSets: string[][]): Promise<{ ok: boolean; stderr: string }> {
  let stderr = '';
  for (const refspecs of refspecSets) {
    const result = await git(['fetch', '--no-tags', ...args, 'origin', ...refspecs]);
    if (result.exitCode === 0) return { ok: true, stderr: '' };
    stderr = result.stderr;
  }
  return { ok: false, stderr };
}

/** Makes sure the built commit is present (a checkout of a PR merge commit may lack it). */
async function ensureHead(git: Git, request: ChangeRequest, logger: Logger): Promise<void> {
  if (await has(git, request.sha)) return;
  logger.info(`Fetching ${request.sha.slice(0, 12)}, which the checkout lacks.`);
  const byRef = await fetchAny(
    git,
    ['--depth=1'],
    headRefspecs(request).map((r) => [r]),
  );
  if (byRef.ok && (await has(git, request.sha))) return;
  await mustGit(git, ['fetch', '--no-tags', '--depth=1', 'origin', request.sha]);
}

/** Resolves a base ref to a local commit, fetching the remote branch when needed. */
async function resolveRef(git: Git, ref: string, depth: number): Promise<string> {
  if (SHA.test(ref) && (await has(git, ref))) return ref;
  const remote = `refs/remotes/origin/${ref}`;
  const local = await git(['rev-parse', '--verify', '--quiet', `${remote}^{commit}`]);
  if (local.exitCode === 0) return local.stdout.trim();
  const fetched = await git(['fetch', '--no-tags', `--depth=${depth}`, 'origin', `+refs/heads/${ref}:${remote}`]);
  if (fetched.exitCode === 0) return (await mustGit(git, ['rev-parse', `${remote}^{commit}`])).trim();
  if (SHA.test(ref)) {
    await mustGit(git, ['fetch', '--no-tags', `--depth=${depth}`, 'origin', ref]);
    return ref;
  }
  const anyRef = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (anyRef.exitCode === 0) return anyRef.stdout.trim();
  throw new Error(`cannot find the base ${JSON.stringify(ref)} locally or on origin: ${fetched.stderr.trim()}`);
}

/** Finds the merge-base, deepening a shallow clone step by step, then unshallowing. */
async function mergeBase(git: Git, request: ChangeRequest, ref: string, logger: Logger): Promise<string | undefined> {
  const base = await resolveRef(git, ref, request.fetchDepth);
  const baseRefspecs = SHA.test(ref) ? [] : [`+refs/heads/${ref}:refs/remotes/origin/${ref}`];
  // Both histories must deepen; fall back to the base alone if no head ref can be fetched.
  const refspecSets = [...headRefspecs(request).map((head) => [...baseRefspecs, head]), baseRefspecs];
  for (let attempt = 0; ; attempt += 1) {
    const found = await git(['merge-base', base, request.sha]);
    if (found.exitCode === 0) return found.stdout.trim();
    const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    if (!shallow) return undefined;
    if (attempt < 4) {
      logger.info(`Shallow clone: deepening by ${request.fetchDepth} commits to find the merge-base with ${ref}.`);
      if ((await fetchAny(git, [`--deepen=${request.fetchDepth}`], refspecSets)).ok) continue;
    }
    logger.info(`Shallow clone: fetching the full history to find the merge-base with ${ref}.`);
    const full = await fetchAny(git, ['--unshallow'], refspecSets);
    if (!full.ok) {
      throw new UserError(
        `Changed-service detection could not fetch the history to find the merge-base with ${ref}: ${full.stderr.trim().split('\n').slice(-2).join(' ')}`,
        { fix: FETCH_HINT },
      );
    }
  }
}

/** Services whose globs match any of the files. */
export function matchServices(services: Map<string, string[]>, files: readonly string[]): string[] {
  const changed: string[] = [];
  for (const [name, globs] of services) {
    const isMatch = picomatch(globs, { dot: true });
    if (files.some((file) => isMatch(file))) changed.push(name);
  }
  return changed;
}

/** Lists the changed files and the services they touch. */
export async function detectChanges(request: ChangeRequest, git: Git, logger: Logger): Promise<ChangeResult> {
  const all = [...request.services.keys()];
  if (request.services.size === 0) return { base: undefined, how: 'no services given', files: [], changed: [] };
  let plan = planBase(request);
  if (plan.kind === 'all') return { base: undefined, how: plan.how, files: [], changed: all };
  await ensureHead(git, request, logger);
  let base: string | undefined;
  if (plan.kind === 'commit') {
    if (!(await has(git, plan.commit))) {
      const fetched = await git(['fetch', '--no-tags', '--depth=1', 'origin', plan.commit]);
      if (fetched.exitCode !== 0 || !(await has(git, plan.commit))) {
        // A force-push can leave `before` unreachable: fall back to the default branch.
        logger.warning(`The previous push ${plan.commit.slice(0, 12)} cannot be fetched (force-pushed?); comparing with ${request.defaultBranch} instead.`);
        plan = { kind: 'merge-base', ref: request.defaultBranch, how: `merge-base with ${request.defaultBranch} (previous push unreachable)` };
      }
    }
    if (plan.kind === 'commit') base = plan.commit;
  }
  if (plan.kind === 'merge-base') base = await mergeBase(git, request, plan.ref, logger);
  if (!base) {
    logger.warning(`No common history between ${request.sha.slice(0, 12)} and the base; counting every service as changed.`);
    return { base: undefined, how: `no common history with ${plan.kind === 'merge-base' ? plan.ref : 'the base'}`, files: [], changed: all };
  }
  const output = await mustGit(git, ['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', base, request.sha]);
  const files = output.split('\0').filter((f) => f !== '');
  return { base, how: plan.how, files, changed: matchServices(request.services, files) };
}
