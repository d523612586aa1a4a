// Waiting for rollouts with watches (no sleep-polling): one watch per workload kind, one on the
// pods and one on the namespace's events, each event judged at once with the kind's readiness
// rule (shared/kube/readiness). The watches open before the workloads are applied, and each
// workload is judged from the moment its apply returns (never on a status older than its new
// generation), so readiness is noticed as soon as the API server reports it, even while other
// objects are still applied. What keeps a workload from becoming ready is explained in one line
// (explain.ts); with fail-fast, a failure that cannot get better fails it at once: checked against
// the cluster where the words alone do not tell (is the named ServiceAccount or ConfigMap still
// missing? is the pod bigger than any node?).
//
// RolloutWatcher keeps the rollouts (judging, settling, the wait itself); what the pod and event
// watches saw, and the cluster lookups, are in rollout-evidence.ts.
import { formatDuration } from '../../shared/core/duration.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { watchObjects } from '../../shared/kube/watch.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { isCurrentPod, olderPodsLeaving, readiness } from '../../shared/kube/readiness/registry.ts';
import { oneLine, type Explanation } from './explain.ts';
import { displayName, typeKey } from './objects.ts';
import { ClusterFacts, PodSightings, type WatchEvent } from './rollout-evidence.ts';

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

/** Events this long before a workload's apply still explain it. */
const EVENTS_BEFORE_APPLY_MS = 2000;

const VERBS: Record<RolloutResult['state'], string> = { ready: 'is ready', failed: 'failed', timeout: 'timed out', stopped: 'was not waited for any longer' };

/** The rollouts of a set of workloads, judged on every watch event. */
class RolloutWatcher implements RolloutWatch {
  readonly #entries: Map<string, Entry>;
  readonly #options: WaitOptions;
  readonly #seen = new PodSightings();
  readonly #facts: ClusterFacts;
  readonly #controller = new AbortController();
  readonly #watches: Promise<void>[] = [];
  readonly #finished: Promise<void>;
  #finish: () => void = () => undefined;
  #stopping = false;
  /** Outcomes noticed while objects are still being applied, logged when the wait starts. */
  #held: (() => void)[] | undefined = [];
  #eventsWatch: NodeJS.Timeout | undefined;

  constructor(targets: readonly KubeObject[], options: WaitOptions) {
    this.#options = options;
    this.#entries = new Map(targets.map((target) => [displayName(target), { target, last: 'waiting for the first status' }]));
    this.#facts = new ClusterFacts(options.client, options.namespace);
    this.#finished = new Promise<void>((resolve) => (this.#finish = resolve));
    const kinds = new Map(targets.map((t) => [typeKey(t), { apiVersion: t.apiVersion ?? '', kind: t.kind ?? '' }]));
    for (const { apiVersion, kind } of kinds.values()) this.#watch(apiVersion, kind, (type, obj) => this.#onWorkload(apiVersion, kind, type, obj));
    this.#watch('v1', 'Pod', (type, pod) => this.#onPod(type, pod));
  }

  arm(applied: KubeObject): void {
    const entry = this.#entries.get(displayName(applied));
    if (!entry || entry.armed) return;
    entry.armed = { generation: applied.metadata?.generation ?? 0, at: Date.now() };
    this.#eventsWatch ??= setTimeout(() => this.#watchEvents(), EVENTS_AFTER_MS);
    this.#evaluate(entry);
  }

  async wait(timeoutMs: number): Promise<WaitOutcome> {
    for (const write of this.#held ?? []) write();
    this.#held = undefined;
    for (const entry of this.#entries.values()) entry.armed ??= { generation: 0, at: Date.now() };
    this.#eventsWatch ??= setTimeout(() => this.#watchEvents(), EVENTS_AFTER_MS);
    for (const entry of this.#open()) this.#evaluate(entry);
    const timeout = setTimeout(() => this.#timeOut(timeoutMs), timeoutMs);
    const progress = setInterval(() => this.#logProgress(), this.#options.progressEveryMs ?? 15_000);
    if (this.#open().length === 0) this.#finish();
    try {
      await this.#finished;
    } finally {
      clearTimeout(timeout);
      clearInterval(progress);
      await this.#stop();
    }
    return this.#outcome();
  }

  cancel(): Promise<void> {
    return this.#stop();
  }

  async #stop(): Promise<void> {
    clearTimeout(this.#eventsWatch);
    this.#controller.abort();
    await Promise.all(this.#watches);
  }

  #outcome(): WaitOutcome {
    const workloads = new Map<string, KubeObject>();
    for (const [key, entry] of this.#entries) if (entry.live) workloads.set(key, entry.live);
    return { results: [...this.#entries.values()].map((e) => e.result).filter((r): r is RolloutResult => r !== undefined), workloads };
  }

  #timeOut(timeoutMs: number): void {
    for (const entry of this.#open()) this.#settle(entry, 'timeout', `not ready within ${formatDuration(timeoutMs)}: ${entry.last}${because(entry)}`);
  }

  #logProgress(): void {
    for (const entry of this.#open()) this.#options.logger.info(`Waiting for ${displayName(entry.target)}: ${entry.last}${because(entry)}`);
  }

  #log(write: () => void): void {
    if (this.#held) this.#held.push(write);
    else write();
  }

  /** The entries without an outcome yet. */
  #open(): Entry[] {
    return [...this.#entries.values()].filter((e) => e.result === undefined);
  }

  #settle(entry: Entry, state: RolloutResult['state'], message: string): void {
    const now = Date.now();
    const since = entry.armed?.at ?? now;
    const { kind = '', metadata } = entry.target;
    entry.result = { kind, name: metadata?.name ?? '', state, message, seconds: (now - since) / 1000, at: new Date(now).toISOString() };
    const line = `${displayName(entry.target)} ${VERBS[state]} after ${formatDuration(now - since)}: ${message}`;
    this.#log(() => (state === 'failed' || state === 'timeout' ? this.#options.logger.error(line) : this.#options.logger.info(line)));
    if (state === 'failed' && !this.#stopping) this.#stopOthers();
    if (this.#open().length === 0) this.#finish();
  }

  /** The run fails anyway: report the others that are already stuck too, and stop waiting for the rest. */
  #stopOthers(): void {
    this.#stopping = true;
    for (const other of this.#open()) this.#evaluate(other);
    for (const other of this.#open()) this.#settle(other, 'stopped', `another workload failed first; last seen: ${other.last}${because(other)}`);
  }

  /** Judges the entry on its live object (once that is at least as new as what was applied). */
  #evaluate(entry: Entry): void {
    const live = current(entry);
    if (entry.result !== undefined || live === undefined) return;
    const state = readiness(live);
    entry.last = state.message;
    if (state.done) return this.#settle(entry, 'ready', state.message);
    const found = this.#seen.explain(live, (entry.armed?.at ?? 0) - EVENTS_BEFORE_APPLY_MS);
    entry.why = found[0] ?? entry.why;
    if (state.failed !== undefined) return this.#settle(entry, 'failed', `${state.failed}: ${state.message}${because(entry)}`);
    if (this.#options.failFast) this.#failFast(entry, live, found);
  }

  /** With fail-fast: fails the entry on a failure that cannot get better (checking the cluster where needed). */
  #failFast(entry: Entry, live: KubeObject, found: readonly Explanation[]): void {
    // Pods of the older rollout still going away free quota for the new ones.
    const oldPods = olderPodsLeaving(live);
    const final = found.find((e) => e.final && !(e.unlessOldPods === true && oldPods));
    if (final) return this.#settle(entry, 'failed', oneLine(final));
    for (const candidate of found) {
      const check = candidate.missing
        ? this.#facts.stillMissing(candidate.missing)
        : candidate.requests
          ? this.#facts.biggerThanAnyNode(candidate.requests)
          : undefined;
      void check?.then((hopeless) => {
        if (hopeless && entry.result === undefined) this.#settle(entry, 'failed', oneLine(candidate));
      });
    }
  }

  #watch(apiVersion: string, kind: string, onEvent: (type: WatchEvent, obj: KubeObject) => void, labelSelector = this.#options.selector): void {
    const { client, namespace, logger } = this.#options;
    const onError = (error: unknown): void => logger.debug(`watch reconnecting: ${describeKubeError(error)}`);
    const selector = labelSelector ? { labelSelector } : {};
    this.#watches.push(watchObjects(client, { apiVersion, kind, namespace, ...selector, signal: this.#controller.signal, onError, onEvent }));
  }

  #onWorkload(apiVersion: string, kind: string, type: WatchEvent, obj: KubeObject): void {
    const entry = this.#entries.get(displayName({ kind, metadata: obj.metadata ?? {} }));
    if (!entry) return;
    // Judged by the rule of the watched kind, also if the server left the type out.
    entry.live = type === 'DELETED' ? undefined : obj.apiVersion && obj.kind ? obj : { apiVersion, kind, ...obj };
    this.#evaluate(entry);
  }

  #onPod(type: WatchEvent, pod: KubeObject): void {
    const seen = this.#seen.seePod(type, pod);
    if (seen) this.#concerned(undefined, seen);
  }

  /** Judges again only the entries this pod (or event about `uid`) may concern. */
  #concerned(uid: string | undefined, pod?: KubeObject): void {
    for (const entry of this.#open()) {
      const live = current(entry);
      if (live && (live.metadata?.uid === uid || (pod !== undefined && isCurrentPod(live, pod)))) this.#evaluate(entry);
    }
  }

  /**
   * Events carry no labels: the namespace's Warning events, matched to workloads and pods by uid.
   * Most rollouts finish without one, so the watch opens only once a workload has waited a while
   * (it starts with every event the namespace holds, so nothing said before is missed).
   */
  #watchEvents(): void {
    if (this.#controller.signal.aborted || this.#open().length === 0) return;
    const onEvent = (type: WatchEvent, event: KubeObject): void => {
      const uid = this.#seen.seeEvent(type, event);
      if (uid !== undefined) this.#concerned(uid, this.#seen.podByUid(uid));
    };
    this.#watch('v1', 'Event', onEvent, '');
  }
}

/** The live object, once it is at least as new as what was applied. */
function current(entry: Entry): KubeObject | undefined {
  return entry.armed !== undefined && entry.live !== undefined && (entry.live.metadata?.generation ?? 0) >= entry.armed.generation ? entry.live : undefined;
}

/** `; <why it is not ready>`, when known. */
function because(entry: Entry): string {
  return entry.why ? `; ${oneLine(entry.why)}` : '';
}

/** Opens the watches for these workloads; nothing is judged until {@link RolloutWatch.arm}. */
export function watchRollouts(targets: readonly KubeObject[], options: WaitOptions): RolloutWatch {
  return new RolloutWatcher(targets, options);
}
