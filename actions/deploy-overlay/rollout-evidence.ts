// What deploy-overlay's wait knows besides the workloads themselves, to say why a rollout is not
// done: PodSightings keeps what the pod and event watches saw (pods, Warning events, the kubelet's
// pull errors) and turns it into explanations (explain.ts) for a workload's current pods;
// ClusterFacts looks up whether a failure can still get better (is the named object still
// missing? is the pod bigger than any node?).
import type { KubeClient, KubeObject } from '../../shared/kube/client.ts';
import { isCurrentPod } from '../../shared/kube/readiness/registry.ts';
import { explainEvent, explainPod, explainReplicaFailure, explainUnready, quantity, type Explanation } from './explain.ts';
import { at, text } from '../../shared/core/json.ts';

/** A watch event's type. */
export type WatchEvent = 'ADDED' | 'MODIFIED' | 'DELETED';

/** How long a missing-object lookup is trusted. */
const LOOKUP_TTL_MS = 2000;

/** The API group/version of the kinds a missing-object check looks up. */
const LOOKUP_VERSIONS: Record<string, string> = { ServiceAccount: 'v1', ConfigMap: 'v1', Secret: 'v1', SecretProviderClass: 'secrets-store.csi.x-k8s.io/v1' };

/** Cluster lookups that tell whether a failure can still get better, cached for a short while. */
export class ClusterFacts {
  readonly #lookups = new Map<string, { at: number; missing: Promise<boolean> }>();
  #nodes: Promise<{ cpu: number; memory: number } | undefined> | undefined;
  readonly #client: KubeClient;
  readonly #namespace: string;

  constructor(client: KubeClient, namespace: string) {
    this.#client = client;
    this.#namespace = namespace;
  }

  /** Whether the ServiceAccount, ConfigMap, ... a pod waits for is still missing (a failed lookup says no). */
  stillMissing(m: NonNullable<Explanation['missing']>): Promise<boolean> {
    const key = `${m.kind}/${m.name}`;
    const cached = this.#lookups.get(key);
    if (cached && Date.now() - cached.at < LOOKUP_TTL_MS) return cached.missing;
    const missing = this.#client
      .get({ apiVersion: LOOKUP_VERSIONS[m.kind] ?? 'v1', kind: m.kind, metadata: { name: m.name, namespace: this.#namespace } })
      .then(
        (found) => found === undefined,
        () => false,
      );
    this.#lookups.set(key, { at: Date.now(), missing });
    return missing;
  }

  /** Whether a pod's requests exceed what the largest node can give. Listing nodes needs a cluster-wide read; without it, an unschedulable pod is waited for. */
  async biggerThanAnyNode(r: NonNullable<Explanation['requests']>): Promise<boolean> {
    this.#nodes ??= this.#client.list('v1', 'Node').then(
      ({ items }) =>
        items.length === 0
          ? undefined
          : {
              cpu: Math.max(...items.map((n) => quantity(at(n, 'status.allocatable.cpu')))),
              memory: Math.max(...items.map((n) => quantity(at(n, 'status.allocatable.memory')))),
            },
      () => undefined,
    );
    const largest = await this.#nodes;
    return largest !== undefined && (r.cpu > largest.cpu || r.memory > largest.memory);
  }
}

/** An event's time in ms (its last occurrence). */
function eventTime(event: KubeObject): number {
  return Date.parse(text(event['lastTimestamp'], text(event['eventTime'], text(event['firstTimestamp'])))) || 0;
}

/** Failures that cannot get better first, readiness probes (which may) last. */
function byUrgency(a: Explanation, b: Explanation): number {
  return Number(b.final) - Number(a.final) || Number(a.object.includes('not ready')) - Number(b.object.includes('not ready'));
}

/** What the pod and event watches saw: pods by uid, Warning events by the uid they are about, the kubelet's last pull errors. */
export class PodSightings {
  readonly #pods = new Map<string, KubeObject>();
  readonly #warnings = new Map<string, KubeObject[]>();
  /** The kubelet's last pull error by pod and container (ImagePullBackOff's own message only says "Back-off"). */
  readonly #pullErrors = new Map<string, Map<string, string>>();

  /** Records a pod event; returns the pod when it is still there. */
  seePod(type: WatchEvent, pod: KubeObject): KubeObject | undefined {
    const uid = pod.metadata?.uid ?? '';
    if (type === 'DELETED') return void this.#pods.delete(uid);
    this.#pods.set(uid, pod);
    const statuses = at(pod, 'status.containerStatuses');
    for (const status of Array.isArray(statuses) ? statuses : []) {
      if (at(status, 'state.waiting.reason') !== 'ErrImagePull') continue;
      const errors = this.#pullErrors.get(uid) ?? new Map<string, string>();
      errors.set(text(at(status, 'name')), text(at(status, 'state.waiting.message')));
      this.#pullErrors.set(uid, errors);
    }
    return pod;
  }

  /** Records a Warning event (the last 20 per object); returns the uid it is about, or undefined for other events. */
  seeEvent(type: WatchEvent, event: KubeObject): string | undefined {
    if (type === 'DELETED' || event['type'] !== 'Warning') return undefined;
    const uid = text(at(event, 'involvedObject.uid'));
    const list = (this.#warnings.get(uid) ?? []).filter((e) => e.metadata?.name !== event.metadata?.name);
    this.#warnings.set(uid, [...list, event].slice(-20));
    return uid;
  }

  podByUid(uid: string): KubeObject | undefined {
    return [...this.#pods.values()].find((p) => p.metadata?.uid === uid);
  }

  /** Everything that explains why this workload's rollout is not done (seen since `since` ms): its own failures, then its current pods'. */
  explain(live: KubeObject, since: number): Explanation[] {
    const fresh = (uid: string | undefined): KubeObject[] => (this.#warnings.get(uid ?? '') ?? []).filter((e) => eventTime(e) >= since);
    const found: Explanation[] = [];
    const add = (e: Explanation | undefined): void => {
      if (e) found.push(e);
    };
    if (live.kind === 'Deployment') add(explainReplicaFailure(live));
    for (const event of fresh(live.metadata?.uid)) add(explainEvent(event));
    const unready: Explanation[] = [];
    for (const pod of this.#pods.values()) {
      if (!isCurrentPod(live, pod)) continue;
      add(explainPod(pod, this.#pullErrors.get(pod.metadata?.uid ?? '')));
      for (const event of fresh(pod.metadata?.uid)) add(explainEvent(event));
      const quiet = explainUnready(pod);
      if (quiet) unready.push(quiet);
    }
    // Running but not ready, with no event saying why (yet): better than nothing.
    if (found.length === 0) found.push(...unready.slice(0, 1));
    return found.sort(byUrgency);
  }
}
