// Waiting for rollouts with watches (no sleep-polling): one watch per workload kind (and one on
// the pods, to fail fast) in the branch namespace, each event judged at once with kubectl's
// rules. The watches open before the workloads are applied, and each workload is judged from
// the moment its apply returns (never on a status older than its new generation), so readiness
// is noticed as soon as the API server reports it, even while other objects are still applied.
import { formatDuration } from '../../shared/duration.ts';
import { describeKubeError, watchObjects, type KubeClient, type KubeObject } from '../../shared/kube.ts';
import type { Logger } from '../../shared/logger.ts';
import { displayName, typeKey } from './objects.ts';
import { isCurrentPod, readiness, stuckContainers } from './readiness.ts';

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
  /** Fail a workload as soon as one of its current pods is stuck (ImagePullBackOff, CrashLoopBackOff, ...). */
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
}

/** Opens the watches for these workloads; nothing is judged until {@link RolloutWatch.arm}. */
export function watchRollouts(targets: readonly KubeObject[], options: WaitOptions): RolloutWatch {
  const entries = new Map<string, Entry>(targets.map((target) => [displayName(target), { target, last: 'waiting for the first status' }]));
  const pods = new Map<string, KubeObject>();
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

  const settle = (entry: Entry, state: RolloutResult['state'], message: string): void => {
    const now = Date.now();
    const since = entry.armed?.at ?? now;
    entry.result = { kind: entry.target.kind ?? '', name: entry.target.metadata?.name ?? '', state, message, seconds: (now - since) / 1000, at: new Date(now).toISOString() };
    const verb = { ready: 'is ready', failed: 'failed', timeout: 'timed out', stopped: 'was not waited for any longer' }[state];
    const line = `${displayName(entry.target)} ${verb} after ${formatDuration(now - since)}: ${message}`;
    log(() => (state === 'failed' || state === 'timeout' ? options.logger.error(line) : options.logger.info(line)));
    // The run fails anyway: report the others that are already stuck too, and stop waiting for the rest.
    if (state === 'failed' && !stopping) {
      stopping = true;
      for (const other of open()) evaluate(other);
      for (const other of open()) settle(other, 'stopped', `another workload failed first; last seen: ${other.last}`);
    }
    if (open().length === 0) finish();
  };

  /** Fails the entry when this pod of its current rollout is stuck; true when it did. */
  const checkPod = (entry: Entry, pod: KubeObject): boolean => {
    const live = current(entry);
    if (entry.result !== undefined || live === undefined || !isCurrentPod(live, pod)) return false;
    const stuck = stuckContainers(pod)[0];
    if (stuck) settle(entry, 'failed', `pod ${pod.metadata?.name ?? ''}: container ${stuck.container} is in ${stuck.reason}${stuck.message ? ` (${stuck.message})` : ''}`);
    return stuck !== undefined;
  };

  const evaluate = (entry: Entry): void => {
    const live = current(entry);
    if (entry.result !== undefined || live === undefined) return;
    const state = readiness(live);
    entry.last = state.message;
    if (state.done) return settle(entry, 'ready', state.message);
    if (state.failed !== undefined) return settle(entry, 'failed', `${state.failed}: ${state.message}`);
    if (options.failFast) for (const pod of pods.values()) if (checkPod(entry, pod)) return;
  };

  const onError = (error: unknown): void => options.logger.debug(`watch reconnecting: ${describeKubeError(error)}`);
  const watch = (apiVersion: string, kind: string, onEvent: (type: string, obj: KubeObject) => void): Promise<void> =>
    watchObjects(options.client, { apiVersion, kind, namespace: options.namespace, labelSelector: options.selector, signal: controller.signal, onError, onEvent });
  const kinds = new Map(targets.map((t) => [typeKey(t), { apiVersion: t.apiVersion ?? '', kind: t.kind ?? '' }]));
  const watches = [...kinds.values()].map(({ apiVersion, kind }) =>
    watch(apiVersion, kind, (type, obj) => {
      const entry = entries.get(displayName({ kind, metadata: obj.metadata ?? {} }));
      if (!entry) return;
      entry.live = type === 'DELETED' ? undefined : obj;
      evaluate(entry);
    }),
  );
  if (options.failFast) {
    watches.push(
      watch('v1', 'Pod', (type, pod) => {
        const name = pod.metadata?.name ?? '';
        if (type === 'DELETED') return void pods.delete(name);
        pods.set(name, pod);
        // Only this pod changed: check it against each workload still waited for.
        if (stuckContainers(pod).length > 0) for (const entry of open()) if (checkPod(entry, pod)) break;
      }),
    );
  }
  const stop = async (): Promise<void> => {
    controller.abort();
    await Promise.all(watches);
  };

  return {
    arm(applied) {
      const entry = entries.get(displayName(applied));
      if (!entry || entry.armed) return;
      entry.armed = { generation: applied.metadata?.generation ?? 0, at: Date.now() };
      evaluate(entry);
    },
    async wait(timeoutMs) {
      for (const write of held ?? []) write();
      held = undefined;
      for (const entry of entries.values()) entry.armed ??= { generation: 0, at: Date.now() };
      for (const entry of open()) evaluate(entry);
      const timeout = setTimeout(() => {
        for (const entry of open()) settle(entry, 'timeout', `not ready within ${formatDuration(timeoutMs)}: ${entry.last}`);
      }, timeoutMs);
      const progress = setInterval(() => {
        for (const entry of open()) options.logger.info(`Waiting for ${displayName(entry.target)}: ${entry.last}`);
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
