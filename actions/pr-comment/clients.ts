// What pr-comment talks to: GitHub (made when there is a pull request to comment on) and the log.
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import { githubClient, type Octokit } from '../../shared/github/client.ts';
import type { Inputs } from './inputs.ts';

/** pr-comment's clients; tests pass ones pointed at the emulators. */
export interface Clients {
  logger: Logger;
  /** The GitHub client, made when first needed (not when the run is skipped). */
  github: () => Promise<Octokit>;
  /** The time shown as the last deploy (default now). */
  now?: Date;
  /** Where the run's link is read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The clients of a real run: an Octokit for `github-token` at GITHUB_API_URL, the runner's log. */
export function productionClients(inputs: Inputs): Clients {
  return { logger: actionsLogger, github: () => githubClient(inputs.token, { userAgent: 'pr-comment' }) };
}
