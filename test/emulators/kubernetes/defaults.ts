// Defaulting, as the API server fills fields on every write (so clients read
// back what a real cluster would show): replicas, strategies, pod template
// fields, Service cluster IPs, Secret stringData, Namespace finalizers.
import { defaultLimitRange } from './limitranger.ts';
import { child, getPath, isRecord, type KubeObject } from './types.ts';

function setDefault(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function defaultContainer(container: unknown): void {
  if (!isRecord(container)) return;
  const image = typeof container.image === 'string' ? container.image : '';
  const tag = image.includes('@') ? 'digest' : /:[^/]+$/.exec(image)?.[0];
  setDefault(container, 'imagePullPolicy', !tag || tag === ':latest' ? 'Always' : 'IfNotPresent');
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  setDefault(container, 'resources', {});
  if (Array.isArray(container.ports)) for (const port of container.ports) if (isRecord(port)) setDefault(port, 'protocol', 'TCP');
}

/**
 * Defaults that are part of list-map keys (`protocol` of container and Service ports), filled in
 * an apply configuration before it is merged, as API servers since 1.21 do (kubernetes#98576):
 * otherwise a port without `protocol` would not match the live, defaulted entry and every
 * re-apply would append a duplicate.
 */
export function defaultListKeys(obj: KubeObject): void {
  const walk = (value: unknown, key: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (key === 'ports' && isRecord(item) && ('containerPort' in item || 'port' in item)) setDefault(item, 'protocol', 'TCP');
        walk(item, undefined);
      }
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(obj.spec, undefined);
}

/** Pod spec defaults (also applied inside workload templates). */
export function defaultPodSpec(spec: unknown, restartPolicy = 'Always'): void {
  if (!isRecord(spec)) return;
  setDefault(spec, 'restartPolicy', restartPolicy);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (Array.isArray(containers)) containers.forEach(defaultContainer);
  }
}

/** SetDefaults_Pod (pods only, not templates): a container with limits but no request for a resource requests its limit. */
function requestsFromLimits(spec: Record<string, unknown>): void {
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    for (const container of Array.isArray(containers) ? containers : []) {
      const resources = isRecord(container) && isRecord(container.resources) ? container.resources : undefined;
      if (!resources || !isRecord(resources.limits)) continue;
      const requests = isRecord(resources.requests) ? resources.requests : {};
      for (const [k, v] of Object.entries(resources.limits)) requests[k] ??= v;
      resources.requests = requests;
    }
  }
}

function templateSpec(spec: Record<string, unknown>): unknown {
  return getPath(spec, 'template.spec');
}

let nextClusterIp = 10;

function defaultService(spec: Record<string, unknown>, creating: boolean): void {
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (creating && spec.clusterIP === undefined && spec.type !== 'ExternalName') {
    nextClusterIp += 1;
    spec.clusterIP = `10.0.${Math.floor(nextClusterIp / 250)}.${(nextClusterIp % 250) + 1}`;
  }
  if (typeof spec.clusterIP === 'string' && spec.clusterIPs === undefined && spec.clusterIP !== 'None') spec.clusterIPs = [spec.clusterIP];
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports) {
      if (!isRecord(port)) continue;
      setDefault(port, 'protocol', 'TCP');
      setDefault(port, 'targetPort', port.port);
    }
  }
}

/**
 * Fills defaults in place. `creating` is true on create, when one-time values
 * (cluster IPs, a Job's generated selector) are chosen.
 */
export function applyDefaults(obj: KubeObject, kind: string, creating: boolean): void {
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  switch (kind) {
    case 'Namespace': {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      if (creating) {
        const nsSpec = child(obj, 'spec');
        const finalizers = Array.isArray(nsSpec.finalizers) ? nsSpec.finalizers : [];
        nsSpec.finalizers = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
        obj.status = { phase: 'Active' };
      }
      return;
    }
    case 'Secret': {
      setDefault(obj, 'type', 'Opaque');
      if (isRecord(obj.stringData)) {
        const data = child(obj, 'data');
        for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64');
        delete obj.stringData;
      }
      return;
    }
    case 'Service':
      if (spec) defaultService(spec, creating);
      return;
    case 'Pod':
      defaultPodSpec(spec);
      if (spec) requestsFromLimits(spec);
      return;
    case 'LimitRange':
      defaultLimitRange(obj);
      return;
    case 'PersistentVolumeClaim':
      if (creating) obj.status = { phase: 'Pending' };
      return;
  }
  if (!spec) return;
  switch (kind) {
    case 'Deployment':
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      // SetDefaults_Deployment: each part the user left out, nothing the user set.
      rolling(spec, 'strategy', { maxUnavailable: '25%', maxSurge: '25%' }, true);
      defaultPodSpec(templateSpec(spec));
      break;
    case 'StatefulSet':
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      setDefault(spec, 'revisionHistoryLimit', 10);
      rolling(spec, 'updateStrategy', { partition: 0 }, false);
      setDefault(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
      defaultPodSpec(templateSpec(spec));
      break;
    case 'DaemonSet':
      setDefault(spec, 'revisionHistoryLimit', 10);
      rolling(spec, 'updateStrategy', { maxUnavailable: 1, maxSurge: 0 }, true);
      defaultPodSpec(templateSpec(spec));
      break;
    case 'ReplicaSet':
      setDefault(spec, 'replicas', 1);
      defaultPodSpec(templateSpec(spec));
      break;
    case 'Job':
      defaultJob(obj, spec, creating);
      break;
    case 'CronJob':
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      defaultPodSpec(getPath(spec, 'jobTemplate.spec.template.spec'), 'Never');
      break;
  }
}

/**
 * A rolling-update strategy's defaults, as SetDefaults_Deployment/StatefulSet/DaemonSet
 * fill them: the type when absent, then each missing part of `rollingUpdate`
 * (a StatefulSet whose type was set without `rollingUpdate` gets none: `always` false).
 */
function rolling(spec: Record<string, unknown>, field: string, parts: Record<string, unknown>, always: boolean): void {
  const strategy = child(spec, field);
  let typed = true;
  if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
    strategy.type = 'RollingUpdate';
    typed = false;
  }
  if (strategy.type !== 'RollingUpdate') return;
  if (!isRecord(strategy.rollingUpdate)) {
    if (!always && typed) return;
    strategy.rollingUpdate = {};
  }
  const update = strategy.rollingUpdate as Record<string, unknown>;
  for (const [k, v] of Object.entries(parts)) setDefault(update, k, v);
}

/** Values allocated once (a Service's cluster IPs) survive a replace that leaves them out. */
export function keepAllocated(live: KubeObject, next: KubeObject): void {
  if (live.kind !== 'Service' || !isRecord(live.spec) || !isRecord(next.spec)) return;
  for (const key of ['clusterIP', 'clusterIPs']) if (next.spec[key] === undefined && live.spec[key] !== undefined) next.spec[key] = live.spec[key];
}

function defaultJob(obj: KubeObject, spec: Record<string, unknown>, creating: boolean): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'manualSelector', undefined);
  defaultPodSpec(templateSpec(spec), 'Never');
  if (creating && spec.selector === undefined) {
    const uid = obj.metadata.uid ?? '';
    const name = obj.metadata.name ?? '';
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    const template = child(spec, 'template');
    const meta = child(template, 'metadata');
    meta.labels = {
      ...(isRecord(meta.labels) ? meta.labels : {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
  }
  if (spec.manualSelector === undefined) delete spec.manualSelector;
}
