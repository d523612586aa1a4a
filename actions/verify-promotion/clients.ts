// What verify-promotion talks to: the cluster Argo CD runs in, GitHub (only for a rollback),
// production's endpoints (through verify-endpoints' own clients) and the log.
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import type { SetSecret } from '../../shared/core/secrets.ts';
import { setSecret } from '../../shared/core/workflow-commands.ts';
import { githubClient, type Octokit } from '../../shared/github/client.ts';
import { createKubeClient, type KubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import type { Inputs } from './inputs.ts';

/** verify-promotion's clients, each made when first needed; tests pass ones pointed at the emulators. */
export interface Clients {
  /** The Kubernetes client of the cluster Argo CD runs in. */
  kube: () => Promise<KubeClient>;
  /** The GitHub client (only asked for when a rollback pull request is opened). */
  github: () => Promise<Octokit>;
  logger: Logger;
  /** Masks credentials read from the kubeconfig and the endpoint checks. */
  setSecret: SetSecret;
}

/** The clients of a real run: the `kubeconfig` input (or KUBECONFIG), an Octokit for `token`, the runner's log. */
export function productionClients(inputs: Inputs): Clients {
  return {
    kube: async () =>
      createKubeClient((await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), setSecret })).connection, { setSecret }),
    github: () => githubClient(inputs.token),
    logger: actionsLogger,
    setSecret,
  };
}
