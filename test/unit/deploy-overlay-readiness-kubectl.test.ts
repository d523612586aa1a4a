// deploy-overlay's readiness (shared/kube/readiness) against kubectl's own logic, ported from
// k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go (Kubernetes 1.32; test/helpers/kubectl-rollout-status.ts), on a few hundred
// generated Deployments, StatefulSets and DaemonSets shaped as an API server serves them
// (spec.replicas always set, strategies defaulted: RollingUpdate with maxSurge/maxUnavailable
// 25%, a StatefulSet's rollingUpdate.partition 0, a DaemonSet's maxUnavailable 1). Every
// verdict must agree except the differences the README lists on purpose: a paused Deployment is
// not waited for, and an OnDelete workload is waited for until its pods are ready (kubectl
// reports it done at once, "rollout status is only available for RollingUpdate strategy type").
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/client.ts';
import { readiness } from '../../shared/kube/readiness/registry.ts';
import { get, kubectlVerdict, type Verdict } from '../helpers/kubectl-rollout-status.ts';

function suiteVerdict(obj: KubeObject): Verdict {
  const state = readiness(obj);
  return state.done ? 'done' : state.failed !== undefined ? 'failed' : 'waiting';
}

/** A small deterministic generator (mulberry32), so every run sees the same objects. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** A pod template as the API server serves it (defaults filled in). */
const TEMPLATE = {
  metadata: { labels: { app: 'x' } },
  spec: {
    containers: [
      {
        name: 'x',
        image: 'x:1',
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        resources: {},
      },
    ],
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};

/** What every generated object shares: its identity, generation, observed generation and replicas. */
interface Base {
  metadata: { name: string; namespace: string; generation: number; uid: string };
  observed: number;
  replicas: number;
}

function deploymentAt(pick: (n: number) => number, { metadata, observed, replicas }: Base): KubeObject {
  const total = replicas + pick(3);
  const updated = Math.min(total, pick(replicas + 2));
  const available = Math.min(total, pick(total + 1));
  const conditions = [
    {
      type: 'Available',
      status: available >= replicas ? 'True' : 'False',
      reason: available >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    },
  ];
  const deadline = pick(8) === 0;
  conditions.push({
    type: 'Progressing',
    status: deadline ? 'False' : 'True',
    reason: deadline ? 'ProgressDeadlineExceeded' : updated === replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas,
      selector: { matchLabels: { app: 'x' } },
      template: TEMPLATE,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...(pick(10) === 0 ? { paused: true } : {}),
    },
    status: {
      observedGeneration: observed,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: available,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      conditions,
    },
  };
}

function statefulSetAt(pick: (n: number) => number, { metadata, observed, replicas }: Base): KubeObject {
  const onDelete = pick(6) === 0;
  const partition = pick(3) === 0 ? pick(replicas + 1) : 0;
  const updated = pick(replicas + 1);
  const revisions = pick(2) === 0 ? ['w-a', 'w-a'] : ['w-a', 'w-b'];
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata,
    spec: {
      replicas,
      serviceName: 'w',
      selector: { matchLabels: { app: 'x' } },
      template: TEMPLATE,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { partition } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: {
      observedGeneration: pick(12) === 0 ? 0 : observed,
      replicas,
      readyReplicas: pick(replicas + 1),
      currentReplicas: replicas - updated,
      updatedReplicas: updated,
      currentRevision: revisions[0],
      updateRevision: revisions[1],
      collisionCount: 0,
      availableReplicas: pick(replicas + 1),
    },
  };
}

function daemonSetAt(pick: (n: number) => number, { metadata, observed }: Base): KubeObject {
  const onDelete = pick(6) === 0;
  const desired = 1 + pick(3);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata,
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: TEMPLATE,
      updateStrategy: onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      observedGeneration: observed,
      desiredNumberScheduled: desired,
      currentNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: pick(desired + 1),
      updatedNumberScheduled: pick(desired + 1),
      numberAvailable: pick(desired + 1),
    },
  };
}

/** Objects as an API server serves them, in every stage of a rollout: Deployments, StatefulSets and DaemonSets in turn. */
function generate(count: number): KubeObject[] {
  const pick = random(1332);
  const makers = [deploymentAt, statefulSetAt, daemonSetAt];
  const objects: KubeObject[] = [];
  for (let i = 0; i < count; i += 1) {
    const generation = 1 + pick(4);
    const observed = pick(5) === 0 ? generation - 1 : generation;
    const replicas = pick(5);
    const metadata = { name: `w-${i}`, namespace: 'feature-x', generation, uid: `uid-${i}` };
    objects.push(makers[i % 3]!(pick, { metadata, observed, replicas }));
  }
  return objects;
}

/** Why the suite may decide differently from kubectl, as the README says; undefined when it may not. */
function intended(obj: KubeObject): string | undefined {
  if (obj.kind === 'Deployment' && get(obj, 'spec.paused') === true) return 'paused Deployment: not waited for';
  if (get(obj, 'spec.updateStrategy.type') === 'OnDelete')
    return obj.kind === 'StatefulSet'
      ? 'OnDelete StatefulSet: waited for until its pods are ready'
      : 'OnDelete DaemonSet: waited for until the controller observed it';
  return undefined;
}

describe("readiness agrees with kubectl's rollout status", () => {
  const objects = generate(300);

  it('on 300 generated objects, except the intended differences', () => {
    const disagreements = objects.map((obj) => ({ obj, suite: suiteVerdict(obj), kubectl: kubectlVerdict(obj) })).filter((r) => r.suite !== r.kubectl);
    const unexpected = disagreements
      .filter((d) => intended(d.obj) === undefined)
      .map((d) => `${d.obj.kind ?? ''}/${d.obj.metadata?.name ?? ''}: suite ${d.suite}, kubectl ${d.kubectl}: ${JSON.stringify(d.obj['status'])}`);
    expect(unexpected).toEqual([]);
    const reasons = new Map<string, number>();
    for (const d of disagreements) reasons.set(intended(d.obj) ?? '', (reasons.get(intended(d.obj) ?? '') ?? 0) + 1);
    // The generated set covers every stage and every intended difference.
    expect([...reasons.keys()].sort()).toEqual([
      'OnDelete DaemonSet: waited for until the controller observed it',
      'OnDelete StatefulSet: waited for until its pods are ready',
      'paused Deployment: not waited for',
    ]);
    const verdicts = new Set(objects.map(kubectlVerdict));
    expect(verdicts).toEqual(new Set(['done', 'waiting', 'failed']));
    console.info(
      `readiness vs kubectl: ${objects.length - disagreements.length} of ${objects.length} agree; intended differences: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')}`,
    );
  });

  it('takes the partition path for a StatefulSet with the default partition 0, as kubectl does (revisions are not compared)', () => {
    const sts = objects.find(
      (o) =>
        o.kind === 'StatefulSet' &&
        get(o, 'spec.updateStrategy.rollingUpdate.partition') === 0 &&
        get(o, 'status.currentRevision') !== get(o, 'status.updateRevision') &&
        kubectlVerdict(o) === 'done',
    );
    expect(sts).toBeDefined();
    expect(suiteVerdict(sts!)).toBe('done');
  });
});
