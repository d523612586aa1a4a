// The Kubernetes emulator's API, driven by @kubernetes/client-node 2 as the
// actions drive a real cluster: server-side apply with field managers and
// conflicts, dry runs, CRUD, selectors, watches (410 Expired included),
// custom resources, faults and auth.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';

/** A plain object as client-node takes and returns it (its models carry Dates, so the emulator's type does not fit). */
interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    managedFields?: { manager?: string; operation?: string; fieldsV1?: object }[];
  };
  [key: string]: unknown;
}

let emu: KubeEmulator;
let kc: k8s.KubeConfig;
let objects: k8s.KubernetesObjectApi;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 20 });
  kc = new k8s.KubeConfig();
  kc.loadFromString(emu.kubeconfig());
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  core = kc.makeApiClient(k8s.CoreV1Api);
  await objects.create(namespace('api'));
});

afterAll(async () => {
  await emu.close();
});

/** A raw request with the kubeconfig's token; answers status, headers and parsed body. */
async function raw(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(emu.url + path, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function configMap(name: string, ns: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', ...extra, metadata: { name, namespace: ns, ...extra.metadata } };
}

/** A field of a plain object by dotted path. */
function field(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** The ApiException client-node throws, with its body parsed (client-node keeps it a string). */
async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof k8s.ApiException) {
      const body = typeof error.body === 'string' ? (JSON.parse(error.body) as Record<string, unknown>) : (error.body as Record<string, unknown>);
      return { code: error.code, body };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

function apply(obj: KubeObject, manager: string, force = false, dryRun?: string): Promise<KubeObject> {
  return objects.patch(obj, undefined, dryRun, manager, force, k8s.PatchStrategy.ServerSideApply);
}

function deployment(name: string, extra: { replicas?: number; image?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'api', ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      ...(extra.replicas === undefined ? {} : { replicas: extra.replicas }),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: extra.image ?? 'nginx:1.27' }] } },
    },
  };
}

function managers(obj: KubeObject): { manager: string; operation: string; fields: string }[] {
  return (obj.metadata.managedFields ?? []).map((e) => ({ manager: e.manager ?? '', operation: e.operation ?? '', fields: JSON.stringify(e.fieldsV1) }));
}

describe('discovery', () => {
  it('serves /version, /api, /apis and resource lists that kubectl and client-node read', async () => {
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toBe('v1.32.4');
    const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    const names = groups.groups.map((g) => g.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'networking.k8s.io',
        'policy',
        'autoscaling',
        'rbac.authorization.k8s.io',
        'apiextensions.k8s.io',
        'gateway.networking.k8s.io',
        'secrets-store.csi.x-k8s.io',
        'alb.networking.azure.io',
        'monitoring.coreos.com',
      ]),
    );
    const apps = await raw('GET', '/apis/apps/v1');
    const resources = apps.body.resources as { name: string; kind: string; verbs: string[] }[];
    // The main entry comes before its subresources: client-node takes the first with the kind.
    expect(resources.find((r) => r.kind === 'Deployment')?.name).toBe('deployments');
    expect(resources.find((r) => r.name === 'deployments')?.verbs).toContain('patch');
    const coreList = await raw('GET', '/api/v1');
    expect((coreList.body.resources as { name: string }[]).map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'namespaces',
        'configmaps',
        'secrets',
        'services',
        'serviceaccounts',
        'persistentvolumeclaims',
        'resourcequotas',
        'pods',
        'pods/log',
        'events',
      ]),
    );
    expect((await raw('GET', '/apis/nothing.example.com/v1')).status).toBe(404);
  });

  it('serves aggregated discovery (apidiscovery.k8s.io/v2) only to clients that ask for it', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const res = await fetch(`${emu.url}/apis`, { headers: { authorization: `Bearer ${emu.token}`, accept } });
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const list = (await res.json()) as {
      kind: string;
      items: {
        metadata: { name: string };
        versions: { version: string; resources: { resource: string; scope: string; responseKind: { kind: string } }[] }[];
      }[];
    };
    expect(list.kind).toBe('APIGroupDiscoveryList');
    const apps = list.items.find((g) => g.metadata.name === 'apps')?.versions[0]?.resources.find((r) => r.resource === 'deployments');
    expect(apps).toMatchObject({ scope: 'Namespaced', responseKind: { kind: 'Deployment' } });
    const core = await fetch(`${emu.url}/api`, { headers: { authorization: `Bearer ${emu.token}`, accept } });
    const coreList = (await core.json()) as typeof list;
    expect(coreList.items[0]?.versions[0]?.resources.find((r) => r.resource === 'namespaces')?.scope).toBe('Cluster');
    // A client that asks for plain JSON still gets the legacy documents.
    expect((await raw('GET', '/apis')).body['kind']).toBe('APIGroupList');
    expect((await raw('GET', '/api')).body['kind']).toBe('APIVersions');
  });
});

describe('server-side apply', () => {
  it('creates with 201, updates with 200, and records the manager in managedFields', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'api' }, data: { a: '1' } };
    const created = await raw('PATCH', '/api/v1/namespaces/api/configmaps/ssa?fieldManager=suite', body, 'application/apply-patch+yaml');
    expect(created.status).toBe(201);
    const yamlBody = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: api\ndata:\n  a: "2"\n';
    const updated = await raw('PATCH', '/api/v1/namespaces/api/configmaps/ssa?fieldManager=suite', yamlBody, 'application/apply-patch+yaml');
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ a: '2' });
    const read = await objects.read<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'api' } });
    expect(managers(read)).toEqual([{ manager: 'suite', operation: 'Apply', fields: JSON.stringify({ 'f:data': { 'f:a': {} } }) }]);
    expect(Number(read.metadata.resourceVersion)).toBeGreaterThan(Number((created.body.metadata as { resourceVersion: string }).resourceVersion));
  });

  it('refuses apply without a fieldManager (422) and a body whose name differs from the URL (400)', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'api' } };
    const noManager = await raw('PATCH', '/api/v1/namespaces/api/configmaps/x', body, 'application/apply-patch+yaml');
    expect(noManager.status).toBe(422);
    expect(noManager.body.reason).toBe('Invalid');
    const wrongName = await raw('PATCH', '/api/v1/namespaces/api/configmaps/y?fieldManager=m', body, 'application/apply-patch+yaml');
    expect(wrongName.status).toBe(400);
  });

  it('answers a conflict with the real 409 Status, and moves ownership with force', async () => {
    const applied = await apply(deployment('conflict', { replicas: 2 }), 'deployer');
    expect(applied.metadata.generation).toBe(1);
    const error = await failure(apply(deployment('conflict', { replicas: 3 }), 'autoscaler'));
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
      message: 'Apply failed with 1 conflict: conflict with "deployer": .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "deployer"', field: '.spec.replicas' }] },
    });
    // Same value: no conflict, the field becomes shared.
    await apply(deployment('conflict', { replicas: 2 }), 'autoscaler');

    const forced = await apply(deployment('conflict', { replicas: 5 }), 'autoscaler', true);
    expect(field(forced, 'spec.replicas')).toBe(5);
    expect(forced.metadata.generation).toBe(2);
    const deployer = managers(forced).find((m) => m.manager === 'deployer');
    expect(deployer?.fields).not.toContain('f:replicas');
    expect(managers(forced).find((m) => m.manager === 'autoscaler')?.fields).toContain('f:replicas');

    // The deployer stops sending replicas: the value stays, owned by the autoscaler.
    const again = await apply(deployment('conflict'), 'deployer');
    expect(field(again, 'spec.replicas')).toBe(5);
  });

  it('removes a field its only manager stopped applying, but keeps one another manager owns', async () => {
    await apply(deployment('prune', { labels: { team: 'a', tier: 'web' } }), 'deployer');
    await apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prune', namespace: 'api', labels: { tier: 'web' } } }, 'labeller');
    const after = await apply(deployment('prune', { labels: {} }), 'deployer');
    expect(after.metadata.labels).toEqual({ tier: 'web' });
  });

  it('reports a conflict with an Update manager with its apiVersion', async () => {
    await apply(deployment('scaled', { replicas: 1 }), 'deployer');
    const scaled = await raw(
      'PATCH',
      '/apis/apps/v1/namespaces/api/deployments/scaled/scale?fieldManager=hpa-controller',
      { spec: { replicas: 4 } },
      'application/merge-patch+json',
    );
    expect(scaled.body).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    const error = await failure(apply(deployment('scaled', { replicas: 1 }), 'deployer'));
    // printManager (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager/internal/conflict.go, 1.32) names the subresource.
    expect(error.body.message).toBe('Apply failed with 1 conflict: conflict with "hpa-controller" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('returns the result of a dryRun=All apply without storing it', async () => {
    const result = await apply(configMap('dry', 'api', { data: { k: 'v' } }), 'suite', false, 'All');
    expect(result.data).toEqual({ k: 'v' });
    expect((await failure(core.readNamespacedConfigMap({ name: 'dry', namespace: 'api' }))).code).toBe(404);
  });

  it('answers 404 in a missing namespace', async () => {
    const error = await failure(apply(configMap('c', 'nowhere'), 'suite'));
    expect(error.code).toBe(404);
    expect(error.body.message).toBe('namespaces "nowhere" not found');
  });

  it('refuses invalid names and label values with 422 Invalid', async () => {
    const error = await failure(apply(configMap('ok', 'api', { metadata: { labels: { branch: 'feature/x' } } }), 'suite'));
    expect(error.code).toBe(422);
    expect(error.body.message).toContain('metadata.labels: Invalid value: "feature/x"');
  });
});

describe('create, read, replace, patch, delete', () => {
  it('answers POST of an existing name with 409 AlreadyExists', async () => {
    await objects.create(configMap('posted', 'api', { data: { a: '1' } }));
    const error = await failure(objects.create(configMap('posted', 'api')));
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "posted" already exists',
      details: { name: 'posted', kind: 'configmaps' },
    });
  });

  it('replaces with PUT, refusing a stale resourceVersion', async () => {
    const current = await objects.read<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'posted', namespace: 'api' } });
    const replaced = await objects.replace({ ...current, data: { a: '2' } });
    expect(replaced.data).toEqual({ a: '2' });
    const stale = await failure(objects.replace({ ...current, data: { a: '3' } }));
    expect(stale.code).toBe(409);
    expect(stale.body.message).toContain('the object has been modified');
  });

  it('applies merge patches (null deletes a key)', async () => {
    const patched = await objects.patch(
      configMap('posted', 'api', { data: { a: null, b: 'x' } }),
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    expect(patched.data).toEqual({ b: 'x' });
  });

  it('turns Secret stringData into base64 data', async () => {
    const secret = await objects.create<KubeObject>({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'api' },
      stringData: { password: 'hunter2' },
    });
    expect(secret.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(secret.type).toBe('Opaque');
  });

  it('deletes a Deployment with its ReplicaSets and pods', async () => {
    await apply(deployment('doomed', { replicas: 2 }), 'suite');
    const selector = 'app=doomed';
    await waitFor(
      async () => ((await core.listNamespacedPod({ namespace: 'api', labelSelector: selector })).items.length === 2 ? true : undefined),
      'two pods',
    );
    const status = await objects.delete(deployment('doomed'));
    expect(status.status).toBe('Success');
    expect((await core.listNamespacedPod({ namespace: 'api', labelSelector: selector })).items).toEqual([]);
    const sets = await kc.makeApiClient(k8s.AppsV1Api).listNamespacedReplicaSet({ namespace: 'api', labelSelector: selector });
    expect(sets.items).toEqual([]);
  });
});

describe('lists and selectors', () => {
  beforeAll(async () => {
    const labels: Record<string, Record<string, string>> = {
      one: { env: 'a', tier: 'web' },
      two: { env: 'b', tier: 'db' },
      three: { env: 'c', skip: 'yes' },
      four: { tier: 'web' },
    };
    for (const [name, l] of Object.entries(labels)) await objects.create(configMap(`sel-${name}`, 'api', { metadata: { labels: l } }));
  });

  async function names(labelSelector?: string, fieldSelector?: string): Promise<string[]> {
    const list = await core.listNamespacedConfigMap({ namespace: 'api', labelSelector, fieldSelector });
    return list.items.map((i) => i.metadata?.name ?? '').filter((n) => n.startsWith('sel-'));
  }

  it('supports =, !=, in, notin, exists and !exists', async () => {
    expect(await names('env=a')).toEqual(['sel-one']);
    expect(await names('env in (a, b)')).toEqual(['sel-one', 'sel-two']);
    expect(await names('env notin (a),tier')).toEqual(['sel-four', 'sel-two']);
    expect(await names('env,!skip')).toEqual(['sel-one', 'sel-two']);
    expect(await names('tier!=web')).toEqual(['sel-three', 'sel-two']);
  });

  it('supports metadata.name field selectors and answers 400 for a bad selector', async () => {
    expect(await names(undefined, 'metadata.name=sel-two')).toEqual(['sel-two']);
    const error = await failure(core.listNamespacedConfigMap({ namespace: 'api', labelSelector: 'env in a' }));
    expect(error.code).toBe(400);
  });

  it('carries the global resourceVersion on lists and pages with limit/continue', async () => {
    const first = await core.listNamespacedConfigMap({ namespace: 'api', labelSelector: 'tier', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?.resourceVersion).toMatch(/^\d+$/);
    const rest = await core.listNamespacedConfigMap({ namespace: 'api', labelSelector: 'tier', limit: 2, _continue: first.metadata?._continue });
    expect(rest.items.map((i) => i.metadata?.name)).toEqual(['sel-two']);
  });
});

/** Polls until `check` answers something other than undefined. */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watch', () => {
  function collect(
    path: string,
    query: Record<string, string>,
    until: (events: { type: string; object: KubeObject }[]) => boolean,
  ): Promise<{ type: string; object: KubeObject }[]> {
    const events: { type: string; object: KubeObject }[] = [];
    return new Promise((resolve, reject) => {
      let controller: AbortController | undefined;
      const done = (): void => {
        controller?.abort();
        resolve(events);
      };
      new k8s.Watch(kc)
        .watch(
          path,
          query,
          (type, object: KubeObject) => {
            events.push({ type, object });
            if (until(events)) done();
          },
          (err: unknown) => (until(events) ? resolve(events) : reject(err instanceof Error ? err : new Error(`watch ended: ${String(err)}`))),
        )
        .then((c) => {
          controller = c;
          if (until(events)) done();
        }, reject);
    });
  }

  it('starts with synthetic ADDED events, then streams ADDED, MODIFIED and DELETED', async () => {
    await objects.create(namespace('watched'));
    await objects.create(configMap('before', 'watched'));
    const events = collect('/api/v1/namespaces/watched/configmaps', {}, (e) => e.some((x) => x.type === 'DELETED'));
    await new Promise((r) => setTimeout(r, 50));
    await objects.create(configMap('during', 'watched'));
    await core.patchNamespacedConfigMap(
      { name: 'during', namespace: 'watched', body: { data: { a: '1' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: 'during', namespace: 'watched' });
    // The root CA ConfigMap every new namespace gets (from its controller) may show up too.
    const seen = (await events).map((e) => `${e.type} ${e.object.metadata.name ?? ''}`).filter((e) => e !== 'ADDED kube-root-ca.crt');
    expect(seen).toEqual(['ADDED before', 'ADDED during', 'MODIFIED during', 'DELETED during']);
  });

  it('resumes from a resourceVersion and sends 410 Expired for a compacted one', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'watched' });
    const rv = list.metadata?.resourceVersion ?? '';
    await objects.create(configMap('after', 'watched'));
    const resumed = await collect('/api/v1/namespaces/watched/configmaps', { resourceVersion: rv }, (e) => e.length >= 1);
    expect(resumed.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual(['ADDED after']);

    emu.store.compact();
    const expired = await collect('/api/v1/namespaces/watched/configmaps', { resourceVersion: rv }, (e) => e.length >= 1);
    expect(expired[0]?.type).toBe('ERROR');
    expect(expired[0]?.object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
  });
});

describe('custom resources', () => {
  it('serves the preset CRDs of real overlays', async () => {
    const route = await apply(
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'api' }, spec: { hostnames: ['web.example.com'] } },
      'suite',
    );
    expect(route.metadata.uid).toBeTruthy();
    for (const [apiVersion, kind] of [
      ['secrets-store.csi.x-k8s.io/v1', 'SecretProviderClass'],
      ['alb.networking.azure.io/v1', 'HealthCheckPolicy'],
      ['monitoring.coreos.com/v1', 'ServiceMonitor'],
    ] as const) {
      // ServiceMonitor's CRD (prometheus-operator v0.93.0) requires spec.selector and spec.endpoints.
      const spec = kind === 'ServiceMonitor' ? { selector: { matchLabels: { app: 'x' } }, endpoints: [{ port: 'metrics' }] } : {};
      const created = await apply({ apiVersion, kind, metadata: { name: 'x', namespace: 'api' }, spec }, 'suite');
      expect(created.kind).toBe(kind);
    }
  });

  it('registers a kind when its CRD is applied and drops it when the CRD is deleted', async () => {
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
        // client-node's typed serializer drops vendor extensions (x-kubernetes-*) of a plain object, so the schema declares the fields.
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
          },
        ],
      },
    };
    const stored = await apply(crd, 'suite');
    expect(JSON.stringify(stored)).toContain('"Established"');
    const widget = await apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'api' }, spec: { size: 3 } }, 'suite');
    expect(widget.metadata.generation).toBe(1);
    const listed = await raw('GET', '/apis/example.com/v1/namespaces/api/widgets');
    expect(listed.body).toMatchObject({ kind: 'WidgetList', items: [{ kind: 'Widget', metadata: { name: 'w' } }] });
    await objects.delete(crd);
    expect((await raw('GET', '/apis/example.com/v1')).status).toBe(404);
    expect(emu.store.get('widgets.example.com', 'api', 'w')).toBeUndefined();
  });

  it('refuses a CRD whose name is not plural.group', async () => {
    const error = await failure(
      apply(
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'wrong.example.com' },
          spec: {
            group: 'example.com',
            scope: 'Namespaced',
            names: { kind: 'Gadget', plural: 'gadgets' },
            versions: [{ name: 'v1', served: true, storage: true }],
          },
        },
        'suite',
      ),
    );
    expect(error.code).toBe(422);
  });
});

describe('faults, counters and auth', () => {
  it('renders injected faults as Status bodies, with Retry-After on 429', async () => {
    emu.faults.script({ method: 'GET', path: /\/configmaps$/, fault: { kind: 'status', status: 429, retryAfterSeconds: 2 }, times: 1 });
    const limited = await raw('GET', '/api/v1/namespaces/api/configmaps');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect((await raw('GET', '/api/v1/namespaces/api/configmaps')).status).toBe(200);
  });

  it('drops connections and counts requests', async () => {
    emu.faults.script({ path: /\/secrets$/, fault: { kind: 'drop' }, times: 1 });
    await expect(fetch(`${emu.url}/api/v1/namespaces/api/secrets`)).rejects.toThrow();
    const before = emu.requests.count('GET', /\/namespaces\/api\/secrets$/);
    await core.listNamespacedSecret({ namespace: 'api' });
    expect(emu.requests.count('GET', /\/namespaces\/api\/secrets$/)).toBe(before + 1);
  });

  it('answers 401 to a wrong bearer token', async () => {
    const res = await fetch(`${emu.url}/api/v1/namespaces`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
  });
});
