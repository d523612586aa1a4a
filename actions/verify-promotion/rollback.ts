// The rollback pull request: the production kustomization as it was before the promotion's
// merge commit (its first parent), applied to the current file by the same surgical editor
// bump-prod-tag uses, so only the image values change. One branch per overlay
// (`rollback/<overlay path>`), one pull request, labelled; re-runs update both. The promotion
// pull request gets one comment linking it, edited in place on re-runs.
import path from 'node:path';
import { UserError } from '../../shared/core/errors.ts';
import { createCommit, githubStatus, readRepositoryPath, type Octokit, type RepoRef } from '../../shared/github/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { unifiedDiff } from '../../shared/kustomize-images/diff.ts';
import { editKustomization, imageValues, type Change } from '../../shared/kustomize-images/edit.ts';
import { IMAGE_FIELDS, type ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { parseKustomization } from '../../shared/kustomize-images/kustomization.ts';

/** Marks the one comment this action keeps on a promotion pull request. */
export const COMMENT_MARK = '<!-- branch-env-actions:verify-promotion -->';

export interface RollbackRequest {
  repo: RepoRef;
  /** The production branch. */
  base: string;
  /** The kustomization file. */
  kustomization: string;
  /** The promotion's merge commit. */
  revision: string;
  labels: string[];
  /** Why production is rolled back (the report's headline). */
  reason: string;
  /** The promotion pull request, when known. */
  promotionPull: number | undefined;
}

export interface RollbackResult {
  number: number;
  url: string;
  created: boolean;
  changes: Change[];
  diff: string;
}

const text = async (octokit: Octokit, repo: RepoRef, file: string, ref: string): Promise<string> => {
  const found = await readRepositoryPath(octokit, repo, file, ref);
  if (found?.type !== 'file')
    throw new UserError(`${file} does not exist at ${ref}.`, { fix: "Set `kustomization` to the production overlay's kustomization.yaml." });
  return found.content.toString('utf8');
};

/** The requests that put back every image value that differs from the version before. */
export function rollbackRequests(current: string, before: string, file: string): ImageRequest[] {
  const now = imageValues(parseKustomization(current, file));
  const then = imageValues(parseKustomization(before, file));
  const requests: ImageRequest[] = [];
  for (const [name, values] of now) {
    const old = then.get(name);
    if (!old) continue;
    const request: ImageRequest = { name };
    for (const field of IMAGE_FIELDS) if (old[field] !== undefined && old[field] !== values[field]) request[field] = old[field];
    if (Object.keys(request).length > 1) requests.push(request);
  }
  return requests;
}

/** Finds the pull request whose merge commit is `revision` (most recently updated 100 closed ones). */
export async function findPromotionPull(octokit: Octokit, repo: RepoRef, base: string, revision: string): Promise<number | undefined> {
  const { data } = await octokit.rest.pulls.list({ ...repo, state: 'closed', base, sort: 'updated', direction: 'desc', per_page: 100 });
  return data.find((p) => p.merge_commit_sha === revision)?.number;
}

/** Opens or updates the rollback pull request; undefined when nothing differs from before. */
export async function openRollback(octokit: Octokit, request: RollbackRequest, logger: Logger): Promise<RollbackResult | undefined> {
  const { repo, base, kustomization: file } = request;
  const versions = await readVersions(octokit, request);
  const requests = rollbackRequests(versions.current, versions.before, file);
  if (requests.length === 0) {
    logger.info(`${file} at ${base} already holds the image values of ${versions.parent.slice(0, 7)}: nothing to roll back.`);
    return undefined;
  }
  const edit = editKustomization(versions.current, file, requests, { addMissing: false });
  const diff = unifiedDiff(file, versions.current, edit.after);
  const branch = rollbackBranch(file);
  const title = `Roll back ${[...new Set(edit.changes.map((c) => c.image.split('/').at(-1)))].join(', ')} (${path.posix.dirname(file)})`;
  const lines = edit.changes.map((c) => `${c.image} ${c.field}: ${c.old ?? '(none)'} → ${c.new}`);
  await pushBranch(octokit, repo, branch, versions.head, { message: `${title}\n\n${lines.join('\n')}`, file, content: edit.after });
  const body = rollbackBody(request, versions.parent, edit.changes, diff);
  const pull = await upsertPull(octokit, repo, { branch, base, title, body });
  if (request.labels.length > 0) await octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: request.labels });
  if (request.promotionPull !== undefined)
    await comment(
      octokit,
      repo,
      request.promotionPull,
      `${COMMENT_MARK}\n❌ Production did not converge on this promotion: ${request.reason}.\n\nRollback: #${pull.number}`,
    );
  logger.info(`${pull.created ? 'Opened' : 'Updated'} rollback pull request #${pull.number}: ${pull.url}`);
  return { ...pull, changes: edit.changes, diff };
}

/** The kustomization now (at the head of the base branch) and before the promotion (at its merge commit's first parent). */
async function readVersions(octokit: Octokit, request: RollbackRequest): Promise<{ parent: string; head: string; current: string; before: string }> {
  const { repo, base, kustomization: file } = request;
  const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: request.revision });
  const parent = commit.data.parents[0]?.sha;
  if (!parent) throw new UserError(`The promotion commit ${request.revision} has no parent to roll back to.`);
  const head = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${base}` })).data.object.sha;
  return { parent, head, current: await text(octokit, repo, file, head), before: await text(octokit, repo, file, parent) };
}

/** `rollback/<overlay path>`: one branch (and so one pull request) per overlay. */
function rollbackBranch(file: string): string {
  const overlay = path.posix
    .dirname(file)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `rollback/${overlay || 'root'}`;
}

/** Puts one commit with the rolled-back file on the current base head, and points the rollback branch at it. */
async function pushBranch(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  head: string,
  change: { message: string; file: string; content: string },
): Promise<void> {
  const headCommit = await octokit.rest.git.getCommit({ ...repo, commit_sha: head });
  const made = await createCommit(octokit, repo, {
    message: change.message,
    parents: [head],
    baseTree: headCommit.data.tree.sha,
    files: [{ path: change.file, content: change.content }],
  });
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: made.sha });
  } catch (error: unknown) {
    if (githubStatus(error) !== 422) throw error;
    // The branch is this action's own: each run puts one commit on the current base.
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: made.sha, force: true });
  }
}

/** The rollback pull request's text: why, what goes back, and the diff. */
function rollbackBody(request: RollbackRequest, parent: string, changes: readonly Change[], diff: string): string {
  const promotion = request.promotionPull === undefined ? '' : `\n\nPromotion: #${request.promotionPull} (merge commit ${request.revision}).`;
  return [
    `Production did not converge on ${request.revision.slice(0, 7)}: ${request.reason}.${promotion}`,
    '',
    `This puts back the image values production ran before (${request.kustomization} at ${parent.slice(0, 7)}); nothing else changes.`,
    '',
    '| Image | Field | Now | Back to |',
    '| --- | --- | --- | --- |',
    ...changes.map((c) => `| ${c.image} | ${c.field} | ${c.old ?? ''} | ${c.new} |`),
    '',
    '```diff',
    diff.trimEnd(),
    '```',
  ].join('\n');
}

/** Updates the open rollback pull request of `branch`, or opens one. */
async function upsertPull(
  octokit: Octokit,
  repo: RepoRef,
  pull: { branch: string; base: string; title: string; body: string },
): Promise<{ number: number; url: string; created: boolean }> {
  const { branch, base, title, body } = pull;
  const open = await octokit.rest.pulls.list({ ...repo, state: 'open', head: `${repo.owner}:${branch}`, base });
  const existing = open.data[0];
  if (existing) {
    const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, title, body });
    return { number: data.number, url: data.html_url, created: false };
  }
  const { data } = await octokit.rest.pulls.create({ ...repo, head: branch, base, title, body });
  return { number: data.number, url: data.html_url, created: true };
}

/** Adds the action's comment, or edits it when one is there already. */
async function comment(octokit: Octokit, repo: RepoRef, issue: number, body: string): Promise<void> {
  const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: issue, per_page: 100 });
  const mine = data.find((c) => (c.body ?? '').includes(COMMENT_MARK));
  if (mine) await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
  else await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body });
}
