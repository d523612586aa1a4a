// A bound on cost (issue 17): deploy-overlay's `resource-quota` and `limit-range` inputs, through
// the bundle against the Kubernetes emulator: both objects land in the branch namespace with the
// ownership labels and the exact mark, a later deploy without them prunes them, and a bad value
// fails before anything is applied. The LimitRange is enforced as the LimitRanger admission plugin
// does: its defaults land in the pods, and a pod over its maximum is refused (FailedCreate),
// explained in one line and failed fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { NAMESPACE, appDeployment, copySample, kubectl, objectsOverlay, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;
let dir: string;
let sample: ReturnType<typeof copySample>;
let cache = 0;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30 });
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-overlay-quota-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
  sample = copySample();
});
afterAll(async () => {
  await kube.close();
  rmSync(dir, { recursive: true, force: true });
  sample.cleanup();
});

function deploy(overrides: Record<string, string> = {}): Promise<RunResult> {
  return runAction('deploy-overlay', {
    inputs: sampleInputs('', { kubeconfig: '', 'working-directory': sample.dir, ...overrides }),
    env: { KUBECONFIG: path.join(dir, 'kubeconfig') },
  });
}

async function get(
  kind: string,
  namespace = NAMESPACE,
): Promise<{ metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> }[]> {
  cache += 1;
  const run = await kubectl(path.join(dir, 'kubeconfig'), path.join(dir, `cache-${cache}`), 'get', kind, '-n', namespace, '-o', 'json');
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { items: never[] }).items;
}

describe('deploy-overlay resource-quota and limit-range', () => {
  it('applies the quota into the branch namespace, labelled and marked like the rest', async () => {
    const run = await deploy({ 'resource-quota': 'pods=20\nservices=10,configmaps=30' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const [quota] = await get('resourcequotas');
    expect(quota?.metadata.name).toBe('branch-limits');
    expect(quota?.spec).toMatchObject({ hard: { pods: '20', services: '10', configmaps: '30' } });
    // The same labels and mark as the overlay's own objects.
    const [configMap] = await get('configmaps');
    for (const object of [quota]) {
      expect(object?.metadata.labels).toMatchObject(
        Object.fromEntries(Object.entries(configMap?.metadata.labels ?? {}).filter(([key]) => !key.startsWith('app'))),
      );
      const marks = Object.entries(configMap?.metadata.annotations ?? {}).filter(
        ([key]) => key === 'branch-env.io/branch-name' || key === 'branch-env.io/repository',
      );
      expect(marks).toHaveLength(2);
      for (const [key, value] of marks) expect(object?.metadata.annotations?.[key], key).toBe(value);
      expect(Object.keys(object?.metadata.labels ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('a deploy without it prunes it', async () => {
    const run = await deploy();
    expect(run.exitCode).toBe(0);
    expect(await get('resourcequotas')).toEqual([]);
  });

  it('refuses a value that is not a quantity, naming it, before applying anything', async () => {
    const run = await deploy({ 'resource-quota': 'cpu=two' });
    expect(run.exitCode).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('resource-quota');
    expect(run.stdout + run.stderr).toContain('cpu=two');
    const bad = await deploy({ 'limit-range': 'limits.cpu=1' });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain('defaultRequest');
  });

  it('gives pods the LimitRange defaults, as the LimitRanger admission plugin does', async () => {
    // A fresh branch: a LimitRange acts when a pod is created, as on a real cluster.
    const limits = 'default.cpu=300m,default.memory=256Mi,defaultRequest.cpu=50m,defaultRequest.memory=64Mi';
    const inputs = objectsOverlay(dir, 'limit-range-defaults', [appDeployment()], { kubeconfig: '', 'limit-range': limits, timeout: '60s' });
    const run = await runAction('deploy-overlay', { inputs, env: { KUBECONFIG: path.join(dir, 'kubeconfig') } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const pods = (await get('pods', 'feature-limit-range-defaults')) as unknown as {
      spec: { containers: { resources?: Record<string, Record<string, string>> }[] };
    }[];
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      for (const container of pod.spec.containers) {
        expect(container.resources?.['limits']).toMatchObject({ cpu: '300m', memory: '256Mi' });
        expect(container.resources?.['requests']).toMatchObject({ cpu: '50m', memory: '64Mi' });
      }
    }
  });

  it('a pod over the LimitRange maximum fails fast, explained in one line with the fix', async () => {
    const big = appDeployment({}, { resources: { limits: { cpu: '2', memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } } });
    const inputs = objectsOverlay(dir, 'limit-range-max', [big], { kubeconfig: '', 'limit-range': 'max.cpu=1,default.cpu=500m', timeout: '60s' });
    const started = Date.now();
    const run = await runAction('deploy-overlay', { inputs, env: { KUBECONFIG: path.join(dir, 'kubeconfig') } });
    expect(run.exitCode).not.toBe(0);
    const line = (run.stdout + run.stderr).split('\n').find((l) => l.includes('FailedCreate') && l.includes('maximum cpu usage per Container is 1'));
    expect(line, run.stdout + run.stderr).toBeDefined();
    expect(line).toContain("within the namespace's LimitRange");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
