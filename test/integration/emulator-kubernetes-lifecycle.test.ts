// The Kubernetes emulator's namespace lifecycle and played controllers,
// observed through @kubernetes/client-node: Terminating namespaces, protected
// ones, finalizers; Deployments, StatefulSets, DaemonSets and Jobs reaching
// the statuses `kubectl rollout status` reads, with pods, events and logs,
// and images that fail to pull or crash; what a real cluster adds (namespace defaults, nodes,
// endpoints, quota status) and refuses (missing ServiceAccounts and ConfigMaps, quotas, pods too
// big for any node, failing readiness probes), and the previous run's log.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';

/** A plain object as client-node takes and returns it. */
interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string; generation?: number; labels?: Record<string, string>; finalizers?: string[] };
  [key: string]: unknown;
}

let emu: KubeEmulator;
let objects: k8s.KubernetesObjectApi;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let batch: k8s.BatchV1Api;

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 30, namespaceDeleteDelayMs: 30, progressDeadlineScale: 0.001 });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(emu.kubeconfig());
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  batch = kc.makeApiClient(k8s.BatchV1Api);
  await objects.create(namespace('work'));
});

afterAll(async () => {
  await emu.close();
});

function namespace(name: string, finalizers?: string[]): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...(finalizers ? { spec: { finalizers } } : {}) };
}

function configMap(name: string, ns: string, finalizers?: string[]): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, ...(finalizers ? { finalizers } : {}) } };
}

function field(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function apply(obj: Obj): Promise<Obj> {
  return objects.patch(obj, undefined, undefined, 'suite', true, k8s.PatchStrategy.ServerSideApply);
}

async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof k8s.ApiException) return { code: error.code, body: JSON.parse(String(error.body)) as Record<string, unknown> };
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Polls a read until `ok` holds; answers the last value read. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function gone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error: unknown) {
    if (error instanceof k8s.ApiException && error.code === 404) return true;
    throw error;
  }
}

function readNs(name: string): () => Promise<k8s.V1Namespace> {
  return () => core.readNamespace({ name });
}

function condition(obj: unknown, type: string): Record<string, unknown> | undefined {
  const list = field(obj, 'status.conditions');
  return Array.isArray(list) ? (list as Record<string, unknown>[]).find((c) => c.type === type) : undefined;
}

describe('namespace lifecycle', () => {
  it('answers DELETE with the Terminating namespace, removes its contents, then the namespace', async () => {
    await objects.create(namespace('short'));
    await objects.create(configMap('c', 'short'));
    const res = await fetch(`${emu.url}/api/v1/namespaces/short`, { method: 'DELETE', headers: { authorization: `Bearer ${emu.token}` } });
    expect(res.status).toBe(200);
    const deleted: unknown = await res.json();
    expect(field(deleted, 'kind')).toBe('Namespace');
    expect(field(deleted, 'status.phase')).toBe('Terminating');
    expect(field(deleted, 'metadata.deletionTimestamp')).toBeTruthy();
    await until(() => gone(readNs('short')), Boolean, 'namespace short to go');
    expect(emu.store.get('configmaps', 'short', 'c')).toBeUndefined();
    const missing = await failure(objects.create(configMap('d', 'short')));
    expect(missing.code).toBe(404);
    expect(missing.body.message).toBe('namespaces "short" not found');
  });

  it('refuses new content in a terminating namespace with 403 NamespaceTerminating, and answers repeated DELETEs with 200', async () => {
    await objects.create(namespace('held', ['example.com/hold']));
    await objects.create(configMap('inside', 'held'));
    await core.deleteNamespace({ name: 'held' });
    const again = await core.deleteNamespace({ name: 'held' });
    expect(field(again, 'status.phase')).toBe('Terminating');
    const refused = await failure(objects.create(configMap('late', 'held')));
    expect(refused.code).toBe(403);
    expect(refused.body).toMatchObject({
      reason: 'Forbidden',
      message: 'configmaps "late" is forbidden: unable to create new content in namespace held because it is being terminated',
      details: { causes: [{ reason: 'NamespaceTerminating', message: 'namespace held is being terminated', field: 'metadata.namespace' }] },
    });
  });

  it('keeps a namespace with a spec finalizer in Terminating until /finalize releases it', async () => {
    await until(
      () => Promise.resolve(emu.store.get('configmaps', 'held', 'inside')),
      (c) => c === undefined,
      'contents of held to go',
    );
    const stuck = await core.readNamespace({ name: 'held' });
    expect(stuck.status?.phase).toBe('Terminating');
    expect(stuck.spec?.finalizers).toEqual(['example.com/hold']);
    expect(stuck.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining')?.status).toBe('False');
    await core.replaceNamespaceFinalize({ name: 'held', body: stuck });
    // The body still names the finalizer: nothing changes.
    expect((await core.readNamespace({ name: 'held' })).status?.phase).toBe('Terminating');
    const released = await fetch(`${emu.url}/api/v1/namespaces/held/finalize`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${emu.token}` },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'held' }, spec: { finalizers: [] } }),
    });
    expect(released.status).toBe(200);
    await until(() => gone(readNs('held')), Boolean, 'namespace held to go');
  });

  it('waits for finalizers of its contents', async () => {
    await objects.create(namespace('kept'));
    await objects.create(configMap('guarded', 'kept', ['example.com/keep']));
    await core.deleteNamespace({ name: 'kept' });
    const waiting = await until(
      readNs('kept'),
      (ns) => ns.status?.conditions?.find((c) => c.type === 'NamespaceFinalizersRemaining')?.status === 'True',
      'finalizers remaining',
    );
    expect(waiting.status?.conditions?.find((c) => c.type === 'NamespaceFinalizersRemaining')?.message).toContain('example.com/keep');
    expect(emu.store.get('configmaps', 'kept', 'guarded')?.metadata.deletionTimestamp).toBeTruthy();
    await objects.patch(
      { ...configMap('guarded', 'kept'), metadata: { name: 'guarded', namespace: 'kept', finalizers: [] } },
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    await until(() => gone(readNs('kept')), Boolean, 'namespace kept to go');
  });

  it('never deletes default or kube-* namespaces', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const refused = await failure(core.deleteNamespace({ name }));
      expect(refused.code).toBe(403);
      expect(refused.body.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
  });
});

function deployment(name: string, image: string, replicas = 2): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'work' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

async function readDeployment(name: string): Promise<k8s.V1Deployment> {
  return apps.readNamespacedDeployment({ name, namespace: 'work' });
}

/** `kubectl rollout status` done: observed, all updated, no old replicas, all available. */
function rolledOut(d: k8s.V1Deployment): boolean {
  const s = d.status;
  const want = d.spec?.replicas ?? 1;
  return (
    (d.metadata?.generation ?? 0) <= (s?.observedGeneration ?? 0) &&
    (s?.updatedReplicas ?? 0) === want &&
    (s?.replicas ?? 0) === want &&
    (s?.availableReplicas ?? 0) === want
  );
}

async function podsOf(app: string): Promise<k8s.V1Pod[]> {
  return (await core.listNamespacedPod({ namespace: 'work', labelSelector: `app=${app}` })).items;
}

async function eventsFor(name: string): Promise<k8s.CoreV1Event[]> {
  return (await core.listNamespacedEvent({ namespace: 'work', fieldSelector: `involvedObject.name=${name}` })).items;
}

describe('controllers', () => {
  it('rolls a Deployment out with ReplicaSet, ready pods, events and the statuses kubectl reads', async () => {
    await apply(deployment('web', 'nginx:1.27'));
    const done = await until(() => readDeployment('web'), rolledOut, 'web rolled out');
    expect(done.status?.readyReplicas).toBe(2);
    expect(done.status?.conditions?.map((c) => `${c.type}=${c.status}/${c.reason ?? ''}`)).toEqual([
      'Available=True/MinimumReplicasAvailable',
      'Progressing=True/NewReplicaSetAvailable',
    ]);
    const pods = await podsOf('web');
    expect(pods).toHaveLength(2);
    const pod = pods[0]!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'app', ready: true, restartCount: 0, image: 'nginx:1.27' });
    const owner = pod.metadata?.ownerReferences?.[0];
    expect(owner).toMatchObject({ kind: 'ReplicaSet', controller: true });
    expect(pod.metadata?.labels?.['pod-template-hash']).toBeTruthy();
    const rs = await apps.readNamespacedReplicaSet({ name: owner?.name ?? '', namespace: 'work' });
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: done.metadata?.uid });
    const reasons = (await eventsFor(pod.metadata?.name ?? '')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    expect((await eventsFor('web')).map((e) => e.reason)).toContain('ScalingReplicaSet');
    expect(await core.readNamespacedPodLog({ name: pod.metadata?.name ?? '', namespace: 'work' })).toContain('nginx:1.27');
  });

  it('leaves a fail-pull image in ImagePullBackOff until ProgressDeadlineExceeded, and recovers on a good image', async () => {
    await apply(deployment('web', 'nginx:1.28-fail-pull'));
    const failed = await until(
      () => readDeployment('web'),
      (d) => condition(d, 'Progressing')?.reason === 'ProgressDeadlineExceeded',
      'progress deadline',
    );
    expect(condition(failed, 'Progressing')).toMatchObject({ status: 'False', message: expect.stringContaining('has timed out progressing') as unknown });
    expect(rolledOut(failed)).toBe(false);
    const pods = await podsOf('web');
    const bad = pods.find((p) => p.spec?.containers[0]?.image === 'nginx:1.28-fail-pull')!;
    expect(bad.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    // The old pods keep serving while the new ones cannot start.
    expect(pods.filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
    const events = await eventsFor(bad.metadata?.name ?? '');
    expect(events.find((e) => e.reason === 'Failed' && e.message?.startsWith('Failed to pull image "nginx:1.28-fail-pull"'))).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Pod' },
    });
    const logs = await failure(core.readNamespacedPodLog({ name: bad.metadata?.name ?? '', namespace: 'work' }));
    expect(logs.code).toBe(400);

    await apply(deployment('web', 'nginx:1.29'));
    const recovered = await until(() => readDeployment('web'), rolledOut, 'recovered rollout');
    expect(condition(recovered, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    await until(
      () => podsOf('web'),
      (p) => p.length === 2 && p.every((x) => x.spec?.containers[0]?.image === 'nginx:1.29'),
      'old pods gone',
    );
  });

  it('does not time out a rolled-out Deployment that is scaled up after its deadline passed', async () => {
    await apply(deployment('steady', 'nginx:1.27', 1));
    await until(() => readDeployment('steady'), rolledOut, 'steady rolled out');
    await new Promise((r) => setTimeout(r, 700)); // past 600 s x 0.001
    await apply(deployment('steady', 'nginx:1.27', 3));
    const scaled = await until(
      () => readDeployment('steady'),
      (d) => rolledOut(d) && d.status?.availableReplicas === 3,
      'steady scaled',
    );
    expect(condition(scaled, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect((await eventsFor('steady')).map((e) => e.reason)).not.toContain('ProgressDeadlineExceeded');
  });

  it('shows crashloop containers in CrashLoopBackOff with restarts, a BackOff event and logs', async () => {
    await apply(deployment('crashy', 'busybox:crashloop', 1));
    const [pod] = await until(
      () => podsOf('crashy'),
      (p) => p[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      'crash loop',
    );
    const status = pod!.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBeGreaterThan(0);
    expect(status?.lastState?.terminated?.exitCode).toBe(1);
    const name = pod!.metadata?.name ?? '';
    expect((await eventsFor(name)).map((e) => e.reason)).toContain('BackOff');
    const logs = await core.readNamespacedPodLog({ name, namespace: 'work' });
    expect(logs.trim().split('\n').length).toBeGreaterThan(1);
    expect(logs).toContain('crashloop');
  });

  it('rolls a StatefulSet out pod by pod with revisions, and creates its claims', async () => {
    const sts = (image: string): Obj => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'work' },
      spec: {
        serviceName: 'db',
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    const read = (): Promise<k8s.V1StatefulSet> => apps.readNamespacedStatefulSet({ name: 'db', namespace: 'work' });
    const complete = (s: k8s.V1StatefulSet): boolean =>
      (s.status?.observedGeneration ?? 0) >= (s.metadata?.generation ?? 1) &&
      s.status?.readyReplicas === 2 &&
      s.status.updatedReplicas === 2 &&
      s.status.currentRevision === s.status.updateRevision;
    await apply(sts('postgres:16'));
    const first = await until(read, complete, 'statefulset ready');
    expect((await podsOf('db')).map((p) => p.metadata?.name).sort()).toEqual(['db-0', 'db-1']);
    expect((await core.listNamespacedPersistentVolumeClaim({ namespace: 'work' })).items.map((c) => c.metadata?.name).sort()).toEqual([
      'data-db-0',
      'data-db-1',
    ]);
    await apply(sts('postgres:17'));
    const second = await until(read, (s) => complete(s) && s.status?.updateRevision !== first.status?.updateRevision, 'statefulset updated');
    const pods = await podsOf('db');
    expect(pods.every((p) => p.metadata?.labels?.['controller-revision-hash'] === second.status?.updateRevision)).toBe(true);
  }, 30_000);

  it('runs a DaemonSet pod on each of the two nodes and reports it scheduled and ready', async () => {
    await apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'work' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } },
      },
    });
    const ds = await until(
      () => apps.readNamespacedDaemonSet({ name: 'agent', namespace: 'work' }),
      (d) => d.status?.numberAvailable === 2,
      'daemonset available',
    );
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, observedGeneration: 1 });
  });

  it('completes a Job, and fails one whose pods crash past the backoff limit', async () => {
    const job = (name: string, image: string): Obj => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: 'work' },
      spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image }] } } },
    });
    await apply(job('migrate', 'tool:1'));
    await apply(job('broken', 'tool:crashloop'));
    const done = await until(
      () => batch.readNamespacedJob({ name: 'migrate', namespace: 'work' }),
      (j) => condition(j, 'Complete')?.status === 'True',
      'job complete',
    );
    expect(done.status?.succeeded).toBe(1);
    const failed = await until(
      () => batch.readNamespacedJob({ name: 'broken', namespace: 'work' }),
      (j) => condition(j, 'Failed')?.status === 'True',
      'job failed',
    );
    expect(condition(failed, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(failed.status?.failed).toBe(2);
  });
});

describe('what a real cluster adds and refuses', () => {
  const pod = (name: string, spec: Record<string, unknown>): Obj => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'work' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });
  const waitingReason = (p: k8s.V1Pod): string | undefined => p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
  const readPod = (name: string) => (): Promise<k8s.V1Pod> => core.readNamespacedPod({ name, namespace: 'work' });

  it('gives every new namespace its default ServiceAccount and kube-root-ca.crt', async () => {
    await objects.create(namespace('fresh'));
    const sa = await until(
      () => core.listNamespacedServiceAccount({ namespace: 'fresh' }),
      (l) => l.items.length > 0,
      'default service account',
    );
    expect(sa.items.map((s) => s.metadata?.name)).toEqual(['default']);
    const ca = await core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace: 'fresh' });
    expect(ca.data?.['ca.crt']).toContain('-----BEGIN CERTIFICATE-----');
    expect((await core.listNamespacedServiceAccount({ namespace: 'default' })).items.map((s) => s.metadata?.name)).toEqual(['default']);
  });

  it("serves two nodes, binds pods to one that fits, and leaves a pod too big for any Pending with the scheduler's reason", async () => {
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.status?.allocatable?.['cpu'])).toEqual(['3860m', '3860m']);
    await objects.create(pod('huge', { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '8' } } }] }));
    const pending = await until(readPod('huge'), (p) => condition(p, 'PodScheduled')?.['reason'] === 'Unschedulable', 'unschedulable');
    expect(pending.status?.phase).toBe('Pending');
    expect(condition(pending, 'PodScheduled')?.['message']).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    expect((await eventsFor('huge')).map((e) => `${e.type ?? ''} ${e.reason ?? ''} ${e.source?.component ?? ''}`)).toContain(
      'Warning FailedScheduling default-scheduler',
    );
  });

  it('keeps a container whose ConfigMap is missing in CreateContainerConfigError until it exists', async () => {
    await objects.create(
      pod('configured', {
        containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'late', key: 'mode' } } }] }],
      }),
    );
    const stuck = await until(readPod('configured'), (p) => waitingReason(p) === 'CreateContainerConfigError', 'config error');
    expect(stuck.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe('configmap "late" not found');
    expect(stuck.status?.phase).toBe('Pending');
    await objects.create({ ...configMap('late', 'work'), data: { mode: 'fast' } });
    await until(readPod('configured'), (p) => p.status?.containerStatuses?.[0]?.ready === true, 'recovered once the ConfigMap exists');
  });

  it('refuses pods of a missing ServiceAccount or over a quota: FailedCreate on the ReplicaSet, ReplicaFailure on the Deployment', async () => {
    const d = deployment('ghost', 'nginx:1.27', 1);
    (field(d, 'spec.template.spec') as Record<string, unknown>)['serviceAccountName'] = 'ghost';
    await apply(d);
    const failed = await until(
      () => readDeployment('ghost'),
      (x) => condition(x, 'ReplicaFailure') !== undefined,
      'replica failure',
    );
    expect(condition(failed, 'ReplicaFailure')).toMatchObject({
      status: 'True',
      reason: 'FailedCreate',
      message: expect.stringMatching(
        /^pods "ghost-\w+-" is forbidden: error looking up service account work\/ghost: serviceaccount "ghost" not found$/,
      ) as unknown,
    });
    expect(await podsOf('ghost')).toEqual([]);
    const rs = (await apps.listNamespacedReplicaSet({ namespace: 'work', labelSelector: 'app=ghost' })).items[0];
    expect((await eventsFor(rs?.metadata?.name ?? '')).find((e) => e.reason === 'FailedCreate')).toMatchObject({
      type: 'Warning',
      source: { component: 'replicaset-controller' },
    });
    await objects.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ghost', namespace: 'work' } });
    await until(() => readDeployment('ghost'), rolledOut, 'rolled out once the ServiceAccount exists');

    await objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quota' } });
    await objects.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'quota' },
      spec: { hard: { pods: '1', 'requests.memory': '1Gi' } },
    });
    const q = await until(
      () => core.readNamespacedResourceQuota({ name: 'q', namespace: 'quota' }),
      (x) => x.status?.used !== undefined,
      'quota status',
    );
    expect(q.status).toEqual({ hard: { pods: '1', 'requests.memory': '1Gi' }, used: { pods: '0', 'requests.memory': '0' } });
    await apply({ ...deployment('quota', 'nginx:1.27', 2), metadata: { name: 'quota', namespace: 'quota' } });
    const over = await until(
      () => apps.readNamespacedDeployment({ name: 'quota', namespace: 'quota' }),
      (x) => condition(x, 'ReplicaFailure') !== undefined,
      'quota refusal',
    );
    expect(condition(over, 'ReplicaFailure')?.['message']).toMatch(
      /^pods "quota-\w+-\w+" is forbidden: failed quota: q: must specify requests\.memory for: app$/,
    );
  });

  it('keeps a pod whose readiness probe fails Running but never Ready, and serves Endpoints with it not ready', async () => {
    await objects.create({
      ...pod('probed', {
        containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }],
      }),
      metadata: { name: 'probed', namespace: 'work', labels: { app: 'probed' } },
    });
    await objects.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'probed', namespace: 'work' },
      spec: { selector: { app: 'probed' }, ports: [{ port: 80 }] },
    });
    const running = await until(readPod('probed'), (p) => p.status?.phase === 'Running', 'running');
    await new Promise((r) => setTimeout(r, 100));
    expect(condition(await readPod('probed')(), 'Ready')?.['status']).toBe('False');
    expect((await eventsFor('probed')).find((e) => e.reason === 'Unhealthy')?.message).toBe(
      `Readiness probe failed: Get "http://${running.status?.podIP ?? ''}:8080/ready": dial tcp ${running.status?.podIP ?? ''}:8080: connect: connection refused`,
    );
    const endpoints = await until(
      () => core.readNamespacedEndpoints({ name: 'probed', namespace: 'work' }),
      (e) => (e.subsets ?? []).length > 0,
      'endpoints',
    );
    expect(endpoints.subsets?.[0]?.notReadyAddresses?.[0]?.targetRef?.name).toBe('probed');
    expect(endpoints.subsets?.[0]?.addresses).toBeUndefined();
  });

  it('restarts a container whose liveness probe fails, into CrashLoopBackOff', async () => {
    await objects.create(pod('unlive', { containers: [{ name: 'app', image: 'nginx:1.27', livenessProbe: { exec: { command: ['false'] } } }] }));
    const looping = await until(readPod('unlive'), (p) => waitingReason(p) === 'CrashLoopBackOff', 'liveness restarts');
    expect(looping.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137);
    const reasons = (await eventsFor('unlive')).map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
    expect(reasons).toEqual(expect.arrayContaining(['Unhealthy: Liveness probe failed: ', 'Killing: Container app failed liveness probe, will be restarted']));
  });

  it('does not roll out a paused Deployment, and leaves OnDelete StatefulSet pods at their revision until deleted', async () => {
    await apply(deployment('held', 'nginx:1.27', 1));
    await until(() => readDeployment('held'), rolledOut, 'held rolled out');
    await apply({
      ...deployment('held', 'nginx:1.28', 1),
      spec: { ...(deployment('held', 'nginx:1.28', 1)['spec'] as Record<string, unknown>), paused: true },
    });
    const paused = await until(
      () => readDeployment('held'),
      (d) => condition(d, 'Progressing')?.['reason'] === 'DeploymentPaused',
      'paused',
    );
    expect(condition(paused, 'Progressing')).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' });
    expect((await podsOf('held')).map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.27']);
    expect((await apps.listNamespacedReplicaSet({ namespace: 'work', labelSelector: 'app=held' })).items).toHaveLength(1);

    const sts = (image: string): Obj => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'ondelete', namespace: 'work' },
      spec: {
        serviceName: 'ondelete',
        replicas: 1,
        updateStrategy: { type: 'OnDelete' },
        selector: { matchLabels: { app: 'ondelete' } },
        template: { metadata: { labels: { app: 'ondelete' } }, spec: { containers: [{ name: 'app', image }] } },
      },
    });
    await apply(sts('redis:7.2'));
    await until(
      () => podsOf('ondelete'),
      (p) => p[0]?.status?.phase === 'Running',
      'ondelete running',
    );
    await apply(sts('redis:7.4'));
    const set = await until(
      () => apps.readNamespacedStatefulSet({ name: 'ondelete', namespace: 'work' }),
      (x) => x.status?.observedGeneration === 2,
      'observed',
    );
    await new Promise((r) => setTimeout(r, 150));
    expect((await podsOf('ondelete')).map((p) => p.spec?.containers[0]?.image)).toEqual(['redis:7.2']);
    expect(set.status?.updatedReplicas ?? 0).toBe(0);
  });

  it('runs init containers first: one that exits keeps the pod in Init:CrashLoopBackOff, its containers PodInitializing', async () => {
    await objects.create(
      pod('initfail', {
        initContainers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo no database; exit 1'] }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    const stuck = await until(
      readPod('initfail'),
      (p) => p.status?.initContainerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
      'init crash loop',
    );
    expect(stuck.status?.phase).toBe('Pending');
    expect(condition(stuck, 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate]',
    });
    expect(waitingReason(stuck)).toBe('PodInitializing');
    expect(await core.readNamespacedPodLog({ name: 'initfail', namespace: 'work', container: 'migrate' })).toContain('no database');
    await objects.create(
      pod('initok', {
        initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    const ok = await until(readPod('initok'), (p) => p.status?.containerStatuses?.[0]?.ready === true, 'initialized and running');
    expect(ok.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('keeps one ReplicaSet for a seeded Deployment whose template the API server never defaulted', async () => {
    emu.store.seed({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'seeded', namespace: 'work' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'seeded' } },
        template: { metadata: { labels: { app: 'seeded' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      },
    });
    await until(() => readDeployment('seeded'), rolledOut, 'seeded rolled out');
    await new Promise((r) => setTimeout(r, 200));
    expect(await podsOf('seeded')).toHaveLength(2);
    expect((await apps.listNamespacedReplicaSet({ namespace: 'work', labelSelector: 'app=seeded' })).items).toHaveLength(1);
  });

  it("gives the previous run's log of a restarted container, and refuses one before the first restart", async () => {
    await objects.create(pod('exits', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 2'] }] }));
    const crashed = await until(readPod('exits'), (p) => waitingReason(p) === 'CrashLoopBackOff', 'crash loop');
    expect(crashed.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(crashed.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(0);
    // The container keeps restarting: the current run, read after the previous one, is always a later run.
    const previous = await core.readNamespacedPodLog({ name: 'exits', namespace: 'work', previous: true });
    const current = await core.readNamespacedPodLog({ name: 'exits', namespace: 'work' });
    expect(previous).toContain('starting');
    const run = (log: string): number => Number(/\(run (\d+)\)/.exec(log)?.[1] ?? 0);
    expect(run(previous)).toBeGreaterThan(0);
    expect(run(current)).toBeGreaterThan(run(previous));
    const never = await failure(core.readNamespacedPodLog({ name: 'configured', namespace: 'work', previous: true }));
    expect(never).toMatchObject({ code: 400, body: { message: 'previous terminated container "app" in pod "configured" not found' } });
  });
});
