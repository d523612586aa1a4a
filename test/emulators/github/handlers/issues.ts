// Issues (a pull request is also an issue), their labels and comments, and
// repository labels.
// https://docs.github.com/rest/issues
import { createHash } from 'node:crypto';
import type { Requirement } from '../auth.ts';
import type { CommentRecord, IssueRecord, LabelRecord, UserRecord } from '../repo-state.ts';
import type { GitHubApi } from '../router.ts';
import { field, GitHubError, nodeId, notFound, optionalString, pageReply, param, requireString, validationFailed, type Ctx, type Reply } from '../respond.ts';

const DOC = 'https://docs.github.com/rest/issues';
// Labels and comments on a pull request may be written with either permission.
const READ: Requirement[] = [
  { scope: 'issues', level: 'read' },
  { scope: 'pull_requests', level: 'read' },
];
const WRITE: Requirement[] = [
  { scope: 'issues', level: 'write' },
  { scope: 'pull_requests', level: 'write' },
];

/** A user known only by login, with a stable id. */
export function userNamed(login: string): UserRecord {
  const id = createHash('sha1').update(login).digest().readUInt32BE(0) % 90_000_000;
  return { login, id: id + 1_000_000, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

/** GitHub's `label` object. */
export function labelJson(ctx: Ctx, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${ctx.urls.repoApi(ctx.repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

function issueJson(ctx: Ctx, issue: IssueRecord): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  const self = `${api}/issues/${issue.number}`;
  const html = `${ctx.urls.repoHtml(ctx.repo)}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  const body: Record<string, unknown> = {
    url: self,
    repository_url: api,
    labels_url: `${self}/labels{/name}`,
    comments_url: `${self}/comments`,
    events_url: `${self}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: ctx.urls.user(issue.user),
    labels: issue.labels.map((name) => labelJson(ctx, ctx.repo.label(name))),
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: [...ctx.repo.comments.values()].filter((c) => c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'CONTRIBUTOR',
    active_lock_reason: null,
    body: issue.body,
    closed_by: null,
    reactions: { url: `${self}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
    timeline_url: `${self}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state === 'closed' ? 'completed' : null,
  };
  if (issue.pull) {
    body['pull_request'] = {
      url: `${api}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return body;
}

function commentJson(ctx: Ctx, comment: CommentRecord): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  const kind = ctx.repo.issues.get(comment.issueNumber)?.pull ? 'pull' : 'issues';
  return {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${ctx.urls.repoHtml(ctx.repo)}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: ctx.urls.user(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'CONTRIBUTOR',
    body: comment.body,
    reactions: {
      url: `${api}/issues/comments/${comment.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

function issueFrom(ctx: Ctx): IssueRecord {
  const issue = ctx.repo.issues.get(Number(param(ctx, 'number')));
  if (!issue) throw notFound(`${DOC}/issues#get-an-issue`);
  return issue;
}

function commentFrom(ctx: Ctx): CommentRecord {
  const comment = ctx.repo.comments.get(Number(param(ctx, 'id')));
  if (!comment) throw notFound(`${DOC}/comments#get-an-issue-comment`);
  return comment;
}

/** Label names from a body: `{labels: [...]}` or a bare array, of names or `{name}` objects. */
function labelNames(ctx: Ctx): string[] {
  const raw = Array.isArray(ctx.body) ? (ctx.body as unknown[]) : field(ctx, 'labels');
  if (raw === undefined) return [];
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const names = list.map((l): unknown => (typeof l === 'object' && l !== null ? (l as Record<string, unknown>)['name'] : l));
  if (!names.every((n): n is string => typeof n === 'string' && n.trim() !== '')) {
    throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'name' }], `${DOC}/labels#add-labels-to-an-issue`);
  }
  return names.map((n) => ctx.repo.label(n.trim()).name);
}

function addLabels(issue: IssueRecord, names: readonly string[]): void {
  for (const name of names) {
    if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(name);
  }
}

function labelsReply(ctx: Ctx, issue: IssueRecord): Reply {
  return { status: 200, body: issue.labels.map((name) => labelJson(ctx, ctx.repo.label(name))) };
}

export function registerIssueRoutes(api: GitHubApi): void {
  const issuesRead: Requirement[] = [{ scope: 'issues', level: 'read' }];
  const issuesWrite: Requirement[] = [{ scope: 'issues', level: 'write' }];

  api.route('GET', 'issues', { perm: issuesRead }, (ctx): Reply => {
    const state = ctx.query.get('state') ?? 'open';
    const list = [...ctx.repo.issues.values()].filter((i) => state === 'all' || i.state === state).sort((a, b) => b.number - a.number);
    return pageReply(ctx, list, (issue) => issueJson(ctx, issue));
  });

  api.route('POST', 'issues', { perm: issuesWrite, doc: `${DOC}/issues#create-an-issue` }, (ctx): Reply => {
    const now = ctx.repo.now();
    const issue: IssueRecord = {
      number: ctx.repo.newNumber(),
      id: ctx.repo.newId(),
      title: requireString(ctx, 'title'),
      body: optionalString(ctx, 'body') ?? null,
      state: 'open',
      user: ctx.user,
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    addLabels(issue, labelNames(ctx));
    ctx.repo.issues.set(issue.number, issue);
    return { status: 201, body: issueJson(ctx, issue), headers: { location: `${ctx.urls.repoApi(ctx.repo)}/issues/${issue.number}` } };
  });

  api.route('GET', 'issues/comments', { perm: READ }, (ctx): Reply => pageReply(ctx, [...ctx.repo.comments.values()], (c) => commentJson(ctx, c)));
  api.route('GET', 'issues/comments/{id}', { perm: READ }, (ctx): Reply => ({ status: 200, body: commentJson(ctx, commentFrom(ctx)) }));
  api.route('PATCH', 'issues/comments/{id}', { perm: WRITE, doc: `${DOC}/comments#update-an-issue-comment` }, (ctx): Reply => {
    const comment = commentFrom(ctx);
    comment.body = requireString(ctx, 'body', `${DOC}/comments#update-an-issue-comment`);
    comment.updatedAt = ctx.repo.now();
    return { status: 200, body: commentJson(ctx, comment) };
  });
  api.route('DELETE', 'issues/comments/{id}', { perm: WRITE }, (ctx): Reply => {
    ctx.repo.comments.delete(commentFrom(ctx).id);
    return { status: 204 };
  });

  api.route('GET', 'issues/{number}', { perm: READ }, (ctx): Reply => ({ status: 200, body: issueJson(ctx, issueFrom(ctx)) }));
  api.route('PATCH', 'issues/{number}', { perm: WRITE }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    const title = optionalString(ctx, 'title');
    const body = optionalString(ctx, 'body');
    const state = optionalString(ctx, 'state');
    if (title !== undefined) issue.title = title;
    if (body !== undefined) issue.body = body;
    if (field(ctx, 'labels') !== undefined) issue.labels = labelNames(ctx);
    if (state === 'closed') {
      if (issue.pull) ctx.repo.closePull(issue);
      else [issue.state, issue.closedAt] = ['closed', ctx.repo.now()];
    } else if (state === 'open' && issue.state === 'closed' && !issue.pull) {
      [issue.state, issue.closedAt] = ['open', null];
    }
    issue.updatedAt = ctx.repo.now();
    return { status: 200, body: issueJson(ctx, issue) };
  });

  api.route('GET', 'issues/{number}/labels', { perm: READ }, (ctx): Reply => labelsReply(ctx, issueFrom(ctx)));
  api.route('POST', 'issues/{number}/labels', { perm: WRITE, doc: `${DOC}/labels#add-labels-to-an-issue` }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    addLabels(issue, labelNames(ctx));
    return labelsReply(ctx, issue);
  });
  api.route('PUT', 'issues/{number}/labels', { perm: WRITE, doc: `${DOC}/labels#set-labels-for-an-issue` }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    issue.labels = [];
    addLabels(issue, labelNames(ctx));
    return labelsReply(ctx, issue);
  });
  api.route('DELETE', 'issues/{number}/labels', { perm: WRITE }, (ctx): Reply => {
    issueFrom(ctx).labels = [];
    return { status: 204 };
  });
  api.route('DELETE', 'issues/{number}/labels/{name}', { perm: WRITE }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    const name = param(ctx, 'name').toLowerCase();
    const before = issue.labels.length;
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
    if (issue.labels.length === before) throw new GitHubError(404, 'Label does not exist', `${DOC}/labels#remove-a-label-from-an-issue`);
    return labelsReply(ctx, issue);
  });

  api.route('GET', 'issues/{number}/comments', { perm: READ }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    const since = ctx.query.get('since');
    const list = [...ctx.repo.comments.values()].filter((c) => c.issueNumber === issue.number && (!since || c.updatedAt >= since));
    return pageReply(ctx, list, (c) => commentJson(ctx, c));
  });
  api.route('POST', 'issues/{number}/comments', { perm: WRITE, doc: `${DOC}/comments#create-an-issue-comment` }, (ctx): Reply => {
    const issue = issueFrom(ctx);
    const now = ctx.repo.now();
    const comment: CommentRecord = {
      id: ctx.repo.newId(),
      issueNumber: issue.number,
      body: requireString(ctx, 'body', `${DOC}/comments#create-an-issue-comment`),
      user: ctx.user,
      createdAt: now,
      updatedAt: now,
    };
    ctx.repo.comments.set(comment.id, comment);
    return { status: 201, body: commentJson(ctx, comment), headers: { location: `${ctx.urls.repoApi(ctx.repo)}/issues/comments/${comment.id}` } };
  });

  api.route('GET', 'labels', { perm: READ }, (ctx): Reply => pageReply(ctx, [...ctx.repo.labels.values()], (l) => labelJson(ctx, l)));
  api.route('GET', 'labels/{name}', { perm: READ }, (ctx): Reply => {
    const label = ctx.repo.labels.get(param(ctx, 'name').toLowerCase());
    if (!label) throw notFound(`${DOC}/labels#get-a-label`);
    return { status: 200, body: labelJson(ctx, label) };
  });
  api.route('POST', 'labels', { perm: WRITE, doc: `${DOC}/labels#create-a-label` }, (ctx): Reply => {
    const doc = `${DOC}/labels#create-a-label`;
    const name = requireString(ctx, 'name', doc);
    const color = (optionalString(ctx, 'color', doc) ?? 'ededed').replace(/^#/, '');
    if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }], doc);
    if (ctx.repo.labels.has(name.toLowerCase())) throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], doc);
    const label = ctx.repo.label(name);
    label.color = color.toLowerCase();
    label.description = optionalString(ctx, 'description', doc) ?? null;
    return { status: 201, body: labelJson(ctx, label) };
  });
}
