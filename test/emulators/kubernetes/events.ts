// core/v1 Events as kubelet and controllers record them. A repeat of the same
// reason and message for the same object bumps `count` and `lastTimestamp`,
// as the event correlator does.
import { createHash } from 'node:crypto';
import { stampNew, type KubeStore } from './store.ts';
import { isRecord, timestamp, type KubeObject } from './types.ts';

/** The node every emulated pod runs on. */
export const NODE_NAME = 'aks-nodepool1-12345678-vmss000000';

export type EventType = 'Normal' | 'Warning';

/** Records an event about `about` from `component` (kubelet, deployment-controller, ...). */
export function recordEvent(store: KubeStore, about: KubeObject, type: EventType, reason: string, message: string, component: string): void {
  const namespace = about.metadata.namespace ?? 'default';
  const ns = store.peek('namespaces', undefined, namespace);
  if (!ns || ns.metadata.deletionTimestamp) return;
  const uid = about.metadata.uid ?? '';
  const now = timestamp();
  const spec = about.spec;
  const host = isRecord(spec) && typeof spec.nodeName === 'string' ? spec.nodeName : NODE_NAME;
  const [existing] = store.select(
    'events',
    namespace,
    (e) => isRecord(e.involvedObject) && e.involvedObject.uid === uid && e.reason === reason && e.message === message,
  );
  if (existing) {
    existing.count = (typeof existing.count === 'number' ? existing.count : 1) + 1;
    existing.lastTimestamp = now;
    store.update('events', existing);
    return;
  }
  const suffix = createHash('sha1').update(`${uid}/${reason}/${message}/${Date.now()}/${Math.random()}`).digest('hex').slice(0, 16);
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${about.metadata.name ?? 'object'}.${suffix}`, namespace },
    involvedObject: {
      apiVersion: about.apiVersion,
      kind: about.kind,
      name: about.metadata.name,
      namespace,
      uid,
      resourceVersion: about.metadata.resourceVersion,
    },
    reason,
    message,
    type,
    source: component === 'kubelet' ? { component, host } : { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' ? host : '',
  };
  const type_ = store.registry.byKey('events');
  if (type_) store.insert('events', stampNew(event, type_));
}
