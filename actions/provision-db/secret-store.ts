// Where the suite keeps a branch role's password between runs: the Kubernetes Secret that
// deploy-overlay writes into the branch namespace from provision-db's `password` output.
// provision-db reads it back on a re-run (with a kubeconfig) instead of changing the
// password under running pods, through the suite's one Kubernetes client (shared/kube/client.ts).
import { UserError } from '../../shared/core/errors.ts';
import { checkMark, markRefusal, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { createKubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { retry } from '../../shared/core/retry.ts';
import type { Deadline } from '../../shared/core/deadline.ts';

/** Reads the password the suite keeps for the role. */
export interface PasswordStore {
  /** Where, for messages: `Secret feature-x/database-credentials (key PGPASSWORD)`. */
  describe: string;
  /** The stored password; undefined when the Secret or its key does not exist. */
  read(): Promise<string | undefined>;
}

/** Where the Secret is and how to reach the cluster. */
export interface SecretLocation {
  namespace: string;
  name: string;
  key: string;
  /** Kubeconfig YAML (the `kubeconfig` input). */
  kubeconfig?: string | undefined;
  /** Kubeconfig file (`KUBECONFIG`, as azure/aks-set-context sets it). */
  kubeconfigPath?: string | undefined;
  /** The branch whose namespace it must be: a password is read only from a namespace whose exact mark names it. */
  owner: EnvironmentOwner;
}

/** A store reading the Secret through the cluster API; undefined when no kubeconfig is available. */
export async function kubeSecretStore(location: SecretLocation, deadline: Deadline, mask: (value: string) => void): Promise<PasswordStore | undefined> {
  if (location.kubeconfig === undefined && location.kubeconfigPath === undefined) return undefined;
  // loadKubeconfig masks every credential of the kubeconfig and merges a KUBECONFIG list as kubectl does.
  const loaded = await loadKubeconfig({
    ...(location.kubeconfig !== undefined ? { input: location.kubeconfig } : {}),
    env: { KUBECONFIG: location.kubeconfigPath },
    setSecret: mask,
  });
  const client = createKubeClient(loaded.connection, { setSecret: mask, retryDeadlineMs: 0 });
  const describe = `Secret ${location.namespace}/${location.name} (key ${location.key})`;
  return {
    describe,
    async read() {
      try {
        // Never hand one branch another's password: the namespace must be this branch's (exact mark).
        const namespace = await retry(
          () => client.get({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: location.namespace } }),
          deadline.retry(`Reading namespace ${location.namespace}`, 60_000),
        );
        const refusal = markRefusal(checkMark(namespace, location.owner), `The namespace ${location.namespace}`, location.owner);
        if (refusal !== undefined) {
          throw new UserError(`${refusal}; provision-db will not read the password kept there.`, {
            fix: 'Two branches must never share an environment: rename this branch, or check the `branch`, `namespace` and `namespace-prefix` inputs.',
          });
        }
        if (namespace === undefined) return undefined;
        const secret = await retry(
          () => client.get({ apiVersion: 'v1', kind: 'Secret', metadata: { name: location.name, namespace: location.namespace } }),
          deadline.retry(`Reading ${describe}`, 60_000),
        );
        const encoded = (secret?.['data'] as Record<string, string> | undefined)?.[location.key];
        if (encoded === undefined) return undefined;
        const value = Buffer.from(encoded, 'base64').toString('utf8');
        mask(value);
        return value === '' ? undefined : value;
      } catch (error: unknown) {
        const code = (error as { code?: unknown }).code;
        if (code === 401 || code === 403) {
          throw new UserError(`The cluster refused to let this job read ${describe} (HTTP ${code}).`, {
            fix: `Allow the kubeconfig's identity to \`get\` secrets in namespace ${location.namespace}, or leave \`kubeconfig\` empty and unset KUBECONFIG to rotate the password on every run instead.`,
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}
