// GitHub REST emulator: a plain-HTTP server on a free loopback port that
// Octokit (`getOctokit(token, {baseUrl: url})` or `GITHUB_API_URL=url`) talks
// to as it would to api.github.com, with a preset repository whose `main`
// branch holds a first commit.
import { startServer } from '../common/http.ts';
import type { FaultInjector, RequestCounter } from '../common/faults.ts';
import type { AnswerScript } from './answers.ts';
import type { TokenPermissions } from './auth.ts';
import { RepoControl } from './control.ts';
import { registerContentsRoutes } from './handlers/contents.ts';
import { registerDeploymentRoutes } from './handlers/deployments.ts';
import { registerGitRoutes } from './handlers/git.ts';
import { registerIssueRoutes } from './handlers/issues.ts';
import { registerPullRoutes } from './handlers/pulls.ts';
import { registerRepoRoutes } from './handlers/repos.ts';
import { Repository } from './repo-state.ts';
import { Urls } from './respond.ts';
import { GitHubApi } from './router.ts';

export type { TokenPermissions, PermissionLevel, PermissionScope } from './auth.ts';
export { htmlReply, withoutLink, type AnswerRule } from './answers.ts';
export { RepoControl, type CommitOptions, type DeploymentSummary, type PullSummary } from './control.ts';

export interface GitHubEmulatorOptions {
  /** Owner of the preset repository (default `octo-org`). */
  owner?: string;
  /** Name of the preset repository (default `app`). */
  repo?: string;
  /** Token accepted with every permission (default `ghs_emulator_token`). */
  token?: string;
  /** Permissions of that token; absent means all at `write`. */
  permissions?: TokenPermissions;
  /** Files of the first commit on `main`, besides `README.md`. */
  files?: Record<string, string>;
  /** Delay added to every answer. */
  latencyMs?: number;
  /** Source of "now" for timestamps (deployments, commits, pull requests). */
  clock?: () => Date;
  /** Web base for `html_url`s (default `https://github.com`). */
  htmlUrl?: string;
  /** Port to listen on (default: a free one). */
  port?: number;
}

export interface GitHubEmulator extends RepoControl {
  /** API base URL, e.g. `http://127.0.0.1:41234`: give it to Octokit as `baseUrl` or `GITHUB_API_URL`. */
  url: string;
  owner: string;
  repo: string;
  token: string;
  faults: FaultInjector;
  /** Scripted answers replacing the emulator's own for chosen requests (answers.ts). */
  answers: AnswerScript;
  requests: RequestCounter;
  /** Accepts another token, with these permissions (absent: all), acting as `login` (default the Actions bot). */
  addToken(token: string, permissions?: TokenPermissions, login?: string): void;
  removeToken(token: string): void;
  /** Adds another repository (first commit on `main` with a README and `files`). */
  addRepository(owner: string, name: string, files?: Record<string, string>): RepoControl;
  /** Control of a repository by `owner/name` (default: the preset one). */
  repository(fullName?: string): RepoControl;
  close(): Promise<void>;
}

function createRepository(api: GitHubApi, owner: string, name: string, files: Record<string, string>, clock: () => Date): RepoControl {
  const key = `${owner}/${name}`.toLowerCase();
  if (api.repos.has(key)) throw new Error(`repository ${owner}/${name} already exists in the GitHub emulator`);
  const state = new Repository(owner, name, clock);
  state.commitFiles(state.defaultBranch, { 'README.md': `# ${name}\n`, ...files }, 'Initial commit');
  api.repos.set(key, state);
  return new RepoControl(state);
}

/** Starts the emulator with its preset repository and token. */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'app';
  const token = options.token ?? 'ghs_emulator_token';
  const clock = options.clock ?? ((): Date => new Date());
  const api = new GitHubApi();
  api.latencyMs = options.latencyMs ?? 0;
  for (const register of [registerRepoRoutes, registerGitRoutes, registerContentsRoutes, registerPullRoutes, registerIssueRoutes, registerDeploymentRoutes]) {
    register(api);
  }
  api.tokens.add(token, options.permissions);
  const preset = createRepository(api, owner, repo, options.files ?? {}, clock);
  const server = await startServer(api.listener, options.port === undefined ? {} : { port: options.port });
  // Let clients close idle keep-alive sockets first: with Node's 5 s default a
  // busy or paused event loop lets a client reuse a socket the server is
  // closing (ECONNRESET).
  server.server.keepAliveTimeout = 30_000;
  api.urls = new Urls(server.url, options.htmlUrl ?? 'https://github.com');

  // The emulator object is the preset repository's control plus the server's own handles.
  const emulator = Object.assign(preset, {
    url: server.url,
    owner,
    repo,
    token,
    faults: api.faults,
    answers: api.answers,
    requests: api.requests,
    addToken: (t: string, permissions?: TokenPermissions, login?: string): void => api.tokens.add(t, permissions, login),
    removeToken: (t: string): void => api.tokens.remove(t),
    addRepository: (o: string, n: string, files: Record<string, string> = {}): RepoControl => createRepository(api, o, n, files, clock),
    repository: (fullName?: string): RepoControl => {
      if (fullName === undefined) return preset;
      const state = api.repos.get(fullName.toLowerCase());
      if (!state) throw new Error(`repository ${fullName} is not in the GitHub emulator (have: ${[...api.repos.keys()].join(', ')})`);
      return new RepoControl(state);
    },
    close: (): Promise<void> => server.close(),
  });
  return emulator;
}
