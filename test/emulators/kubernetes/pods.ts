// The kubelet's part: a new pod is scheduled to the one emulated node,
// waits `readyDelayMs`, then runs and turns ready, or fails as its image asks:
// a tag containing `fail-pull` sits in ImagePullBackOff, `crashloop` in
// CrashLoopBackOff (a pod that must not restart fails instead). Events are
// recorded as kubelet records them, and logs are made up to match.
import { createHash } from 'node:crypto';
import { NODE_NAME, recordEvent } from './events.ts';
import type { Kit } from './kit.ts';
import { badRequest } from './status.ts';
import { clone, getPath, isRecord, str, timestamp, type KubeObject } from './types.ts';

type Outcome = 'ok' | 'pull' | 'crash';

interface Container {
  name: string;
  image: string;
}

export function containersOf(pod: KubeObject): Container[] {
  const list = getPath(pod, 'spec.containers');
  return (Array.isArray(list) ? list : []).filter(isRecord).map((c) => ({ name: str(c.name) ?? '', image: str(c.image) ?? '' }));
}

/** What the image tag asks for: `fail-pull` or `crashloop` anywhere in it. */
export function outcomeOf(image: string): Outcome {
  const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : image;
  if (tag.includes('fail-pull')) return 'pull';
  if (tag.includes('crashloop')) return 'crash';
  return 'ok';
}

function condition(type: string, ok: boolean, now: string, reason?: string): Record<string, unknown> {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}) };
}

function imageId(image: string): string {
  return `${image.split(':')[0] ?? image}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

function podIp(uid: string): string {
  const n = createHash('sha256').update(uid).digest();
  return `10.244.${(n[0] ?? 0) % 250}.${((n[1] ?? 0) % 250) + 2}`;
}

/** Status of a pod that was just scheduled and is pulling its images. */
function pendingStatus(pod: KubeObject, now: string): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [condition('PodReadyToStartContainers', false, now), condition('Initialized', true, now), condition('Ready', false, now, 'ContainersNotReady'), condition('ContainersReady', false, now, 'ContainersNotReady'), condition('PodScheduled', true, now)],
    hostIP: '10.224.0.4',
    hostIPs: [{ ip: '10.224.0.4' }],
    startTime: now,
    containerStatuses: containersOf(pod).map((c) => ({ name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} })),
    qosClass: 'BestEffort',
  };
}

function containerStatus(c: Container, outcome: Outcome, terminal: boolean, now: string): Record<string, unknown> {
  const base = { name: c.name, image: c.image, imageID: outcome === 'pull' ? '' : imageId(c.image), containerID: outcome === 'pull' ? undefined : `containerd://${createHash('sha256').update(c.name + now).digest('hex')}` };
  if (outcome === 'pull') {
    return { ...base, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } }, lastState: {} };
  }
  if (outcome === 'crash') {
    const terminated = { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now, containerID: base.containerID };
    if (terminal) return { ...base, ready: false, restartCount: 0, started: false, state: { terminated }, lastState: {} };
    return { ...base, ready: false, restartCount: 2, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=${c.name}` } }, lastState: { terminated } };
  }
  if (terminal) return { ...base, ready: false, restartCount: 0, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, containerID: base.containerID } }, lastState: {} };
  return { ...base, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } }, lastState: {} };
}

/** Moves a pod from Pending to where its images take it, with kubelet's events. */
function start(kit: Kit, pod: KubeObject, status: Record<string, unknown>): void {
  const now = timestamp();
  const containers = containersOf(pod);
  const outcomes = containers.map((c) => outcomeOf(c.image));
  const runsToCompletion = getPath(pod, 'spec.restartPolicy') !== 'Always';
  const worst: Outcome = outcomes.includes('pull') ? 'pull' : outcomes.includes('crash') ? 'crash' : 'ok';
  const next = clone(pod);
  const ready = worst === 'ok' && !runsToCompletion;
  let phase = 'Running';
  if (worst === 'pull') phase = 'Pending';
  else if (runsToCompletion) phase = worst === 'ok' ? 'Succeeded' : 'Failed';
  next.status = {
    ...status,
    phase,
    podIP: podIp(pod.metadata.uid ?? ''),
    podIPs: [{ ip: podIp(pod.metadata.uid ?? '') }],
    conditions: [
      condition('PodReadyToStartContainers', worst !== 'pull', now),
      condition('Initialized', true, now),
      condition('Ready', ready, now, ready ? undefined : runsToCompletion ? 'PodCompleted' : 'ContainersNotReady'),
      condition('ContainersReady', ready, now, ready ? undefined : runsToCompletion ? 'PodCompleted' : 'ContainersNotReady'),
      condition('PodScheduled', true, now),
    ],
    containerStatuses: containers.map((c, i) => containerStatus(c, outcomes[i] ?? 'ok', runsToCompletion, now)),
  };
  kit.writeIfChanged('pods', pod, next);
  containers.forEach((c, i) => {
    const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => recordEvent(kit.store, pod, type, reason, message, 'kubelet');
    if (outcomes[i] === 'pull') {
      event('Warning', 'Failed', `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`);
      event('Warning', 'Failed', 'Error: ErrImagePull');
      event('Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
      event('Warning', 'Failed', 'Error: ImagePullBackOff');
      return;
    }
    event('Normal', 'Pulled', `Successfully pulled image "${c.image}" in 412ms (412ms including waiting). Image size: 15728640 bytes.`);
    event('Normal', 'Created', `Created container: ${c.name}`);
    event('Normal', 'Started', `Started container ${c.name}`);
    if (outcomes[i] === 'crash' && !runsToCompletion) {
      event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`);
    }
  });
}

/** The pod lifecycle: schedule, wait readyDelayMs, then start. */
export function reconcilePod(kit: Kit, pod: KubeObject): void {
  const key = `pod-ready:${pod.metadata.uid ?? ''}`;
  const status = isRecord(pod.status) ? pod.status : {};
  const again = (ms: number): void => kit.after(ms, 'pods', pod.metadata.namespace, pod.metadata.name ?? '');
  if (!status.phase) {
    const next = clone(pod);
    next.spec = { ...(isRecord(pod.spec) ? pod.spec : {}), nodeName: NODE_NAME };
    next.status = pendingStatus(pod, timestamp());
    kit.marks.set(key, Date.now() + kit.options.readyDelayMs);
    kit.writeIfChanged('pods', pod, next);
    recordEvent(kit.store, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${NODE_NAME}`, 'default-scheduler');
    for (const c of containersOf(pod)) recordEvent(kit.store, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet');
    again(kit.options.readyDelayMs);
    return;
  }
  const waiting = getPath(status, 'containerStatuses');
  const creating = Array.isArray(waiting) && waiting.some((c) => getPath(c, 'state.waiting.reason') === 'ContainerCreating');
  if (status.phase !== 'Pending' || !creating) return;
  const due = kit.marks.get(key);
  if (due === undefined) {
    kit.marks.set(key, Date.now() + kit.options.readyDelayMs);
    again(kit.options.readyDelayMs);
  } else if (Date.now() < due) {
    again(due - Date.now());
  } else {
    kit.marks.delete(key);
    start(kit, pod, status);
  }
}

/** Made-up logs of a container, or the API server's 400 when it never started. */
export function podLogs(pod: KubeObject, container: string | undefined, _previous: boolean): string {
  const containers = containersOf(pod);
  const name = pod.metadata.name ?? '';
  if (!container && containers.length > 1) {
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
  }
  const chosen = containers.find((c) => c.name === (container ?? containers[0]?.name));
  if (!chosen) throw badRequest(`container ${container ?? ''} is not valid for pod ${name}`);
  const statuses = getPath(pod, 'status.containerStatuses');
  const own = (Array.isArray(statuses) ? statuses : []).find((s) => isRecord(s) && s.name === chosen.name);
  const waiting = str(getPath(own, 'state.waiting.reason'));
  if (waiting === 'ContainerCreating' || waiting === 'ImagePullBackOff' || own === undefined) {
    const why = waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : 'ContainerCreating';
    throw badRequest(`container "${chosen.name}" in pod "${name}" is waiting to start: ${why}`);
  }
  const outcome = outcomeOf(chosen.image);
  if (outcome === 'crash') {
    return `[emulator] starting ${chosen.name} from ${chosen.image}\nError: the image tag asks this container to crash (crashloop)\npanic: exiting with status 1\n`;
  }
  if (getPath(own, 'state.terminated.reason') === 'Completed') return `[emulator] ${chosen.name} started from ${chosen.image}\n[emulator] ${chosen.name} ran to completion\n`;
  return `[emulator] ${chosen.name} started from ${chosen.image}\n[emulator] ${chosen.name} is serving\n`;
}
