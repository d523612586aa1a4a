// Git data API: blobs, trees, commits and refs.
// https://docs.github.com/rest/git
import { base64Lines, formatIsoDate, isSha, MODE_TYPES, parseIsoDate, type Signature } from '../git-objects.ts';
import { GitStore } from '../git-store.ts';
import type { Repository } from '../repo-state.ts';
import type { GitHubApi } from '../router.ts';
import { field, nodeId, notFound, optionalBoolean, param, requireString, unprocessable, type Ctx, type Reply } from '../respond.ts';

const DOC = 'https://docs.github.com/rest/git';
const READ = [{ scope: 'contents' as const, level: 'read' as const }];
const WRITE = [{ scope: 'contents' as const, level: 'write' as const }];

/** GitHub's `git-commit` object. */
export function gitCommitJson(ctx: Ctx, sha: string): Record<string, unknown> {
  const commit = ctx.repo.git.commit(sha);
  if (!commit) throw notFound(`${DOC}/commits#get-a-commit-object`);
  const api = ctx.urls.repoApi(ctx.repo);
  const html = ctx.urls.repoHtml(ctx.repo);
  const person = (sig: Signature): Record<string, string> => ({ name: sig.name, email: sig.email, date: formatIsoDate(sig.seconds) });
  return {
    sha,
    node_id: nodeId('Commit', sha),
    url: `${api}/git/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${html}/commit/${p}` })),
    verification: { verified: false, reason: 'unsigned', signature: commit.gpgsig ?? null, payload: null, verified_at: null },
  };
}

/** GitHub's `git-ref` object for a full ref name. */
export function refJson(ctx: Ctx, ref: string, sha: string): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  return {
    ref,
    node_id: nodeId('Ref', ref),
    url: `${api}/git/${ref}`,
    object: { sha, type: ctx.repo.git.typeOf(sha) ?? 'commit', url: `${api}/git/commits/${sha}` },
  };
}

function treeJson(ctx: Ctx, sha: string, recursive: boolean): Record<string, unknown> {
  const git = ctx.repo.git;
  const api = ctx.urls.repoApi(ctx.repo);
  const out: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string): void => {
    for (const entry of git.tree(treeSha) ?? []) {
      const path = prefix + entry.name;
      const type = MODE_TYPES[entry.mode] ?? 'blob';
      const item: Record<string, unknown> = { path, mode: entry.mode, type, sha: entry.sha };
      if (type === 'blob') item['size'] = git.blob(entry.sha)?.length ?? 0;
      if (type !== 'commit') item['url'] = `${api}/git/${type}s/${entry.sha}`;
      out.push(item);
      if (recursive && type === 'tree') walk(entry.sha, `${path}/`);
    }
  };
  walk(sha, '');
  return { sha, url: `${api}/git/trees/${sha}`, tree: out, truncated: false };
}

function signatureFrom(ctx: Ctx, name: string, fallback: Signature): Signature {
  const value = field(ctx, name);
  if (value === undefined) return fallback;
  if (typeof value !== 'object' || Array.isArray(value))
    throw unprocessable(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not an object.`, DOC);
  const v = value as Record<string, unknown>;
  if (typeof v['name'] !== 'string' || typeof v['email'] !== 'string') {
    throw unprocessable(`Invalid request.\n\n"name" and "email" are required for '${name}'.`, DOC);
  }
  let when = { seconds: fallback.seconds, tz: fallback.tz };
  if (v['date'] !== undefined) {
    const parsed = typeof v['date'] === 'string' ? parseIsoDate(v['date']) : undefined;
    if (!parsed) throw unprocessable(`Invalid request.\n\n${JSON.stringify(v['date'])} is not a valid date-time for '${name}/date'.`, DOC);
    when = parsed;
  }
  return { name: v['name'], email: v['email'], ...when };
}

/** Creates a tree from the API's entry list, on top of `base_tree` when given. */
function createTree(ctx: Ctx): string {
  const git = ctx.repo.git;
  const base = field(ctx, 'base_tree');
  let flat = new Map<string, { mode: string; sha: string }>();
  if (base !== undefined) {
    const baseTree = typeof base === 'string' ? git.tree(base) : undefined;
    if (!baseTree) throw unprocessable('base_tree is not a valid tree oid', `${DOC}/trees#create-a-tree`);
    flat = git.flatten(base as string);
  }
  const entries = field(ctx, 'tree');
  if (!Array.isArray(entries)) throw unprocessable(`Invalid request.\n\n"tree" wasn't supplied.`, `${DOC}/trees#create-a-tree`);
  for (const raw of entries as unknown[]) {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const path = entry['path'];
    const mode = entry['mode'];
    const type = entry['type'] ?? (typeof mode === 'string' ? MODE_TYPES[mode] : undefined);
    if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw unprocessable(`tree.path ${JSON.stringify(path)} is not a valid path`, `${DOC}/trees#create-a-tree`);
    }
    if (typeof mode !== 'string' || !(mode in MODE_TYPES)) {
      throw unprocessable(`Invalid request.\n\nFor 'items', ${JSON.stringify(mode)} is not a valid tree mode.`, `${DOC}/trees#create-a-tree`);
    }
    if (type !== MODE_TYPES[mode]) throw unprocessable(`tree.type ${JSON.stringify(type)} does not match mode ${mode}`, `${DOC}/trees#create-a-tree`);
    if ('sha' in entry && entry['sha'] === null) {
      GitStore.setPath(flat, path, undefined);
      continue;
    }
    let sha = entry['sha'];
    if (typeof entry['content'] === 'string' && sha === undefined) sha = git.putBlob(Buffer.from(entry['content'], 'utf8'));
    if (typeof sha !== 'string' || (type !== 'commit' && git.typeOf(sha) !== type)) {
      throw unprocessable(
        `tree.sha ${typeof sha === 'string' ? sha : JSON.stringify(sha)} is not a valid ${MODE_TYPES[mode] ?? 'object'}`,
        `${DOC}/trees#create-a-tree`,
      );
    }
    if (type === 'tree') git.graftTree(flat, path, sha.toLowerCase());
    else GitStore.setPath(flat, path, { mode, sha: sha.toLowerCase() });
  }
  return git.buildTree(flat);
}

/** `refs/<ref>` from a path parameter. GitHub does not strip a leading `refs/` here. */
function fullRef(ctx: Ctx): string {
  return `refs/${param(ctx, 'ref')}`;
}

/** Checks a new ref's name as git's check-ref-format does. */
function checkRefName(ref: string): void {
  if (ref.split('/').length < 3)
    throw unprocessable('Reference name must contain at least three slash-separated components.', `${DOC}/refs#create-a-reference`);
  const bad = /(^|\/)\.|\.\.|[ ~^:?*[\\]|@\{|\/\/|\.lock(\/|$)|[/.]$/;
  // eslint-disable-next-line no-control-regex -- git refuses control characters in ref names
  const control = /[\u0000-\u001f\u007f]/;
  if (!ref.startsWith('refs/') || bad.test(ref) || control.test(ref) || ref === 'refs/heads/@')
    throw unprocessable(`${ref} is not a valid ref name.`, `${DOC}/refs#create-a-reference`);
}

/** Whether a ref name would clash with an existing one as a directory/file (git cannot hold both). */
function clashes(repo: Repository, ref: string): boolean {
  for (const existing of repo.git.refs.keys()) {
    if (existing.startsWith(`${ref}/`) || ref.startsWith(`${existing}/`)) return true;
  }
  return false;
}

function listRefs(ctx: Ctx, prefix: string): Record<string, unknown>[] {
  return [...ctx.repo.git.refs.entries()]
    .filter(([ref]) => ref.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ref, sha]) => refJson(ctx, ref, sha));
}

export function registerGitRoutes(api: GitHubApi): void {
  api.route('GET', 'git/blobs/{sha}', { perm: READ, doc: `${DOC}/blobs#get-a-blob` }, (ctx): Reply => {
    const sha = param(ctx, 'sha').toLowerCase();
    const content = ctx.repo.git.blob(sha);
    if (!content) throw notFound(`${DOC}/blobs#get-a-blob`);
    const url = `${ctx.urls.repoApi(ctx.repo)}/git/blobs/${sha}`;
    return { status: 200, body: { sha, node_id: nodeId('Blob', sha), size: content.length, url, content: base64Lines(content), encoding: 'base64' } };
  });

  api.route('POST', 'git/blobs', { perm: WRITE, doc: `${DOC}/blobs#create-a-blob` }, (ctx): Reply => {
    const content = requireString(ctx, 'content', `${DOC}/blobs#create-a-blob`);
    const encoding = field(ctx, 'encoding') ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      throw unprocessable(`Invalid request.\n\nencoding ${JSON.stringify(encoding)} is not one of utf-8, base64.`, `${DOC}/blobs#create-a-blob`);
    }
    const sha = ctx.repo.git.putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
    const url = `${ctx.urls.repoApi(ctx.repo)}/git/blobs/${sha}`;
    return { status: 201, body: { sha, url }, headers: { location: url } };
  });

  api.route('GET', 'git/trees/{sha*}', { perm: READ, doc: `${DOC}/trees#get-a-tree` }, (ctx): Reply => {
    const ref = param(ctx, 'sha');
    const git = ctx.repo.git;
    const direct = isSha(ref.toLowerCase()) && git.tree(ref) ? ref.toLowerCase() : undefined;
    const resolved = direct ?? (git.resolve(ref) ? git.rootTree(git.resolve(ref)!) : undefined);
    if (!resolved) throw notFound(`${DOC}/trees#get-a-tree`);
    const recursive = ctx.query.has('recursive') && !['0', 'false'].includes(ctx.query.get('recursive') ?? '');
    return { status: 200, body: treeJson(ctx, resolved, recursive) };
  });

  api.route('POST', 'git/trees', { perm: WRITE, doc: `${DOC}/trees#create-a-tree` }, (ctx): Reply => {
    const sha = createTree(ctx);
    return { status: 201, body: treeJson(ctx, sha, false), headers: { location: `${ctx.urls.repoApi(ctx.repo)}/git/trees/${sha}` } };
  });

  api.route('GET', 'git/commits/{sha}', { perm: READ, doc: `${DOC}/commits#get-a-commit-object` }, (ctx): Reply => {
    return { status: 200, body: gitCommitJson(ctx, param(ctx, 'sha').toLowerCase()) };
  });

  api.route('POST', 'git/commits', { perm: WRITE, doc: `${DOC}/commits#create-a-commit` }, (ctx): Reply => {
    const doc = `${DOC}/commits#create-a-commit`;
    const git = ctx.repo.git;
    const message = requireString(ctx, 'message', doc);
    const tree = requireString(ctx, 'tree', doc).toLowerCase();
    if (!git.tree(tree)) throw unprocessable('Tree SHA does not exist', doc);
    const parents = field(ctx, 'parents') ?? [];
    if (!Array.isArray(parents) || !parents.every((p) => typeof p === 'string' && git.commit(p))) {
      throw unprocessable('Parent SHA does not exist or is not a commit object', doc);
    }
    const fallback = ctx.repo.signature(ctx.user.login, `${ctx.user.id}+${ctx.user.login}@users.noreply.github.com`);
    const author = signatureFrom(ctx, 'author', fallback);
    // GitHub: the committer defaults to the author.
    const committer = signatureFrom(ctx, 'committer', author);
    const signature = field(ctx, 'signature');
    const sha = git.put({
      type: 'commit',
      commit: {
        tree,
        parents: (parents as string[]).map((p) => p.toLowerCase()),
        author,
        committer,
        message,
        ...(typeof signature === 'string' ? { gpgsig: signature } : {}),
      },
    });
    return { status: 201, body: gitCommitJson(ctx, sha), headers: { location: `${ctx.urls.repoApi(ctx.repo)}/git/commits/${sha}` } };
  });

  api.route('GET', 'git/ref/{ref*}', { perm: READ, doc: `${DOC}/refs#get-a-reference` }, (ctx): Reply => {
    const ref = fullRef(ctx);
    const sha = ctx.repo.git.refs.get(ref);
    if (!sha) throw notFound(`${DOC}/refs#get-a-reference`);
    return { status: 200, body: refJson(ctx, ref, sha) };
  });

  api.route('GET', 'git/matching-refs/{ref*}', { perm: READ, doc: `${DOC}/refs#list-matching-references` }, (ctx): Reply => {
    return { status: 200, body: listRefs(ctx, fullRef(ctx)) };
  });

  api.route('GET', 'git/refs', { perm: READ }, (ctx): Reply => ({ status: 200, body: listRefs(ctx, 'refs/') }));

  // The older form: an exact ref answers the object, a prefix answers a list.
  api.route('GET', 'git/refs/{ref*}', { perm: READ }, (ctx): Reply => {
    const ref = fullRef(ctx);
    const sha = ctx.repo.git.refs.get(ref);
    if (sha) return { status: 200, body: refJson(ctx, ref, sha) };
    const list = listRefs(ctx, `${ref}/`);
    if (list.length === 0) throw notFound(`${DOC}/refs#get-a-reference`);
    return { status: 200, body: list };
  });

  api.route('POST', 'git/refs', { perm: WRITE, doc: `${DOC}/refs#create-a-reference` }, (ctx): Reply => {
    const doc = `${DOC}/refs#create-a-reference`;
    const ref = requireString(ctx, 'ref', doc);
    const sha = requireString(ctx, 'sha', doc).toLowerCase();
    checkRefName(ref);
    if (!ctx.repo.git.get(sha)) throw unprocessable('Object does not exist', doc);
    if (ctx.repo.git.refs.has(ref)) throw unprocessable('Reference already exists', doc);
    if (clashes(ctx.repo, ref)) throw unprocessable('Reference update failed', doc);
    ctx.repo.git.refs.set(ref, sha);
    const body = refJson(ctx, ref, sha);
    return { status: 201, body, headers: { location: String(body['url']) } };
  });

  api.route('PATCH', 'git/refs/{ref*}', { perm: WRITE, doc: `${DOC}/refs#update-a-reference` }, (ctx): Reply => {
    const doc = `${DOC}/refs#update-a-reference`;
    const ref = fullRef(ctx);
    const sha = requireString(ctx, 'sha', doc).toLowerCase();
    const force = optionalBoolean(ctx, 'force', doc) ?? false;
    const current = ctx.repo.git.refs.get(ref);
    if (!current) throw unprocessable('Reference does not exist', doc);
    if (!ctx.repo.git.get(sha)) throw unprocessable('Object does not exist', doc);
    if (!force && !ctx.repo.git.isAncestor(current, sha)) throw unprocessable('Update is not a fast forward', doc);
    ctx.repo.git.refs.set(ref, sha);
    return { status: 200, body: refJson(ctx, ref, sha) };
  });

  api.route('DELETE', 'git/refs/{ref*}', { perm: WRITE, doc: `${DOC}/refs#delete-a-reference` }, (ctx): Reply => {
    const ref = fullRef(ctx);
    const sha = ctx.repo.git.refs.get(ref);
    if (!sha) throw unprocessable('Reference does not exist', `${DOC}/refs#delete-a-reference`);
    ctx.repo.git.refs.delete(ref);
    if (ref.startsWith('refs/heads/')) ctx.repo.branchDeleted(ref.slice('refs/heads/'.length), sha);
    return { status: 204 };
  });
}
