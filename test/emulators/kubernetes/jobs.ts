// The Job controller: runs pods until `completions` succeeded (then the
// SuccessCriteriaMet and Complete conditions), or until more than
// `backoffLimit` failed (then FailureTarget and Failed, BackoffLimitExceeded).
import { createPod } from './admission.ts';
import { podFromTemplate } from './deployments.ts';
import { recordEvent } from './events.ts';
import { randomSuffix, type Kit } from './kit.ts';
import { clone, getPath, isRecord, num, str, timestamp, type KubeObject } from './types.ts';

function phaseOf(pod: KubeObject): string {
  return str(getPath(pod, 'status.phase')) ?? 'Pending';
}

function finished(job: KubeObject): boolean {
  const conditions = getPath(job, 'status.conditions');
  return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function condition(type: string, reason: string, message: string, now: string): Record<string, unknown> {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export function reconcileJob(kit: Kit, job: KubeObject): void {
  if (finished(job)) return;
  const name = job.metadata.name ?? '';
  const completions = num(getPath(job, 'spec.completions'), 1);
  const parallelism = num(getPath(job, 'spec.parallelism'), 1);
  const backoffLimit = num(getPath(job, 'spec.backoffLimit'), 6);
  const pods = kit.owned('pods', job).filter((p) => !p.metadata.deletionTimestamp);
  const succeeded = pods.filter((p) => phaseOf(p) === 'Succeeded').length;
  const failed = pods.filter((p) => phaseOf(p) === 'Failed').length;
  let active = pods.filter((p) => phaseOf(p) !== 'Succeeded' && phaseOf(p) !== 'Failed');
  const previous = isRecord(job.status) ? job.status : {};
  const now = timestamp();
  const status: Record<string, unknown> = { startTime: previous.startTime ?? now, terminating: 0, uncountedTerminatedPods: {} };

  if (succeeded >= completions) {
    for (const pod of active) kit.remove('pods', pod);
    status.completionTime = now;
    const message = 'Reached expected number of succeeded pods';
    status.conditions = [condition('SuccessCriteriaMet', 'CompletionsReached', message, now), condition('Complete', 'CompletionsReached', message, now)];
    recordEvent(kit.store, job, 'Normal', 'Completed', 'Job completed', 'job-controller');
    active = [];
  } else if (failed > backoffLimit) {
    for (const pod of active) kit.remove('pods', pod);
    const message = 'Job has reached the specified backoff limit';
    status.conditions = [condition('FailureTarget', 'BackoffLimitExceeded', message, now), condition('Failed', 'BackoffLimitExceeded', message, now)];
    recordEvent(kit.store, job, 'Warning', 'BackoffLimitExceeded', message, 'job-controller');
    active = [];
  } else if (kit.namespaceActive(job.metadata.namespace)) {
    const wanted = Math.min(parallelism, completions - succeeded);
    for (let i = active.length; i < wanted; i += 1) {
      const podName = `${name}-${randomSuffix()}`;
      const made = createPod(kit, job, podFromTemplate(job, podName, { 'batch.kubernetes.io/job-name': name, 'job-name': name }), 'jobs.batch', `${name}-`);
      if ('error' in made) break;
      active.push(made.pod);
      recordEvent(kit.store, job, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, 'job-controller');
    }
  }
  status.active = active.length;
  status.ready = active.filter((p) => getPath(p, 'status.phase') === 'Running').length;
  if (succeeded > 0) status.succeeded = succeeded;
  if (failed > 0) status.failed = failed;
  if (status.active === 0) delete status.active;
  const next = clone(job);
  next.status = status;
  kit.writeIfChanged('jobs.batch', job, next);
}
