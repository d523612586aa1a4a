// The stuck-container reasons that fail a rollout early, and which pods belong to a workload's
// current rollout. The rollout states themselves are YAML fixtures (test/fixtures/readiness, read
// by deploy-overlay-readiness-fixtures.test.ts).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/client.ts';
import { explainPod, oneLine } from '../../actions/deploy-overlay/explain.ts';
import { belongsTo, isCurrentPod, olderPodsLeaving } from '../../shared/kube/readiness/registry.ts';

function deployment(spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation, uid: 'd1' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } }, ...spec },
    status,
  };
}

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
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', uid: 'j1' } };
    expect(isCurrentPod(job, pod('m', 'w', undefined, 'j1'))).toBe(true);
    expect(isCurrentPod(job, pod('m', 'w', undefined, 'j2'))).toBe(false);
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', uid: 's1' }, status: { updateRevision: 'db-2' } };
    const p = pod('db-0', 'pg', undefined, 's1');
    p.metadata = { ...p.metadata, labels: { 'controller-revision-hash': 'db-1' } };
    expect(isCurrentPod(sts, p)).toBe(false);
    p.metadata.labels = { 'controller-revision-hash': 'db-2' };
    expect(isCurrentPod(sts, p)).toBe(true);
  });

  it("knows when a Deployment's older pods are still going away (they free quota for the new ones)", () => {
    expect(olderPodsLeaving(deployment({}, { replicas: 4, updatedReplicas: 3 }))).toBe(true);
    expect(olderPodsLeaving(deployment({}, { replicas: 3, updatedReplicas: 3 }))).toBe(false);
    expect(olderPodsLeaving({ apiVersion: 'apps/v1', kind: 'StatefulSet', status: { replicas: 4, updatedReplicas: 3 } })).toBe(false);
  });

  it('counts no pod as current for a kind without a rule, but its own pods still belong to it', () => {
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', uid: 'r1' } };
    expect(isCurrentPod(rs, pod('a', 'web:2', undefined, 'r1'))).toBe(false);
    expect(belongsTo(rs, pod('a', 'web:2', undefined, 'r1'))).toBe(true);
  });
});
