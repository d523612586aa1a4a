// What deploy-overlay talks to: kustomize (through exec), the cluster, GitHub and the log.
import { exec } from '../../shared/core/exec.ts';
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import type { SetSecret } from '../../shared/core/secrets.ts';
import { createKubeClient, type KubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import type { Inputs } from './inputs.ts';
import type { Exec } from './render.ts';

/** deploy-overlay's clients; tests pass their own (a recording logger, a client pointed at the emulator). */
export interface Clients {
  logger: Logger;
  /** Runs kustomize (and kubectl kustomize). */
  exec: Exec;
  /** The cluster client (not called for `dry-run: client`); `signal` stops its calls when the run fails first. */
  connect: (signal?: AbortSignal) => Promise<KubeClient>;
  /** Masks secrets (default the runner's). */
  setSecret?: SetSecret;
  /** GitHub API base URL (default GITHUB_API_URL). */
  githubBaseUrl?: string;
}

/** The clients of a real run: the runner's log, `exec`, the cluster of `kubeconfig` (or KUBECONFIG). */
export function productionClients(inputs: Inputs): Clients {
  return { logger: actionsLogger, exec, connect: connectWith(inputs, actionsLogger) };
}

/** The default cluster client: kubeconfig from the input or KUBECONFIG, retries logged. */
export function connectWith(inputs: Inputs, logger: Logger, setSecret?: SetSecret): (signal?: AbortSignal) => Promise<KubeClient> {
  return async (signal) => {
    const loaded = await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), ...(setSecret ? { setSecret } : {}) });
    return createKubeClient(loaded.connection, {
      ...(setSecret ? { setSecret } : {}),
      ...(signal ? { signal } : {}),
      retryDeadlineMs: Math.min(30_000, inputs.timeoutMs),
      onRetry: (what, reason, delayMs) => logger.info(`Retrying ${what} in ${delayMs} ms: ${reason}`),
    });
  };
}
