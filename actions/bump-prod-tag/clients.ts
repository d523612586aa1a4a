// What bump-prod-tag talks to: GitHub (made on first use; local mode never needs it), the
// registries (through fetch) and the log.
import type { Clock } from '../../shared/core/clock.ts';
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import { githubClient, type Octokit } from '../../shared/github/client.ts';
import type { Inputs } from './inputs.ts';

/** bump-prod-tag's clients; tests pass ones pointed at the emulators. */
export interface Clients {
  logger: Logger;
  /** The GitHub client, made when first needed (never in `local` mode). */
  github: () => Promise<Octokit>;
  /** Reaches the registries for `verify-images` (default the global fetch). */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Budget of the whole run, retries included (default 4 minutes). */
  deadlineMs?: number;
  /** Where the run's id is read from, for the link in the pull request (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The clients of a real run: an Octokit for the `token` input at GITHUB_API_URL, the runner's log. */
export function productionClients(inputs: Inputs): Clients {
  return { logger: actionsLogger, github: () => githubClient(inputs.token, { userAgent: 'bump-prod-tag' }) };
}
