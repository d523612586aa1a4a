// bump-prod-tag: edit the overlays' image entries surgically, check the images exist,
// and promote through a pull request, a direct commit, or only the workspace.
import { createHash } from 'node:crypto';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { explainGitHubError, type Octokit, type RepoRef } from '../../shared/github/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import type { LinkContext } from './body.ts';
import type { FileVersions } from './compare.ts';
import type { Change, EditResult } from '../../shared/kustomize-images/edit.ts';
import { formatReference } from '../../shared/kustomize-images/image-spec.ts';
import type { Clients } from './clients.ts';
import type { Inputs, Mode } from './inputs.ts';
import { editLocal } from './local.ts';
import { Promoter, type PromotionRequest } from './promote.ts';
import type { PullInfo } from './pulls.ts';
import { verifyImages } from './registry.ts';
import { Deadline } from '../../shared/core/deadline.ts';

/** The whole run's budget, retries included: the registry checks (at most 60 s) and the promotion. */
const RUN_BUDGET_MS = 240_000;

/** Called once before the first write, with the edits. */
type BeforeWrite = (edits: readonly EditResult[]) => Promise<void>;

/** What the action did. */
export interface BumpResult {
  mode: Mode;
  changed: boolean;
  commitSha: string | undefined;
  pullRequest: PullInfo | undefined;
  repository: RepoRef | undefined;
  base: string | undefined;
  branch: string | undefined;
  files: FileVersions[];
  changes: Change[];
  /** Image references confirmed in their registries. */
  verified: string[];
  warnings: string[];
  kept: string[];
}

/** `promote/<overlay dirs>`: the same overlay always gets the same branch (and so one pull request). */
export function defaultBranchName(paths: readonly string[]): string {
  const overlays = paths.map(
    (p) =>
      p
        .replace(/\/?(kustomization\.ya?ml|Kustomization)$/, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '') || 'root',
  );
  const slug = [...new Set(overlays)].join('+');
  if (slug.length <= 120) return `promote/${slug}`;
  return `promote/${slug.slice(0, 110).replace(/[-.+]+$/, '')}-${createHash('sha256').update(slug).digest('hex').slice(0, 8)}`;
}

/** The image references a promotion makes the overlays use, for verify-images. */
export function promotedReferences(edits: readonly EditResult[], inputs: Pick<Inputs, 'requests'>): string[] {
  const references = new Set<string>();
  for (const edit of edits) {
    for (const request of inputs.requests) {
      const values = edit.result.get(request.name);
      if (!values) continue;
      const reference: { name: string; tag?: string; digest?: string } = { name: values.newName ?? request.name };
      if (values.digest !== undefined) reference.digest = values.digest;
      else reference.tag = values.newTag ?? 'latest';
      references.add(formatReference(reference));
    }
  }
  return [...references];
}

async function defaultBranchOf(octokit: Octokit, repo: RepoRef, context: EventContext): Promise<string> {
  const own = context.repository;
  if (own && context.defaultBranch && own.owner.toLowerCase() === repo.owner.toLowerCase() && own.repo.toLowerCase() === repo.repo.toLowerCase()) {
    return context.defaultBranch;
  }
  try {
    return (await octokit.rest.repos.get({ ...repo })).data.default_branch;
  } catch (error: unknown) {
    throw explainGitHubError(error, `reading the repository ${repo.owner}/${repo.repo}`);
  }
}

/**
 * Runs the action: the image check hooked before the first write, then the promotion in the
 * workspace or through GitHub, then the log of what changed.
 */
export async function bumpProdTag(inputs: Inputs, context: EventContext, clients: Clients): Promise<BumpResult> {
  const deadline = new Deadline(clients.deadlineMs ?? RUN_BUDGET_MS, clients.clock ? { clock: clients.clock } : {});
  const verified: string[] = [];
  const beforeWrite = imageCheck(inputs, clients, verified, deadline);
  const result =
    inputs.mode === 'local' ? await promoteLocally(inputs, beforeWrite) : await promoteInRepository(inputs, context, clients, beforeWrite, deadline);
  result.verified = verified;
  logResult(result, clients.logger);
  return result;
}

/** Called before the first write: checks the promoted images exist (with `verify-images`), recording them in `verified`. */
function imageCheck(inputs: Inputs, clients: Clients, verified: string[], deadline: Deadline): BeforeWrite {
  const { logger } = clients;
  return async (edits) => {
    if (!inputs.verifyImages) return;
    const references = promotedReferences(edits, inputs);
    await logger.group('Verify images', async () => {
      const registryDeps = { logger, deadline, ...(clients.fetch ? { fetch: clients.fetch } : {}) };
      await verifyImages(references, inputs.registry, registryDeps);
    });
    verified.push(...references);
  };
}

/** The result before anything is done. */
function emptyResult(inputs: Inputs): BumpResult {
  return {
    mode: inputs.mode,
    changed: false,
    commitSha: undefined,
    pullRequest: undefined,
    repository: inputs.repository,
    base: inputs.base,
    branch: undefined,
    files: [],
    changes: [],
    verified: [],
    warnings: [],
    kept: [],
  };
}

/** `local` mode: edits the files in the working directory, commits nothing. */
async function promoteLocally(inputs: Inputs, beforeWrite: BeforeWrite): Promise<BumpResult> {
  const edits = await editLocal(inputs.workingDirectory, inputs.kustomizations, inputs.requests, inputs.addMissing, beforeWrite);
  const files = edits.map(({ file, before, after }) => ({ path: file, before, after }));
  return {
    ...emptyResult(inputs),
    changed: files.some((f) => f.before !== f.after),
    files,
    changes: edits.flatMap((e) => e.changes),
    warnings: edits.flatMap((e) => e.warnings),
  };
}

/** `pull-request` and `commit` modes: the promotion through the GitHub API. */
async function promoteInRepository(inputs: Inputs, context: EventContext, clients: Clients, beforeWrite: BeforeWrite, deadline: Deadline): Promise<BumpResult> {
  const repo = inputs.repository;
  if (!repo) throw new Error('readInputs guarantees a repository outside local mode');
  const octokit = await clients.github();
  const baseBranch = inputs.base ?? (await defaultBranchOf(octokit, repo, context));
  const branch = inputs.branch ?? defaultBranchName(inputs.kustomizations);
  clients.logger.info(
    inputs.mode === 'commit'
      ? `Promoting in ${repo.owner}/${repo.repo} by a commit on ${baseBranch}.`
      : `Promoting in ${repo.owner}/${repo.repo} through a pull request from ${branch} into ${baseBranch}.`,
  );
  const request: PromotionRequest = {
    repo,
    mode: inputs.mode === 'commit' ? 'commit' : 'pull-request',
    base: baseBranch,
    branch,
    paths: inputs.kustomizations,
    requests: inputs.requests,
    addMissing: inputs.addMissing,
    title: inputs.title,
    commitMessage: inputs.commitMessage,
    labels: inputs.labels,
    reviewers: inputs.reviewers,
    links: linksOf(inputs, context, clients.env ?? process.env),
  };
  const promoted = await new Promoter(request, { octokit, logger: clients.logger, beforeWrite, deadline }).run();
  return { ...emptyResult(inputs), ...promoted, base: baseBranch, branch: inputs.mode === 'pull-request' ? branch : undefined };
}

/** Where the pull request's links point: the source repository's commits and this run. */
function linksOf(inputs: Inputs, context: EventContext, env: NodeJS.ProcessEnv): LinkContext {
  const links: LinkContext = { serverUrl: context.serverUrl, sourceRepository: inputs.sourceRepository ?? context.repository };
  const runId = env['GITHUB_RUN_ID'];
  if (runId && context.repository) links.runUrl = `${context.serverUrl}/${context.repository.owner}/${context.repository.repo}/actions/runs/${runId}`;
  return links;
}

/** Logs the warnings, the kept values, each change and where the promotion went. */
function logResult(result: BumpResult, logger: Logger): void {
  for (const warning of result.warnings) logger.warning(warning);
  for (const note of result.kept) logger.info(note);
  if (result.changes.length === 0) logger.info('Every image is already at its target; nothing to change.');
  for (const change of result.changes) logger.info(`${change.file}: ${change.image} ${change.field} ${change.old ?? '(none)'} → ${change.new}`);
  if (result.pullRequest) logger.info(`Promotion pull request: ${result.pullRequest.url}`);
  else if (result.changed && result.commitSha) logger.info(`Committed ${result.commitSha}.`);
}
