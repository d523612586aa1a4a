// Where the suite keeps a branch role's password between runs: the Kubernetes Secret that
// deploy-overlay writes into the branch namespace from provision-db's `password` output.
// provision-db reads it back on a re-run (with a kubeconfig) instead of changing the
// password under running pods. @kubernetes/client-node is loaded only when a kubeconfig is given.
import { UserError, errorMessage } from '../../shared/errors.ts';
import { retry } from '../../shared/retry.ts';
import type { Budget } from './budget.ts';

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
}

/** Kubeconfig fields that hold credentials. */
const CREDENTIAL_FIELDS = /^\s*-?\s*(token|client-key-data|client-certificate-data|password|access-token|refresh-token|id-token|client-secret|apiserver-id|secret)\s*:\s*["']?([^"'\s]+)["']?\s*$/;

/** Masks every credential in a kubeconfig (tokens, keys, passwords), not its harmless lines. */
export function maskKubeconfig(text: string, mask: (value: string) => void): void {
  for (const line of text.split(/\r?\n/)) {
    const value = CREDENTIAL_FIELDS.exec(line)?.[2];
    if (value !== undefined) mask(value);
  }
}

/** A store reading the Secret through the cluster API; undefined when no kubeconfig is available. */
export async function kubeSecretStore(location: SecretLocation, budget: Budget, mask: (value: string) => void): Promise<PasswordStore | undefined> {
  if (location.kubeconfig === undefined && location.kubeconfigPath === undefined) return undefined;
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  try {
    if (location.kubeconfig !== undefined) {
      maskKubeconfig(location.kubeconfig, mask);
      config.loadFromString(location.kubeconfig);
    } else if (location.kubeconfigPath !== undefined) {
      config.loadFromFile(location.kubeconfigPath);
    }
  } catch (error: unknown) {
    const source = location.kubeconfig !== undefined ? 'Input `kubeconfig`' : `KUBECONFIG (${JSON.stringify(location.kubeconfigPath)})`;
    throw new UserError(`${source} is not a usable kubeconfig: ${errorMessage(error)}.`, { fix: 'Pass the kubeconfig YAML of the cluster, or run azure/aks-set-context before this step.', cause: error });
  }
  const api = config.makeApiClient(k8s.CoreV1Api);
  const describe = `Secret ${location.namespace}/${location.name} (key ${location.key})`;
  return {
    describe,
    async read() {
      try {
        const secret = await retry(async () => {
          try {
            return await api.readNamespacedSecret({ name: location.name, namespace: location.namespace });
          } catch (error: unknown) {
            if ((error as { code?: unknown }).code === 404) return undefined;
            throw error;
          }
        }, budget.retry(`Reading ${describe}`, 60_000));
        const encoded = secret?.data?.[location.key];
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
