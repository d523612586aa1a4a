// Waiting for rollouts with watches (no sleep-polling): one watch per workload kind, one on the
// pods and one on the namespace's events, each event judged at once with kubectl's rules. The
// watches open before the workloads are applied, and each workload is judged from the moment its
// apply returns (never on a status older than its new generation), so readiness is noticed as
// soon as the API server reports it, even while other objects are still applied. What keeps a
// workload from becoming ready is explained in one line (explain.ts); with fail-fast, a failure
// that cannot get better fails it at once: checked against the cluster where the words alone do
// not tell (is the named ServiceAccount or ConfigMap still missing? is the pod bigger than any node?).
import { formatDuration } from '../../shared/core/duration.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { watchObjects } from '../../shared/kube/watch.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { explainEvent, explainPod, explainReplicaFailure, explainUnready, oneLine, quantity, type Explanation } from './explain.ts';
import { at, displayName, text, typeKey } from './objects.ts';
import { isCurrentPod, readiness } from './readiness.ts';

/** How one workload's rollout ended. */
export interface RolloutResult {
  kind: string;
  name: string;
  /** `stopped`: not waited for any longer because another workload failed first. */
  state: 'ready' | 'failed' | 'timeout' | 'stopped';
  message: string;
  /** From its apply until the outcome was noticed. */
  seconds: number;
  /** When the outcome was noticed (ISO 8601 with milliseconds). */
  at: string;
}

/** How {@link watchRollouts} watches. */
export interface WaitOptions {
  client: KubeClient;
  namespace: string;
  /** Label selector of the apply set (workloads and their pods carry it). */
  selector: string;
  /** Fail a workload as soon as what keeps it from becoming ready cannot get better (ImagePullBackOff, CrashLoopBackOff, a missing ServiceAccount, ...). */
  failFast: boolean;
  logger: Logger;
  /** How often to log what is still waited for (default 15 s). */
  progressEveryMs?: number;
}

/** What the wait saw last, for diagnosis. */
export interface WaitOutcome {
  results: RolloutResult[];
  /** The last state of each workload, by `Kind/name`. */
  workloads: Map<string, KubeObject>;
}

/** Rollouts being watched. */
export interface RolloutWatch {
  /** The workload was applied: judge it from now on, on statuses of at least this generation. */
  arm(applied: KubeObject): void;
  /** Waits (up to `timeoutMs` from now) until every workload is ready, one fails, or time runs out. */
  wait(timeoutMs: number): Promise<WaitOutcome>;
  /** Stops watching without a result (the apply failed). */
  cancel(): Promise<void>;
}

interface Entry {
  target: KubeObject;
  live?: KubeObject;
  /** Set once the workload was applied: its generation then, and when. */
  armed?: { generation: number; at: number };
  result?: RolloutResult;
  last: string;
  /** What keeps it from becoming ready, as last seen. */
  why?: Explanation;
}

/** How long after the first workload is applied the namespace's events are watched too. */
const EVENTS_AFTER_MS = 1000;

/** The API group/version of the kinds a missing-object check looks up. */
const LOOKUP_VERSIONS: Record<string, string> = { ServiceAccount: 'v1', ConfigMap: 'v1', Secret: 'v1', SecretProviderClass: 'secrets-store.csi.x-k8s.io/v1' };

/** Cluster lookups that tell whether a failure can still get better, cached for a short while. */
function clusterFacts(
  client: KubeClient,
  namespace: string,
): {
  stillMissing: (m: NonNullable<Explanation['missing']>) => Promise<boolean>;
  biggerThanAnyNode: (r: NonNullable<Explanation['requests']>) => Promise<boolean>;
} {
  const lookups = new Map<string, { at: number; missing: Promise<boolean> }>();
  let nodes: Promise<{ cpu: number; memory: number } | undefined> | undefined;
  return {
    stillMissing(m) {
      const key = `${m.kind}/${m.name}`;
      const cached = lookups.get(key);
      if (cached && Date.now() - cached.at < 2000) return cached.missing;
      const missing = client.get({ apiVersion: LOOKUP_VERSIONS[m.kind] ?? 'v1', kind: m.kind, metadata: { name: m.name, namespace } }).then(
        (found) => found === undefined,
        () => false,
      );
      lookups.set(key, { at: Date.now(), missing });
      return missing;
    },
    async biggerThanAnyNode(r) {
      // Listing nodes needs a cluster-wide read; without it, an unschedulable pod is waited for.
      nodes ??= client.list('v1', 'Node').then(
        ({ items }) =>
          items.length === 0
            ? undefined
            : {
                cpu: Math.max(...items.map((n) => quantity(at(n, 'status.allocatable.cpu')))),
                memory: Math.max(...items.map((n) => quantity(at(n, 'status.allocatable.memory')))),
              },
        () => undefined,
      );
      const largest = await nodes;
      return largest !== undefined && (r.cpu > largest.cpu || r.memory > largest.memory);
    },
  };
}

/** An event's time in ms (its last occurrence). */
function eventTime(event: KubeObject): number {
  return Date.parse(text(event['lastTimestamp'], text(event['eventTime'], text(event['firstTimestamp'])))) || 0;
}

/** Opens the watches for these workloads; nothing is judged until {@link RolloutWatch.arm}. */
export function watchRollouts(targets: readonly KubeObject[], options: WaitOptions): RolloutWatch {
  const entries = new Map<string, Entry>(targets.map((target) => [displayName(target), { target, last: 'waiting for the first status' }]));
  const pods = new Map<string, KubeObject>();
  /** Warning events by the uid of the object they are about. */
  const warnings = new Map<string, KubeObject[]>();
  /** The kubelet's last pull error by pod and container (ImagePullBackOff's own message only says "Back-off"). */
  const pullErrors = new Map<string, Map<string, string>>();
  const facts = clusterFacts(options.client, options.namespace);
  const controller = new AbortController();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  // Outcomes noticed while objects are still being applied are logged when the wait starts.
  let held: (() => void)[] | undefined = [];
  const log = (write: () => void): void => {
    if (held) held.push(write);
    else write();
  };
  const open = (): Entry[] => [...entries.values()].filter((e) => e.result === undefined);
  /** The live object, once it is at least as new as what was applied. */
  const current = (entry: Entry): KubeObject | undefined =>
    entry.armed !== undefined && entry.live !== undefined && (entry.live.metadata?.generation ?? 0) >= entry.armed.generation ? entry.live : undefined;
  const because = (entry: Entry): string => (entry.why ? `; ${oneLine(entry.why)}` : '');

  const settle = (entry: Entry, state: RolloutResult['state'], message: string): void => {
    const now = Date.now();
    const since = entry.armed?.at ?? now;
    entry.result = {
      kind: entry.target.kind ?? '',
      name: entry.target.metadata?.name ?? '',
      state,
      message,
      seconds: (now - since) / 1000,
      at: new Date(now).toISOString(),
    };
    const verb = { ready: 'is ready', failed: 'failed', timeout: 'timed out', stopped: 'was not waited for any longer' }[state];
    const line = `${displayName(entry.target)} ${verb} after ${formatDuration(now - since)}: ${message}`;
    log(() => (state === 'failed' || state === 'timeout' ? options.logger.error(line) : options.logger.info(line)));
    // The run fails anyway: report the others that are already stuck too, and stop waiting for the rest.
    if (state === 'failed' && !stopping) {
      stopping = true;
      for (const other of open()) evaluate(other);
      for (const other of open()) settle(other, 'stopped', `another workload failed first; last seen: ${other.last}${because(other)}`);
    }
    if (open().length === 0) finish();
  };

  /** Everything that explains why this workload's rollout is not done: its own failures, then its current pods'. */
  const explanations = (entry: Entry, live: KubeObject): Explanation[] => {
    const since = (entry.armed?.at ?? 0) - 2000;
    const fresh = (uid: string | undefined): KubeObject[] => (warnings.get(uid ?? '') ?? []).filter((e) => eventTime(e) >= since);
    const found: Explanation[] = [];
    const add = (e: Explanation | undefined): void => {
      if (e) found.push(e);
    };
    if (live.kind === 'Deployment') add(explainReplicaFailure(live));
    for (const event of fresh(live.metadata?.uid)) add(explainEvent(event));
    const unready: Explanation[] = [];
    for (const pod of pods.values()) {
      if (!isCurrentPod(live, pod)) continue;
      add(explainPod(pod, pullErrors.get(pod.metadata?.uid ?? '')));
      for (const event of fresh(pod.metadata?.uid)) add(explainEvent(event));
      const quiet = explainUnready(pod);
      if (quiet) unready.push(quiet);
    }
    // Running but not ready, with no event saying why (yet): better than nothing.
    if (found.length === 0) found.push(...unready.slice(0, 1));
    // Failures that cannot get better first, readiness probes (which may) last.
    return found.sort((a, b) => Number(b.final) - Number(a.final) || Number(a.object.includes('not ready')) - Number(b.object.includes('not ready')));
  };

  /** With fail-fast: fails the entry on a failure that cannot get better (checking the cluster where needed). */
  const failFast = (entry: Entry, live: KubeObject, found: readonly Explanation[]): void => {
    // Pods of the older rollout still going away free quota for the new ones.
    const oldPods = live.kind === 'Deployment' && Number(at(live, 'status.replicas') ?? 0) > Number(at(live, 'status.updatedReplicas') ?? 0);
    const final = found.find((e) => e.final && !(e.unlessOldPods === true && oldPods));
    if (final) return settle(entry, 'failed', oneLine(final));
    for (const candidate of found) {
      const check = candidate.missing ? facts.stillMissing(candidate.missing) : candidate.requests ? facts.biggerThanAnyNode(candidate.requests) : undefined;
      void check?.then((hopeless) => {
        if (hopeless && entry.result === undefined) settle(entry, 'failed', oneLine(candidate));
      });
    }
  };

  const evaluate = (entry: Entry): void => {
    const live = current(entry);
    if (entry.result !== undefined || live === undefined) return;
    const state = readiness(live);
    entry.last = state.message;
    if (state.done) return settle(entry, 'ready', state.message);
    const found = explanations(entry, live);
    entry.why = found[0] ?? entry.why;
    if (state.failed !== undefined) return settle(entry, 'failed', `${state.failed}: ${state.message}${because(entry)}`);
    if (options.failFast) failFast(entry, live, found);
  };

  const onError = (error: unknown): void => options.logger.debug(`watch reconnecting: ${describeKubeError(error)}`);
  const watch = (
    apiVersion: string,
    kind: string,
    onEvent: (type: string, obj: KubeObject) => void,
    labelSelector: string | undefined = options.selector,
  ): Promise<void> =>
    watchObjects(options.client, {
      apiVersion,
      kind,
      namespace: options.namespace,
      ...(labelSelector ? { labelSelector } : {}),
      signal: controller.signal,
      onError,
      onEvent,
    });
  const kinds = new Map(targets.map((t) => [typeKey(t), { apiVersion: t.apiVersion ?? '', kind: t.kind ?? '' }]));
  const watches = [...kinds.values()].map(({ apiVersion, kind }) =>
    watch(apiVersion, kind, (type, obj) => {
      const entry = entries.get(displayName({ kind, metadata: obj.metadata ?? {} }));
      if (!entry) return;
      entry.live = type === 'DELETED' ? undefined : obj;
      evaluate(entry);
    }),
  );
  // Only the entries this pod (or event) may concern are judged again.
  const concerned = (uid: string | undefined, pod?: KubeObject): void => {
    for (const entry of open()) {
      const live = current(entry);
      if (live && (live.metadata?.uid === uid || (pod !== undefined && isCurrentPod(live, pod)))) evaluate(entry);
    }
  };
  watches.push(
    watch('v1', 'Pod', (type, pod) => {
      const uid = pod.metadata?.uid ?? '';
      if (type === 'DELETED') return void pods.delete(uid);
      pods.set(uid, pod);
      const statuses = at(pod, 'status.containerStatuses');
      for (const status of Array.isArray(statuses) ? statuses : []) {
        if (at(status, 'state.waiting.reason') !== 'ErrImagePull') continue;
        const errors = pullErrors.get(uid) ?? new Map<string, string>();
        errors.set(text(at(status, 'name')), text(at(status, 'state.waiting.message')));
        pullErrors.set(uid, errors);
      }
      concerned(undefined, pod);
    }),
  );
  // Events carry no labels: the namespace's Warning events, matched to workloads and pods by uid.
  // Most rollouts finish without one, so the watch opens only once a workload has waited a while
  // (it starts with every event the namespace holds, so nothing said before is missed).
  let eventsWatch: NodeJS.Timeout | undefined;
  const watchEvents = (): void => {
    if (controller.signal.aborted || open().length === 0) return;
    watches.push(
      watch(
        'v1',
        'Event',
        (type, event) => {
          if (type === 'DELETED' || event['type'] !== 'Warning') return;
          const uid = text(at(event, 'involvedObject.uid'));
          const list = (warnings.get(uid) ?? []).filter((e) => e.metadata?.name !== event.metadata?.name);
          warnings.set(uid, [...list, event].slice(-20));
          concerned(
            uid,
            [...pods.values()].find((p) => p.metadata?.uid === uid),
          );
        },
        '',
      ),
    );
  };
  const stop = async (): Promise<void> => {
    clearTimeout(eventsWatch);
    controller.abort();
    await Promise.all(watches);
  };

  return {
    arm(applied) {
      const entry = entries.get(displayName(applied));
      if (!entry || entry.armed) return;
      entry.armed = { generation: applied.metadata?.generation ?? 0, at: Date.now() };
      eventsWatch ??= setTimeout(watchEvents, EVENTS_AFTER_MS);
      evaluate(entry);
    },
    async wait(timeoutMs) {
      for (const write of held ?? []) write();
      held = undefined;
      for (const entry of entries.values()) entry.armed ??= { generation: 0, at: Date.now() };
      eventsWatch ??= setTimeout(watchEvents, EVENTS_AFTER_MS);
      for (const entry of open()) evaluate(entry);
      const timeout = setTimeout(() => {
        for (const entry of open()) settle(entry, 'timeout', `not ready within ${formatDuration(timeoutMs)}: ${entry.last}${because(entry)}`);
      }, timeoutMs);
      const progress = setInterval(() => {
        for (const entry of open()) options.logger.info(`Waiting for ${displayName(entry.target)}: ${entry.last}${because(entry)}`);
      }, options.progressEveryMs ?? 15_000);
      if (open().length === 0) finish();
      try {
        await finished;
      } finally {
        clearTimeout(timeout);
        clearInterval(progress);
        await stop();
      }
      const workloads = new Map<string, KubeObject>();
      for (const [key, entry] of entries) if (entry.live) workloads.set(key, entry.live);
      return { results: [...entries.values()].map((e) => e.result).filter((r): r is RolloutResult => r !== undefined), workloads };
    },
    cancel: stop,
  };
}
