// The repository itself, branches, commits, compare and commit statuses.
// https://docs.github.com/rest/repos, /branches, /commits
import { lineChanges } from '../diff.ts';
import type { CommitStatusRecord } from '../repo-state.ts';
import type { GitHubApi } from '../router.ts';
import {
  GitHubError,
  nodeId,
  notFound,
  optionalString,
  pageReply,
  param,
  requireString,
  unprocessable,
  validationFailed,
  type Ctx,
  type Reply,
} from '../respond.ts';
import { repoCommitJson, repositoryJson } from '../views.ts';

const READ = [{ scope: 'contents' as const, level: 'read' as const }];
const STATUS_READ = [{ scope: 'statuses' as const, level: 'read' as const }];
const STATUS_WRITE = [{ scope: 'statuses' as const, level: 'write' as const }];
const STATES = ['error', 'failure', 'pending', 'success'];

/** Resolves `owner:ref` or `ref` on the compare/branch pages. */
function resolveSide(ctx: Ctx, side: string): string | undefined {
  const colon = side.indexOf(':');
  if (colon >= 0) {
    if (side.slice(0, colon).toLowerCase() !== ctx.repo.owner.toLowerCase()) return undefined;
    side = side.slice(colon + 1);
  }
  return ctx.repo.git.resolve(side);
}

function compare(ctx: Ctx): Reply {
  const doc = 'https://docs.github.com/rest/commits/commits#compare-two-commits';
  const basehead = param(ctx, 'basehead');
  const split = basehead.includes('...') ? basehead.split('...') : basehead.split('..');
  if (split.length !== 2) throw notFound(doc);
  const [baseName, headName] = split as [string, string];
  const base = resolveSide(ctx, baseName);
  const head = resolveSide(ctx, headName);
  if (!base || !head) throw notFound(doc);
  const git = ctx.repo.git;
  const mergeBase = git.mergeBase(base, head);
  if (!mergeBase) throw new GitHubError(404, `No common ancestor between ${baseName} and ${headName}.`, doc);
  const ahead = git.commitsBetween(base, head);
  const behind = git.commitsBetween(head, base);
  const status = ahead.length === 0 && behind.length === 0 ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
  const before = git.flatten(git.commit(mergeBase)!.tree);
  const after = git.flatten(git.commit(head)!.tree);
  const api = ctx.urls.repoApi(ctx.repo);
  const html = ctx.urls.repoHtml(ctx.repo);
  const files: Record<string, unknown>[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(path);
    const b = after.get(path);
    if (a?.sha === b?.sha && a?.mode === b?.mode) continue;
    const counts = lineChanges(a ? (git.blob(a.sha) ?? Buffer.alloc(0)) : Buffer.alloc(0), b ? (git.blob(b.sha) ?? Buffer.alloc(0)) : Buffer.alloc(0));
    const sha = (b ?? a)!.sha;
    const at = b ? head : mergeBase;
    files.push({
      sha,
      filename: path,
      status: !a ? 'added' : !b ? 'removed' : 'modified',
      ...counts,
      changes: counts.additions + counts.deletions,
      blob_url: `${html}/blob/${at}/${path}`,
      raw_url: `${html}/raw/${at}/${path}`,
      contents_url: `${api}/contents/${path}?ref=${at}`,
    });
  }
  return {
    status: 200,
    body: {
      url: `${api}/compare/${basehead}`,
      html_url: `${html}/compare/${basehead}`,
      permalink_url: `${html}/compare/${ctx.repo.owner}:${base.slice(0, 7)}...${ctx.repo.owner}:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${basehead}.diff`,
      patch_url: `${html}/compare/${basehead}.patch`,
      base_commit: repoCommitJson(ctx, base),
      merge_base_commit: repoCommitJson(ctx, mergeBase),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: ahead.slice(0, 250).map((sha) => repoCommitJson(ctx, sha)),
      files,
    },
  };
}

function branchJson(ctx: Ctx, name: string, sha: string): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  return {
    name,
    commit: repoCommitJson(ctx, sha),
    _links: { self: `${api}/branches/${name}`, html: `${ctx.urls.repoHtml(ctx.repo)}/tree/${name}` },
    protected: false,
    protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
    protection_url: `${api}/branches/${name}/protection`,
  };
}

function statusJson(ctx: Ctx, status: CommitStatusRecord): Record<string, unknown> {
  return {
    url: `${ctx.urls.repoApi(ctx.repo)}/statuses/${status.sha}`,
    avatar_url: null,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: ctx.urls.user(status.creator),
  };
}

/** The newest status of each context on a commit. */
export function latestStatuses(statuses: readonly CommitStatusRecord[], sha: string): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const status of statuses) if (status.sha === sha) latest.set(status.context, status);
  return [...latest.values()];
}

export function registerRepoRoutes(api: GitHubApi): void {
  api.route('GET', '', { doc: 'https://docs.github.com/rest/repos/repos#get-a-repository' }, (ctx): Reply => ({
    status: 200,
    body: repositoryJson(ctx.urls, ctx.repo, true),
  }));

  api.route('GET', 'branches', { perm: READ }, (ctx): Reply => {
    const want = ctx.query.get('protected');
    const names = want === 'true' ? [] : ctx.repo.branches();
    const api = ctx.urls.repoApi(ctx.repo);
    return pageReply(ctx, names, (name) => {
      const sha = ctx.repo.branchSha(name)!;
      return { name, commit: { sha, url: `${api}/commits/${sha}` }, protected: false };
    });
  });

  api.route('GET', 'branches/{branch*}', { perm: READ }, (ctx): Reply => {
    const name = param(ctx, 'branch');
    const sha = ctx.repo.branchSha(name);
    if (!sha) throw new GitHubError(404, 'Branch not found', 'https://docs.github.com/rest/branches/branches#get-a-branch');
    return { status: 200, body: branchJson(ctx, name, sha) };
  });

  api.route('GET', 'commits/{ref}/status', { perm: STATUS_READ }, (ctx): Reply => {
    const sha = ctx.repo.git.resolve(param(ctx, 'ref'));
    if (!sha) throw unprocessable(`No commit found for SHA: ${param(ctx, 'ref')}`);
    const latest = latestStatuses(ctx.repo.statuses, sha);
    const states = latest.map((s) => s.state);
    const state = states.some((s) => s === 'error' || s === 'failure')
      ? 'failure'
      : states.length > 0 && states.every((s) => s === 'success')
        ? 'success'
        : 'pending';
    return {
      status: 200,
      body: {
        state,
        statuses: latest.map((s) => statusJson(ctx, s)),
        sha,
        total_count: latest.length,
        repository: repositoryJson(ctx.urls, ctx.repo),
        commit_url: `${ctx.urls.repoApi(ctx.repo)}/commits/${sha}`,
        url: `${ctx.urls.repoApi(ctx.repo)}/commits/${sha}/status`,
      },
    };
  });

  api.route('GET', 'commits/{ref}/statuses', { perm: STATUS_READ }, (ctx): Reply => {
    const sha = ctx.repo.git.resolve(param(ctx, 'ref'));
    const list = sha ? ctx.repo.statuses.filter((s) => s.sha === sha).reverse() : [];
    return pageReply(ctx, list, (s) => statusJson(ctx, s));
  });

  api.route('GET', 'commits/{ref*}', { perm: READ, doc: 'https://docs.github.com/rest/commits/commits#get-a-commit' }, (ctx): Reply => {
    const sha = ctx.repo.git.resolve(param(ctx, 'ref'));
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${param(ctx, 'ref')}`);
    return { status: 200, body: repoCommitJson(ctx, sha) };
  });

  api.route('POST', 'statuses/{sha}', { perm: STATUS_WRITE, doc: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status' }, (ctx): Reply => {
    const sha = param(ctx, 'sha').toLowerCase();
    if (!ctx.repo.git.commit(sha)) throw unprocessable(`No commit found for SHA: ${sha}`);
    const state = requireString(ctx, 'state');
    if (!STATES.includes(state)) throw validationFailed([{ resource: 'Status', code: 'custom', field: 'state', message: `state is not included in the list` }]);
    const status: CommitStatusRecord = {
      id: ctx.repo.newId(),
      sha,
      state: state as CommitStatusRecord['state'],
      context: optionalString(ctx, 'context') ?? 'default',
      description: optionalString(ctx, 'description') ?? null,
      targetUrl: optionalString(ctx, 'target_url') ?? null,
      creator: ctx.user,
      createdAt: ctx.repo.now(),
    };
    ctx.repo.statuses.push(status);
    return { status: 201, body: statusJson(ctx, status) };
  });

  api.route('GET', 'compare/{basehead*}', { perm: READ }, compare);
}
