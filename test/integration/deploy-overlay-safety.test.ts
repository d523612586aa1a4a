// What deploy-overlay refuses, always before it changes anything: a namespace it did not make
// or that belongs to another branch, cluster-scoped objects and objects aimed at other
// namespaces (unless allowed), placeholders left over, broken overlays. And its dry runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { copySample, deployInProcess, sampleInputs, writeSampleFile } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 20 });
});
afterAll(async () => kube.close());

const inputs = (branch: string, overrides: Record<string, string> = {}): Record<string, string> => sampleInputs(kube.kubeconfig(), { branch, ...overrides });
/** Every object in a namespace (pods and events included); empty means nothing was written there. */
/** What is in a namespace besides what its controllers put in every namespace (ServiceAccount default, ConfigMap kube-root-ca.crt). */
const contents = (namespace: string): string[] =>
  kube.store
    .inNamespace(namespace)
    .map((o) => `${o.resource}/${o.object.metadata.name ?? ''}`)
    .filter((o) => o !== 'serviceaccounts/default' && o !== 'configmaps/kube-root-ca.crt');
const rejection = async (record: Record<string, string>): Promise<UserError> => {
  const error = await deployInProcess(record).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
};

describe('namespaces it may not use', () => {
  it('refuses an existing namespace it did not make (never takes one over)', async () => {
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'feature-handmade', labels: { team: 'x' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const error = await rejection(inputs('handmade'));
    expect(error.message).toContain('The namespace "feature-handmade" exists and was not made by this suite');
    expect(error.fix).toContain('kubectl label namespace feature-handmade app.kubernetes.io/managed-by=branch-env-actions branch-env.io/branch=handmade');
    expect(error.fix).toContain("kubectl annotate namespace feature-handmade 'branch-env.io/branch-name=handmade'");
    expect(contents('feature-handmade')).toEqual([]);
    expect(kube.store.get('namespaces', undefined, 'feature-handmade')?.metadata.labels).toEqual({ team: 'x' });
  });

  it("refuses another branch's namespace and the namespace input `default`", async () => {
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shared-env', labels: { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'someone-else' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect((await rejection(inputs('mine', { namespace: 'shared-env' }))).message).toContain('belongs to another branch');
    expect(contents('shared-env')).toEqual([]);
    expect((await rejection(inputs('mine', { namespace: 'default' }))).message).toContain(
      'never deploys into `default`, `kube-*` or the production namespaces',
    );
    expect(contents('default')).toEqual([]);
  });
});

describe('objects it may not apply', () => {
  it('refuses a cluster-scoped object before anything is created, and applies it when allowed', async () => {
    const error = await rejection(inputs('cluster', { overlays: 'overlays/with-cluster-role' }));
    expect(error.message).toContain('ClusterRole/sample-node-reader (from overlays/with-cluster-role) is cluster-scoped');
    expect(kube.store.get('namespaces', undefined, 'feature-cluster')).toBeUndefined();
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, 'sample-node-reader')).toBeUndefined();

    const { report } = await deployInProcess(inputs('cluster', { overlays: 'overlays/with-cluster-role', 'allow-cluster-scoped': 'ClusterRole' }));
    expect(report.failure).toBeUndefined();
    expect(report.objects.find((o) => o.kind === 'ClusterRole')).toMatchObject({ name: 'sample-node-reader', result: 'created' });
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, 'sample-node-reader')?.metadata.labels).toMatchObject({
      'branch-env.io/branch': 'cluster',
    });
  });

  it('refuses an object aimed at another namespace, and applies it there when allowed', async () => {
    const error = await rejection(inputs('foreign', { overlays: 'overlays/foreign-namespace' }));
    expect(error.message).toContain('ConfigMap/sample-scrape-config (from overlays/foreign-namespace) is aimed at namespace "monitoring"');
    expect(kube.store.get('namespaces', undefined, 'feature-foreign')).toBeUndefined();

    kube.store.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'monitoring' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const { report } = await deployInProcess(inputs('foreign', { overlays: 'overlays/foreign-namespace', 'allow-namespaces': 'monitoring' }));
    expect(report.failure).toBeUndefined();
    expect(kube.store.get('configmaps', 'monitoring', 'sample-scrape-config')?.['data']).toEqual({ targets: 'api.feature-foreign.svc:80' });
  });

  it('fails on a placeholder left over, naming object and field, before anything is created', async () => {
    const error = await rejection(inputs('leftover', { replacements: 'BRANCH_NAME={slug}' }));
    expect(error.message).toContain('Deployment/api: spec.template.spec.containers[0].env[0].value = "BRANCH_NAME_DB" still holds BRANCH_NAME');
    expect(error.message).toContain('Job/migrate: spec.template.spec.containers[0].env[0].value = "BRANCH_NAME_DB" still holds BRANCH_NAME');
    expect(kube.store.get('namespaces', undefined, 'feature-leftover')).toBeUndefined();
    const images = await rejection(inputs('leftover', { images: 'registry.example.com/sample/api:v1' }));
    expect(images.message).toContain('still holds PLACEHOLDER');
  });

  it("shows kustomize's own error with the overlay path", async () => {
    const sample = copySample();
    try {
      const file = path.join(sample.dir, 'overlays/feature/kustomization.yaml');
      writeSampleFile(sample.dir, 'overlays/feature/kustomization.yaml', readFileSync(file, 'utf8').replace('../../base', '../../no-such-base'));
      const error = await rejection(inputs('broken', { 'working-directory': sample.dir }));
      expect(error.message).toContain('failed for overlay "overlays/feature"');
      expect(error.message).toContain('no-such-base');
      expect(error.fix).toContain('kustomize overlays/feature` locally');
      expect((await rejection(inputs('broken', { overlays: 'overlays/missing' }))).message).toContain('names "overlays/missing", which is not a directory');
    } finally {
      sample.cleanup();
    }
  });
});

describe('dry runs', () => {
  it('client: renders and plans without contacting a cluster', async () => {
    const { report } = await deployInProcess(inputs('planned', { 'dry-run': 'client', kubeconfig: 'no/such/kubeconfig' }));
    expect(report.failure).toBeUndefined();
    expect(report.objects).toHaveLength(14);
    expect(new Set(report.objects.map((o) => o.result))).toEqual(new Set(['planned']));
    expect(report.objects.find((o) => o.kind === 'HTTPRoute')?.namespace).toBe('feature-planned');
    expect(kube.store.get('namespaces', undefined, 'feature-planned')).toBeUndefined();
  });

  it('server: reports what would change and stores nothing', async () => {
    const fresh = await deployInProcess(inputs('preview', { 'dry-run': 'server' }));
    expect(fresh.report.failure).toBeUndefined();
    expect(new Set(fresh.report.objects.map((o) => o.result))).toEqual(new Set(['would-create']));
    expect(fresh.report.rollouts).toEqual([]);
    expect(kube.store.get('namespaces', undefined, 'feature-preview')).toBeUndefined();

    await deployInProcess(inputs('preview'));
    const image = 'registry.example.com/sample/web:next';
    const changed = await deployInProcess(
      inputs('preview', { 'dry-run': 'server', images: sampleInputs('')['images']?.replace(/registry.example.com\/sample\/web:\S+/, image) ?? '' }),
    );
    expect(changed.report.failure).toBeUndefined();
    const results = Object.fromEntries(changed.report.objects.map((o) => [`${o.kind}/${o.name}`, o.result]));
    expect(results['Deployment/web']).toBe('would-configure');
    expect(results['Deployment/api']).toBe('unchanged');
    expect(results['Service/web']).toBe('unchanged');
    expect(JSON.stringify(kube.store.get('deployments.apps', 'feature-preview', 'web'))).not.toContain(image);
  });
});
