// Why a workload did not become ready: its state in kubectl's words, its pods (phase, container
// waiting reasons, restarts, exit codes), the recent events about it, its ReplicaSets and pods,
// and the last log lines of a failing container.
import { UserError } from '../../shared/core/errors.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { at, text } from '../../shared/core/json.ts';
import { displayName } from './objects.ts';
import { isRecord } from '../../shared/core/json.ts';
import { belongsTo, isCurrentPod, readiness } from '../../shared/kube/readiness/registry.ts';
import type { RolloutResult, WaitOutcome } from './wait.ts';
import { compareText } from '../../shared/core/order.ts';

/** How much to show. */
export interface DiagnoseOptions {
  /** Log lines of a failing container (default 20). */
  logLines?: number;
  /** Pods described per workload (default 5). */
  maxPods?: number;
  /** Events shown per workload (default 10). */
  maxEvents?: number;
}

function containerLine(status: unknown): string {
  const name = text(at(status, 'name'), '?');
  const restarts = Number(at(status, 'restartCount') ?? 0);
  const waiting = at(status, 'state.waiting');
  const terminated = at(status, 'state.terminated') ?? at(status, 'lastState.terminated');
  const parts: string[] = [];
  if (isRecord(waiting)) parts.push(`waiting: ${text(waiting['reason'], '')}${waiting['message'] ? ` (${text(waiting['message'])})` : ''}`);
  else if (isRecord(at(status, 'state.running'))) parts.push(at(status, 'ready') === true ? 'running, ready' : 'running, not ready');
  if (isRecord(terminated))
    parts.push(
      `${isRecord(at(status, 'state.terminated')) ? 'terminated' : 'last terminated'}: ${text(terminated['reason'], '')}, exit code ${text(terminated['exitCode'], '?')}`,
    );
  if (restarts > 0) parts.push(`${restarts} restart(s)`);
  return `container ${name}: ${parts.join('; ') || 'no state reported'}`;
}

function podLines(pod: KubeObject, current: boolean): string[] {
  const lines = [`pod ${pod.metadata?.name ?? '?'}${current ? '' : ' (older rollout)'}: phase ${text(at(pod, 'status.phase'), 'unknown')}`];
  for (const list of ['initContainerStatuses', 'containerStatuses']) {
    const statuses = at(pod, `status.${list}`);
    for (const status of Array.isArray(statuses) ? statuses : []) lines.push(`  ${list === 'initContainerStatuses' ? 'init ' : ''}${containerLine(status)}`);
  }
  return lines;
}

/** Chronological order: the event's time, then (same second) the order the API server stored them. */
function byTime(a: KubeObject, b: KubeObject): number {
  const time = (e: KubeObject): string => text(e['lastTimestamp'], text(e['eventTime'], text(e['firstTimestamp'])));
  return compareText(time(a), time(b)) || Number(a.metadata?.resourceVersion ?? 0) - Number(b.metadata?.resourceVersion ?? 0);
}

/** The most recent events, keeping every warning that fits: they say what went wrong. */
function recent(events: readonly KubeObject[], max: number): KubeObject[] {
  const warnings = events.filter((e) => e['type'] === 'Warning').slice(-max);
  const room = max - warnings.length;
  const normals = room > 0 ? events.filter((e) => e['type'] !== 'Warning').slice(-room) : [];
  return [...warnings, ...normals].sort(byTime);
}

/** The container whose logs explain a failure: crashing, or terminated with a non-zero exit. */
function failingContainer(pod: KubeObject): { container: string; previous: boolean } | undefined {
  for (const list of ['initContainerStatuses', 'containerStatuses']) {
    const statuses = at(pod, `status.${list}`);
    for (const status of Array.isArray(statuses) ? statuses : []) {
      const reason = at(status, 'state.waiting.reason');
      const exit = at(status, 'state.terminated.exitCode') ?? at(status, 'lastState.terminated.exitCode');
      if (reason === 'CrashLoopBackOff' || (typeof exit === 'number' && exit !== 0)) {
        return { container: text(at(status, 'name'), ''), previous: Number(at(status, 'restartCount') ?? 0) > 0 && reason === 'CrashLoopBackOff' };
      }
    }
  }
  return undefined;
}

async function logLines(client: KubeClient, namespace: string, pod: KubeObject, lines: number): Promise<string[]> {
  const failing = failingContainer(pod);
  if (!failing) return [];
  const name = pod.metadata?.name ?? '';
  const read = (previous: boolean): Promise<string> => client.podLog(namespace, name, { container: failing.container, tailLines: lines, previous });
  let text: string;
  try {
    text = await read(failing.previous);
  } catch (error: unknown) {
    try {
      if (!failing.previous) throw error;
      text = await read(false);
    } catch (again: unknown) {
      return [`last log lines of ${name}/${failing.container}: not available (${describeKubeError(again)})`];
    }
  }
  const body = text.trimEnd().split('\n').slice(-lines);
  return [
    `last ${body.length} log line(s) of pod ${name}, container ${failing.container}${failing.previous ? ' (previous run)' : ''}:`,
    ...body.map((l) => `  | ${l}`),
  ];
}

/**
 * Explains each workload (live state as last seen): one block of lines per workload. Pods and
 * events are listed once for all of them.
 */
export async function diagnose(
  client: KubeClient,
  namespace: string,
  selector: string,
  workloads: readonly KubeObject[],
  options: DiagnoseOptions = {},
): Promise<Map<string, string[]>> {
  const blocks = new Map<string, string[]>();
  if (workloads.length === 0) return blocks;
  const [pods, events] = await Promise.all([
    client.list('v1', 'Pod', { namespace, labelSelector: selector }).then(
      (l) => l.items,
      () => [] as KubeObject[],
    ),
    client.list('v1', 'Event', { namespace }).then(
      (l) => l.items,
      () => [] as KubeObject[],
    ),
  ]);
  for (const workload of workloads) {
    const lines = [`${displayName(workload)}: ${readiness(workload).message}`];
    const mine = pods.filter((pod) => belongsTo(workload, pod)).sort((a, b) => Number(isCurrentPod(workload, b)) - Number(isCurrentPod(workload, a)));
    if (mine.length === 0) lines.push('no pods found for it');
    for (const pod of mine.slice(0, options.maxPods ?? 5)) lines.push(...podLines(pod, isCurrentPod(workload, pod)));
    const names = new Set([
      workload.metadata?.name,
      ...mine.map((p) => p.metadata?.name),
      ...mine.flatMap((p) => (p.metadata?.ownerReferences ?? []).map((o) => o.name)),
    ]);
    // A Deployment's ReplicaSets (`{name}-{hash}`) count too: with no pods, their FailedCreate says why.
    const replicaSet = (e: KubeObject): boolean =>
      workload.kind === 'Deployment' &&
      at(e, 'involvedObject.kind') === 'ReplicaSet' &&
      /^[a-z0-9]+$/.test(text(at(e, 'involvedObject.name')).slice(`${workload.metadata?.name ?? ''}-`.length)) &&
      text(at(e, 'involvedObject.name')).startsWith(`${workload.metadata?.name ?? ''}-`);
    const about = recent(events.filter((e) => names.has(text(at(e, 'involvedObject.name'))) || replicaSet(e)).sort(byTime), options.maxEvents ?? 10);
    if (about.length > 0) lines.push('recent events:');
    for (const e of about) {
      const count = Number(e['count'] ?? 1);
      lines.push(
        `  ${text(e['type'], '')} ${text(e['reason'], '')}${count > 1 ? ` (x${count})` : ''} ${text(at(e, 'involvedObject.kind'), '').toLowerCase()}/${text(at(e, 'involvedObject.name'), '')}: ${text(e['message'], '')}`,
      );
    }
    const crashing = mine.find((pod) => failingContainer(pod) !== undefined);
    if (crashing) lines.push(...(await logLines(client, namespace, crashing, options.logLines ?? 20)));
    blocks.set(displayName(workload), lines);
  }
  return blocks;
}

/** The last state seen of each failed workload (else what was applied). */
export function failedWorkloads(failed: readonly RolloutResult[], outcome: WaitOutcome, targets: readonly KubeObject[]): KubeObject[] {
  return failed
    .map((r) => outcome.workloads.get(`${r.kind}/${r.name}`) ?? targets.find((t) => t.kind === r.kind && t.metadata?.name === r.name))
    .filter((w): w is KubeObject => w !== undefined);
}

/** The error that fails the run: each workload that did not become ready, with its reason, and what to do. */
export function rolloutFailure(namespace: string, failed: readonly RolloutResult[]): UserError {
  const lines = failed.map((r) => `- ${r.kind}/${r.name}: ${r.message}`);
  return new UserError(`${failed.length} workload(s) did not become ready in namespace ${namespace}:\n${lines.join('\n')}\n`, {
    fix: 'The diagnosis above shows the pods, their container states, recent events and log lines. Fix the image or configuration and push again, or raise `timeout` if the rollout is only slow.',
  });
}
