// The single promotion pull request per overlay: found by its head branch, created
// once, its title and body refreshed from the branch's content until the branch
// stops moving (so the last writer's text matches the last commit), labelled and
// given reviewers.
import { errorMessage } from '../../shared/core/errors.ts';
import { githubStatus, type Octokit, type RepoRef } from '../../shared/github/client.ts';
import type { Logger } from '../../shared/core/logger.ts';

/** A pull request as this action needs it. */
export interface PullInfo {
  number: number;
  url: string;
  title: string;
  body: string;
  labels: string[];
}

/** Another run changed the branch or the pull request under us: start over on fresh state. */
export class PromotionConflict extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromotionConflict';
  }
}

/** GitHub's 422 answers that mean "someone else got there first". */
const CONFLICT_MESSAGES = /not a fast forward|Reference already exists|Reference update failed|A pull request already exists|No commits between/i;

/** The message of a GitHub 422 (including its `errors[].message`), or undefined. */
export function conflictMessage(error: unknown): string | undefined {
  if (githubStatus(error) !== 422) return undefined;
  const data = (error as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response?.data;
  const text = [errorMessage(error), data?.message ?? '', ...(data?.errors ?? []).map((e) => e.message ?? '')].join(' ');
  return CONFLICT_MESSAGES.test(text) ? text : undefined;
}

function toInfo(pull: { number: number; html_url: string; title: string; body?: string | null; labels: ({ name?: string } | string)[] }): PullInfo {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    labels: pull.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
  };
}

/** The open pull request from `branch` into `base`, if any. */
export async function findOpenPull(octokit: Octokit, repo: RepoRef, branch: string, base: string): Promise<PullInfo | undefined> {
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, base, state: 'open', per_page: 10 });
  const [pull] = data;
  return pull ? toInfo(pull) : undefined;
}

/** True when a closed, unmerged pull request had exactly this head: the promotion was turned down. */
export async function wasRejected(octokit: Octokit, repo: RepoRef, branch: string, head: string): Promise<boolean> {
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, state: 'closed', per_page: 30 });
  return data.some((pull) => pull.head.sha === head && pull.merged_at === null);
}

/** What {@link ensurePull} does. */
export interface EnsurePullOptions {
  repo: RepoRef;
  branch: string;
  base: string;
  labels: readonly string[];
  /** Users, or `org/team` for teams. */
  reviewers: readonly string[];
  /** Ask for reviews (when this run opened the pull request or pushed to it). */
  requestReviews: boolean;
  /** The branch head now. */
  head: () => Promise<string | undefined>;
  /** Title and body for the branch content at a head. */
  render: (head: string) => Promise<{ title: string; body: string }>;
}

/** The pull request and what this call did to it. */
export interface EnsuredPull {
  pull: PullInfo;
  created: boolean;
  updated: boolean;
}

/** Opens the promotion pull request or refreshes it; adds labels and reviewers. */
export async function ensurePull(octokit: Octokit, options: EnsurePullOptions, logger: Logger): Promise<EnsuredPull> {
  const { repo, branch, base } = options;
  let created = false;
  let updated = false;
  let pull: PullInfo | undefined;
  for (let round = 0; round < 5; round += 1) {
    const head = await options.head();
    if (head === undefined) throw new PromotionConflict(`the promotion branch ${branch} disappeared`);
    const { title, body } = await options.render(head);
    pull = await findOpenPull(octokit, repo, branch, base);
    if (!pull) {
      try {
        const { data } = await octokit.rest.pulls.create({ ...repo, head: branch, base, title, body });
        pull = toInfo(data);
        created = true;
        logger.info(`Opened pull request #${pull.number}: ${pull.url}`);
      } catch (error: unknown) {
        const conflict = conflictMessage(error);
        if (conflict && /already exists/i.test(conflict)) continue;
        if (conflict) throw new PromotionConflict(conflict, { cause: error });
        throw error;
      }
    } else if (pull.title !== title || pull.body !== body) {
      const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: pull.number, title, body });
      pull = toInfo(data);
      updated = true;
      logger.info(`Updated the title and body of pull request #${pull.number}.`);
    }
    if ((await options.head()) === head) break;
  }
  if (!pull) throw new PromotionConflict(`could not settle the pull request from ${branch}`);
  const missing = options.labels.filter((label) => !pull.labels.includes(label));
  if (missing.length > 0) {
    await octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: missing });
    pull.labels.push(...missing);
  }
  if (options.requestReviews && options.reviewers.length > 0) await requestReviewers(octokit, repo, pull.number, options.reviewers, logger);
  return { pull, created, updated };
}

async function requestReviewers(octokit: Octokit, repo: RepoRef, number: number, reviewers: readonly string[], logger: Logger): Promise<void> {
  const users = reviewers.filter((r) => !r.includes('/'));
  const teams = reviewers.filter((r) => r.includes('/')).map((r) => r.slice(r.indexOf('/') + 1));
  try {
    await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: number, reviewers: users, team_reviewers: teams });
  } catch (error: unknown) {
    // A reviewer who is the author, or not a collaborator, is refused with 422: the promotion stands.
    if (githubStatus(error) !== 422) throw error;
    logger.warning(`Could not request reviews from ${reviewers.join(', ')} on #${number}: ${errorMessage(error)}`);
  }
}
