// The one line deploy-overlay gives each way a rollout fails (the object, the cluster's words,
// the fix), and whether waiting could still help, from statuses and events worded as Kubernetes
// 1.32 words them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/client.ts';
import { explainEvent, explainFailedCreate, explainPod, explainReplicaFailure, oneLine, podRequests, quantity } from '../../actions/deploy-overlay/explain.ts';

const event = (reason: string, message: string, kind = 'Pod', name = 'web-5d8f-x2x4k'): KubeObject => ({
  kind: 'Event',
  metadata: { name: 'e' },
  type: 'Warning',
  reason,
  message,
  involvedObject: { kind, name, namespace: 'feature-x', uid: 'u1' },
});

describe('FailedCreate', () => {
  it('a missing ServiceAccount: waits only while it may still appear (wait.ts looks it up)', () => {
    const e = explainFailedCreate(
      'ReplicaSet web-5d8f',
      'Error creating: pods "web-5d8f-" is forbidden: error looking up service account feature-x/app: serviceaccount "app" not found',
      'feature-x',
    );
    expect(e).toMatchObject({ final: false, missing: { kind: 'ServiceAccount', name: 'app' } });
    expect(oneLine(e)).toBe(
      'ReplicaSet web-5d8f: FailedCreate: pods "web-5d8f-" is forbidden: error looking up service account feature-x/app: serviceaccount "app" not found. Fix: add ServiceAccount "app" to the overlay (or create it in namespace feature-x before deploying), or correct the pod template\'s serviceAccountName that names it.',
    );
  });

  it('a quota: exceeded (final unless an older rollout frees it) or requiring limits (final)', () => {
    const exceeded = explainFailedCreate(
      'ReplicaSet web-5d8f',
      'Error creating: pods "web-5d8f-abcde" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
      'feature-x',
    );
    expect(exceeded).toMatchObject({ final: true, unlessOldPods: true });
    expect(exceeded.fix).toBe('lower the pods\' requests or the replicas, or raise ResourceQuota "q" in namespace feature-x.');
    const unmet = explainFailedCreate('StatefulSet db', 'pods "db-0" is forbidden: failed quota: q: must specify limits.cpu for: db', 'feature-x');
    expect(unmet).toMatchObject({ final: true });
    expect(unmet.unlessOldPods).toBeUndefined();
    expect(unmet.fix).toContain('ResourceQuota "q" requires them of every container');
  });

  it("from the Deployment's ReplicaFailure condition, naming its ReplicaSet", () => {
    const d: KubeObject = {
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'feature-x' },
      status: {
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            reason: 'FailedCreate',
            message: 'pods "web-5d8fbc7d9f-" is forbidden: error looking up service account feature-x/app: serviceaccount "app" not found',
          },
        ],
      },
    };
    expect(explainReplicaFailure(d)?.object).toBe('ReplicaSet web-5d8fbc7d9f');
    expect(explainReplicaFailure({ kind: 'Deployment', metadata: { name: 'web' }, status: { conditions: [] } })).toBeUndefined();
  });

  it("in the StatefulSet controller's words", () => {
    const e = explainEvent(
      event(
        'FailedCreate',
        'create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: error looking up service account feature-x/db: serviceaccount "db" not found',
        'StatefulSet',
        'db',
      ),
    );
    expect(e?.reason).toBe('FailedCreate: pods "db-0" is forbidden: error looking up service account feature-x/db: serviceaccount "db" not found');
    expect(e?.object).toBe('StatefulSet db');
  });
});

describe('events about pods', () => {
  it('FailedMount of a missing ConfigMap or SecretProviderClass names what to add', () => {
    expect(explainEvent(event('FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "nginx-conf" not found'))).toMatchObject({
      missing: { kind: 'ConfigMap', name: 'nginx-conf' },
      final: false,
    });
    const csi = explainEvent(
      event(
        'FailedMount',
        'MountVolume.SetUp failed for volume "secrets-store" : rpc error: code = Unknown desc = failed to get secretproviderclass feature-x/pg, error: SecretProviderClass.secrets-store.csi.x-k8s.io "pg" not found',
      ),
    );
    expect(csi?.missing).toEqual({ kind: 'SecretProviderClass', name: 'pg' });
    expect(csi?.fix).toContain('volume "secrets-store"');
  });

  it('a failing readiness probe may still pass: never final', () => {
    expect(explainEvent(event('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'))).toMatchObject({
      object: 'pod web-5d8f-x2x4k is running but not ready',
      final: false,
    });
    expect(explainEvent(event('Unhealthy', 'Liveness probe failed: ...'))).toBeUndefined();
    expect(explainEvent(event('BackOff', 'Back-off restarting failed container'))).toBeUndefined();
  });
});

describe('pod states', () => {
  const pod = (
    status: Record<string, unknown>,
    containers: Record<string, unknown>[] = [{ name: 'web', image: 'registry.example.com/web:1' }],
  ): KubeObject => ({ kind: 'Pod', metadata: { name: 'web-1', namespace: 'feature-x' }, spec: { containers }, status });

  it('Unschedulable carries what one pod asks for (wait.ts compares it with the largest node)', () => {
    const p = pod(
      {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available: 2 Insufficient memory.' }],
      },
      [{ name: 'web', image: 'x', resources: { requests: { cpu: '1500m' }, limits: { memory: '64Gi' } } }],
    );
    expect(explainPod(p)).toMatchObject({ final: false, requests: { cpu: 1.5, memory: 64 * 1024 ** 3 } });
    expect(oneLine(explainPod(p)!)).toMatch(/^pod web-1: Unschedulable: 0\/2 nodes are available: 2 Insufficient memory\. Fix: /);
  });

  it('a registry that answers 401: the fix is to let the cluster pull', () => {
    const p = pod(
      {
        containerStatuses: [
          {
            name: 'web',
            image: 'myacr.azurecr.io/web:1',
            state: { waiting: { reason: 'ErrImagePull', message: 'rpc error: code = Unknown desc = failed to authorize: ... 401 Unauthorized' } },
          },
        ],
      },
      [{ name: 'web', image: 'myacr.azurecr.io/web:1' }],
    );
    expect(explainPod(p)).toMatchObject({ final: false });
    expect(explainPod(p)?.fix).toContain('az aks update --attach-acr');
  });

  it('an init container stuck comes first', () => {
    const p = pod({
      initContainerStatuses: [
        {
          name: 'migrate',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=migrate' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          restartCount: 2,
        },
      ],
      containerStatuses: [{ name: 'web', state: { waiting: { reason: 'PodInitializing' } } }],
    });
    expect(oneLine(explainPod(p)!)).toMatch(
      /^pod web-1: container migrate is in CrashLoopBackOff \(back-off 10s restarting failed container=migrate; last exit code 1 \(Error\), 2 restarts\)\. Fix: /,
    );
  });

  it('reads quantities as the API server writes them', () => {
    expect([quantity('500m'), quantity('2'), quantity('1Gi'), quantity('128M'), quantity(undefined)]).toEqual([0.5, 2, 1024 ** 3, 128e6, 0]);
    expect(
      podRequests(
        pod({}, [
          { name: 'a', image: 'x', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
          { name: 'b', image: 'y', resources: { limits: { cpu: '1' } } },
        ]),
      ),
    ).toEqual({ cpu: 1.25, memory: 64 * 1024 ** 2 });
  });
});
