// What the API server's admission does to a pod a controller creates, and how the controller
// reports a refusal: LimitRanger (limitranger.ts), the ServiceAccount admission plugin (`error looking up service account
// ns/sa: serviceaccount "sa" not found`) and ResourceQuota (see quota.ts). A refused create
// leaves a `FailedCreate` Warning event on the owner in its controller's words, and no pod.
// Also what every new namespace gets from its controllers: the `default` ServiceAccount and the
// `kube-root-ca.crt` ConfigMap.
import { recordEvent } from './events.ts';
import type { Kit } from './kit.ts';
import { applyDefaults } from './defaults.ts';
import { applyLimitRangeDefaults, limitRangeRefusal } from './limitranger.ts';
import { quotaRefusal } from './quota.ts';
import { getPath, str, type KubeObject } from './types.ts';

/** The Forbidden message the API server answers a create of this pod with, or undefined when admitted. */
export function podAdmissionError(kit: Kit, pod: KubeObject, generateName?: string): string | undefined {
  const namespace = pod.metadata.namespace ?? '';
  // Decoding defaults the pod (requests from limits), then mutating admission: LimitRanger fills
  // defaults into `pod` (the caller creates it as changed), ServiceAccount checks the account.
  applyDefaults(pod, 'Pod', true);
  applyLimitRangeDefaults(kit.store, pod);
  const account = str(getPath(pod, 'spec.serviceAccountName')) ?? str(getPath(pod, 'spec.serviceAccount')) ?? 'default';
  // Mutating admission runs before the name is generated: the message names the generateName.
  if (!kit.store.peek('serviceaccounts', namespace, account)) {
    return `pods "${generateName ?? pod.metadata.name ?? ''}" is forbidden: error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`;
  }
  // Validating admission, after the name is generated: LimitRanger, then ResourceQuota.
  const refusal = limitRangeRefusal(kit.store, pod) ?? quotaRefusal(kit.store, pod);
  return refusal ? `pods "${pod.metadata.name ?? ''}" is forbidden: ${refusal}` : undefined;
}

/** The controller that creates pods for an owner kind, and how it words a failed create. */
const CREATORS: Record<string, { component: string; word: (owner: KubeObject, pod: KubeObject, error: string) => string }> = {
  ReplicaSet: { component: 'replicaset-controller', word: (_o, _p, error) => `Error creating: ${error}` },
  Job: { component: 'job-controller', word: (_o, _p, error) => `Error creating: ${error}` },
  DaemonSet: { component: 'daemonset-controller', word: (_o, _p, error) => `Error creating: ${error}` },
  StatefulSet: {
    component: 'statefulset-controller',
    word: (o, p, error) => `create Pod ${p.metadata.name ?? ''} in StatefulSet ${o.metadata.name ?? ''} failed error: ${error}`,
  },
};

/** The outcome of a controller's pod create: the pod, or the API server's refusal. */
export type PodCreate = { pod: KubeObject } | { error: string };

/**
 * Creates a pod for `owner` through admission. A refusal records `FailedCreate` on the owner
 * (and the controller tries again a second later, as its rate-limited queue would).
 */
export function createPod(kit: Kit, owner: KubeObject, pod: KubeObject, resource: string, generateName?: string): PodCreate {
  const error = podAdmissionError(kit, pod, generateName);
  if (error) {
    const creator = CREATORS[owner.kind ?? ''] ?? { component: 'controller', word: (_o: KubeObject, _p: KubeObject, e: string) => `Error creating: ${e}` };
    recordEvent(kit.store, owner, 'Warning', 'FailedCreate', creator.word(owner, pod, error), creator.component);
    kit.after(1000, resource, owner.metadata.namespace, owner.metadata.name ?? '');
    return { error };
  }
  return { pod: kit.createChild('pods', pod) };
}

const ROOT_CA = [
  '-----BEGIN CERTIFICATE-----',
  'MIIE6DCCAtCgAwIBAgIQHWsXJWA9Cf+Z2XkKJ5dYOzANBgkqhkiG9w0BAQsFADANMQswCQYDVQQDEwJjYTAgFw0yNjAx',
  'MDEwMDAwMDBaGA8yMDU2MDEwMTAwMDAwMFowDTELMAkGA1UEAxMCY2EwggIiMA0GCSqGSIb3DQEBAQUAA4ICDwAwggIK',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

/** The objects a namespace's controllers put in it at once: ServiceAccount `default`, ConfigMap `kube-root-ca.crt`. */
export function ensureNamespaceDefaults(kit: Kit, ns: KubeObject): void {
  const namespace = ns.metadata.name ?? '';
  if (ns.metadata.deletionTimestamp) return;
  if (!kit.store.peek('serviceaccounts', namespace, 'default')) {
    kit.createChild('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  }
  if (!kit.store.peek('configmaps', namespace, 'kube-root-ca.crt')) {
    kit.createChild('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace,
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
      data: { 'ca.crt': ROOT_CA },
    });
  }
}
