// GitHub REST client (Octokit from @actions/github), loaded lazily so actions that do not
// talk to GitHub never pay for it at start-up, and GitHub errors turned into user messages.
import { UserError, errorMessage } from './errors.ts';
import { maskSecret } from './secrets.ts';

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
    const needed = accepted ? accepted.split(';').map((p) => p.replace('=', ': ').trim()).join(' or ') : undefined;
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
