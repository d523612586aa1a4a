// LimitRange in the Kubernetes emulator, through the real kubectl 1.32, with the answers of a
// 1.32 API server: the object is served and defaulted (core/v1 SetDefaults_LimitRangeItem: the
// default limit from max, the default request from the default limit), and the LimitRanger
// admission plugin (plugin/pkg/admission/limitranger/admission.go) fills the missing limits and
// requests of the pods a ReplicaSet creates (annotation kubernetes.io/limit-ranger) and refuses
// pods over max or under min, which leaves FailedCreate on the ReplicaSet in the controller's
// words and no pod. A pod with limits but no requests requests its limits (SetDefaults_Pod).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { kubectlIn, kubectlOkIn, type KubectlRun } from '../helpers/kubectl.ts';

let emu: KubeEmulator;
let dir: string;

function kubectl(args: string[], stdin?: string): Promise<KubectlRun> {
  return kubectlIn(dir, args, stdin);
}

function ok(args: string[], stdin?: string): Promise<string> {
  return kubectlOkIn(dir, args, stdin);
}

/** The FailedCreate messages on the namespace's objects, once there is one. */
async function failedCreates(namespace: string): Promise<string[]> {
  for (let i = 0; i < 50; i += 1) {
    const out = await ok([
      'get',
      'events',
      '-n',
      namespace,
      '--field-selector',
      'reason=FailedCreate',
      '-o',
      'jsonpath={range .items[*]}{.message}{"\\n"}{end}',
    ]);
    const lines = out.split('\n').filter(Boolean);
    if (lines.length > 0) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata: {name: branch-limits, namespace: lim}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m}
    max: {cpu: "1", memory: 1Gi}
    min: {memory: 64Mi}
`;

const deployment = (name: string, resources: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: lim}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: registry.example.com/app:1.0
        resources: ${resources}
`;

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 20 });
  dir = mkdtempSync(path.join(tmpdir(), 'kube-limits-'));
  await emu.writeKubeconfig(path.join(dir, 'kubeconfig'));
  await ok(['create', 'namespace', 'lim']);
  await ok(['apply', '--server-side', '-f', '-'], LIMITS);
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LimitRange and the LimitRanger admission plugin', () => {
  it('serves LimitRange with its printer columns and the defaults a Container item gets', async () => {
    expect(await ok(['get', 'limits', '-n', 'lim'])).toMatch(/^NAME\s+CREATED AT\nbranch-limits\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    const item = JSON.parse(await ok(['get', 'limitrange', 'branch-limits', '-n', 'lim', '-o', 'jsonpath={.spec.limits[0]}'])) as Record<string, unknown>;
    // defaultRequest.memory from default.memory; default limits as given (max would fill a missing one).
    expect(item).toEqual({
      type: 'Container',
      default: { cpu: '500m', memory: '256Mi' },
      defaultRequest: { cpu: '100m', memory: '256Mi' },
      max: { cpu: '1', memory: '1Gi' },
      min: { memory: '64Mi' },
    });
  });

  it("fills a pod's missing requests and limits and says so in its annotation", async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('plain', '{}'));
    await ok(['rollout', 'status', 'deployment/plain', '-n', 'lim', '--timeout=20s']);
    const out = await ok([
      'get',
      'pods',
      '-n',
      'lim',
      '-l',
      'app=plain',
      '-o',
      'jsonpath={.items[0].spec.containers[0].resources}|{.items[0].metadata.annotations.kubernetes\\.io/limit-ranger}',
    ]);
    const [resources, annotation] = out.split('|');
    expect(JSON.parse(resources ?? '')).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(annotation).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
  });

  it('keeps what the container sets (requests from its own limits first)', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('own', '{limits: {cpu: 800m}}'));
    await ok(['rollout', 'status', 'deployment/own', '-n', 'lim', '--timeout=20s']);
    const out = await ok([
      'get',
      'pods',
      '-n',
      'lim',
      '-l',
      'app=own',
      '-o',
      'jsonpath={.items[0].spec.containers[0].resources}|{.items[0].metadata.annotations.kubernetes\\.io/limit-ranger}',
    ]);
    const [resources, annotation] = out.split('|');
    expect(JSON.parse(resources ?? '')).toEqual({ limits: { cpu: '800m', memory: '256Mi' }, requests: { cpu: '800m', memory: '256Mi' } });
    expect(annotation).toBe('LimitRanger plugin set: memory request for container app; memory limit for container app');
  });

  it('refuses a pod over max: FailedCreate on the ReplicaSet, no pod, and the rollout never finishes', async () => {
    await ok(['create', 'namespace', 'lim-max']);
    await ok(['apply', '--server-side', '-f', '-'], LIMITS.replace('namespace: lim', 'namespace: lim-max'));
    await ok(['apply', '--server-side', '-f', '-'], deployment('big', '{limits: {cpu: "2"}}').replace('namespace: lim', 'namespace: lim-max'));
    const [message] = await failedCreates('lim-max');
    expect(message).toMatch(/^Error creating: pods "big-[a-z0-9]+-[a-z0-9]{5}" is forbidden: maximum cpu usage per Container is 1, but limit is 2$/);
    expect(await ok(['get', 'pods', '-n', 'lim-max', '-o', 'name'])).toBe('');
    const status = await kubectl(['rollout', 'status', 'deployment/big', '-n', 'lim-max', '--timeout=1s']);
    expect(status.code).toBe(1);
  });

  it('refuses a pod under min, naming the request', async () => {
    await ok(['create', 'namespace', 'lim-min']);
    await ok(['apply', '--server-side', '-f', '-'], LIMITS.replace('namespace: lim', 'namespace: lim-min'));
    await ok(
      ['apply', '--server-side', '-f', '-'],
      deployment('small', '{requests: {memory: 32Mi}, limits: {memory: 32Mi}}').replace('namespace: lim', 'namespace: lim-min'),
    );
    const [message] = await failedCreates('lim-min');
    expect(message).toMatch(/is forbidden: minimum memory usage per Container is 64Mi, but request is 32Mi$/);
  });
});
