// deploy-overlay in-process against the Kubernetes emulator with the real kustomize and
// client-node: the sample app lands in feature-ex-3-9 transformed and labelled, a re-run
// changes nothing, removed objects are pruned (only the apply set's own), and a field-manager
// conflict is reported with the field and the other manager, or taken over with force-conflicts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { NAMESPACE, TAG, copySample, deployInProcess, leftovers, sampleInputs, writeSampleFile } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;
let sample: ReturnType<typeof copySample>;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30 });
  sample = copySample();
});
afterAll(async () => {
  await kube.close();
  sample.cleanup();
});

const inputs = (overrides: Record<string, string> = {}): Record<string, string> =>
  sampleInputs(kube.kubeconfig(), { 'working-directory': sample.dir, ...overrides });
const labels = (resource: string, name: string, namespace = NAMESPACE): Record<string, string> | undefined =>
  kube.store.get(resource, namespace, name)?.metadata.labels;

describe('deploying the sample app (one environment, step by step)', () => {
  it('puts every object in the branch namespace with placeholders replaced, images set and ownership labels', async () => {
    const { report, masked } = await deployInProcess(inputs());
    expect(report.failure).toBeUndefined();
    expect(report.objects.map((o) => `${o.kind}/${o.name}:${o.result}`)).toEqual([
      'Namespace/feature-ex-3-9:created',
      'ConfigMap/app-settings:created',
      'ConfigMap/feature-flags-d7m4f6cb89:created',
      'Service/api:created',
      'Service/cache:created',
      'Service/web:created',
      'HTTPRoute/web:created',
      'NetworkPolicy/cache:created',
      'Secret/database-credentials:created',
      'Deployment/api:created',
      'Deployment/web:created',
      'StatefulSet/cache:created',
      'CronJob/report:created',
      'Job/migrate:created',
    ]);
    expect(report.objects.filter((o) => o.kind !== 'Namespace').every((o) => o.namespace === NAMESPACE)).toBe(true);
    expect(report.rollouts.map((r) => `${r.kind}/${r.name}:${r.state}`).sort()).toEqual([
      'Deployment/api:ready',
      'Deployment/web:ready',
      'Job/migrate:ready',
      'StatefulSet/cache:ready',
    ]);
    expect(report.url).toBe('https://ex-3-9.preview.example.com');
    expect(report.changed).toBe(true);

    expect(leftovers(kube, NAMESPACE, ['BRANCH_NAME', 'PLACEHOLDER'])).toEqual([]);
    expect(kube.store.get('httproutes.gateway.networking.k8s.io', NAMESPACE, 'web')?.['spec']).toMatchObject({ hostnames: ['ex-3-9.preview.example.com'] });
    const api = JSON.stringify(kube.store.get('deployments.apps', NAMESPACE, 'api'));
    expect(api).toContain('{"name":"POSTGRES_DB","value":"ex_3_9"}');
    expect(api).toContain(`"image":"registry.example.com/sample/api:${TAG}"`);
    expect(api).toContain(`"image":"registry.example.com/sample/worker:${TAG}"`); // the init container
    expect(JSON.stringify(kube.store.get('deployments.apps', NAMESPACE, 'web'))).toContain('"image":"busybox:1.36"');
    expect(JSON.stringify(kube.store.get('cronjobs.batch', NAMESPACE, 'report'))).not.toContain('PLACEHOLDER');
    expect(JSON.stringify(kube.store.get('networkpolicies.networking.k8s.io', NAMESPACE, 'cache'))).toContain('"kubernetes.io/metadata.name":"feature-ex-3-9"');

    const ownership = { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9' };
    expect(kube.store.get('namespaces', undefined, NAMESPACE)?.metadata.labels).toMatchObject(ownership);
    expect(kube.store.get('namespaces', undefined, NAMESPACE)?.metadata.labels?.['branch-env.io/apply-set']).toBeUndefined();
    expect(labels('configmaps', 'app-settings')).toMatchObject({
      ...ownership,
      'branch-env.io/sha': 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855',
      'branch-env.io/apply-set': 'app',
    });
    const pods = kube.store.list('pods', NAMESPACE);
    expect(pods.length).toBeGreaterThanOrEqual(4);
    for (const pod of pods) {
      expect(pod.metadata.labels).toMatchObject(ownership);
      expect(pod.metadata.labels?.['branch-env.io/sha']).toBeUndefined();
    }

    const secret = kube.store.get('secrets', NAMESPACE, 'database-credentials');
    const data = secret?.['data'] as Record<string, string>;
    expect(Buffer.from(data['PGPASSWORD'] ?? '', 'base64').toString()).toBe('Sup3r-secret,pass=word');
    expect(masked).toContain('Sup3r-secret,pass=word');
    expect(masked).toContain(data['PGPASSWORD']);
  });

  it('changes nothing when run again with the same inputs', async () => {
    const before = kube.store
      .inNamespace(NAMESPACE)
      .filter((o) => o.resource !== 'events' && o.resource !== 'pods')
      .map((o) => `${o.resource}/${o.object.metadata.name ?? ''}@${o.object.metadata.resourceVersion ?? ''}`)
      .sort();
    const { report } = await deployInProcess(inputs());
    expect(report.failure).toBeUndefined();
    expect(report.changed).toBe(false);
    expect(new Set(report.objects.map((o) => o.result))).toEqual(new Set(['unchanged']));
    expect(report.rollouts.every((r) => r.state === 'ready')).toBe(true);
    const after = kube.store
      .inNamespace(NAMESPACE)
      .filter((o) => o.resource !== 'events' && o.resource !== 'pods')
      .map((o) => `${o.resource}/${o.object.metadata.name ?? ''}@${o.object.metadata.resourceVersion ?? ''}`)
      .sort();
    expect(after).toEqual(before);
  });

  it('prunes what the overlay no longer renders, and nothing that is not its own', async () => {
    // Another apply set's object, and a labelled object someone made with kubectl: neither may go.
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dashboards',
        namespace: NAMESPACE,
        labels: { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9', 'branch-env.io/apply-set': 'monitoring' },
        managedFields: [
          { manager: 'branch-env-actions', operation: 'Apply', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: {} },
        ],
      },
    });
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'hand-made',
        namespace: NAMESPACE,
        labels: { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9', 'branch-env.io/apply-set': 'app' },
        managedFields: [
          { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: {} },
        ],
      },
    });
    const base = path.join(sample.dir, 'base', 'kustomization.yaml');
    const originals = { base: readFileSync(base, 'utf8'), overlay: readFileSync(path.join(sample.dir, 'overlays/feature/kustomization.yaml'), 'utf8') };
    writeSampleFile(sample.dir, 'base/kustomization.yaml', originals.base.replace('  - networkpolicy.yaml\n', '').replace('  - configmap.yaml\n', ''));
    writeSampleFile(sample.dir, 'overlays/feature/kustomization.yaml', originals.overlay.replace(/ {2}- target:\n {6}kind: NetworkPolicy[\s\S]*$/, ''));
    const { report } = await deployInProcess(inputs()).finally(() => {
      // The api Deployment reads ConfigMap app-settings (envFrom): without it, a new namespace's api pods would never start.
      writeSampleFile(sample.dir, 'base/kustomization.yaml', originals.base);
      writeSampleFile(sample.dir, 'overlays/feature/kustomization.yaml', originals.overlay);
    });
    expect(report.failure).toBeUndefined();
    expect(
      report.objects
        .filter((o) => o.result === 'pruned')
        .map((o) => `${o.kind}/${o.name}`)
        .sort(),
    ).toEqual(['ConfigMap/app-settings', 'NetworkPolicy/cache']);
    expect(kube.store.get('networkpolicies.networking.k8s.io', NAMESPACE, 'cache')).toBeUndefined();
    expect(kube.store.get('configmaps', NAMESPACE, 'app-settings')).toBeUndefined();
    expect(kube.store.get('configmaps', NAMESPACE, 'dashboards')).toBeDefined();
    expect(kube.store.get('configmaps', NAMESPACE, 'hand-made')).toBeDefined();
    // Controller-made objects that inherit the labels stay: pods, ReplicaSets, the StatefulSet's claim.
    expect(kube.store.list('replicasets.apps', NAMESPACE).length).toBeGreaterThan(0);
    expect(kube.store.get('persistentvolumeclaims', NAMESPACE, 'data-cache-0')).toBeDefined();
    // The inventory no longer lists NetworkPolicy.
    const inventory = kube.store.get('namespaces', undefined, NAMESPACE)?.metadata.annotations?.['branch-env.io/kinds.app'] ?? '';
    expect(inventory).not.toContain('NetworkPolicy');
    expect(inventory).toContain('apps/v1 Deployment');
  });

  it('reports a field another manager owns, with the manager, and takes it over with force-conflicts', async () => {
    // What `kubectl scale` does: an Update operation by another manager on .spec.replicas.
    const { createKubeClient } = await import('../../shared/kube/client.ts');
    const { loadKubeconfig } = await import('../../shared/kube/config.ts');
    const { connection } = await loadKubeconfig({ input: kube.kubeconfig(), setSecret: () => undefined });
    const client = createKubeClient(connection, { setSecret: () => undefined });
    await client.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: NAMESPACE } },
      { spec: { replicas: 5 } },
      'kubectl-scale',
    );
    const conflicted = await deployInProcess(inputs());
    expect(conflicted.report.failure?.message).toContain('Deployment/api: .spec.replicas owned by field manager "kubectl-scale"');
    expect(conflicted.report.failure?.fix).toContain('force-conflicts: true');
    expect(conflicted.report.objects.find((o) => o.kind === 'Deployment' && o.name === 'api')?.result).toBe('failed');
    expect(conflicted.report.objects.find((o) => o.kind === 'Deployment' && o.name === 'web')?.result).toBe('unchanged');
    expect(conflicted.report.rollouts).toEqual([]);
    expect((kube.store.get('deployments.apps', NAMESPACE, 'api')?.['spec'] as { replicas: number }).replicas).toBe(5);

    const forced = await deployInProcess(inputs({ 'force-conflicts': 'true' }));
    expect(forced.report.failure).toBeUndefined();
    expect(forced.report.objects.find((o) => o.kind === 'Deployment' && o.name === 'api')?.result).toBe('configured');
    expect((kube.store.get('deployments.apps', NAMESPACE, 'api')?.['spec'] as { replicas: number }).replicas).toBe(2);
  });
});

describe('apply order', () => {
  /** When the emulator received each PATCH of the branch's objects, in ms from the first. */
  async function patchTimes(branch: string): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    const record = kube.requests.record.bind(kube.requests);
    kube.requests.record = (method: string, path: string): void => {
      if (method === 'PATCH' && !times.has(path)) times.set(path, Date.now());
      record(method, path);
    };
    // The namespace's apply answers 300 ms late: what waits for it shows.
    kube.faults.script({ method: 'PATCH', path: new RegExp(`^/api/v1/namespaces/feature-${branch}$`), fault: { kind: 'delay', ms: 300 }, times: 1 });
    try {
      const { report } = await deployInProcess(inputs({ branch }));
      expect(report.failure).toBeUndefined();
    } finally {
      kube.requests.record = record;
    }
    return times;
  }
  const at = (times: Map<string, number>, pattern: RegExp): number => Math.min(...[...times].filter(([path]) => pattern.test(path)).map(([, t]) => t));

  it('creates a new namespace first, then configuration, then workloads; an existing one goes with the configuration', async () => {
    const first = await patchTimes('order-1');
    const namespace = at(first, /^\/api\/v1\/namespaces\/feature-order-1$/);
    const config = at(first, /configmaps|services|secrets/);
    const workloads = at(first, /deployments|statefulsets|jobs/);
    expect(config - namespace).toBeGreaterThanOrEqual(290);
    expect(workloads).toBeGreaterThan(config);
    const again = await patchTimes('order-1');
    const nsAgain = at(again, /^\/api\/v1\/namespaces\/feature-order-1$/);
    expect(Math.abs(at(again, /configmaps|services|secrets/) - nsAgain)).toBeLessThan(150);
    expect(at(again, /deployments|statefulsets|jobs/) - nsAgain).toBeGreaterThanOrEqual(290);
  });
});
