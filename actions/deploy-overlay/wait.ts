// Waiting for rollouts with watches (no sleep-polling): one watch per workload kind (and one on
// the pods, to fail fast) in the branch namespace, each event judged at once with kubectl's
// rules, so readiness is noticed as soon as the API server reports it.
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
  /** From the start of the wait until the outcome was noticed. */
  seconds: number;
  /** When the outcome was noticed (ISO 8601 with milliseconds). */
  at: string;
}

/** How {@link waitForRollouts} waits. */
export interface WaitOptions {
  client: KubeClient;
  namespace: string;
  /** Label selector of the apply set (workloads and their pods carry it). */
  selector: string;
  timeoutMs: number;
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

interface Entry {
  target: KubeObject;
  live?: KubeObject;
  result?: RolloutResult;
  last: string;
}

/** Waits until every target is ready, one fails, or the timeout passes (then all unsettled time out). */
export async function waitForRollouts(targets: readonly KubeObject[], options: WaitOptions): Promise<WaitOutcome> {
  const started = Date.now();
  const entries = new Map<string, Entry>(targets.map((target) => [displayName(target), { target, last: 'waiting for the first status' }]));
  const pods = new Map<string, KubeObject>();
  const controller = new AbortController();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  const open = (): Entry[] => [...entries.values()].filter((e) => e.result === undefined);

  const settle = (entry: Entry, state: RolloutResult['state'], message: string): void => {
    const now = Date.now();
    entry.result = { kind: entry.target.kind ?? '', name: entry.target.metadata?.name ?? '', state, message, seconds: (now - started) / 1000, at: new Date(now).toISOString() };
    const verb = { ready: 'is ready', failed: 'failed', timeout: 'timed out', stopped: 'was not waited for any longer' }[state];
    const line = `${displayName(entry.target)} ${verb} after ${formatDuration(now - started)}: ${message}`;
    if (state === 'failed' || state === 'timeout') options.logger.error(line);
    else options.logger.info(line);
    // The run fails anyway: report the others that are already stuck too, and stop waiting for the rest.
    if (state === 'failed' && !stopping) {
      stopping = true;
      for (const other of open()) evaluate(other);
      for (const other of open()) settle(other, 'stopped', `another workload failed first; last seen: ${other.last}`);
    }
    if (open().length === 0) finish();
  };

  const evaluate = (entry: Entry): void => {
    if (entry.result !== undefined || entry.live === undefined) return;
    const state = readiness(entry.live);
    entry.last = state.message;
    if (state.done) return settle(entry, 'ready', state.message);
    if (state.failed !== undefined) return settle(entry, 'failed', `${state.failed}: ${state.message}`);
    if (!options.failFast) return;
    for (const pod of pods.values()) {
      if (!isCurrentPod(entry.live, pod)) continue;
      const stuck = stuckContainers(pod)[0];
      if (stuck) return settle(entry, 'failed', `pod ${pod.metadata?.name ?? ''}: container ${stuck.container} is in ${stuck.reason}${stuck.message ? ` (${stuck.message})` : ''}`);
    }
  };

  const onError = (error: unknown): void => options.logger.debug(`watch reconnecting: ${describeKubeError(error)}`);
  const kinds = new Map(targets.map((t) => [typeKey(t), { apiVersion: t.apiVersion ?? '', kind: t.kind ?? '' }]));
  const watches = [...kinds.values()].map(({ apiVersion, kind }) =>
    watchObjects(options.client, {
      apiVersion,
      kind,
      namespace: options.namespace,
      labelSelector: options.selector,
      signal: controller.signal,
      onError,
      onEvent: (type, obj) => {
        const entry = entries.get(displayName({ kind, metadata: obj.metadata ?? {} }));
        if (!entry) return;
        if (type === 'DELETED') entry.live = undefined;
        else entry.live = obj;
        evaluate(entry);
      },
    }),
  );
  if (options.failFast) {
    watches.push(
      watchObjects(options.client, {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: options.namespace,
        labelSelector: options.selector,
        signal: controller.signal,
        onError,
        onEvent: (type, pod) => {
          const name = pod.metadata?.name ?? '';
          if (type === 'DELETED') pods.delete(name);
          else pods.set(name, pod);
          for (const entry of open()) evaluate(entry);
        },
      }),
    );
  }
  const timeout = setTimeout(() => {
    for (const entry of open()) settle(entry, 'timeout', `not ready within ${formatDuration(options.timeoutMs)}: ${entry.last}`);
  }, options.timeoutMs);
  const progress = setInterval(() => {
    for (const entry of open()) options.logger.info(`Waiting for ${displayName(entry.target)}: ${entry.last}`);
  }, options.progressEveryMs ?? 15_000);
  if (entries.size === 0) finish();
  try {
    await finished;
  } finally {
    clearTimeout(timeout);
    clearInterval(progress);
    controller.abort();
    await Promise.all(watches);
  }
  const workloads = new Map<string, KubeObject>();
  for (const [key, entry] of entries) if (entry.live) workloads.set(key, entry.live);
  return { results: [...entries.values()].map((e) => e.result).filter((r): r is RolloutResult => r !== undefined), workloads };
}
