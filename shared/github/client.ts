// GitHub REST client (Octokit from @actions/github), loaded lazily so actions that do not
// talk to GitHub never pay for it at start-up, and GitHub errors turned into user messages.
import { UserError, errorMessage } from '../core/errors.ts';
import { maskSecret } from '../core/secrets.ts';

/** The Octokit type @actions/github returns. */
export type Octokit = ReturnType<typeof import('@actions/github').getOctokit>;

export interface GitHubClientOptions {
  /** API base URL; default `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  /** User agent suffix, e.g. the action name. */
  userAgent?: string;
}

/** An authenticated Octokit. The token is masked first. */
export async function githubClient(token: string, options: GitHubClientOptions = {}): Promise<Octokit> {
  if (!token) {
    throw new UserError('No GitHub token was given.', { fix: 'Pass `token: ${{ github.token }}` (or a token with the permissions this step needs).' });
  }
  maskSecret(token);
  const { getOctokit } = await import('@actions/github');
  const baseUrl = options.baseUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com';
  return getOctokit(token, { baseUrl, userAgent: `branch-env-actions${options.userAgent ? `/${options.userAgent}` : ''}` });
}

/** `owner/repo` split, from an input or GITHUB_REPOSITORY. */
export function parseRepository(value: string | undefined, inputName = 'repository'): { owner: string; repo: string } {
  const text = value ?? '';
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  const [, owner, repo] = match ?? [];
  if (!owner || !repo) {
    throw new UserError(`Input \`${inputName}\` must be owner/repo, got ${JSON.stringify(text)}.`, {
      fix: 'Pass e.g. `octo-org/app`, or leave it empty to use GITHUB_REPOSITORY.',
    });
  }
  return { owner, repo };
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/**
 * Turns an Octokit error into a UserError when the user can fix it: a 401 (bad token), a 403
 * "Resource not accessible by integration" naming the permission the workflow must grant
 * (GitHub sends it in `x-accepted-github-permissions`), a 404 for a missing repository or file.
 * Other errors are returned unchanged.
 */
export function explainGitHubError(error: unknown, doing: string): unknown {
  const e = error as RequestErrorLike;
  if (typeof e?.status !== 'number') return error;
  const message = e.message ?? errorMessage(error);
  if (e.status === 401) {
    return new UserError(`GitHub rejected the token while ${doing} (401 ${message}).`, { fix: 'Check the `token` input: it is wrong or expired.' });
  }
  if (e.status === 403 && /not accessible by integration|must have .* access|permission/i.test(message)) {
    const accepted = e.response?.headers?.['x-accepted-github-permissions'];
    const needed = accepted
      ? accepted
          .split(';')
          .map((p) => p.replace('=', ': ').trim())
          .join(' or ')
      : undefined;
    return new UserError(`GitHub refused ${doing}: ${message}.`, {
      fix: needed
        ? `Grant the workflow job \`permissions:\` ${needed} (or pass a token that has it).`
        : 'Grant the workflow job the permission this needs in `permissions:` (or pass a token that has it).',
      cause: error,
    });
  }
  if (e.status === 404) {
    return new UserError(`GitHub answered 404 Not Found while ${doing}.`, {
      fix: 'Check the repository, branch and path, and that the token can see the repository.',
      cause: error,
    });
  }
  return error;
}

/** A repository, as Octokit's parameters name it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit error, if it has one. */
export function githubStatus(error: unknown): number | undefined {
  const status = (error as RequestErrorLike | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** One file of a {@link createCommit}: its path in the repository and its full content. */
export interface CommitFile {
  path: string;
  /** Text (written as UTF-8, byte for byte) or raw bytes. */
  content: string | Uint8Array;
  /** Git file mode (default `100644`). */
  mode?: '100644' | '100755';
}

/** What {@link createCommit} writes. */
export interface CommitRequest {
  message: string;
  /** Parent commit shas (one for a plain commit, two for a merge). */
  parents: string[];
  /** Tree the files are laid over (normally the first parent's tree). */
  baseTree: string;
  files: readonly CommitFile[];
}

/**
 * Makes a commit through the Git data API, without a checkout: a blob per file (base64, so
 * bytes such as CRLF line ends are kept exactly), a tree over `baseTree`, then the commit.
 * GitHub signs commits made this way. No ref is moved: pass the sha to `git.createRef` or
 * `git.updateRef` (whose 422 "Update is not a fast forward" means someone moved it first).
 * @returns the new commit's sha and its tree's sha.
 */
export async function createCommit(octokit: Octokit, repo: RepoRef, request: CommitRequest): Promise<{ sha: string; tree: string }> {
  const tree = [];
  for (const file of request.files) {
    const content = Buffer.from(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content).toString('base64');
    const blob = await octokit.rest.git.createBlob({ ...repo, content, encoding: 'base64' });
    tree.push({ path: file.path, mode: file.mode ?? ('100644' as const), type: 'blob' as const, sha: blob.data.sha });
  }
  const created = await octokit.rest.git.createTree({ ...repo, base_tree: request.baseTree, tree });
  const commit = await octokit.rest.git.createCommit({ ...repo, message: request.message, tree: created.data.sha, parents: request.parents });
  return { sha: commit.data.sha, tree: created.data.sha };
}

/** What {@link readRepositoryPath} found at a path. */
export type RepositoryPath = { type: 'file'; content: Buffer; sha: string } | { type: 'dir'; entries: string[] } | { type: 'other' };

/**
 * Reads a path at a ref through the contents API: a file's bytes (files over 1 MB are fetched
 * as blobs), or a directory's entry names; undefined when the path (or ref) does not exist.
 */
export async function readRepositoryPath(octokit: Octokit, repo: RepoRef, path: string, ref: string): Promise<RepositoryPath | undefined> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...repo, path, ref }));
  } catch (error: unknown) {
    if (githubStatus(error) === 404) return undefined;
    throw error;
  }
  if (Array.isArray(data)) return { type: 'dir', entries: data.map((entry: { name: string }) => entry.name) };
  const file = data as { type?: string; sha: string; content?: string; encoding?: string };
  if (file.type !== 'file') return { type: 'other' };
  if (file.encoding === 'base64' && typeof file.content === 'string' && file.content !== '') {
    return { type: 'file', content: Buffer.from(file.content, 'base64'), sha: file.sha };
  }
  const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: file.sha });
  return { type: 'file', content: Buffer.from(blob.data.content, 'base64'), sha: file.sha };
}
