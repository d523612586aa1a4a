// Pull requests: list, get, create (with GitHub's 422s), update, reviewers,
// merge.
// https://docs.github.com/rest/pulls
import type { IssueRecord, Repository } from '../repo-state.ts';
import type { GitHubApi } from '../router.ts';
import {
  GitHubError,
  nodeId,
  notFound,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  pageReply,
  param,
  requireString,
  unprocessable,
  validationFailed,
  type Ctx,
  type Reply,
} from '../respond.ts';
import { repositoryJson } from '../views.ts';
import { labelJson, userNamed } from './issues.ts';

const DOC = 'https://docs.github.com/rest/pulls/pulls';
const READ = [{ scope: 'pull_requests' as const, level: 'read' as const }];
const WRITE = [{ scope: 'pull_requests' as const, level: 'write' as const }];

function headSha(ctx: Ctx, issue: IssueRecord): string {
  const pull = issue.pull!;
  return (issue.state === 'open' ? ctx.repo.branchSha(pull.head) : undefined) ?? pull.closedHeadSha ?? '';
}

function baseSha(ctx: Ctx, issue: IssueRecord): string {
  const pull = issue.pull!;
  return (issue.state === 'open' ? ctx.repo.branchSha(pull.base) : undefined) ?? pull.closedBaseSha ?? '';
}

/** GitHub's `pull-request-simple`, or with `full` the `pull-request` object. */
export function pullJson(ctx: Ctx, issue: IssueRecord, full: boolean): Record<string, unknown> {
  const pull = issue.pull!;
  const api = ctx.urls.repoApi(ctx.repo);
  const html = `${ctx.urls.repoHtml(ctx.repo)}/pull/${issue.number}`;
  const self = `${api}/pulls/${issue.number}`;
  const owner = ctx.urls.user({ login: ctx.repo.owner, id: ctx.repo.id + 1, type: 'Organization' });
  const repo = repositoryJson(ctx.urls, ctx.repo);
  const side = (ref: string, sha: string): Record<string, unknown> => ({ label: `${ctx.repo.owner}:${ref}`, ref, sha, user: owner, repo });
  const head = headSha(ctx, issue);
  const body: Record<string, unknown> = {
    url: self,
    id: issue.id,
    node_id: nodeId('PullRequest', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${head}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: ctx.urls.user(issue.user),
    body: issue.body,
    labels: issue.labels.map((name) => labelJson(ctx, ctx.repo.label(name))),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((login) => ctx.urls.user(userNamed(login))),
    requested_teams: pull.requestedTeams.map((slug) => ({ name: slug, slug, id: 0, node_id: nodeId('Team', slug) })),
    head: side(pull.head, head),
    base: side(pull.base, baseSha(ctx, issue)),
    _links: {
      self: { href: self },
      html: { href: html },
      issue: { href: `${api}/issues/${issue.number}` },
      comments: { href: `${api}/issues/${issue.number}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: `${api}/statuses/${head}` },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pull.draft,
  };
  if (!full) return body;
  const commits = head && ctx.repo.branchSha(pull.base) ? ctx.repo.git.commitsBetween(baseSha(ctx, issue), head).length : 0;
  return {
    ...body,
    merged: pull.merged,
    mergeable: issue.state === 'open' ? true : null,
    rebaseable: issue.state === 'open' ? true : null,
    mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: [...ctx.repo.comments.values()].filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

/** The pull request numbered in the path, or 404. */
export function pullFrom(ctx: Ctx): IssueRecord {
  const issue = ctx.repo.issues.get(Number(param(ctx, 'number')));
  if (!issue?.pull) throw notFound(`${DOC}#get-a-pull-request`);
  return issue;
}

/** Strips `owner:` from a head; a different owner (a fork) is not emulated. */
function headBranch(ctx: Ctx, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === ctx.repo.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

function createPull(ctx: Ctx): Reply {
  const doc = `${DOC}#create-a-pull-request`;
  const repo = ctx.repo;
  const title = requireString(ctx, 'title', doc);
  const headInput = requireString(ctx, 'head', doc);
  const base = requireString(ctx, 'base', doc);
  const head = headBranch(ctx, headInput);
  const errors: Record<string, unknown>[] = [];
  if (!repo.branchSha(base)) errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
  if (!head || !repo.branchSha(head)) errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
  if (errors.length > 0) throw validationFailed(errors, doc);
  const label = `${repo.owner}:${head!}`;
  if (repo.openPullFor(head!, base)) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${label}.` }], doc);
  }
  if (repo.git.commitsBetween(repo.branchSha(base)!, repo.branchSha(head!)!).length === 0) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head!}` }], doc);
  }
  const now = repo.now();
  const issue: IssueRecord = {
    number: repo.newNumber(),
    id: repo.newId(),
    title,
    body: optionalString(ctx, 'body', doc) ?? null,
    state: 'open',
    user: ctx.user,
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: {
      head: head!,
      base,
      draft: optionalBoolean(ctx, 'draft', doc) ?? false,
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      requestedReviewers: [],
      requestedTeams: [],
    },
  };
  repo.issues.set(issue.number, issue);
  const body = pullJson(ctx, issue, true);
  return { status: 201, body, headers: { location: String(body['url']) } };
}

function updatePull(ctx: Ctx): Reply {
  const doc = `${DOC}#update-a-pull-request`;
  const repo = ctx.repo;
  const issue = pullFrom(ctx);
  const pull = issue.pull!;
  const title = optionalString(ctx, 'title', doc);
  const body = optionalString(ctx, 'body', doc);
  const state = optionalString(ctx, 'state', doc);
  const base = optionalString(ctx, 'base', doc);
  if (state !== undefined && state !== 'open' && state !== 'closed') {
    throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'state' }], doc);
  }
  if (base !== undefined && !repo.branchSha(base)) throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'base' }], doc);
  if (state === 'open' && issue.state === 'closed') {
    if (pull.merged) throw unprocessable('Validation Failed: state cannot be changed. The pull request has been merged.', doc);
    if (!repo.branchSha(pull.head)) throw unprocessable('Validation Failed: state cannot be changed. The head branch was deleted.', doc);
    if (repo.openPullFor(pull.head, base ?? pull.base)) {
      throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${pull.head}.` }], doc);
    }
    issue.state = 'open';
    issue.closedAt = null;
  }
  if (title !== undefined) issue.title = title;
  if (body !== undefined) issue.body = body;
  if (base !== undefined) pull.base = base;
  if (state === 'closed') repo.closePull(issue);
  issue.updatedAt = repo.now();
  return { status: 200, body: pullJson(ctx, issue, true) };
}

/** Merges a pull request as the merge button does; returns the merge commit sha. */
export function mergePull(repo: Repository, issue: IssueRecord, method: string, title?: string): string {
  const pull = issue.pull!;
  if (issue.state !== 'open') throw new GitHubError(405, 'Pull Request is not mergeable', `${DOC}#merge-a-pull-request`);
  const head = repo.branchSha(pull.head)!;
  const message = title ?? `Merge pull request #${issue.number} from ${repo.owner}/${pull.head}`;
  const result = repo.merge(pull.base, head, message);
  if ('conflicts' in result) throw new GitHubError(405, 'Pull Request is not mergeable', `${DOC}#merge-a-pull-request`);
  let sha = result.sha;
  if (method !== 'merge' && result.merged) {
    // squash and rebase land one commit with the merged tree on the base.
    const merged = repo.git.commit(sha)!;
    sha = repo.git.put({ type: 'commit', commit: { ...merged, parents: [merged.parents[0]!], message: title ?? `${issue.title} (#${issue.number})` } });
    repo.git.refs.set(`refs/heads/${pull.base}`, sha);
  }
  pull.merged = true;
  pull.mergedAt = repo.now();
  pull.mergeCommitSha = sha;
  repo.closePull(issue);
  return sha;
}

export function registerPullRoutes(api: GitHubApi): void {
  api.route('GET', 'pulls', { perm: READ, doc: `${DOC}#list-pull-requests` }, (ctx): Reply => {
    const state = ctx.query.get('state') ?? 'open';
    const head = ctx.query.get('head');
    const headFilter = head?.includes(':') ? (headBranch(ctx, head) ?? '\0') : undefined;
    const base = ctx.query.get('base');
    const sort = ctx.query.get('sort') ?? 'created';
    const direction = ctx.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
    const list = ctx.repo
      .pulls()
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => headFilter === undefined || i.pull!.head === headFilter)
      .filter((i) => !base || i.pull!.base === base)
      .sort((a, b) => (sort === 'updated' ? a.updatedAt.localeCompare(b.updatedAt) || a.number - b.number : a.number - b.number));
    if (direction === 'desc') list.reverse();
    return pageReply(ctx, list, (issue) => pullJson(ctx, issue, false));
  });

  api.route('POST', 'pulls', { perm: WRITE, doc: `${DOC}#create-a-pull-request` }, createPull);
  api.route('GET', 'pulls/{number}', { perm: READ, doc: `${DOC}#get-a-pull-request` }, (ctx): Reply => ({
    status: 200,
    body: pullJson(ctx, pullFrom(ctx), true),
  }));
  api.route('PATCH', 'pulls/{number}', { perm: WRITE, doc: `${DOC}#update-a-pull-request` }, updatePull);

  api.route('PUT', 'pulls/{number}/merge', { perm: [{ scope: 'contents', level: 'write' }] }, (ctx): Reply => {
    const issue = pullFrom(ctx);
    const expected = optionalString(ctx, 'sha');
    if (expected && expected !== ctx.repo.branchSha(issue.pull!.head)) {
      throw new GitHubError(409, 'Head branch was modified. Review and try the merge again.', `${DOC}#merge-a-pull-request`);
    }
    const sha = mergePull(ctx.repo, issue, optionalString(ctx, 'merge_method') ?? 'merge', optionalString(ctx, 'commit_title'));
    return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  });

  const reviewersDoc = 'https://docs.github.com/rest/pulls/review-requests';
  api.route('GET', 'pulls/{number}/requested_reviewers', { perm: READ }, (ctx): Reply => {
    const pull = pullFrom(ctx).pull!;
    return { status: 200, body: { users: pull.requestedReviewers.map((l) => ctx.urls.user(userNamed(l))), teams: [] } };
  });

  api.route('POST', 'pulls/{number}/requested_reviewers', { perm: WRITE, doc: reviewersDoc }, (ctx): Reply => {
    const issue = pullFrom(ctx);
    const reviewers = optionalStringArray(ctx, 'reviewers', reviewersDoc) ?? [];
    const teams = optionalStringArray(ctx, 'team_reviewers', reviewersDoc) ?? [];
    if (reviewers.some((r) => r.toLowerCase() === issue.user.login.toLowerCase())) {
      throw unprocessable('Review cannot be requested from pull request author.', reviewersDoc);
    }
    const pull = issue.pull!;
    for (const r of reviewers) if (!pull.requestedReviewers.includes(r)) pull.requestedReviewers.push(r);
    for (const t of teams) if (!pull.requestedTeams.includes(t)) pull.requestedTeams.push(t);
    return { status: 201, body: pullJson(ctx, issue, false) };
  });

  api.route('DELETE', 'pulls/{number}/requested_reviewers', { perm: WRITE, doc: reviewersDoc }, (ctx): Reply => {
    const issue = pullFrom(ctx);
    const drop = new Set(optionalStringArray(ctx, 'reviewers', reviewersDoc) ?? []);
    issue.pull!.requestedReviewers = issue.pull!.requestedReviewers.filter((r) => !drop.has(r));
    return { status: 200, body: pullJson(ctx, issue, false) };
  });
}
