// The endpoints and endpointslice controllers: for each Service with a selector, an Endpoints
// object of the same name and one EndpointSlice (`{service}-{hash}`), listing the pods the
// selector matches: ready ones as addresses, the others as notReadyAddresses (ready: false).
import { shortHash, controllerRef, type Kit } from './kit.ts';
import { byteOrder, clone, getPath, isRecord, str, type KubeObject } from './types.ts';

function matches(selector: Record<string, unknown>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function ready(pod: Readonly<KubeObject>): boolean {
  const conditions = getPath(pod, 'status.conditions');
  return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

/** A service port's target in one pod: a number, or a named container port. */
function targetPort(port: Record<string, unknown>, pod: Readonly<KubeObject>): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return Number(target);
  const containers = getPath(pod, 'spec.containers');
  for (const c of Array.isArray(containers) ? containers : []) {
    const ports = getPath(c, 'ports');
    const found = (Array.isArray(ports) ? ports : []).find((p) => isRecord(p) && p.name === target);
    if (isRecord(found) && typeof found.containerPort === 'number') return found.containerPort;
  }
  return undefined;
}

function write(kit: Kit, resource: string, desired: KubeObject): void {
  const existing = kit.store.get(resource, desired.metadata.namespace, desired.metadata.name ?? '');
  if (!existing) {
    kit.createChild(resource, desired);
    return;
  }
  const next = clone(existing);
  for (const key of Object.keys(desired)) if (key !== 'metadata') next[key] = desired[key];
  if (!('subsets' in desired)) delete next.subsets;
  next.metadata.labels = desired.metadata.labels ?? {};
  kit.writeIfChanged(resource, existing, next);
}

export function reconcileEndpoints(kit: Kit, service: KubeObject): void {
  const selector = getPath(service, 'spec.selector');
  if (!isRecord(selector) || Object.keys(selector).length === 0) return;
  const namespace = service.metadata.namespace;
  const name = service.metadata.name ?? '';
  const pods = kit.store
    .scan('pods', namespace, (p) => matches(selector, p.metadata.labels) && typeof getPath(p, 'status.podIP') === 'string' && !p.metadata.deletionTimestamp)
    .sort((a, b) => byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''));
  const ports = (Array.isArray(getPath(service, 'spec.ports')) ? (getPath(service, 'spec.ports') as unknown[]) : []).filter(isRecord);
  const address = (pod: Readonly<KubeObject>): Record<string, unknown> => ({
    ip: str(getPath(pod, 'status.podIP')),
    nodeName: str(getPath(pod, 'spec.nodeName')),
    targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  });
  const servicePorts = (pod: Readonly<KubeObject> | undefined): Record<string, unknown>[] =>
    ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: pod ? (targetPort(p, pod) ?? 0) : 0, protocol: p.protocol ?? 'TCP' }));
  const readyPods = pods.filter(ready);
  const unready = pods.filter((p) => !ready(p));
  const subsets =
    pods.length === 0
      ? undefined
      : [
          {
            ...(readyPods.length ? { addresses: readyPods.map(address) } : {}),
            ...(unready.length ? { notReadyAddresses: unready.map(address) } : {}),
            ports: servicePorts(pods[0]),
          },
        ];
  const labels = { ...(service.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
  write(kit, 'endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, ...(subsets ? { subsets } : {}) });
  if (!kit.store.registry.byKey('endpointslices.discovery.k8s.io')) return;
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${name}-${shortHash(service.metadata.uid ?? name, 5)}`,
      namespace,
      labels: {
        ...(service.metadata.labels ?? {}),
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      ownerReferences: [controllerRef(service)],
    },
    addressType: 'IPv4',
    endpoints: pods.map((pod) => ({
      addresses: [str(getPath(pod, 'status.podIP'))],
      conditions: { ready: ready(pod), serving: ready(pod), terminating: false },
      nodeName: str(getPath(pod, 'spec.nodeName')),
      targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    })),
    ports: servicePorts(pods[0]),
  };
  write(kit, 'endpointslices.discovery.k8s.io', slice);
}
