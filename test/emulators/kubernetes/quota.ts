// ResourceQuota: the quota controller's `status.hard`/`status.used`, and the admission check
// of a new pod against every quota of its namespace, with the API server's messages
// (k8s.io/apiserver/pkg/admission/plugin/resourcequota and pkg/quota/v1/evaluator/core/pods.go):
// `failed quota: q: must specify limits.cpu for: app` when a quota covers cpu or memory and a
// container names no request or limit for it, `exceeded quota: q, requested: ..., used: ...,
// limited: ...` when the pod would go over.
import { formatQuantity, isByteResource, parseQuantity } from './quantity.ts';
import type { KubeStore } from './store.ts';
import { deepEqual, getPath, isRecord, type KubeObject } from './types.ts';

/** Object-count resources (`count/configmaps`, and their legacy names) by resource key. */
const COUNTED: Record<string, string[]> = {
  pods: ['pods', 'count/pods'],
  services: ['services', 'count/services'],
  configmaps: ['configmaps', 'count/configmaps'],
  secrets: ['secrets', 'count/secrets'],
  persistentvolumeclaims: ['persistentvolumeclaims', 'count/persistentvolumeclaims'],
  replicationcontrollers: ['replicationcontrollers', 'count/replicationcontrollers'],
  resourcequotas: ['resourcequotas', 'count/resourcequotas'],
};

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

function terminal(pod: KubeObject): boolean {
  const phase = getPath(pod, 'status.phase');
  return phase === 'Succeeded' || phase === 'Failed';
}

function containersOf(pod: unknown): unknown[] {
  const list = (key: string): unknown[] => {
    const value = getPath(pod, `spec.${key}`);
    return Array.isArray(value) ? value : [];
  };
  return [...list('containers'), ...list('initContainers')];
}

/** A container's request (a limit stands in for a missing request, as defaulting does) or limit. */
function amount(container: unknown, resource: string): number | undefined {
  const [kind, name] = resource.includes('.') ? (resource.split('.') as [string, string]) : ['requests', resource];
  const limit = parseQuantity(getPath(container, `resources.limits.${name}`));
  const request = parseQuantity(getPath(container, `resources.requests.${name}`));
  const value = kind === 'limits' ? limit : Number.isFinite(request) ? request : limit;
  return Number.isFinite(value) ? value : undefined;
}

/** What one pod uses of a compute resource (`requests.cpu`, `limits.memory`, `cpu`). */
function podUsage(pod: unknown, resource: string): number {
  let sum = 0;
  let init = 0;
  const inits = getPath(pod, 'spec.initContainers');
  const initList = Array.isArray(inits) ? inits : [];
  for (const c of containersOf(pod)) {
    const v = amount(c, resource) ?? 0;
    if (initList.includes(c)) init = Math.max(init, v);
    else sum += v;
  }
  return Math.max(sum, init);
}

/** The namespace's current use of one quota resource. */
function used(store: KubeStore, namespace: string, resource: string): number {
  if (COMPUTE.includes(resource)) {
    return store.select('pods', namespace, (p) => !terminal(p)).reduce((n, p) => n + podUsage(p, resource), 0);
  }
  if (resource === 'requests.storage') {
    return store.list('persistentvolumeclaims', namespace).reduce((n, c) => n + (parseQuantity(getPath(c, 'spec.resources.requests.storage')) || 0), 0);
  }
  for (const [key, names] of Object.entries(COUNTED)) {
    if (names.includes(resource)) return store.select(key, namespace, (o) => key !== 'pods' || !terminal(o)).length;
  }
  const counted = /^count\/(.+)$/.exec(resource)?.[1];
  return counted ? store.list(counted, namespace).length : 0;
}

function hardOf(quota: KubeObject): Record<string, number> {
  const hard = getPath(quota, 'spec.hard');
  const out: Record<string, number> = {};
  if (isRecord(hard)) for (const [k, v] of Object.entries(hard)) out[k] = parseQuantity(v);
  return out;
}

/** The quota controller: `status.hard` and `status.used` of every quota in a namespace. */
export function refreshQuotas(store: KubeStore, namespace: string): void {
  for (const quota of store.list('resourcequotas', namespace)) {
    const hard = getPath(quota, 'spec.hard');
    if (!isRecord(hard)) continue;
    const usage: Record<string, string> = {};
    for (const resource of Object.keys(hard)) usage[resource] = formatQuantity(used(store, namespace, resource), isByteResource(resource));
    const status = { hard, used: usage };
    if (deepEqual(quota.status, status)) continue;
    store.update('resourcequotas', { ...quota, status });
  }
}

function pretty(values: [string, number][]): string {
  return values
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${formatQuantity(v, isByteResource(k))}`)
    .join(',');
}

/** Why the quotas of the pod's namespace refuse it (the text after `pods "x" is forbidden: `), or undefined. */
export function quotaRefusal(store: KubeStore, pod: KubeObject): string | undefined {
  const namespace = pod.metadata.namespace ?? '';
  for (const quota of store.list('resourcequotas', namespace)) {
    const hard = hardOf(quota);
    const name = quota.metadata.name ?? '';
    const compute = Object.keys(hard).filter((r) => COMPUTE.includes(r));
    const missing = new Map<string, string[]>();
    for (const resource of compute) {
      const key = resource.includes('.') ? resource : `requests.${resource}`;
      const containers = getPath(pod, 'spec.containers');
      for (const c of Array.isArray(containers) ? containers : []) {
        if (amount(c, key) === undefined) missing.set(resource, [...(missing.get(resource) ?? []), String(getPath(c, 'name'))]);
      }
    }
    if (missing.size > 0) {
      const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`);
      return `failed quota: ${name}: must specify ${parts.join('; ')}`;
    }
    const requested: [string, number][] = [];
    for (const resource of Object.keys(hard)) {
      let delta = 0;
      if (COMPUTE.includes(resource)) delta = podUsage(pod, resource);
      else if ((COUNTED['pods'] ?? []).includes(resource)) delta = 1;
      if (delta > 0) requested.push([resource, delta]);
    }
    const over = requested.filter(([r, delta]) => used(store, namespace, r) + delta > (hard[r] ?? Infinity) + 1e-9);
    if (over.length > 0) {
      return `exceeded quota: ${name}, requested: ${pretty(over)}, used: ${pretty(over.map(([r]) => [r, used(store, namespace, r)]))}, limited: ${pretty(over.map(([r]) => [r, hard[r] ?? 0]))}`;
    }
  }
  return undefined;
}
