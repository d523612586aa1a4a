// Objects a branch puts outside its namespace (deploy-overlay `allow-namespaces`), from deploy to
// cleanup, in process against the emulators: deploy-overlay records them on the branch namespace,
// prunes one the overlay stops rendering, and cleanup-branch removes the rest before the
// namespace, but never one that does not carry the branch's exact mark, nor a protected target.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { cleanupInProcess, connectionInputs, seedNamespace, startWorld, type World } from '../helpers/cleanup-branch-world.ts';
import { copySample, deployInProcess, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

let w: World;
let sample: ReturnType<typeof copySample>;
beforeAll(async () => {
  w = await startWorld({ postgres: sharedPostgres()! });
  sample = copySample();
});
afterAll(async () => {
  sample?.cleanup();
  await w?.close();
});

const SHARED = 'shared-monitoring';
const serviceMonitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web-BRANCH_NAME
  namespace: ${SHARED}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: http}]
`;
const dashboards = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dashboards-BRANCH_NAME
  namespace: ${SHARED}
data: {board: web}
`;

function monitoringOverlay(resources: Record<string, string>): void {
  const dir = path.join(sample.dir, 'monitoring');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(resources)) writeFileSync(path.join(dir, file), text);
  writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    `resources:\n${Object.keys(resources)
      .map((f) => `  - ${f}`)
      .join('\n')}\n`,
  );
}

type Entry = { kind: string; name: string; reason?: string };

describe('objects in other namespaces', () => {
  it('are recorded, pruned when no longer rendered, and removed by cleanup only when they carry the branch labels', async () => {
    const branch = `ext-${w.id}`;
    const names = branchNames(branch);
    seedNamespace(w, SHARED, { team: 'platform' });
    monitoringOverlay({ 'servicemonitor.yaml': serviceMonitor, 'dashboards.yaml': dashboards });
    const inputs = (): Record<string, string> =>
      sampleInputs(w.kube.kubeconfig(), { 'working-directory': sample.dir, branch, overlays: 'overlays/feature\nmonitoring', 'allow-namespaces': SHARED });

    const first = await deployInProcess(inputs());
    expect(first.report.failure).toBeUndefined();
    const recorded = (): unknown =>
      JSON.parse(w.kube.store.get('namespaces', undefined, names.namespace)?.metadata.annotations?.['branch-env.io/external.app'] ?? 'null');
    expect(recorded()).toEqual([`monitoring.coreos.com/v1 ServiceMonitor ${SHARED}/web-${names.slug}`, `v1 ConfigMap ${SHARED}/dashboards-${names.slug}`]);
    expect(w.kube.store.get('configmaps', SHARED, `dashboards-${names.slug}`)?.metadata.labels).toMatchObject({ 'branch-env.io/branch': names.labelValue });

    // The overlay stops rendering the ConfigMap: the next deploy prunes it and updates the record.
    monitoringOverlay({ 'servicemonitor.yaml': serviceMonitor });
    const second = await deployInProcess(inputs());
    expect(second.report.failure).toBeUndefined();
    expect(second.report.objects).toContainEqual(
      expect.objectContaining({ kind: 'ConfigMap', name: `dashboards-${names.slug}`, namespace: SHARED, result: 'pruned' }),
    );
    // Read back before the apply, so an outside object that did not change is reported as such.
    expect(second.report.objects).toContainEqual(
      expect.objectContaining({ kind: 'ServiceMonitor', name: `web-${names.slug}`, namespace: SHARED, result: 'unchanged' }),
    );
    expect(w.kube.store.get('configmaps', SHARED, `dashboards-${names.slug}`)).toBeUndefined();
    expect(recorded()).toEqual([`monitoring.coreos.com/v1 ServiceMonitor ${SHARED}/web-${names.slug}`]);

    // A record that names an object someone else made (edited by hand, say): cleanup must not delete it.
    const { connection } = await loadKubeconfig({ input: w.kube.kubeconfig(), setSecret: () => undefined });
    const client = createKubeClient(connection, { setSecret: () => undefined });
    await client.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hand-made', namespace: SHARED }, data: { a: '1' } },
      { fieldManager: 'kubectl' },
    );
    // And forged lines: a Namespace given a namespace field (cluster-scoped: it means Namespace project), the shared namespace itself.
    const lines = [
      ...(recorded() as string[]),
      `v1 ConfigMap ${SHARED}/hand-made`,
      'v1 ConfigMap kube-system/coredns',
      'v1 Namespace monitoring/project',
      `v1 Namespace ${SHARED}`,
    ];
    seedNamespace(w, 'project', { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': names.slug });
    await client.mergePatch(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.namespace } },
      { metadata: { annotations: { 'branch-env.io/external.app': JSON.stringify(lines) } } },
      'test',
    );

    const dry = await cleanupInProcess(w, connectionInputs(w, { branch, 'dry-run': 'true', 'drop-method': 'sql' }));
    expect(dry.error).toBeUndefined();
    expect(w.kube.store.get('servicemonitors.monitoring.coreos.com', SHARED, `web-${names.slug}`)).toBeDefined();

    const run = await cleanupInProcess(w, connectionInputs(w, { branch, 'drop-method': 'sql' }));
    expect(run.error).toBeUndefined();
    const removed = (run.outputs?.removed as Entry[]).map((e) => `${e.kind} ${e.name}`);
    expect(removed).toEqual(
      expect.arrayContaining([`object monitoring.coreos.com/v1 ServiceMonitor ${SHARED}/web-${names.slug}`, `namespace ${names.namespace}`]),
    );
    const skipped = Object.fromEntries((run.outputs?.skipped as Entry[]).map((e) => [`${e.kind} ${e.name}`, e.reason]));
    expect(skipped[`object v1 ConfigMap ${SHARED}/hand-made`]).toMatch(/not made by this suite \(no app.kubernetes.io\/managed-by=branch-env-actions label\)/);
    expect(skipped['object v1 ConfigMap kube-system/coredns']).toMatch(/protected namespace kube-system/);
    expect(skipped['object v1 Namespace monitoring/project']).toMatch(/the Namespace project is protected/);
    expect(skipped[`object v1 Namespace ${SHARED}`]).toMatch(/not made by this suite/);
    expect(w.kube.store.get('namespaces', undefined, 'project')).toBeDefined();
    expect(w.kube.store.get('servicemonitors.monitoring.coreos.com', SHARED, `web-${names.slug}`)).toBeUndefined();
    expect(w.kube.store.get('configmaps', SHARED, 'hand-made')).toBeDefined();
    expect(w.kube.store.get('namespaces', undefined, SHARED)).toBeDefined();
  });
});
