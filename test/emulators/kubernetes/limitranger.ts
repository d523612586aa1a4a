// The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go), for the pods
// controllers create: its mutating half fills each container's missing limits from the namespace's
// LimitRanges' `default` and missing requests from `defaultRequest`, and records what it set in the
// `kubernetes.io/limit-ranger` annotation; its validating half refuses a pod whose containers (type
// Container) or whose sum (type Pod) break `min`, `max` or `maxLimitRequestRatio`, in its words
// (`maximum cpu usage per Container is 500m, but limit is 1`). Also the defaults a LimitRange item
// of type Container gets when stored (core/v1 SetDefaults_LimitRangeItem).
import type { KubeStore } from './store.ts';
import { formatQuantity, isByteResource, parseQuantity } from './quantity.ts';
import { byteOrder, isRecord, type KubeObject } from './types.ts';

type ResourceList = Record<string, unknown>;

const ANNOTATION = 'kubernetes.io/limit-ranger';

function list(value: unknown): ResourceList {
  return isRecord(value) ? value : {};
}

/** SetDefaults_LimitRangeItem: a Container item's default limit from max, default request from the default limit, else from min. */
export function defaultLimitRange(obj: KubeObject): void {
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  const limits = Array.isArray(spec?.limits) ? spec.limits : [];
  for (const item of limits) {
    if (!isRecord(item) || item.type !== 'Container') continue;
    const defaults: ResourceList = { ...list(item.default) };
    const requests: ResourceList = { ...list(item.defaultRequest) };
    for (const [k, v] of Object.entries(list(item.max))) defaults[k] ??= v;
    for (const [k, v] of Object.entries(defaults)) requests[k] ??= v;
    for (const [k, v] of Object.entries(list(item.min))) requests[k] ??= v;
    if (Object.keys(defaults).length > 0) item.default = defaults;
    if (Object.keys(requests).length > 0) item.defaultRequest = requests;
  }
}

/** The Container items of the namespace's LimitRanges, in name order. */
function containerItems(store: KubeStore, namespace: string, type: 'Container' | 'Pod'): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const ranges = store.scan('limitranges', namespace, () => true).sort((a, b) => byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''));
  for (const range of ranges) {
    const limits = isRecord(range.spec) && Array.isArray(range.spec.limits) ? range.spec.limits : [];
    for (const item of limits) if (isRecord(item) && item.type === type) items.push(item);
  }
  return items;
}

function containersOf(pod: KubeObject): { list: 'containers' | 'initContainers'; container: Record<string, unknown> }[] {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const out: { list: 'containers' | 'initContainers'; container: Record<string, unknown> }[] = [];
  for (const key of ['containers', 'initContainers'] as const) {
    const items = Array.isArray(spec[key]) ? spec[key] : [];
    for (const container of items) if (isRecord(container)) out.push({ list: key, container });
  }
  return out;
}

/** The mutating half: missing limits and requests filled from the LimitRanges' defaults, and the annotation saying so. */
export function applyLimitRangeDefaults(store: KubeStore, pod: KubeObject): void {
  const items = containerItems(store, pod.metadata.namespace ?? '', 'Container');
  if (items.length === 0) return;
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of items) {
    Object.assign(requests, list(item.defaultRequest));
    Object.assign(limits, list(item.default));
  }
  const said: string[] = [];
  for (const { list: which, container } of containersOf(pod)) {
    const resources = isRecord(container.resources) ? container.resources : {};
    container.resources = resources;
    const ownLimits = { ...list(resources.limits) };
    const ownRequests = { ...list(resources.requests) };
    const setLimits = Object.keys(limits).filter((k) => ownLimits[k] === undefined);
    const setRequests = Object.keys(requests).filter((k) => ownRequests[k] === undefined);
    for (const k of setLimits) ownLimits[k] = limits[k];
    for (const k of setRequests) ownRequests[k] = requests[k];
    resources.limits = ownLimits;
    resources.requests = ownRequests;
    const what = which === 'containers' ? 'container' : 'init container';
    const name = typeof container.name === 'string' ? container.name : '';
    if (setRequests.length > 0) said.push(`${setRequests.sort().join(', ')} request for ${what} ${name}`);
    if (setLimits.length > 0) said.push(`${setLimits.sort().join(', ')} limit for ${what} ${name}`);
  }
  if (said.length > 0) pod.metadata.annotations = { ...pod.metadata.annotations, [ANNOTATION]: `LimitRanger plugin set: ${said.join('; ')}` };
}

function shown(value: unknown, resource: string): string {
  return typeof value === 'string' ? value : formatQuantity(parseQuantity(value), isByteResource(resource));
}

/** minConstraint / maxConstraint / limitRequestRatioConstraint of the plugin, for one resource list pair. */
function constraints(kind: 'Container' | 'Pod', item: Record<string, unknown>, requests: ResourceList, limits: ResourceList): string[] {
  const errors: string[] = [];
  for (const [resource, enforced] of Object.entries(list(item.min))) {
    const req = requests[resource];
    const lim = limits[resource];
    const bound = parseQuantity(enforced);
    if (req === undefined) errors.push(`minimum ${resource} usage per ${kind} is ${shown(enforced, resource)}.  No request is specified`);
    else if (parseQuantity(req) < bound)
      errors.push(`minimum ${resource} usage per ${kind} is ${shown(enforced, resource)}, but request is ${shown(req, resource)}`);
    else if (lim !== undefined && parseQuantity(lim) < bound)
      errors.push(`minimum ${resource} usage per ${kind} is ${shown(enforced, resource)}, but limit is ${shown(lim, resource)}`);
  }
  for (const [resource, enforced] of Object.entries(list(item.max))) {
    const req = requests[resource];
    const lim = limits[resource];
    const bound = parseQuantity(enforced);
    if (lim === undefined) errors.push(`maximum ${resource} usage per ${kind} is ${shown(enforced, resource)}.  No limit is specified`);
    else if (parseQuantity(lim) > bound)
      errors.push(`maximum ${resource} usage per ${kind} is ${shown(enforced, resource)}, but limit is ${shown(lim, resource)}`);
    else if (req !== undefined && parseQuantity(req) > bound)
      errors.push(`maximum ${resource} usage per ${kind} is ${shown(enforced, resource)}, but request is ${shown(req, resource)}`);
  }
  for (const [resource, enforced] of Object.entries(list(item.maxLimitRequestRatio))) {
    const req = requests[resource];
    const lim = limits[resource];
    const ratioOf = `${resource} max limit to request ratio per ${kind} is ${shown(enforced, resource)}`;
    if (req === undefined || parseQuantity(req) === 0) errors.push(`${ratioOf}, but no request is specified or request is 0`);
    else if (lim === undefined || parseQuantity(lim) === 0) errors.push(`${ratioOf}, but no limit is specified or limit is 0`);
    else {
      const ratio = parseQuantity(lim) / parseQuantity(req);
      if (ratio > parseQuantity(enforced)) errors.push(`${ratioOf}, but provided ratio is ${ratio.toFixed(6)}`);
    }
  }
  return errors;
}

/** The validating half: the plugin's errors for this (defaulted) pod, or undefined when it is within every LimitRange. */
export function limitRangeRefusal(store: KubeStore, pod: KubeObject): string | undefined {
  const namespace = pod.metadata.namespace ?? '';
  const errors: string[] = [];
  const containers = containersOf(pod).map(({ container }) => ({
    requests: list(isRecord(container.resources) ? container.resources.requests : undefined),
    limits: list(isRecord(container.resources) ? container.resources.limits : undefined),
  }));
  for (const item of containerItems(store, namespace, 'Container')) {
    for (const { requests, limits } of containers) errors.push(...constraints('Container', item, requests, limits));
  }
  const podItems = containerItems(store, namespace, 'Pod');
  if (podItems.length > 0) {
    // The pod's sum over its (app) containers.
    const apps = containers.slice(0, containersOf(pod).filter((x) => x.list === 'containers').length);
    const sum = (field: 'requests' | 'limits'): ResourceList => {
      const total: Record<string, number> = {};
      for (const c of apps) for (const [k, v] of Object.entries(c[field])) total[k] = (total[k] ?? 0) + parseQuantity(v);
      return Object.fromEntries(Object.entries(total).map(([k, v]) => [k, formatQuantity(v, isByteResource(k))]));
    };
    const requests = sum('requests');
    const limits = sum('limits');
    for (const item of podItems) errors.push(...constraints('Pod', item, requests, limits));
  }
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
