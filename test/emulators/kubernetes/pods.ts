// The scheduler's and kubelet's part of a pod's life, as the manifest decides it:
// 1. scheduled to a node whose free capacity fits its requests (else Pending, FailedScheduling);
// 2. after `readyDelayMs`, its volumes mounted (a missing ConfigMap/Secret/SecretProviderClass:
//    ContainerCreating and FailedMount), its images pulled (a refused pull: ErrImagePull, then
//    ImagePullBackOff), its containers' configuration built (a missing ConfigMap/Secret/key:
//    CreateContainerConfigError);
// 3. its containers run: a command that exits goes into CrashLoopBackOff with a restartCount and
//    the previous run's state (or fails the pod when it does not restart), a failing liveness
//    probe restarts it, a failing readiness probe keeps it running but never Ready.
// Events are recorded as kubelet and default-scheduler record them; logs.ts serves what ran.
import { createHash } from 'node:crypto';
import { containerSpecs, configError, mountError, probeFailure, programOf, type ContainerSpec } from './containers.ts';
import { recordEvent } from './events.ts';
import type { Kit } from './kit.ts';
import { hostIpOf, schedule } from './nodes.ts';
import { invalidImageName, type ImageRegistry } from './registry.ts';
import { clone, getPath, isRecord, str, timestamp, type KubeObject } from './types.ts';

/** What the kubelet remembers of a pod between reconciles. */
export interface PodRuntime {
  /** When its containers may be started (scheduling + readyDelayMs). */
  startAt: number;
  /** Pull attempts per container that failed so far. */
  pulls: Map<string, number>;
  /** Restarts per container, and when the next one is due. */
  restarts: Map<string, number>;
  nextRestartAt: number;
  startedAt: string;
  /** When to look at the pod again (its own status writes wake it up sooner; those are ignored). */
  dueAt: number;
}

/** The controllers' Kit with what the kubelet needs besides. */
export interface NodeKit extends Kit {
  images: ImageRegistry;
  runtime: Map<string, PodRuntime>;
}

/** Restart back-offs kept going (the status stops changing after this many restarts). */
const MAX_RESTARTS = 8;

function condition(type: string, ok: boolean, now: string, reason?: string, message?: string): Record<string, unknown> {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function podIp(uid: string, nodeIndex: number): string {
  const n = createHash('sha256').update(uid).digest();
  return `10.244.${nodeIndex}.${((n[1] ?? 0) % 250) + 2}`;
}

function imageId(image: string): string {
  return `${image.split(':')[0] ?? image}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

function qosClass(pod: KubeObject): string {
  const containers = containerSpecs(pod);
  const res = (c: ContainerSpec, kind: string, r: string): unknown => getPath(c.raw, `resources.${kind}.${r}`);
  const any = containers.some((c) => ['requests', 'limits'].some((k) => ['cpu', 'memory'].some((r) => res(c, k, r) !== undefined)));
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every((r) => res(c, 'limits', r) !== undefined && (res(c, 'requests', r) === undefined || res(c, 'requests', r) === res(c, 'limits', r))),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function event(kit: Kit, pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component = 'kubelet'): void {
  recordEvent(kit.store, pod, type, reason, message, component);
}

/** Not yet scheduled: bind it to a node, or leave it Pending with the scheduler's reason. */
function bind(kit: NodeKit, pod: KubeObject): void {
  const now = timestamp();
  const placement = schedule(kit.store, pod);
  const next = clone(pod);
  if ('unschedulable' in placement) {
    const status = { phase: 'Pending', conditions: [condition('PodScheduled', false, now, 'Unschedulable', placement.unschedulable)], qosClass: qosClass(pod) };
    const before = JSON.stringify(getPath(pod, 'status.conditions.0.message'));
    next.status = status;
    kit.writeIfChanged('pods', pod, next);
    if (before !== JSON.stringify(placement.unschedulable)) event(kit, pod, 'Warning', 'FailedScheduling', placement.unschedulable, 'default-scheduler');
    // The scheduler tries again when the cluster changes; here, every second.
    kit.after(1000, 'pods', pod.metadata.namespace, pod.metadata.name ?? '');
    return;
  }
  const hostIP = hostIpOf(kit.store, placement.node);
  next.spec = { ...(isRecord(pod.spec) ? pod.spec : {}), nodeName: placement.node };
  next.status = {
    phase: 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', false, now),
      condition('Initialized', true, now),
      condition(
        'Ready',
        false,
        now,
        'ContainersNotReady',
        `containers with unready status: [${containerSpecs(pod)
          .map((c) => c.name)
          .join(' ')}]`,
      ),
      condition(
        'ContainersReady',
        false,
        now,
        'ContainersNotReady',
        `containers with unready status: [${containerSpecs(pod)
          .map((c) => c.name)
          .join(' ')}]`,
      ),
      condition('PodScheduled', true, now),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: now,
    containerStatuses: containerSpecs(pod).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    })),
    qosClass: qosClass(pod),
  };
  kit.runtime.set(pod.metadata.uid ?? '', fresh(kit, now));
  kit.writeIfChanged('pods', pod, next);
  event(
    kit,
    pod,
    'Normal',
    'Scheduled',
    `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${placement.node}`,
    'default-scheduler',
  );
  kit.after(kit.options.readyDelayMs, 'pods', pod.metadata.namespace, pod.metadata.name ?? '');
}

/** One container's status, with the events of this step; `ready` and `running` for the pod's conditions. */
interface Step {
  status: Record<string, unknown>;
  running: boolean;
  ready: boolean;
  exited?: number;
  /** Reconcile again after this many ms. */
  again?: number;
}

function waiting(
  c: ContainerSpec,
  reason: string,
  message: string | undefined,
  restartCount = 0,
  lastState: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: c.name,
    image: c.image,
    imageID: '',
    ready: false,
    restartCount,
    started: false,
    state: { waiting: { reason, ...(message !== undefined ? { message } : {}) } },
    lastState,
  };
}

function stepContainer(kit: NodeKit, pod: KubeObject, rt: PodRuntime, c: ContainerSpec, restartAlways: boolean, ip: string, init = false): Step {
  const key = init ? `init:${c.name}` : c.name;
  const retry = Math.max(kit.options.readyDelayMs, 50);
  const invalid = invalidImageName(c.image);
  if (invalid) {
    event(kit, pod, 'Warning', 'InspectFailed', invalid);
    event(kit, pod, 'Warning', 'Failed', 'Error: InvalidImageName');
    return { status: waiting(c, 'InvalidImageName', invalid), running: false, ready: false };
  }
  const pullError = kit.images.pullError(c.image);
  if (pullError) {
    const attempts = (rt.pulls.get(key) ?? 0) + 1;
    rt.pulls.set(key, attempts);
    if (attempts === 1) {
      event(kit, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      event(kit, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pullError}`);
      event(kit, pod, 'Warning', 'Failed', 'Error: ErrImagePull');
      return { status: waiting(c, 'ErrImagePull', pullError), running: false, ready: false, again: retry };
    }
    event(kit, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
    event(kit, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    // The kubelet keeps trying, with a growing back-off; a registry that relents lets it through.
    return {
      status: waiting(c, 'ImagePullBackOff', `Back-off pulling image "${c.image}"`),
      running: false,
      ready: false,
      again: retry * Math.min(2 ** attempts, 64),
    };
  }
  if (!rt.pulls.has(key)) {
    rt.pulls.set(key, 0);
    event(kit, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    event(kit, pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in 412ms (412ms including waiting). Image size: 15728640 bytes.`);
  }
  const namespace = pod.metadata.namespace ?? '';
  const config = configError(kit.store, namespace, c);
  if (config) {
    event(kit, pod, 'Warning', 'Failed', `Error: ${config}`);
    return { status: waiting(c, 'CreateContainerConfigError', config), running: false, ready: false, again: retry * 4 };
  }
  const base = {
    name: c.name,
    image: c.image,
    imageID: imageId(c.image),
    containerID: `containerd://${createHash('sha256')
      .update(`${pod.metadata.uid ?? ''}/${c.name}`)
      .digest('hex')}`,
  };
  const program = programOf(c);
  const liveness = probeFailure(c, c.raw.livenessProbe, ip) ?? probeFailure(c, c.raw.startupProbe, ip);
  // A program that does not exit by itself: killed by a failing liveness probe, or run to completion in a pod that does not restart.
  // An init container runs to completion (exit 0) unless its command exits otherwise.
  const exit = program.exit ?? (liveness !== undefined && !init ? 137 : restartAlways && !init ? undefined : 0);
  const now = timestamp();
  const restarts = rt.restarts.get(key);
  if (restarts === undefined) {
    event(kit, pod, 'Normal', 'Created', `Created container: ${c.name}`);
    event(kit, pod, 'Normal', 'Started', `Started container ${c.name}`);
  }
  if (exit === undefined) {
    rt.restarts.set(key, restarts ?? 0);
    const readiness = probeFailure(c, c.raw.readinessProbe, ip);
    if (readiness !== undefined) event(kit, pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${readiness}`);
    return {
      status: {
        ...base,
        ready: readiness === undefined,
        restartCount: restarts ?? 0,
        started: true,
        state: { running: { startedAt: rt.startedAt } },
        lastState: {},
      },
      running: true,
      ready: readiness === undefined,
    };
  }
  const terminated = { exitCode: exit, reason: exit === 0 ? 'Completed' : 'Error', startedAt: rt.startedAt, finishedAt: now, containerID: base.containerID };
  if (!restartAlways || (init && exit === 0)) {
    rt.restarts.set(key, restarts ?? 0);
    return {
      status: { ...base, ready: exit === 0 && init, restartCount: restarts ?? 0, started: false, state: { terminated }, lastState: {} },
      running: false,
      ready: false,
      exited: exit,
    };
  }
  if (liveness !== undefined && program.exit === undefined) {
    event(kit, pod, 'Warning', 'Unhealthy', `Liveness probe failed: ${liveness}`);
    event(kit, pod, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`);
  }
  // The first run ended and the restarted one too: back-off from here, doubling as the kubelet does.
  const count = Math.max(1, restarts ?? 0);
  const due = Date.now() >= rt.nextRestartAt;
  const next = due && restarts !== undefined && count < MAX_RESTARTS ? count + 1 : count;
  rt.restarts.set(key, next);
  if (due) rt.nextRestartAt = Date.now() + kit.options.readyDelayMs * 2 ** next;
  event(
    kit,
    pod,
    'Warning',
    'BackOff',
    `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name ?? ''}_${namespace}(${pod.metadata.uid ?? ''})`,
  );
  const backoff = Math.min(10 * 2 ** (next - 1), 300);
  return {
    status: {
      ...base,
      ready: false,
      restartCount: next,
      started: false,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${backoff < 60 ? `${backoff}s` : `${Math.floor(backoff / 60)}m${backoff % 60 ? `${backoff % 60}s` : ''}`} restarting failed container=${c.name} pod=${pod.metadata.name ?? ''}_${namespace}(${pod.metadata.uid ?? ''})`,
        },
      },
      lastState: { terminated },
    },
    running: false,
    ready: false,
    again: next < MAX_RESTARTS ? Math.max(rt.nextRestartAt - Date.now(), 1) : undefined,
  };
}

/**
 * Runs the init containers in order, each to completion. While one has not completed (its image
 * cannot be pulled, its configuration built, or it exits non-zero: Init:CrashLoopBackOff, or a
 * failed pod when it does not restart), the pod stays Pending with its containers in
 * PodInitializing (written here, with when to look again); once all completed, their statuses.
 */
function initialize(
  kit: NodeKit,
  pod: KubeObject,
  rt: PodRuntime,
  ip: string,
  now: string,
): { blocked: true; again: number | undefined } | { blocked: false; statuses: Record<string, unknown>[] } {
  const inits = containerSpecs(pod, 'initContainers');
  if (inits.length === 0) return { blocked: false, statuses: [] };
  const restartNever = getPath(pod, 'spec.restartPolicy') === 'Never';
  const statuses: Record<string, unknown>[] = [];
  let blocked: { step: Step; name: string } | undefined;
  for (const c of inits) {
    if (blocked) {
      statuses.push(waiting(c, 'PodInitializing', undefined));
      continue;
    }
    const step = stepContainer(kit, pod, rt, c, !restartNever, ip, true);
    statuses.push(step.status);
    if (step.exited !== 0) blocked = { step, name: c.name };
  }
  if (!blocked) return { blocked: false, statuses };
  const next = clone(pod);
  const status = isRecord(pod.status) ? pod.status : {};
  const failed = restartNever && blocked.step.exited !== undefined;
  const names = containerSpecs(pod)
    .map((c) => c.name)
    .join(' ');
  next.status = {
    ...status,
    phase: failed ? 'Failed' : 'Pending',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [
      condition('PodReadyToStartContainers', true, now),
      condition('Initialized', false, now, 'ContainersNotInitialized', `containers with incomplete status: [${blocked.name}]`),
      condition('Ready', false, now, 'ContainersNotReady', `containers with unready status: [${names}]`),
      condition('ContainersReady', false, now, 'ContainersNotReady', `containers with unready status: [${names}]`),
      condition('PodScheduled', true, now),
    ],
    initContainerStatuses: statuses,
    containerStatuses: containerSpecs(pod).map((c) => waiting(c, 'PodInitializing', undefined)),
  };
  kit.writeIfChanged('pods', pod, next);
  return { blocked: true, again: failed ? undefined : blocked.step.again };
}

/** Scheduled and due: mount, pull, configure and run the containers; write what came of it. */
function run(kit: NodeKit, pod: KubeObject, rt: PodRuntime): number | undefined {
  const now = timestamp();
  const status = isRecord(pod.status) ? pod.status : {};
  const nodeName = str(getPath(pod, 'spec.nodeName')) ?? '';
  const ip = podIp(pod.metadata.uid ?? '', Math.max(0, Number(nodeName.slice(-1)) || 0));
  const mount = mountError(kit.store, pod, (secret) => void kit.createChild('secrets', secret));
  if (mount) {
    event(kit, pod, 'Warning', 'FailedMount', mount);
    return Math.max(kit.options.readyDelayMs, 50) * 4;
  }
  const restartAlways = (getPath(pod, 'spec.restartPolicy') ?? 'Always') === 'Always';
  const init = initialize(kit, pod, rt, ip, now);
  if (init.blocked) return init.again;
  const steps = containerSpecs(pod).map((c) => stepContainer(kit, pod, rt, c, restartAlways, ip));
  const ready = steps.every((s) => s.ready);
  const hasRun = (s: Step): boolean => s.running || s.exited !== undefined || getPath(s.status, 'lastState.terminated') !== undefined;
  const started = steps.some(hasRun);
  // Running once every container was started at least once; until then the pod is Pending.
  let phase = steps.every(hasRun) ? 'Running' : 'Pending';
  if (!restartAlways && steps.every((s) => s.exited !== undefined)) phase = steps.every((s) => s.exited === 0) ? 'Succeeded' : 'Failed';
  const unready = containerSpecs(pod)
    .filter((_, i) => !steps[i]?.ready)
    .map((c) => c.name);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const notReady = done ? 'PodCompleted' : 'ContainersNotReady';
  const unreadyMessage = done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const next = clone(pod);
  next.status = {
    ...status,
    phase,
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [
      condition('PodReadyToStartContainers', started || steps.some((s) => s.status.imageID !== ''), now),
      condition('Initialized', true, now),
      condition('Ready', ready, now, ready ? undefined : notReady, ready ? undefined : unreadyMessage),
      condition('ContainersReady', ready, now, ready ? undefined : notReady, ready ? undefined : unreadyMessage),
      condition('PodScheduled', true, now),
    ],
    ...(init.statuses.length > 0 ? { initContainerStatuses: init.statuses } : {}),
    containerStatuses: steps.map((s) => s.status),
  };
  kit.writeIfChanged('pods', pod, next);
  const waits = steps.map((s) => s.again).filter((ms): ms is number => ms !== undefined);
  return waits.length > 0 ? Math.min(...waits) : undefined;
}

function fresh(kit: NodeKit, now: string): PodRuntime {
  const startAt = Date.now() + kit.options.readyDelayMs;
  return { startAt, pulls: new Map(), restarts: new Map(), nextRestartAt: 0, startedAt: now, dueAt: startAt };
}

/** The pod lifecycle: schedule, wait readyDelayMs, then mount, pull, configure and run. */
export function reconcilePod(kit: NodeKit, pod: KubeObject): void {
  const phase = getPath(pod, 'status.phase');
  if (phase === 'Succeeded' || phase === 'Failed') return;
  if (!getPath(pod, 'spec.nodeName')) return bind(kit, pod);
  const uid = pod.metadata.uid ?? '';
  let rt = kit.runtime.get(uid);
  if (!rt) {
    // A pod bound before the emulator knew it (seeded): start its clock now.
    rt = fresh(kit, timestamp());
    kit.runtime.set(uid, rt);
  }
  if (Date.now() < rt.dueAt) {
    if (Number.isFinite(rt.dueAt)) kit.after(rt.dueAt - Date.now(), 'pods', pod.metadata.namespace, pod.metadata.name ?? '');
    return;
  }
  rt.dueAt = Infinity;
  const wait = run(kit, pod, rt);
  if (wait !== undefined) {
    rt.dueAt = Date.now() + wait;
    kit.after(wait, 'pods', pod.metadata.namespace, pod.metadata.name ?? '');
  }
}
