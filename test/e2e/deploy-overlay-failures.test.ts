// deploy-overlay's bundle on workloads that fail as they would on a real cluster, each chosen by
// its manifest (the registry's refusal aside): every failure kind is explained in one line of the
// run's error (the object, the cluster's words, the fix), and those that cannot get better fail
// fast, long before `timeout`. Then kubectl on what the runs left: `logs --previous` of a crash
// loop, `rollout history` with real revision numbers, and `rollout undo` reusing the old ReplicaSet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { kubectl, appDeployment, objectsOverlay } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;
let dir: string;
let cache = 0;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30 });
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-overlay-failures-e2e-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
});
afterAll(async () => {
  await kube.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundle on an overlay of these objects for a branch. */
function deploy(branch: string, objects: Record<string, unknown>[], overrides: Record<string, string> = {}): Promise<RunResult> {
  const inputs = objectsOverlay(dir, branch, objects, { kubeconfig: '', timeout: '60s', ...overrides });
  return runAction('deploy-overlay', { inputs, env: { KUBECONFIG: path.join(dir, 'kubeconfig') } });
}

/** The run's error, as the one line it gives the workload. */
function lineFor(run: RunResult, workload = 'Deployment/app'): string {
  const error = run.stdout.split('\n').find((l) => l.startsWith('::error::') && l.includes('did not become ready')) ?? '';
  const lines = error
    .replace(/^::error::/, '')
    .split('%0A')
    .filter((l) => l.startsWith(`- ${workload}: `));
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

function k(...args: string[]): ReturnType<typeof kubectl> {
  cache += 1;
  return kubectl(path.join(dir, 'kubeconfig'), path.join(dir, `cache-${cache}`), ...args);
}

const quota = (hard: Record<string, string>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'branch-quota' },
  spec: { hard },
});

describe('deploy-overlay bundle: each failure a real cluster has, in one line, failing fast', () => {
  it.each<[string, string, Record<string, unknown>[], RegExp]>([
    [
      'a ConfigMap the container reads and nobody creates',
      'e2e-env',
      [appDeployment({}, { envFrom: [{ configMapRef: { name: 'settings' } }] })],
      /^- Deployment\/app: pod app-\S+: container app is in CreateContainerConfigError \(configmap "settings" not found\)\. Fix: add ConfigMap "settings" to the overlay/,
    ],
    [
      'a Secret volume that is missing',
      'e2e-mount',
      [appDeployment({ volumes: [{ name: 'tls', secret: { secretName: 'app-tls' } }] }, { volumeMounts: [{ name: 'tls', mountPath: '/tls' }] })],
      /^- Deployment\/app: pod app-\S+: FailedMount: MountVolume\.SetUp failed for volume "tls" : secret "app-tls" not found\. Fix: add Secret "app-tls" to the overlay/,
    ],
    [
      'a ServiceAccount nobody creates',
      'e2e-sa',
      [appDeployment({ serviceAccountName: 'workload-identity' })],
      /^- Deployment\/app: ReplicaSet app-\S+: FailedCreate: pods "app-\S+-" is forbidden: error looking up service account feature-e2e-sa\/workload-identity: serviceaccount "workload-identity" not found\. Fix: add ServiceAccount "workload-identity"/,
    ],
    [
      'a ResourceQuota the pods exceed',
      'e2e-quota',
      [quota({ pods: '1' }), appDeployment({}, {}, 2)],
      /^- Deployment\/app: ReplicaSet app-\S+: FailedCreate: pods "app-\S+" is forbidden: exceeded quota: branch-quota, requested: pods=1, used: pods=1, limited: pods=1\. Fix: lower the pods' requests or the replicas, or raise ResourceQuota "branch-quota"/,
    ],
    [
      'a ResourceQuota that requires requests',
      'e2e-quota-spec',
      [quota({ 'requests.memory': '1Gi' }), appDeployment()],
      /^- Deployment\/app: ReplicaSet app-\S+: FailedCreate: pods "app-\S+" is forbidden: failed quota: branch-quota: must specify requests\.memory for: app\. Fix: set resources\.requests and resources\.limits/,
    ],
    [
      'a pod larger than any node',
      'e2e-big',
      [appDeployment({}, { resources: { requests: { memory: '64Gi' } } })],
      /^- Deployment\/app: pod app-\S+: Unschedulable: 0\/2 nodes are available: 2 Insufficient memory\. preemption: 0\/2 nodes are available: 2 No preemption victims found for incoming pod\. Fix: lower the pod's resource requests/,
    ],
    [
      'an image tag the registry does not have',
      'e2e-pull',
      [appDeployment({}, { image: 'registry.example.com/sample/web:fail-pull' })],
      /^- Deployment\/app: pod app-\S+: container app is in ImagePullBackOff \(rpc error: code = NotFound desc = failed to pull and unpack image "registry\.example\.com\/sample\/web:fail-pull": .*: not found\)\. Fix: push registry\.example\.com\/sample\/web:fail-pull/,
    ],
    [
      'an invalid image name',
      'e2e-name',
      [appDeployment({}, { image: 'Registry.example.com/App:1' })],
      /^- Deployment\/app: pod app-\S+: container app is in InvalidImageName \(Failed to apply default image tag "Registry\.example\.com\/App:1": couldn't parse image name .*\)\. Fix: correct the image reference/,
    ],
    [
      'a command that exits',
      'e2e-crash',
      [appDeployment({}, { command: ['sh', '-c', 'echo "cannot reach database"; exit 3'] })],
      /^- Deployment\/app: pod app-\S+: container app is in CrashLoopBackOff \(back-off 10s restarting failed container=app pod=app-\S+; last exit code 3 \(Error\), 1 restarts\)\. Fix: the container stops right after it starts/,
    ],
  ])('%s', async (_what, branch, objects, expected) => {
    const started = Date.now();
    const run = await deploy(branch, objects);
    expect(run.exitCode).toBe(1);
    expect(lineFor(run)).toMatch(expected);
    // Failed fast: nowhere near the 60 s timeout.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.outputs['applied']).toBeUndefined();
  });

  it('a registry that refuses the cluster (no AcrPull): the 401 and how to grant the pull', async () => {
    kube.images.refuse('myacr.azurecr.io/todo-app-be:1.0.0', 'Unauthorized');
    const run = await deploy('e2e-acr', [appDeployment({}, { image: 'myacr.azurecr.io/todo-app-be:1.0.0' })]);
    expect(lineFor(run)).toMatch(
      /container app is in ImagePullBackOff \(rpc error: code = Unknown desc = .*401 Unauthorized\)\. Fix: let the cluster pull from myacr\.azurecr\.io \(on AKS: az aks update --attach-acr <registry>/,
    );
  });

  it('a readiness probe that never passes: waited for until timeout, then explained', async () => {
    const run = await deploy('e2e-probe', [appDeployment({}, { readinessProbe: { tcpSocket: { port: 9000 }, periodSeconds: 5 } })], { timeout: '2s' });
    expect(run.exitCode).toBe(1);
    expect(lineFor(run)).toMatch(
      /^- Deployment\/app: not ready within 2s: 0 of 1 updated replicas are available; pod app-\S+ is running but not ready: Readiness probe failed: dial tcp 10\.244\.\d+\.\d+:9000: connect: connection refused\. Fix: make the readiness probe ask the port/,
    );
  });

  it("kubectl: the crash loop's previous log, and rollout history/undo with real revisions", async () => {
    const pods = kube.store.list('pods', 'feature-e2e-crash');
    const name = pods[0]?.metadata.name ?? '';
    const previous = await k('logs', name, '-n', 'feature-e2e-crash', '--previous');
    expect(previous.stdout).toContain('cannot reach database');
    // The current run, read after the previous one, is always a later run.
    const run = (log: string): number => Number(/\(run (\d+)\)/.exec(log)?.[1] ?? 0);
    expect(run(previous.stdout)).toBeGreaterThan(0);
    const current = await k('logs', name, '-n', 'feature-e2e-crash');
    expect(run(current.stdout)).toBeGreaterThan(run(previous.stdout));

    for (const tag of ['1.27', '1.28']) expect((await deploy('e2e-history', [appDeployment({}, { image: `nginx:${tag}` })])).exitCode).toBe(0);
    const history = await k('rollout', 'history', 'deployment/app', '-n', 'feature-e2e-history');
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const undo = await k('rollout', 'undo', 'deployment/app', '-n', 'feature-e2e-history');
    expect(undo.stderr).toBe('');
    expect(undo.stdout).toContain('deployment.apps/app rolled back');
    expect((await k('rollout', 'status', 'deployment/app', '-n', 'feature-e2e-history', '--timeout=10s')).code).toBe(0);
    // The first ReplicaSet is scaled back up and takes revision 3; 1 is gone from the history.
    const after = await k('rollout', 'history', 'deployment/app', '-n', 'feature-e2e-history');
    expect(after.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    const sets = kube.store
      .list('replicasets.apps', 'feature-e2e-history')
      .map((rs) => [
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
        (rs['spec'] as { replicas: number }).replicas,
        JSON.stringify(rs['spec']).includes('nginx:1.27'),
      ]);
    expect(sets.sort()).toEqual([
      ['2', 0, false],
      ['3', 1, true],
    ]);
    expect(kube.store.get('deployments.apps', 'feature-e2e-history', 'app')?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });
});
