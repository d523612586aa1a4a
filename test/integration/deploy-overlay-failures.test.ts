// Rollouts that fail, and how deploy-overlay explains them: an image that cannot be pulled, a
// container that crashes (with its last log lines), a progress deadline, a timeout, a failed Job,
// a Job whose immutable template changed, and transient API faults that are retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { TAG, deployInProcess, sampleInputs } from './deploy-overlay-harness.ts';

let kube: KubeEmulator;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30, progressDeadlineScale: 0.001, namespaceDeleteDelayMs: 10 });
});
afterAll(async () => kube.close());

/** Each test gets its own branch (and so its own namespace); `tags` replace the built images' tags. */
function inputs(branch: string, tags: Partial<Record<'api' | 'web' | 'worker' | 'redis', string>> = {}, overrides: Record<string, string> = {}): Record<string, string> {
  const lines = (['api', 'web', 'worker'] as const).map((name) => `registry.example.com/sample/${name}:${tags[name] ?? TAG}`);
  if (tags.redis) lines.push(`docker.io/library/redis:${tags.redis}`);
  return sampleInputs(kube.kubeconfig(), { branch, images: lines.join('\n'), ...overrides });
}

describe('failed rollouts', () => {
  it('fails fast on ImagePullBackOff and shows the waiting reason, the pod and the kubelet events', async () => {
    const { report, logger } = await deployInProcess(inputs('pull-fails', { web: 'fail-pull' }));
    expect(report.failure?.message).toMatch(/Deployment\/web: pod web-[a-z0-9]+-[a-z0-9]+: container web is in ImagePullBackOff \(Back-off pulling image "registry.example.com\/sample\/web:fail-pull"\)/);
    expect(report.rollouts.find((r) => r.name === 'web')?.state).toBe('failed');
    const diagnosis = report.diagnosis.get('Deployment/web')?.join('\n') ?? '';
    expect(diagnosis).toMatch(/pod web-\S+: phase Pending/);
    expect(diagnosis).toContain('container web: waiting: ImagePullBackOff');
    expect(diagnosis).toContain('Warning Failed');
    expect(diagnosis).toContain('Failed to pull image "registry.example.com/sample/web:fail-pull"');
    expect(diagnosis).toContain('Warning Failed pod/web-');
    expect(diagnosis).toContain('Error: ImagePullBackOff');
    expect(logger.text()).toContain('##[group]Diagnosis');
    expect(report.failure?.fix).toContain('diagnosis');
  });

  it('shows the last log lines of a crashing container', async () => {
    const { report } = await deployInProcess(inputs('crashes', { api: 'crashloop' }));
    expect(report.failure?.message).toContain('container api is in CrashLoopBackOff');
    const diagnosis = report.diagnosis.get('Deployment/api')?.join('\n') ?? '';
    expect(diagnosis).toContain('waiting: CrashLoopBackOff');
    expect(diagnosis).toContain('last terminated: Error, exit code 1');
    expect(diagnosis).toMatch(/last \d+ log line\(s\) of pod api-\S+, container api \(previous run\):/);
    expect(diagnosis).toContain('  | panic: exiting with status 1');
    expect(diagnosis).toContain('Back-off restarting failed container api');
  });

  it('without fail-fast, waits for the Deployment to exceed its progress deadline', async () => {
    const { report } = await deployInProcess(inputs('deadline', { web: 'fail-pull' }, { 'fail-fast': 'false' }));
    expect(report.failure?.message).toContain('Deployment/web: deployment "web" exceeded its progress deadline');
    expect(report.diagnosis.get('Deployment/web')?.join('\n')).toContain('ProgressDeadlineExceeded');
  });

  it('times out a StatefulSet that never becomes ready, naming the state it was stuck in', async () => {
    const { report } = await deployInProcess(inputs('slow-cache', { redis: 'crashloop' }, { 'fail-fast': 'false', timeout: '1s' }));
    const cache = report.rollouts.find((r) => r.name === 'cache');
    expect(cache?.state).toBe('timeout');
    expect(cache?.message).toBe('not ready within 1s: 0 of 1 pods are ready');
    expect(report.failure?.message).toContain('StatefulSet/cache: not ready within 1s');
    expect(report.diagnosis.get('StatefulSet/cache')?.join('\n')).toContain('pod cache-0: phase Running');
  });

  it('fails when a Job fails, with its reason', async () => {
    const { report } = await deployInProcess(inputs('job-fails', { worker: 'crashloop' }));
    const job = report.rollouts.find((r) => r.name === 'migrate');
    expect(job?.state).toBe('failed');
    expect(job?.message).toContain('job "migrate" failed: BackoffLimitExceeded');
    expect(report.diagnosis.get('Job/migrate')?.join('\n')).toMatch(/terminated: Error, exit code 1/);
  });
});

describe('API trouble', () => {
  it('deletes and re-creates a Job whose immutable template changed', async () => {
    const first = await deployInProcess(inputs('job-change'));
    expect(first.report.failure).toBeUndefined();
    const uid = kube.store.get('jobs.batch', 'feature-job-change', 'migrate')?.metadata.uid;
    // The emulator does not enforce Job immutability: answer the API server's 422 once.
    kube.faults.script({ method: 'PATCH', path: /\/jobs\/migrate$/, fault: { kind: 'status', status: 422, message: 'Job.batch "migrate" is invalid: spec.template: Invalid value: field is immutable' }, times: 1 });
    const second = await deployInProcess(inputs('job-change', { worker: 'v2' }));
    expect(second.report.failure).toBeUndefined();
    expect(second.report.objects.find((o) => o.name === 'migrate')?.result).toBe('replaced');
    const job = kube.store.get('jobs.batch', 'feature-job-change', 'migrate');
    expect(job?.metadata.uid).not.toBe(uid);
    expect(JSON.stringify(job)).toContain('registry.example.com/sample/worker:v2');
    expect(second.report.rollouts.find((r) => r.name === 'migrate')?.state).toBe('ready');
  });

  it('retries throttling and server errors while applying', async () => {
    kube.requests.reset();
    kube.faults.script({ method: 'PATCH', path: /\/deployments\/api$/, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 2 }, { method: 'PATCH', path: /\/services\/web$/, fault: { kind: 'status', status: 503 }, times: 1 });
    const { report } = await deployInProcess(inputs('throttled'));
    expect(report.failure).toBeUndefined();
    expect(report.objects.every((o) => o.result === 'created')).toBe(true);
    expect(kube.requests.count('PATCH', /\/deployments\/api$/)).toBe(3);
  });
});
