// Rollouts that fail, and how deploy-overlay explains them in one line (the object, the reason in
// the cluster's words, the fix), failing fast where waiting cannot help: an image that cannot be
// pulled (missing or refused), a container that crashes (with its previous run's log lines), a
// missing ConfigMap (env or volume), ServiceAccount, an exceeded or unmet ResourceQuota, a pod
// larger than any node, a readiness probe that fails, a progress deadline, a timeout, a failed
// Job; also a Job whose immutable template changed, and transient API faults that are retried.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { TAG, deployInProcess, appDeployment, objectsOverlay, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30, progressDeadlineScale: 0.001, namespaceDeleteDelayMs: 10 });
});
afterAll(async () => {
  await kube.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const dirs: string[] = [];

/** An overlay of these objects, deployed to branch `branch` on the emulator. */
function overlayInputs(branch: string, objects: Record<string, unknown>[], overrides: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'failing-overlay-'));
  dirs.push(dir);
  return objectsOverlay(dir, branch, objects, { kubeconfig: kube.kubeconfig(), ...overrides });
}

/** The one line deploy-overlay gave the workload, and how long the wait took. */
async function failedLine(record: Record<string, string>, workload = 'Deployment/app'): Promise<{ line: string; seconds: number; diagnosis: string }> {
  const { report } = await deployInProcess(record);
  const lines = (report.failure?.message ?? '').split('\n').filter((l) => l.startsWith(`- ${workload}: `));
  expect(lines).toHaveLength(1);
  return { line: lines[0] ?? '', seconds: report.timings.waitMs / 1000, diagnosis: report.diagnosis.get(workload)?.join('\n') ?? '' };
}

/** Each test gets its own branch (and so its own namespace); `tags` replace the built images' tags. */
function inputs(
  branch: string,
  tags: Partial<Record<'api' | 'web' | 'worker' | 'redis', string>> = {},
  overrides: Record<string, string> = {},
): Record<string, string> {
  const lines = (['api', 'web', 'worker'] as const).map((name) => `registry.example.com/sample/${name}:${tags[name] ?? TAG}`);
  if (tags.redis) lines.push(`docker.io/library/redis:${tags.redis}`);
  return sampleInputs(kube.kubeconfig(), { branch, images: lines.join('\n'), ...overrides });
}

describe('failed rollouts', () => {
  it('fails fast on ImagePullBackOff and shows the waiting reason, the pod and the kubelet events', async () => {
    const { report, logger } = await deployInProcess(inputs('pull-fails', { web: 'fail-pull' }));
    expect(report.failure?.message).toMatch(
      /- Deployment\/web: pod web-[a-z0-9]+-[a-z0-9]+: container web is in ImagePullBackOff \(rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com\/sample\/web:fail-pull": .*: not found\)\. Fix: push registry.example.com\/sample\/web:fail-pull \(build it first\), or point `images` at a tag or digest that exists\.\n/,
    );
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
    expect(report.failure?.message).toMatch(
      /- Deployment\/api: pod api-\S+: container api is in CrashLoopBackOff \(back-off 10s restarting failed container=api pod=api-\S+; last exit code 1 \(Error\), 1 restarts\)\. Fix: the container stops right after it starts: read its log \(kubectl logs --previous api-\S+ -c api -n feature-crashes, shown below\)/,
    );
    const diagnosis = report.diagnosis.get('Deployment/api')?.join('\n') ?? '';
    expect(diagnosis).toContain('waiting: CrashLoopBackOff');
    expect(diagnosis).toContain('last terminated: Error, exit code 1');
    expect(diagnosis).toMatch(/last \d+ log line\(s\) of pod api-\S+, container api \(previous run\):/);
    expect(diagnosis).toContain('  | panic: exiting with status 1');
    expect(diagnosis).toMatch(/\(run \d+\)/);
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
    expect(cache?.message).toMatch(/^not ready within 1s: 0 of 1 pods are ready; pod cache-0: container redis is in CrashLoopBackOff \(.*\)\. Fix: /);
    expect(report.failure?.message).toContain('StatefulSet/cache: not ready within 1s');
    expect(report.diagnosis.get('StatefulSet/cache')?.join('\n')).toContain('pod cache-0: phase Running');
  });

  it('fails when a Job fails, with its reason; the same image in an init container crash-loops the api pods', async () => {
    // Without fail-fast the Job's BackoffLimitExceeded comes first (api would wait for its progress deadline).
    const { report } = await deployInProcess(inputs('job-fails', { worker: 'crashloop' }, { 'fail-fast': 'false' }));
    const job = report.rollouts.find((r) => r.name === 'migrate');
    expect(job?.state).toBe('failed');
    expect(job?.message).toContain('job "migrate" failed: BackoffLimitExceeded');
    expect(report.diagnosis.get('Job/migrate')?.join('\n')).toMatch(/terminated: Error, exit code 1/);
    // The api's init container runs the worker image too: on a real cluster its pods never start either.
    expect(report.rollouts.find((r) => r.name === 'api')?.message).toMatch(/pod api-\S+: container wait-for-db is in CrashLoopBackOff/);
  });
});

describe('failures a real cluster has, one line each, failing fast where waiting cannot help', () => {
  it('a container whose envFrom names a ConfigMap nobody creates: CreateContainerConfigError', async () => {
    const { line, seconds } = await failedLine(overlayInputs('no-configmap', [appDeployment({}, { envFrom: [{ configMapRef: { name: 'settings' } }] })]));
    expect(line).toMatch(
      /^- Deployment\/app: pod app-\S+: container app is in CreateContainerConfigError \(configmap "settings" not found\)\. Fix: add ConfigMap "settings" to the overlay \(or create it in namespace feature-no-configmap before deploying\), or correct the env\/envFrom of container app that names it\.$/,
    );
    expect(seconds).toBeLessThan(5);
  });

  it('a key missing from a Secret the overlay creates', async () => {
    const { line } = await failedLine(
      overlayInputs('no-key', [
        appDeployment({}, { env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'database-credentials', key: 'PASSWORD' } } }] }),
      ]),
    );
    expect(line).toMatch(
      /container app is in CreateContainerConfigError \(couldn't find key PASSWORD in Secret feature-no-key\/database-credentials\)\. Fix: add key PASSWORD to Secret feature-no-key\/database-credentials/,
    );
  });

  it('a ConfigMap volume that is missing: FailedMount', async () => {
    const spec = { volumes: [{ name: 'config', configMap: { name: 'nginx-conf' } }] };
    // A real progress deadline (minutes) leaves time for the events watch, opened 1 s into the wait; 600 ms here would not.
    const mounted = appDeployment(spec, { volumeMounts: [{ name: 'config', mountPath: '/etc/nginx/conf.d' }] });
    (mounted['spec'] as Record<string, unknown>)['progressDeadlineSeconds'] = 5000;
    const { line, seconds } = await failedLine(overlayInputs('no-volume', [mounted]));
    expect(line).toMatch(
      /^- Deployment\/app: pod app-\S+: FailedMount: MountVolume.SetUp failed for volume "config" : configmap "nginx-conf" not found\. Fix: add ConfigMap "nginx-conf" to the overlay/,
    );
    expect(seconds).toBeLessThan(5);
  });

  it('a ServiceAccount nobody creates: FailedCreate on the ReplicaSet, no pods', async () => {
    const { line, seconds, diagnosis } = await failedLine(overlayInputs('no-sa', [appDeployment({ serviceAccountName: 'app-identity' })]));
    expect(line).toMatch(
      /^- Deployment\/app: ReplicaSet app-\S+: FailedCreate: pods "app-\S+-" is forbidden: error looking up service account feature-no-sa\/app-identity: serviceaccount "app-identity" not found\. Fix: add ServiceAccount "app-identity" to the overlay/,
    );
    expect(seconds).toBeLessThan(5);
    expect(diagnosis).toContain('no pods found for it');
    expect(kube.store.list('pods', 'feature-no-sa')).toEqual([]);
  });

  it('the same ServiceAccount in the overlay: ready', async () => {
    const { report } = await deployInProcess(
      overlayInputs('with-sa', [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app-identity' } },
        appDeployment({ serviceAccountName: 'app-identity' }),
      ]),
    );
    expect(report.failure).toBeUndefined();
  });

  it('a ResourceQuota the pods exceed, and one that requires limits', async () => {
    const quota = (hard: Record<string, string>): Record<string, unknown> => ({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'branch-quota' },
      spec: { hard },
    });
    const resources = { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };
    const exceeded = await failedLine(overlayInputs('quota', [quota({ 'requests.cpu': '1', pods: '10' }), appDeployment({}, { resources }, 3)]));
    expect(exceeded.line).toMatch(
      /^- Deployment\/app: ReplicaSet app-\S+: FailedCreate: pods "app-\S+" is forbidden: exceeded quota: branch-quota, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1\. Fix: lower the pods' requests or the replicas, or raise ResourceQuota "branch-quota" in namespace feature-quota\.$/,
    );
    expect(exceeded.seconds).toBeLessThan(5);
    const unmet = await failedLine(overlayInputs('quota-limits', [quota({ 'limits.cpu': '2', 'limits.memory': '1Gi' }), appDeployment()]));
    expect(unmet.line).toContain('FailedCreate: pods "app-');
    expect(unmet.line).toContain(
      'is forbidden: failed quota: branch-quota: must specify limits.cpu for: app; limits.memory for: app. Fix: set resources.requests and resources.limits',
    );
  });

  it("a pod larger than any node: Unschedulable with the scheduler's message", async () => {
    const { line, seconds } = await failedLine(overlayInputs('too-big', [appDeployment({}, { resources: { requests: { cpu: '6', memory: '1Gi' } } })]));
    expect(line).toMatch(
      /^- Deployment\/app: pod app-\S+: Unschedulable: 0\/2 nodes are available: 2 Insufficient cpu\. preemption: 0\/2 nodes are available: 2 No preemption victims found for incoming pod\. Fix: lower the pod's resource requests/,
    );
    expect(seconds).toBeLessThan(5);
  });

  it('a registry that refuses the kubelet: ErrImagePull, then ImagePullBackOff with the 401', async () => {
    kube.images.refuse('myacr.azurecr.io/app:v1', 'Unauthorized');
    const { line } = await failedLine(overlayInputs('acr', [appDeployment({}, { image: 'myacr.azurecr.io/app:v1' })]));
    expect(line).toContain('container app is in ImagePullBackOff (rpc error: code = Unknown desc = failed to pull and unpack image "myacr.azurecr.io/app:v1"');
    expect(line).toContain('401 Unauthorized). Fix: let the cluster pull from myacr.azurecr.io (on AKS: az aks update --attach-acr <registry>');
  });

  it("a command that exits: CrashLoopBackOff with its exit code, and the previous run's log", async () => {
    const { line, diagnosis } = await failedLine(
      overlayInputs('exits', [appDeployment({}, { command: ['sh', '-c', 'echo "config file /etc/app.yaml missing"; exit 3'] })]),
    );
    expect(line).toMatch(/container app is in CrashLoopBackOff \(back-off 10s restarting failed container=app .*; last exit code 3 \(Error\), 1 restarts\)/);
    expect(diagnosis).toContain('  | config file /etc/app.yaml missing');
  });

  it('a readiness probe on a port the container does not serve: waits, then explains the timeout', async () => {
    const probe = { readinessProbe: { httpGet: { path: '/healthz', port: 9090 } } };
    const slow = appDeployment({}, probe);
    (slow['spec'] as Record<string, unknown>)['progressDeadlineSeconds'] = 3600;
    const timedOut = await failedLine(overlayInputs('probe', [slow], { timeout: '2s' }));
    expect(timedOut.line).toMatch(
      /^- Deployment\/app: not ready within 2s: 0 of 1 updated replicas are available; pod app-\S+ is running but not ready: Readiness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:9090\/healthz": dial tcp 10\.244\.\d+\.\d+:9090: connect: connection refused\. Fix: make the readiness probe ask the port and path the container serves/,
    );
    expect(timedOut.seconds).toBeGreaterThanOrEqual(2);
    // With fail-fast, a probe may still pass: it is waited for, until the progress deadline (2 s here).
    const short = appDeployment({}, probe);
    (short['spec'] as Record<string, unknown>)['progressDeadlineSeconds'] = 2000;
    const deadline = await failedLine(overlayInputs('probe-deadline', [short], { timeout: '10s' }));
    expect(deadline.line).toMatch(
      /^- Deployment\/app: deployment "app" exceeded its progress deadline: ReplicaSet "app-\S+" has timed out progressing\.; pod app-\S+ is running but not ready: Readiness probe failed: /,
    );
  });

  it("a StatefulSet whose ServiceAccount is missing: FailedCreate in the StatefulSet controller's words", async () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 1,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { serviceAccountName: 'db', containers: [{ name: 'db', image: 'postgres:17' }] } },
      },
    };
    const { line } = await failedLine(overlayInputs('sts-no-sa', [sts]), 'StatefulSet/db');
    expect(line).toBe(
      '- StatefulSet/db: StatefulSet db: FailedCreate: pods "db-0" is forbidden: error looking up service account feature-sts-no-sa/db: serviceaccount "db" not found. Fix: add ServiceAccount "db" to the overlay (or create it in namespace feature-sts-no-sa before deploying), or correct the pod template\'s serviceAccountName that names it.',
    );
  });
});

describe('API trouble', () => {
  it('deletes and re-creates a Job whose immutable template changed', async () => {
    const first = await deployInProcess(inputs('job-change'));
    expect(first.report.failure).toBeUndefined();
    const uid = kube.store.get('jobs.batch', 'feature-job-change', 'migrate')?.metadata.uid;
    // The emulator does not enforce Job immutability: answer the API server's 422 once.
    kube.faults.script({
      method: 'PATCH',
      path: /\/jobs\/migrate$/,
      fault: { kind: 'status', status: 422, message: 'Job.batch "migrate" is invalid: spec.template: Invalid value: field is immutable' },
      times: 1,
    });
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
    kube.faults.script(
      { method: 'PATCH', path: /\/deployments\/api$/, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 2 },
      { method: 'PATCH', path: /\/services\/web$/, fault: { kind: 'status', status: 503 }, times: 1 },
    );
    const { report } = await deployInProcess(inputs('throttled'));
    expect(report.failure).toBeUndefined();
    expect(report.objects.every((o) => o.result === 'created')).toBe(true);
    expect(kube.requests.count('PATCH', /\/deployments\/api$/)).toBe(3);
  });
});
