// shared/kube/client.ts's client and watch against the Kubernetes emulator (or, in acceptance mode, a
// real cluster: test/helpers/backends.ts): apply codes and no-op applies, dry runs, discovery
// shared by parallel callers, 404s as values, pod logs, transient faults retried, and a watch
// that reconnects. Everything lives in one uniquely named, labelled namespace, removed at the end.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { emulatorOnly } from '../helpers/backends.ts';
import { createKubeClient, type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { watchObjects } from '../../shared/kube/watch.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';

let kube: KubeEmulator;
let client: KubeClient;
const retries: string[] = [];

const NS = `kc-${randomBytes(3).toString('hex')}`;
const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NS },
  data,
});
const CRD_NAME = 'gadgets.example.com';

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 20 });
  const { connection } = await loadKubeconfig({ input: kube.kubeconfig(), setSecret: () => undefined });
  client = createKubeClient(connection, { setSecret: () => undefined, retryDeadlineMs: 10_000, onRetry: (what, reason) => retries.push(`${what}: ${reason}`) });
  await client.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } } },
    { fieldManager: 'test' },
  );
});
afterAll(async () => {
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await client.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: CRD_NAME } });
  await kube.close();
});

describe('KubeClient', () => {
  it('answers 201 for a new object and keeps the resourceVersion of an apply that changes nothing', async () => {
    const created = await client.apply(configMap('one', { a: '1' }), { fieldManager: 'test' });
    expect(created.code).toBe(201);
    const again = await client.apply(configMap('one', { a: '1' }), { fieldManager: 'test' });
    expect(again.code).toBe(200);
    expect(again.object.metadata?.resourceVersion).toBe(created.object.metadata?.resourceVersion);
    const changed = await client.apply(configMap('one', { a: '2' }), { fieldManager: 'test' });
    expect(changed.object.metadata?.resourceVersion).not.toBe(created.object.metadata?.resourceVersion);
  });

  it('sends fields client-node has no model for, unchanged', async () => {
    const obj = { ...configMap('extra', {}), binaryData: { b: Buffer.from('x').toString('base64') }, immutable: false };
    const { object } = await client.apply(obj, { fieldManager: 'test' });
    expect(object['binaryData']).toEqual({ b: 'eA==' });
    expect((await client.get(configMap('extra', {})))?.['immutable']).toBe(false);
  });

  it('does not store a dry run, and reports a conflict as a readable 409', async () => {
    await client.apply(configMap('dry', { a: '1' }), { fieldManager: 'test', dryRun: true });
    expect(await client.get(configMap('dry', {}))).toBeUndefined();
    const error = await client.apply(configMap('one', { a: '3' }), { fieldManager: 'someone-else' }).catch((e: unknown) => e);
    expect(describeKubeError(error)).toBe('409 Conflict: Apply failed with 1 conflict: conflict with "test": .data.a');
    await client.apply(configMap('one', { a: '3' }), { fieldManager: 'someone-else', force: true });
    expect((await client.get(configMap('one', {})))?.['data']).toEqual({ a: '3' });
  });

  it('returns undefined and false for what does not exist', async () => {
    expect(await client.get(configMap('missing', {}))).toBeUndefined();
    expect(await client.resource('example.com/v1', 'Widget')).toBeUndefined();
    expect(await client.delete(configMap('missing', {}))).toBe(false);
    await client.apply(configMap('gone', {}), { fieldManager: 'test' });
    expect(await client.delete(configMap('gone', {}))).toBe(true);
  });

  it('keeps names as they are in the URL (client-node would lower-case them)', async () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'system:Custom-Reader', namespace: NS }, rules: [] };
    expect((await client.apply(role, { fieldManager: 'test' })).code).toBe(201);
    expect((await client.get(role))?.metadata?.name).toBe('system:Custom-Reader');
  });

  emulatorOnly('request counter')('discovers each apiVersion once for parallel callers', async () => {
    kube.requests.reset();
    const infos = await Promise.all(Array.from({ length: 8 }, () => client.resource('batch/v1', 'CronJob')));
    expect(infos.every((i) => i?.name === 'cronjobs' && i.namespaced)).toBe(true);
    expect(kube.requests.count('GET', /^\/apis\/batch\/v1$/)).toBe(1);
  });

  emulatorOnly('request counter')('discovers every group in two requests where the server offers aggregated discovery', async () => {
    const fresh = createKubeClient(client.connection, { setSecret: () => undefined });
    kube.requests.reset();
    await fresh.prefetchDiscovery();
    const infos = await Promise.all([
      fresh.resource('apps/v1', 'Deployment'),
      fresh.resource('v1', 'ConfigMap'),
      fresh.resource('gateway.networking.k8s.io/v1', 'HTTPRoute'),
      fresh.resource('v1', 'Namespace'),
    ]);
    expect(infos.map((i) => i && `${i.name} ${i.namespaced}`)).toEqual(['deployments true', 'configmaps true', 'httproutes true', 'namespaces false']);
    expect(kube.requests.count('GET', /^\/apis?$/)).toBe(2);
    expect(kube.requests.count('GET', /^\/apis?\/.+/)).toBe(0);
  });

  it('finds a kind again once its CustomResourceDefinition is applied', async () => {
    expect(await client.resource('example.com/v1', 'Gadget')).toBeUndefined();
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: CRD_NAME },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    await client.apply(crd, { fieldManager: 'test' });
    // A real API server serves the new group once the CRD is Established (the emulator at once).
    for (let tries = 0; tries < 100 && (await client.resource('example.com/v1', 'Gadget')) === undefined; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await client.resource('example.com/v1', 'Gadget')).toEqual({
      name: 'gadgets',
      namespaced: true,
      verbs: expect.arrayContaining(['get', 'patch']) as unknown,
    });
    const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1', namespace: NS }, spec: { size: 1 } };
    expect((await client.apply(gadget, { fieldManager: 'test' })).code).toBe(201);
  });

  it('lists with a label selector', async () => {
    await client.apply({ ...configMap('labelled', {}), metadata: { name: 'labelled', namespace: NS, labels: { team: 'x' } } }, { fieldManager: 'test' });
    const listed = await client.list('v1', 'ConfigMap', { namespace: NS, labelSelector: 'team=x' });
    expect(listed.items.map((i) => `${i.kind}/${i.metadata?.name}`)).toEqual(['ConfigMap/labelled']);
  });

  emulatorOnly('emulated container image')('reads pod logs', async () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: NS },
      spec: { containers: [{ name: 'app', image: 'app:crashloop' }] },
    };
    await client.apply(pod, { fieldManager: 'test' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const log = await client.podLog(NS, 'p', { container: 'app', tailLines: 1 });
    expect(log).toBe('panic: exiting with status 1\n');
  });

  emulatorOnly('fault injection')('retries 429 and 503 and then succeeds', async () => {
    retries.length = 0;
    kube.faults.script(
      { method: 'PATCH', path: /configmaps\/retried$/, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 },
      { method: 'PATCH', path: /configmaps\/retried$/, fault: { kind: 'status', status: 503 }, times: 1 },
    );
    const { code } = await client.apply(configMap('retried', {}), { fieldManager: 'test' });
    expect(code).toBe(201);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain(`apply of ConfigMap ${NS}/retried`);
  });

  it("fails on a permanent error with the server's reason", async () => {
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: NS } };
    const error = await client.apply(bad, { fieldManager: 'test' }).catch((e: unknown) => e);
    expect(describeKubeError(error)).toMatch(/^422 Invalid/);
  });

  emulatorOnly('request counter')('fails at once on a permanent error (one request, no retry)', async () => {
    kube.requests.reset();
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: NS } };
    await client.apply(bad, { fieldManager: 'test' }).catch((e: unknown) => e);
    expect(kube.requests.count('PATCH')).toBe(1);
  });
});

describe('watchObjects', () => {
  const until = async (check: () => boolean): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('starts with the current objects, then follows changes of the selected ones', async () => {
    const labelled = (name: string, v: string): KubeObject => ({ ...configMap(name, { v }), metadata: { name, namespace: NS, labels: { w: 'yes' } } });
    await client.apply(labelled('w0', '1'), { fieldManager: 'test' });
    await client.apply(configMap('unlabelled', { v: '1' }), { fieldManager: 'test' });
    const seen: string[] = [];
    const controller = new AbortController();
    const watching = watchObjects(client, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: NS,
      labelSelector: 'w=yes',
      signal: controller.signal,
      onEvent: (type, obj) => seen.push(`${type} ${obj.metadata?.name ?? ''}`),
    });
    await until(() => seen.includes('ADDED w0'));
    await client.apply(labelled('w1', '1'), { fieldManager: 'test' });
    await until(() => seen.includes('ADDED w1'));
    await client.apply(labelled('w1', '2'), { fieldManager: 'test' });
    await client.apply(configMap('unlabelled', { v: '2' }), { fieldManager: 'test' });
    await client.delete(labelled('w1', '2'));
    await until(() => seen.includes('DELETED w1'));
    controller.abort();
    await watching;
    expect(seen).toEqual(['ADDED w0', 'ADDED w1', 'MODIFIED w1', 'DELETED w1']);
  });

  emulatorOnly('fault injection')('reconnects after a dropped connection', async () => {
    kube.faults.script({ method: 'GET', path: new RegExp(`^/api/v1/namespaces/${NS}/secrets$`), fault: { kind: 'drop' }, times: 1 });
    const seen: string[] = [];
    let errors = 0;
    const controller = new AbortController();
    const watching = watchObjects(client, {
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: NS,
      signal: controller.signal,
      onEvent: (type, obj) => seen.push(`${type} ${obj.metadata?.name ?? ''}`),
      onError: () => (errors += 1),
    });
    await until(() => errors > 0);
    await client.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: NS }, data: {} }, { fieldManager: 'test' });
    await until(() => seen.includes('ADDED s1'));
    controller.abort();
    await watching;
    expect(errors).toBe(1);
    expect(seen).toContain('ADDED s1');
    expect(kube.requests.count('GET', new RegExp(`^/api/v1/namespaces/${NS}/secrets$`))).toBeGreaterThanOrEqual(2);
  });
});
