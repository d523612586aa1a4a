// The deployment controller's rollout strategies in the Kubernetes emulator, driven by the real
// kubectl 1.32 and watched in the emulator's store, as pkg/controller/deployment (rolling.go,
// recreate.go) scales ReplicaSets: a RollingUpdate never has more than replicas + maxSurge pods
// asked for nor fewer than replicas - maxUnavailable available, stepping the ReplicaSets with
// "Scaled up/down replica set X from A to B" events; a Recreate removes every old pod before the
// new ReplicaSet grows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator, type KubeObject } from '../emulators/kubernetes/index.ts';
import { kubectlOkIn } from '../helpers/kubectl.ts';

let emu: KubeEmulator;
let dir: string;

function ok(args: string[], stdin?: string): Promise<string> {
  return kubectlOkIn(dir, args, stdin);
}

const deployment = (name: string, replicas: number, strategy: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: roll}
spec:
  replicas: ${replicas}
  strategy: ${strategy}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: registry.example.com/app:1.0}]
`;

/** Watches the store during `action`: the most pods asked for and alive, the fewest available, and whether old and new pods ever ran together. */
async function observe(app: string, action: () => Promise<void>): Promise<{ maxAsked: number; maxPods: number; minAvailable: number; overlap: boolean }> {
  const sets = new Map<string, { replicas: number; available: number; hash: string }>();
  const pods = new Map<string, string>();
  const seen = { maxAsked: 0, maxPods: 0, minAvailable: Number.POSITIVE_INFINITY, overlap: false };
  const unsubscribe = emu.store.subscribe((event) => {
    const obj: KubeObject = event.object;
    if (obj.metadata.namespace !== 'roll' || obj.metadata.labels?.['app'] !== app) return;
    const hash = obj.metadata.labels['pod-template-hash'] ?? '';
    if (obj.kind === 'ReplicaSet') {
      const spec = obj['spec'] as { replicas?: number };
      const status = (obj['status'] ?? {}) as { availableReplicas?: number };
      if (event.type === 'DELETED') sets.delete(obj.metadata.uid ?? '');
      else sets.set(obj.metadata.uid ?? '', { replicas: spec.replicas ?? 0, available: status.availableReplicas ?? 0, hash });
    } else if (obj.kind === 'Pod') {
      if (event.type === 'DELETED' || obj.metadata.deletionTimestamp) pods.delete(obj.metadata.uid ?? '');
      else pods.set(obj.metadata.uid ?? '', hash);
    } else return;
    const asked = [...sets.values()].reduce((n, s) => n + s.replicas, 0);
    const available = [...sets.values()].reduce((n, s) => n + s.available, 0);
    seen.maxAsked = Math.max(seen.maxAsked, asked);
    seen.maxPods = Math.max(seen.maxPods, pods.size);
    if (sets.size > 1) seen.minAvailable = Math.min(seen.minAvailable, available);
    if (new Set(pods.values()).size > 1) seen.overlap = true;
  });
  try {
    for (const rs of emu.store.list('replicasets.apps', 'roll')) {
      if (rs.metadata.labels?.['app'] !== app) continue;
      const spec = rs['spec'] as { replicas?: number };
      const status = (rs['status'] ?? {}) as { availableReplicas?: number };
      sets.set(rs.metadata.uid ?? '', {
        replicas: spec.replicas ?? 0,
        available: status.availableReplicas ?? 0,
        hash: rs.metadata.labels['pod-template-hash'] ?? '',
      });
    }
    for (const pod of emu.store.list('pods', 'roll'))
      if (pod.metadata.labels?.['app'] === app) pods.set(pod.metadata.uid ?? '', pod.metadata.labels['pod-template-hash'] ?? '');
    await action();
  } finally {
    unsubscribe();
  }
  return seen;
}

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 40 });
  dir = mkdtempSync(path.join(tmpdir(), 'kube-rollout-'));
  await emu.writeKubeconfig(path.join(dir, 'kubeconfig'));
  await ok(['create', 'namespace', 'roll']);
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deployment rollout strategies', () => {
  it('rolls 4 replicas with maxSurge 1 and maxUnavailable 0: never more than 5 pods, never fewer than 4 available', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('surge', 4, '{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}'));
    await ok(['rollout', 'status', 'deployment/surge', '-n', 'roll', '--timeout=30s']);
    const seen = await observe('surge', async () => {
      await ok(['set', 'image', 'deployment/surge', '-n', 'roll', 'app=registry.example.com/app:2.0']);
      await ok(['rollout', 'status', 'deployment/surge', '-n', 'roll', '--timeout=30s']);
    });
    expect(seen.maxAsked).toBe(5);
    expect(seen.maxPods).toBe(5);
    expect(seen.minAvailable).toBe(4);
    // The controller's steps in the order they were recorded (the store's resourceVersions).
    const events = emu.store
      .list('events', 'roll')
      .filter((e) => e['reason'] === 'ScalingReplicaSet' && (e['involvedObject'] as { name?: string }).name === 'surge')
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => String(e['message']));
    const first = /surge-[a-z0-9]+/.exec(events[0] ?? '')?.[0];
    const steps = events.map((m) => m.replace(/surge-[a-z0-9]+/, (rs) => (rs === first ? 'OLD' : 'NEW')));
    expect(steps).toEqual([
      'Scaled up replica set OLD from 0 to 4',
      'Scaled up replica set NEW from 0 to 1',
      'Scaled down replica set OLD from 4 to 3',
      'Scaled up replica set NEW from 1 to 2',
      'Scaled down replica set OLD from 3 to 2',
      'Scaled up replica set NEW from 2 to 3',
      'Scaled down replica set OLD from 2 to 1',
      'Scaled up replica set NEW from 3 to 4',
      'Scaled down replica set OLD from 1 to 0',
    ]);
    const annotations = JSON.parse(await ok(['get', 'rs', '-n', 'roll', '-l', 'app=surge', '-o', 'jsonpath={.items[0].metadata.annotations}'])) as Record<
      string,
      string
    >;
    expect(annotations['deployment.kubernetes.io/max-replicas']).toBe('5');
  });

  it('rolls with the default 25%/25%: 4 replicas surge by 1 and keep 3 available', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('quarter', 4, '{}'));
    await ok(['rollout', 'status', 'deployment/quarter', '-n', 'roll', '--timeout=30s']);
    const seen = await observe('quarter', async () => {
      await ok(['set', 'image', 'deployment/quarter', '-n', 'roll', 'app=registry.example.com/app:2.0']);
      await ok(['rollout', 'status', 'deployment/quarter', '-n', 'roll', '--timeout=30s']);
    });
    expect(seen.maxAsked).toBe(5);
    expect(seen.minAvailable).toBe(3);
  });

  it('Recreate removes every old pod before the new ReplicaSet grows', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('recreate', 2, '{type: Recreate}'));
    await ok(['rollout', 'status', 'deployment/recreate', '-n', 'roll', '--timeout=30s']);
    const seen = await observe('recreate', async () => {
      await ok(['set', 'image', 'deployment/recreate', '-n', 'roll', 'app=registry.example.com/app:2.0']);
      await ok(['rollout', 'status', 'deployment/recreate', '-n', 'roll', '--timeout=30s']);
    });
    expect(seen.overlap).toBe(false);
    expect(seen.maxPods).toBe(2);
    expect(await ok(['get', 'pods', '-n', 'roll', '-l', 'app=recreate', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).toBe(
      'registry.example.com/app:2.0 registry.example.com/app:2.0',
    );
  });
});
