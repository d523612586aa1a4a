// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for when it
// prints columns (`kubectl get pods`, `-o wide`), with the columns, order and
// priorities of the API server's printers (k8s.io/kubernetes/pkg/printers/
// internalversion/printers.go, 1.32: priority 1 columns show only with -o wide),
// custom resources with their CRD's additionalPrinterColumns, and rows that
// carry the whole object when kubectl asks for it (`includeObject=Object`,
// as `--sort-by` does) or only its metadata (the default).
import type { ResourceType } from './resources.ts';
import { getPath, isRecord, num, str, type KubeObject } from './types.ts';

/** Whether the Accept header asks for a Table first. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') === true;
}

/** Age as kubectl prints it (k8s.io/apimachinery/pkg/util/duration.HumanDuration). */
export function humanAge(since: string | undefined, now = Date.now()): string {
  if (!since) return '<unknown>';
  return humanDuration(Math.max(0, now - Date.parse(since)));
}

function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

type Cell = string | number;
/** name, type, priority (1 = -o wide only), cell. */
type Column = [name: string, type: string, priority: number, cell: (obj: KubeObject) => Cell];

const count = (obj: unknown, path: string): number => num(getPath(obj, path), 0);
const text = (obj: unknown, path: string, none = '<none>'): string => str(getPath(obj, path)) || none;
const list = (obj: unknown, path: string): unknown[] => {
  const value = getPath(obj, path);
  return Array.isArray(value) ? value : [];
};
const age = (o: KubeObject): string => humanAge(o.metadata.creationTimestamp);

/** metav1.LabelSelectorAsSelector(...).String(): `app=web,tier in (a,b)`; `<none>` when empty. */
function selectorText(selector: unknown): string {
  if (!isRecord(selector)) return '<none>';
  const parts: string[] = [];
  if (isRecord(selector.matchLabels)) for (const [k, v] of Object.entries(selector.matchLabels)) parts.push(`${k}=${String(v)}`);
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isRecord(e)) continue;
    const values = Array.isArray(e.values) ? [...e.values].map(String).sort().join(',') : '';
    const key = String(e.key);
    if (e.operator === 'In') parts.push(`${key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.length > 0 ? parts.sort().join(',') : '<none>';
}

function mapText(map: unknown): string {
  return isRecord(map) && Object.keys(map).length > 0
    ? Object.entries(map)
        .map(([k, v]) => `${k}=${String(v)}`)
        .sort()
        .join(',')
    : '<none>';
}

const containerNames =
  (spec: string) =>
  (o: KubeObject): string =>
    list(o, `${spec}.containers`)
      .map((c) => text(c, 'name', ''))
      .join(',');
const containerImages =
  (spec: string) =>
  (o: KubeObject): string =>
    list(o, `${spec}.containers`)
      .map((c) => text(c, 'image', ''))
      .join(',');

function workloadWide(spec: string, selector = true): Column[] {
  const cols: Column[] = [
    ['Containers', 'string', 1, containerNames(spec)],
    ['Images', 'string', 1, containerImages(spec)],
  ];
  if (selector) cols.push(['Selector', 'string', 1, (o) => selectorText(getPath(o, 'spec.selector'))]);
  return cols;
}

function podStatus(pod: KubeObject): string {
  let reason = str(getPath(pod, 'status.reason')) ?? str(getPath(pod, 'status.phase')) ?? 'Pending';
  const init = list(pod, 'status.initContainerStatuses');
  for (const [i, s] of init.entries()) {
    const terminated = getPath(s, 'state.terminated');
    if (isRecord(terminated) && terminated.exitCode === 0) continue;
    if (isRecord(terminated)) return str(terminated.reason) ? `Init:${String(terminated.reason)}` : `Init:ExitCode:${String(terminated.exitCode)}`;
    const waiting = str(getPath(s, 'state.waiting.reason'));
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${list(pod, 'spec.initContainers').length}`;
  }
  let running = false;
  for (const s of [...list(pod, 'status.containerStatuses')].reverse()) {
    const waiting = str(getPath(s, 'state.waiting.reason'));
    const terminated = getPath(s, 'state.terminated');
    if (waiting) reason = waiting;
    else if (isRecord(terminated))
      reason =
        str(terminated.reason) ?? (terminated.signal ? `Signal:${JSON.stringify(terminated.signal)}` : `ExitCode:${JSON.stringify(terminated.exitCode ?? 0)}`);
    else if (getPath(s, 'ready') === true && isRecord(getPath(s, 'state.running'))) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function restarts(pod: KubeObject): string {
  let total = 0;
  let last = 0;
  for (const s of list(pod, 'status.containerStatuses')) {
    total += count(s, 'restartCount');
    const finished = str(getPath(s, 'lastState.terminated.finishedAt'));
    if (finished) last = Math.max(last, Date.parse(finished));
  }
  return total > 0 && last > 0 ? `${total} (${humanDuration(Date.now() - last)} ago)` : String(total);
}

function servicePorts(svc: KubeObject): string {
  const ports = list(svc, 'spec.ports').map(
    (p) => `${String(getPath(p, 'port'))}${getPath(p, 'nodePort') ? `:${String(getPath(p, 'nodePort'))}` : ''}/${text(p, 'protocol', 'TCP')}`,
  );
  return ports.length > 0 ? ports.join(',') : '<none>';
}

function externalIp(svc: KubeObject): string {
  const type = text(svc, 'spec.type', 'ClusterIP');
  const external = list(svc, 'spec.externalIPs').map(String);
  if (type === 'ExternalName') return text(svc, 'spec.externalName');
  if (type === 'LoadBalancer') {
    const ingress = list(svc, 'status.loadBalancer.ingress').map((i) => text(i, 'ip', '') || text(i, 'hostname', ''));
    const all = [...ingress, ...external];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return external.length > 0 ? external.join(',') : '<none>';
}

function jobStatus(job: KubeObject): string {
  const has = (type: string): boolean => list(job, 'status.conditions').some((c) => getPath(c, 'type') === type && getPath(c, 'status') === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobCompletions(job: KubeObject): string {
  const succeeded = count(job, 'status.succeeded');
  const completions = getPath(job, 'spec.completions');
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = count(job, 'spec.parallelism');
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: KubeObject): string {
  const start = str(getPath(job, 'status.startTime'));
  if (!start) return '';
  const end = str(getPath(job, 'status.completionTime'));
  return humanDuration((end ? Date.parse(end) : Date.now()) - Date.parse(start));
}

function nodeStatus(node: KubeObject): string {
  const ready = list(node, 'status.conditions').find((c) => getPath(c, 'type') === 'Ready');
  const status = [getPath(ready, 'status') === 'True' ? 'Ready' : getPath(ready, 'status') === undefined ? 'Unknown' : 'NotReady'];
  if (getPath(node, 'spec.unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  return text(
    list(node, 'status.addresses').find((a) => getPath(a, 'type') === type),
    'address',
  );
}

function endpointsText(ep: KubeObject): string {
  const all: string[] = [];
  for (const subset of list(ep, 'subsets')) {
    const ports = list(subset, 'ports');
    for (const a of list(subset, 'addresses')) {
      const ip = text(a, 'ip', '');
      if (ports.length === 0) all.push(ip);
      for (const p of ports) all.push(`${ip}:${String(getPath(p, 'port'))}`);
    }
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function pdbValue(pdb: KubeObject, field: string): string {
  const value = getPath(pdb, `spec.${field}`);
  return value === undefined ? 'N/A' : typeof value === 'string' ? value : JSON.stringify(value);
}

function hpaTargets(hpa: KubeObject): string {
  const metrics = list(hpa, 'spec.metrics');
  if (metrics.length === 0) return '<none>';
  return metrics
    .map((m, i) => {
      const target = getPath(m, 'resource.target.averageUtilization');
      const current = getPath(hpa, `status.currentMetrics.${i}.resource.current.averageUtilization`);
      const name = text(m, 'resource.name', '');
      return target === undefined ? '<unknown>' : `${name}: ${current === undefined ? '<unknown>' : `${JSON.stringify(current)}%`}/${JSON.stringify(target)}%`;
    })
    .join(', ');
}

function quota(q: KubeObject, limits: boolean): string {
  const hard = getPath(q, 'status.hard');
  const used = getPath(q, 'status.used');
  if (!isRecord(hard)) return '';
  return Object.keys(hard)
    .filter((k) => k.startsWith('limits.') === limits)
    .sort()
    .map((k) => `${k}: ${str(isRecord(used) ? used[k] : undefined) ?? '0'}/${str(hard[k]) ?? ''}`)
    .join(', ');
}

function subjects(binding: KubeObject, kind: string): string {
  const names = list(binding, 'subjects')
    .filter((s) => getPath(s, 'kind') === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${text(s, 'namespace', '')}/${text(s, 'name', '')}` : text(s, 'name', '')));
  return names.join(', ');
}

const createdAt = (o: KubeObject): string => o.metadata.creationTimestamp ?? '';
const bindingColumns: Column[] = [
  ['Role', 'string', 0, (b) => `${text(b, 'roleRef.kind', '')}/${text(b, 'roleRef.name', '')}`],
  ['Age', 'string', 0, age],
  ['Users', 'string', 1, (b) => subjects(b, 'User')],
  ['Groups', 'string', 1, (b) => subjects(b, 'Group')],
  ['ServiceAccounts', 'string', 1, (b) => subjects(b, 'ServiceAccount')],
];

/** The columns after Name, by kind (Age where the printer puts it). */
const COLUMNS: Record<string, Column[]> = {
  Pod: [
    [
      'Ready',
      'string',
      0,
      (p) => `${list(p, 'status.containerStatuses').filter((c) => getPath(c, 'ready') === true).length}/${list(p, 'spec.containers').length}`,
    ],
    ['Status', 'string', 0, podStatus],
    ['Restarts', 'string', 0, restarts],
    ['Age', 'string', 0, age],
    ['IP', 'string', 1, (p) => text(p, 'status.podIP')],
    ['Node', 'string', 1, (p) => text(p, 'spec.nodeName')],
    ['Nominated Node', 'string', 1, (p) => text(p, 'status.nominatedNodeName')],
    [
      'Readiness Gates',
      'string',
      1,
      (p) =>
        list(p, 'spec.readinessGates').length > 0
          ? `${list(p, 'status.conditions').filter((c) => list(p, 'spec.readinessGates').some((g) => getPath(g, 'conditionType') === getPath(c, 'type')) && getPath(c, 'status') === 'True').length}/${list(p, 'spec.readinessGates').length}`
          : '<none>',
    ],
  ],
  Deployment: [
    ['Ready', 'string', 0, (d) => `${count(d, 'status.readyReplicas')}/${count(d, 'spec.replicas')}`],
    ['Up-to-date', 'integer', 0, (d) => count(d, 'status.updatedReplicas')],
    ['Available', 'integer', 0, (d) => count(d, 'status.availableReplicas')],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.template.spec'),
  ],
  ReplicaSet: [
    ['Desired', 'integer', 0, (r) => count(r, 'spec.replicas')],
    ['Current', 'integer', 0, (r) => count(r, 'status.replicas')],
    ['Ready', 'integer', 0, (r) => count(r, 'status.readyReplicas')],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.template.spec'),
  ],
  StatefulSet: [
    ['Ready', 'string', 0, (s) => `${count(s, 'status.readyReplicas')}/${count(s, 'spec.replicas')}`],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.template.spec', false),
  ],
  DaemonSet: [
    ['Desired', 'integer', 0, (d) => count(d, 'status.desiredNumberScheduled')],
    ['Current', 'integer', 0, (d) => count(d, 'status.currentNumberScheduled')],
    ['Ready', 'integer', 0, (d) => count(d, 'status.numberReady')],
    ['Up-to-date', 'integer', 0, (d) => count(d, 'status.updatedNumberScheduled')],
    ['Available', 'integer', 0, (d) => count(d, 'status.numberAvailable')],
    ['Node Selector', 'string', 0, (d) => mapText(getPath(d, 'spec.template.spec.nodeSelector'))],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.template.spec'),
  ],
  Job: [
    ['Status', 'string', 0, jobStatus],
    ['Completions', 'string', 0, jobCompletions],
    ['Duration', 'string', 0, jobDuration],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.template.spec'),
  ],
  CronJob: [
    ['Schedule', 'string', 0, (c) => text(c, 'spec.schedule', '')],
    ['Timezone', 'string', 0, (c) => text(c, 'spec.timeZone')],
    ['Suspend', 'boolean', 0, (c) => (getPath(c, 'spec.suspend') === true ? 'True' : 'False')],
    ['Active', 'integer', 0, (c) => list(c, 'status.active').length],
    ['Last Schedule', 'string', 0, (c) => (str(getPath(c, 'status.lastScheduleTime')) ? humanAge(str(getPath(c, 'status.lastScheduleTime'))) : '<none>')],
    ['Age', 'string', 0, age],
    ...workloadWide('spec.jobTemplate.spec.template.spec', false),
    ['Selector', 'string', 1, (c) => selectorText(getPath(c, 'spec.jobTemplate.spec.selector'))],
  ],
  Service: [
    ['Type', 'string', 0, (s) => text(s, 'spec.type', 'ClusterIP')],
    ['Cluster-IP', 'string', 0, (s) => text(s, 'spec.clusterIP')],
    ['External-IP', 'string', 0, externalIp],
    ['Port(s)', 'string', 0, servicePorts],
    ['Age', 'string', 0, age],
    ['Selector', 'string', 1, (s) => mapText(getPath(s, 'spec.selector'))],
  ],
  ConfigMap: [
    ['Data', 'integer', 0, (c) => Object.keys(isRecord(c.data) ? c.data : {}).length + Object.keys(isRecord(c.binaryData) ? c.binaryData : {}).length],
    ['Age', 'string', 0, age],
  ],
  Secret: [
    ['Type', 'string', 0, (s) => str(s.type) ?? ''],
    ['Data', 'integer', 0, (s) => Object.keys(isRecord(s.data) ? s.data : {}).length],
    ['Age', 'string', 0, age],
  ],
  ServiceAccount: [
    ['Secrets', 'integer', 0, (s) => list(s, 'secrets').length],
    ['Age', 'string', 0, age],
  ],
  Namespace: [
    ['Status', 'string', 0, (n) => text(n, 'status.phase', '')],
    ['Age', 'string', 0, age],
  ],
  PersistentVolumeClaim: [
    ['Status', 'string', 0, (p) => text(p, 'status.phase', '')],
    ['Volume', 'string', 0, (p) => text(p, 'spec.volumeName', '')],
    ['Capacity', 'string', 0, (p) => text(p, 'status.capacity.storage', '')],
    [
      'Access Modes',
      'string',
      0,
      (p) =>
        list(p, 'status.accessModes')
          .map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[String(m)] ?? String(m))
          .join(','),
    ],
    ['StorageClass', 'string', 0, (p) => text(p, 'spec.storageClassName')],
    ['VolumeAttributesClass', 'string', 0, (p) => text(p, 'spec.volumeAttributesClassName')],
    ['Age', 'string', 0, age],
    ['VolumeMode', 'string', 1, (p) => text(p, 'spec.volumeMode', 'Filesystem')],
  ],
  LimitRange: [['Created At', 'date', 0, createdAt]],
  ResourceQuota: [
    ['Age', 'string', 0, age],
    ['Request', 'string', 0, (q) => quota(q, false)],
    ['Limit', 'string', 0, (q) => quota(q, true)],
  ],
  Node: [
    ['Status', 'string', 0, nodeStatus],
    ['Roles', 'string', 0, nodeRoles],
    ['Age', 'string', 0, age],
    ['Version', 'string', 0, (n) => text(n, 'status.nodeInfo.kubeletVersion', '')],
    ['Internal-IP', 'string', 1, (n) => nodeAddress(n, 'InternalIP')],
    ['External-IP', 'string', 1, (n) => nodeAddress(n, 'ExternalIP')],
    ['OS-Image', 'string', 1, (n) => text(n, 'status.nodeInfo.osImage', '<unknown>')],
    ['Kernel-Version', 'string', 1, (n) => text(n, 'status.nodeInfo.kernelVersion', '<unknown>')],
    ['Container-Runtime', 'string', 1, (n) => text(n, 'status.nodeInfo.containerRuntimeVersion', '<unknown>')],
  ],
  Endpoints: [
    ['Endpoints', 'string', 0, endpointsText],
    ['Age', 'string', 0, age],
  ],
  Ingress: [
    ['Class', 'string', 0, (i) => text(i, 'spec.ingressClassName')],
    [
      'Hosts',
      'string',
      0,
      (i) =>
        list(i, 'spec.rules')
          .map((r) => text(r, 'host', '*'))
          .join(',') || '*',
    ],
    [
      'Address',
      'string',
      0,
      (i) =>
        list(i, 'status.loadBalancer.ingress')
          .map((x) => text(x, 'ip', '') || text(x, 'hostname', ''))
          .join(','),
    ],
    ['Ports', 'string', 0, (i) => (list(i, 'spec.tls').length > 0 ? '80, 443' : '80')],
    ['Age', 'string', 0, age],
  ],
  NetworkPolicy: [
    ['Pod-Selector', 'string', 0, (n) => (selectorText(getPath(n, 'spec.podSelector')) === '<none>' ? '<none>' : selectorText(getPath(n, 'spec.podSelector')))],
    ['Age', 'string', 0, age],
  ],
  PodDisruptionBudget: [
    ['Min Available', 'string', 0, (p) => pdbValue(p, 'minAvailable')],
    ['Max Unavailable', 'string', 0, (p) => pdbValue(p, 'maxUnavailable')],
    ['Allowed Disruptions', 'integer', 0, (p) => count(p, 'status.disruptionsAllowed')],
    ['Age', 'string', 0, age],
  ],
  HorizontalPodAutoscaler: [
    ['Reference', 'string', 0, (h) => `${text(h, 'spec.scaleTargetRef.kind', '')}/${text(h, 'spec.scaleTargetRef.name', '')}`],
    ['Targets', 'string', 0, hpaTargets],
    ['MinPods', 'string', 0, (h) => String(num(getPath(h, 'spec.minReplicas'), 1))],
    ['MaxPods', 'integer', 0, (h) => count(h, 'spec.maxReplicas')],
    ['Replicas', 'integer', 0, (h) => count(h, 'status.currentReplicas')],
    ['Age', 'string', 0, age],
  ],
  Event: [
    ['Last Seen', 'string', 0, (e) => humanAge(str(e.lastTimestamp) ?? str(e.eventTime) ?? e.metadata.creationTimestamp)],
    ['Type', 'string', 0, (e) => str(e.type) ?? ''],
    ['Reason', 'string', 0, (e) => str(e.reason) ?? ''],
    ['Object', 'string', 0, (e) => `${text(e, 'involvedObject.kind', '').toLowerCase()}/${text(e, 'involvedObject.name', '')}`],
    ['Subobject', 'string', 1, (e) => text(e, 'involvedObject.fieldPath', '')],
    ['Source', 'string', 1, (e) => [text(e, 'source.component', ''), text(e, 'source.host', '')].filter(Boolean).join(', ')],
    ['Message', 'string', 0, (e) => (str(e.message) ?? '').trim()],
    ['First Seen', 'string', 1, (e) => humanAge(str(e.firstTimestamp) ?? e.metadata.creationTimestamp)],
    ['Count', 'string', 1, (e) => String(num(e.count, 1))],
    ['Name', 'string', 1, (e) => e.metadata.name ?? ''],
  ],
  Role: [['Created At', 'date', 0, createdAt]],
  ClusterRole: [['Created At', 'date', 0, createdAt]],
  RoleBinding: bindingColumns,
  ClusterRoleBinding: bindingColumns,
  CustomResourceDefinition: [['Created At', 'date', 0, createdAt]],
  EndpointSlice: [
    ['AddressType', 'string', 0, (s) => str(s.addressType) ?? ''],
    [
      'Ports',
      'string',
      0,
      (s) =>
        list(s, 'ports')
          .map((p) => String(getPath(p, 'port')))
          .join(',') || '<unset>',
    ],
    [
      'Endpoints',
      'string',
      0,
      (s) =>
        list(s, 'endpoints')
          .flatMap((e) => list(e, 'addresses').map(String))
          .join(',') || '<unset>',
    ],
    ['Age', 'string', 0, age],
  ],
};

/** Columns of a custom resource: its CRD's additionalPrinterColumns (simple JSONPaths), else Age. */
function customColumns(type: ResourceType, version: string): Column[] {
  const versions = getPath(type.crd, 'spec.versions');
  const entry = Array.isArray(versions) ? versions.find((v) => getPath(v, 'name') === version) : undefined;
  const extra = getPath(entry, 'additionalPrinterColumns');
  if (!Array.isArray(extra) || extra.length === 0) return [['Age', 'date', 0, age]];
  return extra.filter(isRecord).map((c): Column => {
    const path = (str(c.jsonPath) ?? '').replace(/^\./, '');
    const cell = (o: KubeObject): Cell => {
      if (path === 'metadata.creationTimestamp') return age(o);
      const value = getPath(o, path);
      return typeof value === 'string' || typeof value === 'number' ? value : value === undefined ? '' : JSON.stringify(value);
    };
    return [str(c.name) ?? '', str(c.type) ?? 'string', num(c.priority, 0), cell];
  });
}

/** A Table of the objects with the kind's columns; `includeObject` None, Metadata (default) or Object. */
export function toTable(
  type: ResourceType,
  version: string,
  objects: KubeObject[],
  resourceVersion: string,
  includeObject: string | null,
  present: (obj: KubeObject) => KubeObject,
): unknown {
  const rest = type.custom ? customColumns(type, version) : (COLUMNS[type.kind] ?? [['Age', 'string', 0, age]]);
  // Events print no Name first (printEvent puts it last, wide only).
  const columns: Column[] = type.kind === 'Event' && !type.custom ? rest : [['Name', 'string', 0, (o) => o.metadata.name ?? ''], ...rest];
  const object = (obj: KubeObject): unknown => {
    if (includeObject === 'None') return undefined;
    if (includeObject === 'Object') return present(obj);
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([name, columnType, priority]) => ({
      name,
      type: columnType,
      format: name === 'Name' ? 'name' : '',
      description: name,
      priority,
    })),
    rows: objects.map((obj) => ({ cells: columns.map(([, , , cell]) => cell(obj)), object: object(obj) })),
  };
}
