// The Kubernetes API emulator: plain HTTP, bearer-token auth, discovery,
// CRUD + server-side apply + watch over an in-memory store, namespace
// lifecycle, and played controllers. See README.md in this folder.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { FaultInjector, RequestCounter } from '../common/faults.ts';
import { startServer } from '../common/http.ts';
import { Controllers } from './controllers.ts';
import { presetCrds } from './crds.ts';
import { NamespaceLifecycle } from './namespaces.ts';
import { nodeObjects } from './nodes.ts';
import { ObjectWriter, type ValidationMeter } from './objects.ts';
import { podLogs } from './logs.ts';
import { ImageRegistry } from './registry.ts';
import { ResourceRegistry } from './resources.ts';
import { createListener } from './router.ts';
import { KubeStore } from './store.ts';
import { typeFromCrd, crdStatus } from './crds.ts';

export { KubeStore } from './store.ts';
export type { StoreEvent } from './store.ts';
export type { KubeObject } from './types.ts';
export { ImageRegistry } from './registry.ts';

export interface KubeEmulatorOptions {
  /** Time from a pod's creation to running and ready (or to failing), in ms. Default 200. */
  readyDelayMs?: number;
  /** Time from a namespace's DELETE until its contents are removed, in ms. Default 100. */
  namespaceDeleteDelayMs?: number;
  /** Fixed delay before every answer, in ms (benchmarks use 20). Default 0. */
  latencyMs?: number;
  /** Multiplies Deployment progressDeadlineSeconds (0.001 turns 600 s into 0.6 s). Default 1. */
  progressDeadlineScale?: number;
  /** Bearer token of the kubeconfig user; a request with another token gets 401. Random by default. */
  token?: string;
  /** Changes kept for watches resuming from a resourceVersion (older ones get 410). Default 2000. */
  watchHistory?: number;
}

export interface KubeEmulator {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The bearer token the kubeconfig carries. */
  token: string;
  faults: FaultInjector;
  requests: RequestCounter;
  /** The container registry the kubelet pulls from: `images.refuse(image, 'NotFound' | 'Unauthorized')` makes pulls of an image fail. */
  images: ImageRegistry;
  /** Objects validated on writes so far and the milliseconds their validation took (schema checks and the kind's rules). */
  validation: Readonly<ValidationMeter>;
  /** The objects, for tests to inspect and seed (`store.seed(obj)`, `store.get('deployments.apps', ns, name)`). */
  store: KubeStore;
  /** A kubeconfig (YAML) for this server: insecure-skip-tls-verify, a token user, namespace `default`. */
  kubeconfig(): string;
  writeKubeconfig(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the emulator on a free loopback port. */
export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const registry = new ResourceRegistry();
  const store = new KubeStore(registry, options.watchHistory ?? 2000);
  const namespaces = new NamespaceLifecycle(store, options.namespaceDeleteDelayMs ?? 100);
  namespaces.seedDefaults();
  for (const crd of presetCrds()) {
    crd.status = crdStatus(crd);
    registry.register(typeFromCrd(store.seed(crd)));
  }
  for (const node of nodeObjects()) store.seed(node);
  const images = new ImageRegistry();
  const controllers = new Controllers(store, { readyDelayMs: options.readyDelayMs ?? 200, progressDeadlineScale: options.progressDeadlineScale ?? 1 }, images);
  const faults = new FaultInjector();
  const requests = new RequestCounter();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const watches = new Set<() => void>();
  let address = '127.0.0.1:0';
  const writer = new ObjectWriter(store, namespaces);
  const server = await startServer(
    createListener({
      store,
      writer,
      namespaces,
      logs: podLogs,
      watches,
      faults,
      requests,
      latencyMs: options.latencyMs ?? 0,
      token,
      serverAddress: () => address,
    }),
  );
  address = `127.0.0.1:${server.port}`;
  const kubeconfig = (): string =>
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: emulator',
      '  cluster:',
      `    server: ${server.url}`,
      '    insecure-skip-tls-verify: true',
      'users:',
      '- name: emulator-user',
      '  user:',
      `    token: ${token}`,
      'contexts:',
      '- name: emulator',
      '  context:',
      '    cluster: emulator',
      '    user: emulator-user',
      '    namespace: default',
      'current-context: emulator',
      '',
    ].join('\n');
  return {
    url: server.url,
    token,
    faults,
    requests,
    images,
    validation: writer.validation,
    store,
    kubeconfig,
    writeKubeconfig: (path) => writeFile(path, kubeconfig(), { mode: 0o600 }),
    close: async () => {
      for (const stop of [...watches]) stop();
      controllers.close();
      namespaces.close();
      await server.close();
    },
  };
}
