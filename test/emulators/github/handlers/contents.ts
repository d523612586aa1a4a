// Repository contents: read a file or directory at a ref, create, update or
// delete a file with a commit.
// https://docs.github.com/rest/repos/contents
import { base64Lines, MODE_TYPES, parseIsoDate, type Signature } from '../git-objects.ts';
import { GitStore } from '../git-store.ts';
import type { GitHubApi } from '../router.ts';
import { field, GitHubError, notFound, optionalString, param, requireString, unprocessable, type Ctx, type Reply } from '../respond.ts';
import { gitCommitJson } from './git.ts';

const DOC = 'https://docs.github.com/rest/repos/contents';
const READ = [{ scope: 'contents' as const, level: 'read' as const }];
const WRITE = [{ scope: 'contents' as const, level: 'write' as const }];

function entryType(mode: string): string {
  if (mode === '040000') return 'dir';
  if (mode === '160000') return 'submodule';
  if (mode === '120000') return 'symlink';
  return 'file';
}

/** The fields every contents item carries (`content-file` without its content). */
function itemJson(ctx: Ctx, path: string, mode: string, sha: string, ref: string): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  const html = ctx.urls.repoHtml(ctx.repo);
  const type = entryType(mode);
  const kind = MODE_TYPES[mode] ?? 'blob';
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = type === 'submodule' ? null : `${api}/git/${kind}s/${sha}`;
  const web = `${html}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
  return {
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    size: kind === 'blob' ? (ctx.repo.git.blob(sha)?.length ?? 0) : 0,
    url: self,
    html_url: web,
    git_url: git,
    download_url: type === 'file' || type === 'symlink' ? `https://raw.githubusercontent.com/${ctx.repo.fullName}/${ref}/${path}` : null,
    type,
    _links: { self, git, html: web },
  };
}

/** Resolves the `ref` query (default branch when absent); 404 `No commit found for the ref` otherwise. */
function resolveRef(ctx: Ctx): { ref: string; tree: string } {
  const ref = ctx.query.get('ref') || ctx.repo.defaultBranch;
  const sha = ctx.repo.git.resolve(ref);
  const tree = sha ? ctx.repo.git.rootTree(sha) : undefined;
  if (!tree) throw new GitHubError(404, `No commit found for the ref ${ref}`, `${DOC}#get-repository-content`);
  return { ref, tree };
}

function getContents(ctx: Ctx): Reply {
  const path = (ctx.params['path'] ?? '').replace(/^\/+|\/+$/g, '');
  const { ref, tree } = resolveRef(ctx);
  const entry = ctx.repo.git.entryAt(tree, path);
  if (!entry) throw notFound(`${DOC}#get-repository-content`);
  if (entry.mode === '040000') {
    const list = (ctx.repo.git.tree(entry.sha) ?? []).map((e) => itemJson(ctx, path ? `${path}/${e.name}` : e.name, e.mode, e.sha, ref));
    return { status: 200, body: list };
  }
  const content = ctx.repo.git.blob(entry.sha) ?? Buffer.alloc(0);
  const accept = ctx.req.headers.accept ?? '';
  if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
    return { status: 200, raw: { contentType: 'application/vnd.github.raw; charset=utf-8', data: content } };
  }
  const item = itemJson(ctx, path, entry.mode, entry.sha, ref);
  const links = item['_links'];
  delete item['_links'];
  return { status: 200, body: { ...item, content: base64Lines(content), encoding: 'base64', _links: links } };
}

function person(ctx: Ctx, name: string, fallback: Signature): Signature {
  const value = field(ctx, name);
  if (value === undefined) return fallback;
  const v = value as Record<string, unknown>;
  if (typeof v['name'] !== 'string' || typeof v['email'] !== 'string') {
    throw unprocessable(`Invalid request.\n\n"name" and "email" are required for '${name}'.`, DOC);
  }
  const when = typeof v['date'] === 'string' ? parseIsoDate(v['date']) : undefined;
  return { name: v['name'], email: v['email'], seconds: when?.seconds ?? fallback.seconds, tz: when?.tz ?? fallback.tz };
}

/** Writes (content) or deletes (undefined) one path on a branch with a new commit; returns the commit sha. */
function commitPath(ctx: Ctx, path: string, content: Buffer | undefined, doc: string): { branch: string; commit: string; blob?: string } {
  const repo = ctx.repo;
  const message = requireString(ctx, 'message', doc);
  const branch = optionalString(ctx, 'branch', doc) ?? repo.defaultBranch;
  const parent = repo.branchSha(branch);
  if (!parent) throw new GitHubError(404, `Branch ${branch} not found`, doc);
  const tree = repo.git.commit(parent)!.tree;
  const existing = repo.git.entryAt(tree, path);
  if (existing?.mode === '040000') throw unprocessable(`Invalid request.\n\n${path} is a directory.`, doc);
  const sha = optionalString(ctx, 'sha', doc);
  if (content === undefined && !existing) throw notFound(doc);
  if (existing && sha === undefined) throw unprocessable(`Invalid request.\n\n"sha" wasn't supplied.`, doc);
  if (existing && sha !== existing.sha) throw new GitHubError(409, `${path} does not match ${sha ?? ''}`, doc);
  const flat = repo.git.flatten(tree);
  const blob = content ? repo.git.putBlob(content) : undefined;
  GitStore.setPath(flat, path, blob ? { mode: existing?.mode ?? '100644', sha: blob } : undefined);
  const fallback = repo.signature(ctx.user.login, `${ctx.user.id}+${ctx.user.login}@users.noreply.github.com`);
  const committer = person(ctx, 'committer', fallback);
  const author = person(ctx, 'author', committer);
  const commit = repo.git.put({ type: 'commit', commit: { tree: repo.git.buildTree(flat), parents: [parent], author, committer, message } });
  repo.git.refs.set(`refs/heads/${branch}`, commit);
  return blob ? { branch, commit, blob } : { branch, commit };
}

function putContents(ctx: Ctx): Reply {
  const doc = `${DOC}#create-or-update-file-contents`;
  const path = param(ctx, 'path').replace(/^\/+|\/+$/g, '');
  const encoded = requireString(ctx, 'content', doc);
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(encoded)) throw unprocessable('content is not valid Base64', doc);
  const existed = ctx.repo.git.resolve(optionalString(ctx, 'branch', doc) ?? ctx.repo.defaultBranch);
  const before = existed ? ctx.repo.git.entryAt(ctx.repo.git.commit(existed)!.tree, path) : undefined;
  const result = commitPath(ctx, path, Buffer.from(encoded, 'base64'), doc);
  const content = itemJson(ctx, path, before?.mode ?? '100644', result.blob!, result.branch);
  return { status: before ? 200 : 201, body: { content, commit: gitCommitJson(ctx, result.commit) } };
}

function deleteContents(ctx: Ctx): Reply {
  const doc = `${DOC}#delete-a-file`;
  const path = param(ctx, 'path').replace(/^\/+|\/+$/g, '');
  requireString(ctx, 'sha', doc);
  const result = commitPath(ctx, path, undefined, doc);
  return { status: 200, body: { content: null, commit: gitCommitJson(ctx, result.commit) } };
}

export function registerContentsRoutes(api: GitHubApi): void {
  api.route('GET', 'contents', { perm: READ, doc: `${DOC}#get-repository-content` }, getContents);
  api.route('GET', 'contents/{path*}', { perm: READ, doc: `${DOC}#get-repository-content` }, getContents);
  api.route('PUT', 'contents/{path*}', { perm: WRITE, doc: `${DOC}#create-or-update-file-contents` }, putContents);
  api.route('DELETE', 'contents/{path*}', { perm: WRITE, doc: `${DOC}#delete-a-file` }, deleteContents);
}
