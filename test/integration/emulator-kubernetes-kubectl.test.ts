// The Kubernetes emulator's fidelity, proven by the real kubectl (1.32):
// server-side apply of a mixed set of manifests (a CRD and custom resources
// included), get, rollout status (succeeding and failing), field-manager
// conflicts, logs, wait, and namespace deletion that waits until it is gone.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';

let emu: KubeEmulator;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl against the emulator with a fresh cache dir; never throws on a non-zero exit. */
function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      ['--cache-dir', path.join(dir, 'cache'), ...args],
      { env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig') }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`kubectl ${args.join(' ')} did not exit: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

async function getJson(...args: string[]): Promise<Record<string, unknown>> {
  const run = await kubectl('get', ...args, '-o', 'json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function field(obj: unknown, dotted: string): unknown {
  let node = obj;
  for (const part of dotted.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

const deployment = (name: string, image: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: demo
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
        ports: [{containerPort: 8080}]
`;

const manifests = `
apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: demo}
data: {LOG_LEVEL: debug}
---
${deployment('web', 'registry.example.com/web:1.0')}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: demo}
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers: [{name: pg, image: "postgres:16"}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: demo}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: demo}
spec:
  hostnames: [web.example.com]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`;

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 50, namespaceDeleteDelayMs: 50, progressDeadlineScale: 0.002 });
  dir = mkdtempSync(path.join(tmpdir(), 'kube-emulator-kubectl-'));
  await emu.writeKubeconfig(path.join(dir, 'kubeconfig'));
  writeFileSync(path.join(dir, 'app.yaml'), manifests);
  writeFileSync(path.join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: gizmo, namespace: demo}\nspec: {size: 3}\n');
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kubectl against the emulator', () => {
  it('applies manifests server-side, a CRD and custom resources included', async () => {
    const run = await kubectl('apply', '--server-side', '-f', path.join(dir, 'app.yaml'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      'namespace/demo serverside-applied',
      'configmap/settings serverside-applied',
      'deployment.apps/web serverside-applied',
      'statefulset.apps/db serverside-applied',
      'service/web serverside-applied',
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com serverside-applied',
      'httproute.gateway.networking.k8s.io/web serverside-applied',
    ]);
    const widget = await kubectl('apply', '--server-side', '-f', path.join(dir, 'widget.yaml'));
    expect(widget.stdout.trim()).toBe('widget.example.com/gizmo serverside-applied');
  });

  it('gets the objects back as JSON', async () => {
    const web = await getJson('deployment', 'web', '-n', 'demo');
    expect(field(web, 'spec.template.spec.containers')).toMatchObject([{ name: 'app', image: 'registry.example.com/web:1.0' }]);
    const widgets = await getJson('widgets', '-n', 'demo');
    expect(field(widgets, 'items')).toMatchObject([{ kind: 'Widget', metadata: { name: 'gizmo' }, spec: { size: 3 } }]);
    const service = await getJson('service', 'web', '-n', 'demo');
    expect(field(service, 'spec.clusterIP')).toMatch(/^10\.0\.\d+\.\d+$/);
    const settings = await getJson('configmaps', '-n', 'demo', '-l', '!nothing', '--field-selector', 'metadata.name=settings');
    expect(field(settings, 'items')).toMatchObject([{ kind: 'ConfigMap', data: { LOG_LEVEL: 'debug' } }]);
  });

  it('waits for rollouts that succeed', async () => {
    const web = await kubectl('rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=30s');
    expect(web.code).toBe(0);
    expect(web.stdout).toContain('deployment "web" successfully rolled out');
    const db = await kubectl('rollout', 'status', 'statefulset/db', '-n', 'demo', '--timeout=30s');
    expect(db.code).toBe(0);
    expect(db.stdout).toContain('roll out complete');
    const status = await getJson('deployment', 'web', '-n', 'demo');
    expect(field(status, 'status')).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it('fails the rollout of an image that cannot be pulled, and prints the pods as kubectl does', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), deployment('broken', 'registry.example.com/web:2.0-fail-pull'));
    await kubectl('apply', '--server-side', '-f', path.join(dir, 'broken.yaml'));
    const rollout = await kubectl('rollout', 'status', 'deployment/broken', '-n', 'demo', '--timeout=30s');
    expect(rollout.code).toBe(1);
    expect(rollout.stderr).toContain('deployment "broken" exceeded its progress deadline');
    const pods = await kubectl('get', 'pods', '-n', 'demo', '-l', 'app=broken');
    expect(pods.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(pods.stdout).toMatch(/broken-\S+\s+0\/1\s+ImagePullBackOff/);
  });

  it('reports a field-manager conflict after kubectl scale, and resolves it with --force-conflicts', async () => {
    expect((await kubectl('scale', 'deployment/web', '-n', 'demo', '--replicas=3')).code).toBe(0);
    const conflict = await kubectl('apply', '--server-side', '-f', path.join(dir, 'app.yaml'));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    const forced = await kubectl('apply', '--server-side', '--force-conflicts', '-f', path.join(dir, 'app.yaml'));
    expect(forced.code).toBe(0);
    expect(field(await getJson('deployment', 'web', '-n', 'demo'), 'spec.replicas')).toBe(2);
  });

  it('shows the logs of a crashing container and waits for a Job to complete', async () => {
    writeFileSync(
      path.join(dir, 'more.yaml'),
      `${deployment('crash', 'tool:crashloop')}---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: demo}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: "tool:1"}]
`,
    );
    await kubectl('apply', '--server-side', '-f', path.join(dir, 'more.yaml'));
    const wait = await kubectl('wait', '--for=condition=complete', 'job/migrate', '-n', 'demo', '--timeout=30s');
    expect(wait.stdout.trim()).toBe('job.batch/migrate condition met');
    let logs: Run | undefined;
    for (let i = 0; i < 100 && !logs?.stdout; i += 1) {
      logs = await kubectl('logs', 'deployment/crash', '-n', 'demo');
      if (!logs.stdout) await new Promise((r) => setTimeout(r, 50));
    }
    expect(logs?.stdout).toContain('crashloop');
  });

  it('deletes a namespace, waiting until it is gone, and refuses to delete default', async () => {
    const deleted = await kubectl('delete', 'namespace', 'demo');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim()).toBe('namespace "demo" deleted');
    expect(emu.store.get('namespaces', undefined, 'demo')).toBeUndefined();
    const missing = await kubectl('get', 'namespace', 'demo');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('namespaces "demo" not found');
    const refused = await kubectl('delete', 'namespace', 'default');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});
