// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for when it
// prints columns (`kubectl get pods`). A few kinds get their usual columns;
// every other kind gets NAME and AGE.
import { getPath, isRecord, num, str, type KubeObject } from './types.ts';

/** Whether the Accept header asks for a Table first. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') === true;
}

/** Age as kubectl prints it (k8s.io/apimachinery/pkg/util/duration.HumanDuration, abridged). */
export function humanAge(since: string | undefined, now = Date.now()): string {
  if (!since) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

type Column = [name: string, type: string, cell: (obj: KubeObject) => string | number];

const count = (obj: KubeObject, path: string): number => num(getPath(obj, path), 0);

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const statuses = getPath(pod, 'status.containerStatuses');
  for (const s of Array.isArray(statuses) ? statuses : []) {
    const reason = str(getPath(s, 'state.waiting.reason')) ?? str(getPath(s, 'state.terminated.reason'));
    if (reason && reason !== 'Completed') return reason;
  }
  return str(getPath(pod, 'status.phase')) === 'Succeeded' ? 'Completed' : (str(getPath(pod, 'status.phase')) ?? 'Pending');
}

function containers(pod: KubeObject): unknown[] {
  const statuses = getPath(pod, 'status.containerStatuses');
  return Array.isArray(statuses) ? statuses : [];
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    ['Ready', 'string', (p) => `${containers(p).filter((c) => isRecord(c) && c.ready === true).length}/${(getPath(p, 'spec.containers') as unknown[] | undefined)?.length ?? 0}`],
    ['Status', 'string', podStatus],
    ['Restarts', 'string', (p) => String(containers(p).reduce<number>((n, c) => n + count(c as KubeObject, 'restartCount'), 0))],
  ],
  Deployment: [
    ['Ready', 'string', (d) => `${count(d, 'status.readyReplicas')}/${num(getPath(d, 'spec.replicas'), 1)}`],
    ['Up-to-date', 'integer', (d) => count(d, 'status.updatedReplicas')],
    ['Available', 'integer', (d) => count(d, 'status.availableReplicas')],
  ],
  StatefulSet: [['Ready', 'string', (s) => `${count(s, 'status.readyReplicas')}/${num(getPath(s, 'spec.replicas'), 1)}`]],
  ReplicaSet: [
    ['Desired', 'integer', (r) => num(getPath(r, 'spec.replicas'), 1)],
    ['Current', 'integer', (r) => count(r, 'status.replicas')],
    ['Ready', 'integer', (r) => count(r, 'status.readyReplicas')],
  ],
  Namespace: [['Status', 'string', (n) => str(getPath(n, 'status.phase')) ?? '']],
  Service: [
    ['Type', 'string', (s) => str(getPath(s, 'spec.type')) ?? ''],
    ['Cluster-IP', 'string', (s) => str(getPath(s, 'spec.clusterIP')) ?? '<none>'],
  ],
  Job: [['Completions', 'string', (j) => `${count(j, 'status.succeeded')}/${num(getPath(j, 'spec.completions'), 1)}`]],
  Event: [
    ['Type', 'string', (e) => str(e.type) ?? ''],
    ['Reason', 'string', (e) => str(e.reason) ?? ''],
    ['Object', 'string', (e) => `${(str(getPath(e, 'involvedObject.kind')) ?? '').toLowerCase()}/${str(getPath(e, 'involvedObject.name')) ?? ''}`],
    ['Message', 'string', (e) => str(e.message) ?? ''],
  ],
};

/** A Table of the objects with the kind's columns. */
export function toTable(kind: string, objects: KubeObject[], resourceVersion: string): unknown {
  const columns: Column[] = [['Name', 'string', (o) => o.metadata.name ?? ''], ...(COLUMNS[kind] ?? []), ['Age', 'string', (o) => humanAge(o.metadata.creationTimestamp)]];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([name, type]) => ({ name, type, format: name === 'Name' ? 'name' : '', description: name, priority: 0 })),
    rows: objects.map((obj) => ({
      cells: columns.map(([, , cell]) => cell(obj)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  };
}
