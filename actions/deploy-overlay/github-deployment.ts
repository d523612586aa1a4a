// The optional GitHub deployment of the branch environment: created when the deploy starts
// (status in_progress), finished as success (with the environment URL, so the pull request
// shows it) or failure. GitHub trouble never fails the deploy itself: it is reported as a warning.
// Its `payload` carries the suite's mark (the exact branch and the repository), the only thing
// cleanup-branch accepts as proof that a deployment is the suite's and this branch's.
import { errorMessage, isUserError } from '../../shared/core/errors.ts';
import { deploymentPayload } from '../../shared/branch/ownership/deployment-marks.ts';
import { explainGitHubError, githubClient, type Octokit } from '../../shared/github/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { retry } from '../../shared/core/retry.ts';

/** Where and what to record. */
export interface DeploymentTarget {
  token: string;
  owner: string;
  repo: string;
  environment: string;
  /** The exact branch deployed (the naming function's `branch`); the payload mark records it. */
  ref: string;
  /** The job's log, linked from the deployment. */
  logUrl?: string;
  description: string;
  /** API base URL (default GITHUB_API_URL). */
  baseUrl?: string;
}

/** A started GitHub deployment. */
export interface GitHubDeployment {
  id: number;
  finish(state: 'success' | 'failure', description: string, environmentUrl?: string): Promise<void>;
}

function warn(logger: Logger, doing: string, error: unknown): void {
  const explained = explainGitHubError(error, doing);
  logger.warning(`GitHub deployment: ${isUserError(explained) ? explained.describe() : errorMessage(explained)}`);
}

const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => retry(fn, { deadlineMs: 20_000, initialDelayMs: 500, what });

/** Creates the deployment and marks it in progress; undefined (with a warning) when GitHub refuses. */
export async function startDeployment(target: DeploymentTarget, logger: Logger): Promise<GitHubDeployment | undefined> {
  let octokit: Octokit;
  let id: number;
  try {
    octokit = await githubClient(target.token, { userAgent: 'deploy-overlay', ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}) });
    const created = await call('creating the GitHub deployment', () =>
      octokit.rest.repos.createDeployment({
        owner: target.owner,
        repo: target.repo,
        ref: target.ref,
        environment: target.environment,
        auto_merge: false,
        required_contexts: [],
        transient_environment: true,
        production_environment: false,
        payload: deploymentPayload(target.ref, `${target.owner}/${target.repo}`),
        description: target.description.slice(0, 140),
      }),
    );
    if (!('id' in created.data)) {
      logger.warning(`GitHub deployment: not created (${created.data.message ?? 'no id returned'}).`);
      return undefined;
    }
    id = created.data.id;
  } catch (error: unknown) {
    warn(logger, `creating a deployment of ${target.ref} to environment ${target.environment}`, error);
    return undefined;
  }
  const status = async (state: 'in_progress' | 'success' | 'failure', description: string, environmentUrl?: string): Promise<void> => {
    try {
      await call('setting the GitHub deployment status', () =>
        octokit.rest.repos.createDeploymentStatus({
          owner: target.owner,
          repo: target.repo,
          deployment_id: id,
          state,
          description: description.slice(0, 140),
          ...(target.logUrl ? { log_url: target.logUrl } : {}),
          ...(environmentUrl ? { environment_url: environmentUrl } : {}),
          auto_inactive: true,
        }),
      );
    } catch (error: unknown) {
      warn(logger, `setting deployment ${id} to ${state}`, error);
    }
  };
  await status('in_progress', target.description);
  logger.info(`GitHub deployment ${id} to environment ${target.environment} started.`);
  return { id, finish: (state, description, environmentUrl) => status(state, description, environmentUrl) };
}
