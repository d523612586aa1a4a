// deploy-overlay end to end: the bundle (dist/deploy-overlay) run as the runner runs it, against
// the Kubernetes emulator, with results cross-checked by the real kubectl (fresh cache dir).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { NAMESPACE, TAG, copySample, kubectl, sampleInputs, writeSampleFile } from '../helpers/deploy-overlay-harness.ts';

const PASSWORD = 'Sup3r-secret,pass=word';
let kube: KubeEmulator;
let dir: string;
let sample: ReturnType<typeof copySample>;
let cache = 0;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30 });
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-overlay-e2e-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
  sample = copySample();
});
afterAll(async () => {
  await kube.close();
  rmSync(dir, { recursive: true, force: true });
  sample.cleanup();
});

function deploy(overrides: Record<string, string> = {}, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction('deploy-overlay', {
    inputs: sampleInputs('', { kubeconfig: '', 'working-directory': sample.dir, ...overrides }),
    env: { KUBECONFIG: path.join(dir, 'kubeconfig'), ...env },
  });
}

/** kubectl with a fresh cache dir each time, so it never answers from an earlier discovery. */
function k(...args: string[]): ReturnType<typeof kubectl> {
  cache += 1;
  return kubectl(path.join(dir, 'kubeconfig'), path.join(dir, `cache-${cache}`), ...args);
}

async function getJson(...args: string[]): Promise<{ items: Record<string, unknown>[] } & Record<string, unknown>> {
  const run = await k('get', ...args, '-o', 'json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { items: Record<string, unknown>[] } & Record<string, unknown>;
}

type Applied = { kind: string; name: string; result: string; rollout?: string }[];

describe('deploy-overlay bundle on the emulator', () => {
  it('deploys the sample app into feature-ex-3-9, and kubectl sees it rolled out', async () => {
    const run = await deploy();
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['namespace']).toBe(NAMESPACE);
    expect(run.outputs['url']).toBe('https://ex-3-9.preview.example.com');
    expect(run.outputs['changed']).toBe('true');
    const applied = JSON.parse(run.outputs['applied'] ?? '[]') as Applied;
    expect(applied).toHaveLength(14);
    expect(applied.filter((a) => a.rollout).map((a) => `${a.kind}/${a.name}:${a.rollout}`)).toEqual([
      'Deployment/api:ready',
      'Deployment/web:ready',
      'StatefulSet/cache:ready',
      'Job/migrate:ready',
    ]);
    expect(run.summary).toMatch(/^<h3>✅ deploy-overlay: Deployed ex-3-9 to feature-ex-3-9, 4 of 4 workload\(s\) ready in /);
    expect(run.summary).toMatch(/<tr><td>Deployment\/api<\/td><td>created<\/td><td>✅ ready<\/td><td>[0-9.]+m?s<\/td><\/tr>/);
    // The secret is masked before anything prints it, and printed nowhere else.
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(run.stdout.split('\n').filter((l) => l.includes(PASSWORD) && !l.startsWith('::add-mask::'))).toEqual([]);
    expect(run.outputFile).not.toContain(PASSWORD);

    const all = await getJson('deployments,statefulsets,jobs,cronjobs,services,configmaps,secrets,networkpolicies,httproutes', '-n', NAMESPACE);
    const names = all.items.map((o) => `${String(o['kind'])}/${(o['metadata'] as { name: string }).name}`).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'Deployment/api',
        'Deployment/web',
        'StatefulSet/cache',
        'Job/migrate',
        'CronJob/report',
        'Service/api',
        'Service/cache',
        'Service/web',
        'ConfigMap/app-settings',
        'Secret/database-credentials',
        'NetworkPolicy/cache',
        'HTTPRoute/web',
      ]),
    );
    const text = JSON.stringify(all);
    for (const token of ['BRANCH_NAME', 'PLACEHOLDER']) expect(text).not.toContain(token);
    expect(text).toContain(`registry.example.com/sample/web:${TAG}`);
    // Every object of the overlay carries the ownership labels; kube-root-ca.crt is the cluster's own (every namespace gets it).
    for (const item of all.items.filter((i) => (i['metadata'] as { name: string }).name !== 'kube-root-ca.crt')) {
      expect((item['metadata'] as { labels: Record<string, string> }).labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'branch-env-actions',
        'branch-env.io/branch': 'ex-3-9',
      });
    }
    const ns = await getJson('namespace', NAMESPACE);
    expect((ns['metadata'] as { labels: Record<string, string> }).labels['branch-env.io/branch']).toBe('ex-3-9');
    for (const workload of ['deployment/api', 'deployment/web', 'statefulset/cache']) {
      const status = await k('rollout', 'status', workload, '-n', NAMESPACE, '--timeout=10s');
      expect(status.code).toBe(0);
    }
    const job = await k('wait', '--for=condition=complete', 'job/migrate', '-n', NAMESPACE, '--timeout=10s');
    expect(job.code).toBe(0);
  });

  it('reports no changes when run again', async () => {
    const run = await deploy();
    expect(run.exitCode).toBe(0);
    expect(run.outputs['changed']).toBe('false');
    expect(new Set((JSON.parse(run.outputs['applied'] ?? '[]') as Applied).map((a) => a.result))).toEqual(new Set(['unchanged']));
    expect(run.summary).toMatch(/^<h3>➖ deploy-overlay: Re-deployed ex-3-9 to feature-ex-3-9, nothing changed, 4 of 4 workload\(s\) ready in /);
  });

  it('prunes an object removed from the overlay', async () => {
    const base = path.join(sample.dir, 'base', 'kustomization.yaml');
    writeSampleFile(sample.dir, 'base/kustomization.yaml', readFileSync(base, 'utf8').replace('  - httproute.yaml\n', ''));
    const overlay = path.join(sample.dir, 'overlays', 'feature', 'kustomization.yaml');
    writeSampleFile(
      sample.dir,
      'overlays/feature/kustomization.yaml',
      readFileSync(overlay, 'utf8').replace(/ {2}- target:\n {6}kind: HTTPRoute\n[\s\S]*?(?= {2}- target:)/, ''),
    );
    const run = await deploy();
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.outputs['applied'] ?? '[]') as Applied).filter((a) => a.result !== 'unchanged')).toEqual([
      expect.objectContaining({ kind: 'HTTPRoute', name: 'web', result: 'pruned' }),
    ]);
    const gone = await k('get', 'httproute', 'web', '-n', NAMESPACE);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('not found');
  });

  it('reports a conflict with the field and the manager (kubectl scale), and takes it over with force-conflicts', async () => {
    const scaled = await k('scale', 'deployment/api', '--replicas=4', '-n', NAMESPACE);
    expect(scaled.code).toBe(0);
    const run = await deploy();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Applying the workloads failed for 1 object\(s\):%0A- Deployment\/api: \.spec\.replicas owned by field manager "kubectl[^"]*"/,
    );
    expect(run.stdout).toContain('force-conflicts: true');
    expect(Object.keys(run.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
    const forced = await deploy({ 'force-conflicts': 'true' });
    expect(forced.exitCode).toBe(0);
    expect((await getJson('deployment', 'api', '-n', NAMESPACE))['spec']).toMatchObject({ replicas: 2 });
  });

  it('diagnoses an image that cannot be pulled: waiting reason and events, no outputs', async () => {
    const run = await deploy({ images: sampleInputs('')['images']?.replace(`web:${TAG}`, 'web:fail-pull') ?? '' });
    expect(run.exitCode).toBe(1);
    expect(Object.keys(run.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
    expect(run.stdout).toMatch(
      /::error::1 workload\(s\) did not become ready in namespace feature-ex-3-9:%0A- Deployment\/web: pod web-\S+: container web is in ImagePullBackOff/,
    );
    expect(run.stdout).toContain('::group::Diagnosis');
    expect(run.stdout).toContain('container web: waiting: ImagePullBackOff');
    expect(run.stdout).toContain('Warning Failed');
    expect(run.stdout).toContain('Failed to pull image "registry.example.com/sample/web:fail-pull"');
    expect(run.summary).toMatch(
      /^<h3>❌ deploy-overlay: Deploy of ex-3-9 to feature-ex-3-9 failed, 1 of 4 workload\(s\) not ready in [^<]+<\/h3>\n\n<ul><li>❌ <strong>Deployment\/web<\/strong>: pod web-\S+: container web is in ImagePullBackOff/,
    );
    expect(run.summary).toContain('<details><summary>Diagnosis of Deployment/web: pods, events, logs</summary>');
  });

  it('refuses a namespace it did not make, changing nothing', async () => {
    const manifest = path.join(dir, 'taken.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: feature-taken\n  labels: {branch-env.io/test-fixture: "true"}\n');
    expect((await k('apply', '--server-side', '--validate=false', '-f', manifest)).code).toBe(0);
    const run = await deploy({ branch: 'taken' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::The namespace "feature-taken" exists and was not made by this suite');
    const inside = await k('get', 'deployments,statefulsets,jobs,services,configmaps,secrets', '-n', 'feature-taken', '-o', 'name');
    expect(inside.code).toBe(0);
    // Only what the cluster puts in every namespace.
    expect(inside.stdout.trim()).toBe('configmap/kube-root-ca.crt');
  });

  it('plans without a cluster (dry-run: client)', async () => {
    const run = await deploy({ 'dry-run': 'client', branch: 'plan-only' }, { KUBECONFIG: '' });
    expect(run.exitCode).toBe(0);
    expect(new Set((JSON.parse(run.outputs['applied'] ?? '[]') as Applied).map((a) => a.result))).toEqual(new Set(['planned']));
    expect(run.outputs['namespace']).toBe('feature-plan-only');
    expect((await k('get', 'namespace', 'feature-plan-only')).code).not.toBe(0);
  });

  it.each([
    [{ overlays: '' }, 'Input `overlays` is required.'],
    [{ images: 'registry.example.com/sample/api' }, 'Input `images` has "registry.example.com/sample/api": it names no tag or digest'],
    [{ secrets: `not a pair ${PASSWORD}` }, 'Input `secrets` line 1 has a key that is not valid'],
    [{ secrets: `PGUSER=u\n${PASSWORD}` }, 'Input `secrets` line 2 has a key that is not valid'],
    [{ 'dry-run': 'yes' }, 'Input `dry-run` must be one of "false", "client", "server", got "yes".'],
    [{ overlays: 'overlays/nope' }, 'Input `overlays` names "overlays/nope", which is not a directory'],
    [{ timeout: 'soon' }, 'Input `timeout` must be a duration'],
  ])('refuses bad input %o before doing anything', async (overrides, message) => {
    const run = await deploy({ branch: 'bad-input', ...overrides });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(Object.keys(run.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
    expect(run.stdout.split('\n').filter((l) => l.includes(PASSWORD) && !l.startsWith('::add-mask::'))).toEqual([]);
    expect((await k('get', 'namespace', 'feature-bad-input')).code).not.toBe(0);
  });

  it('fails without a kubeconfig, saying where it looked', async () => {
    const run = await deploy({ branch: 'no-config' }, { KUBECONFIG: '' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::No kubeconfig: input `kubeconfig` is empty and KUBECONFIG is not set.');
  });
});

describe('deploy-overlay bundle on a bad day', () => {
  it('shows the render error at once when the cluster is unreachable too (the early connect stops)', async () => {
    // A port nobody listens on: every request is refused, which the client would retry for 30 s.
    const nobody = kube.kubeconfig().replace(/server: \S+/, 'server: http://127.0.0.1:9');
    const broken = copySample();
    try {
      writeSampleFile(broken.dir, 'overlays/feature/kustomization.yaml', 'resources:\n  - does-not-exist.yaml\n');
      const started = Date.now();
      const run = await runAction('deploy-overlay', { inputs: sampleInputs(nobody, { 'working-directory': broken.dir, branch: 'unreachable' }) });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/::error::kubectl kustomize failed for overlay "overlays\/feature"/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      broken.cleanup();
    }
  });

  it('retries an unreachable cluster until `timeout` (at most 30 s), then names the server', async () => {
    const nobody = kube.kubeconfig().replace(/server: \S+/, 'server: http://127.0.0.1:9');
    const started = Date.now();
    const run = await runAction('deploy-overlay', {
      inputs: sampleInputs(nobody, { 'working-directory': sample.dir, branch: 'unreachable-2', timeout: '3s' }),
      timeoutMs: 90_000,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Retrying read of Namespace/);
    expect(run.stdout).toMatch(/::error::.*(ECONNREFUSED|127\.0\.0\.1:9)/);
  }, 90_000);
});
