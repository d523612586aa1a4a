// kubectl's rollout rules as deploy-overlay applies them, the stuck-container reasons that fail a
// rollout early, and which pods belong to a workload's current rollout.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/client.ts';
import { explainPod, oneLine } from '../../actions/deploy-overlay/explain.ts';
import { belongsTo, isCurrentPod, readiness } from '../../actions/deploy-overlay/readiness.ts';

function deployment(spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation, uid: 'd1' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } }, ...spec },
    status,
  };
}

describe('Deployment', () => {
  const done = { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 };

  it('waits until the controller observed the generation', () => {
    expect(readiness(deployment({}, { ...done, observedGeneration: 1 }))).toEqual({
      done: false,
      message: 'waiting for the controller to observe generation 2',
    });
    expect(readiness(deployment({}, {})).done).toBe(false);
  });

  it('follows kubectl: updated, then old replicas gone, then available', () => {
    expect(readiness(deployment({}, { ...done, updatedReplicas: 1 })).message).toBe('1 out of 3 new replicas have been updated');
    expect(readiness(deployment({}, { ...done, replicas: 4 })).message).toBe('1 old replicas are pending termination');
    expect(readiness(deployment({}, { ...done, availableReplicas: 2 })).message).toBe('2 of 3 updated replicas are available');
    expect(readiness(deployment({}, done))).toEqual({ done: true, message: 'successfully rolled out (3/3 available)' });
  });

  it('fails on ProgressDeadlineExceeded and treats a paused Deployment as not waited for', () => {
    const stuck = readiness(
      deployment(
        {},
        {
          ...done,
          updatedReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-x" has timed out progressing.' }],
        },
      ),
    );
    expect(stuck.failed).toBe('deployment "web" exceeded its progress deadline');
    expect(stuck.message).toContain('timed out progressing');
    expect(readiness(deployment({ paused: true }, {})).done).toBe(true);
  });

  it('compares spec.replicas (always set by the API server) with the updated replicas, as kubectl does', () => {
    expect(readiness(deployment({ replicas: 0 }, { observedGeneration: 2 })).done).toBe(true);
    expect(readiness(deployment({ replicas: 5 }, done)).message).toBe('3 out of 5 new replicas have been updated');
  });
});

describe('StatefulSet, DaemonSet and Job', () => {
  // As the API server serves them: updateStrategy defaulted to RollingUpdate with partition 0.
  const sts = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
    kind: 'StatefulSet',
    metadata: { name: 'db', generation: 1 },
    spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
    status: { observedGeneration: 1, ...status },
  });

  it('StatefulSet: ready pods, then the partition is reached (kubectl never compares revisions when rollingUpdate is set)', () => {
    expect(readiness(sts({}, { readyReplicas: 1 })).message).toBe('1 of 2 pods are ready');
    expect(readiness(sts({}, { readyReplicas: 2, currentRevision: 'db-1', updateRevision: 'db-2', updatedReplicas: 1 })).done).toBe(false);
    expect(readiness(sts({}, { readyReplicas: 2, currentRevision: 'db-1', updateRevision: 'db-2', updatedReplicas: 2 })).done).toBe(true);
    expect(readiness(sts({}, { readyReplicas: 2, currentRevision: 'db-2', updateRevision: 'db-2', updatedReplicas: 2 })).done).toBe(true);
    expect(readiness(sts({}, { observedGeneration: 0, readyReplicas: 2, updatedReplicas: 2 })).done).toBe(false);
    const partitioned = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    expect(readiness(sts(partitioned, { readyReplicas: 2, updatedReplicas: 0, currentRevision: 'a', updateRevision: 'b' })).done).toBe(false);
    expect(readiness(sts(partitioned, { readyReplicas: 2, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' })).done).toBe(true);
  });

  it('DaemonSet: every scheduled pod updated and available', () => {
    const ds = (status: Record<string, unknown>): KubeObject => ({
      kind: 'DaemonSet',
      metadata: { name: 'agent', generation: 1 },
      spec: {},
      status: { observedGeneration: 1, desiredNumberScheduled: 3, ...status },
    });
    expect(readiness(ds({ updatedNumberScheduled: 2, numberAvailable: 3 })).done).toBe(false);
    expect(readiness(ds({ updatedNumberScheduled: 3, numberAvailable: 2 })).done).toBe(false);
    expect(readiness(ds({ updatedNumberScheduled: 3, numberAvailable: 3 })).done).toBe(true);
  });

  it('Job: Complete is done, Failed fails with its reason, a suspended Job is not waited for', () => {
    const job = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
      kind: 'Job',
      metadata: { name: 'migrate' },
      spec,
      status,
    });
    expect(readiness(job({ active: 1 })).message).toBe('1 active, 0 of 1 succeeded, 0 failed');
    expect(readiness(job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })).done).toBe(true);
    const failed = readiness(
      job({
        failed: 2,
        conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }],
      }),
    );
    expect(failed.failed).toBe('job "migrate" failed: BackoffLimitExceeded Job has reached the specified backoff limit');
    expect(readiness(job({}, { suspend: true })).done).toBe(true);
  });
});

describe('pods', () => {
  const pod = (name: string, image: string, waiting?: string, owner?: string): KubeObject => ({
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ownerReferences: owner ? [{ uid: owner, controller: true }] : [] },
    spec: { containers: [{ name: 'web', image }] },
    status: {
      containerStatuses: [{ name: 'web', state: waiting ? { waiting: { reason: waiting, message: `because ${waiting}` } } : { running: {} } }],
      initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'PodInitializing' } } }],
    },
  });

  it('explains containers stuck for a reason that does not clear in one line, and waits on those that may', () => {
    const pull = explainPod(pod('a', 'web:2', 'ImagePullBackOff'), new Map([['web', 'rpc error: code = NotFound desc = web:2: not found']]));
    expect(pull?.final).toBe(true);
    expect(oneLine(pull!)).toBe(
      'pod a: container web is in ImagePullBackOff (rpc error: code = NotFound desc = web:2: not found). Fix: push web:2 (build it first), or point `images` at a tag or digest that exists.',
    );
    expect(explainPod(pod('a', 'web:2', 'ErrImagePull'))?.final).toBe(false);
    expect(explainPod(pod('a', 'web:2', 'CrashLoopBackOff'))?.final).toBe(true);
    expect(explainPod(pod('a', 'web:2', 'ContainerCreating'))).toBeUndefined();
    expect(explainPod(pod('a', 'web:2'))).toBeUndefined();
    const config = pod('a', 'web:2', 'CreateContainerConfigError');
    (config['status'] as { containerStatuses: { state: { waiting: { message: string } } }[] }).containerStatuses[0]!.state.waiting.message =
      'configmap "settings" not found';
    expect(explainPod(config)).toMatchObject({ final: false, missing: { kind: 'ConfigMap', name: 'settings' } });
  });

  it('counts only pods of the current template for a Deployment, but all of them for diagnosis', () => {
    const web = deployment({}, {});
    expect(isCurrentPod(web, pod('new', 'web:2'))).toBe(true);
    expect(isCurrentPod(web, pod('old', 'web:1', 'ImagePullBackOff'))).toBe(false);
    expect(belongsTo(web, pod('old', 'web:1'))).toBe(true);
    const other = pod('x', 'web:2');
    other.metadata = { ...other.metadata, labels: { app: 'api' } };
    expect(belongsTo(web, other)).toBe(false);
  });

  it('matches Job, StatefulSet and DaemonSet pods by owner (and a StatefulSet pod by revision)', () => {
    const job: KubeObject = { kind: 'Job', metadata: { name: 'migrate', uid: 'j1' } };
    expect(isCurrentPod(job, pod('m', 'w', undefined, 'j1'))).toBe(true);
    expect(isCurrentPod(job, pod('m', 'w', undefined, 'j2'))).toBe(false);
    const sts: KubeObject = { kind: 'StatefulSet', metadata: { name: 'db', uid: 's1' }, status: { updateRevision: 'db-2' } };
    const p = pod('db-0', 'pg', undefined, 's1');
    p.metadata = { ...p.metadata, labels: { 'controller-revision-hash': 'db-1' } };
    expect(isCurrentPod(sts, p)).toBe(false);
    p.metadata.labels = { 'controller-revision-hash': 'db-2' };
    expect(isCurrentPod(sts, p)).toBe(true);
  });
});
