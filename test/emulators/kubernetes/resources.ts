// The resource registry: which kinds the emulator serves, under which group,
// versions and plural name. Built-in kinds are fixed; custom resources come
// and go with their CustomResourceDefinition (see crds.ts).

export interface ResourceType {
  /** API group; '' is the core group served under /api/v1. */
  group: string;
  /** Versions served, preferred first. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  /** Has a status subresource: writes to the main resource keep the stored status. */
  statusSubresource: boolean;
  /** A custom resource: list items keep apiVersion/kind and DELETE answers the object. */
  custom: boolean;
  /** Present on spec changes only: objects of this kind carry metadata.generation. */
  generation: boolean;
  /** The CustomResourceDefinition of a custom resource (its schemas). */
  crd?: Record<string, unknown>;
}

/** The key objects of a type are stored under: `deployments.apps`, `pods`. */
export function resourceKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

type Row = [group: string, versions: string[], kind: string, plural: string, namespaced: boolean, shortNames: string[], status: boolean];

const BUILTINS: Row[] = [
  ['', ['v1'], 'Namespace', 'namespaces', false, ['ns'], true],
  ['', ['v1'], 'ConfigMap', 'configmaps', true, ['cm'], false],
  ['', ['v1'], 'Secret', 'secrets', true, [], false],
  ['', ['v1'], 'Service', 'services', true, ['svc'], true],
  ['', ['v1'], 'ServiceAccount', 'serviceaccounts', true, ['sa'], false],
  ['', ['v1'], 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], true],
  ['', ['v1'], 'ResourceQuota', 'resourcequotas', true, ['quota'], true],
  ['', ['v1'], 'LimitRange', 'limitranges', true, ['limits'], false],
  ['', ['v1'], 'Pod', 'pods', true, ['po'], true],
  ['', ['v1'], 'Event', 'events', true, ['ev'], false],
  ['', ['v1'], 'Node', 'nodes', false, ['no'], true],
  ['', ['v1'], 'Endpoints', 'endpoints', true, ['ep'], false],
  ['apps', ['v1'], 'Deployment', 'deployments', true, ['deploy'], true],
  ['apps', ['v1'], 'StatefulSet', 'statefulsets', true, ['sts'], true],
  ['apps', ['v1'], 'DaemonSet', 'daemonsets', true, ['ds'], true],
  ['apps', ['v1'], 'ReplicaSet', 'replicasets', true, ['rs'], true],
  ['batch', ['v1'], 'Job', 'jobs', true, [], true],
  ['batch', ['v1'], 'CronJob', 'cronjobs', true, ['cj'], true],
  ['discovery.k8s.io', ['v1'], 'EndpointSlice', 'endpointslices', true, [], false],
  ['networking.k8s.io', ['v1'], 'NetworkPolicy', 'networkpolicies', true, ['netpol'], false],
  ['networking.k8s.io', ['v1'], 'Ingress', 'ingresses', true, ['ing'], true],
  ['policy', ['v1'], 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], true],
  ['autoscaling', ['v2', 'v1'], 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, ['hpa'], true],
  ['rbac.authorization.k8s.io', ['v1'], 'Role', 'roles', true, [], false],
  ['rbac.authorization.k8s.io', ['v1'], 'RoleBinding', 'rolebindings', true, [], false],
  ['rbac.authorization.k8s.io', ['v1'], 'ClusterRole', 'clusterroles', false, [], false],
  ['rbac.authorization.k8s.io', ['v1'], 'ClusterRoleBinding', 'clusterrolebindings', false, [], false],
  ['apiextensions.k8s.io', ['v1'], 'CustomResourceDefinition', 'customresourcedefinitions', false, ['crd', 'crds'], true],
];

/** Kinds whose objects have a spec the controllers act on, so they carry a generation. */
const GENERATION_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'CustomResourceDefinition',
]);

function builtin(row: Row): ResourceType {
  const [group, versions, kind, plural, namespaced, shortNames, statusSubresource] = row;
  return {
    group,
    versions,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    statusSubresource,
    custom: false,
    generation: GENERATION_KINDS.has(kind),
  };
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.localeCompare(b);
}

export class ResourceRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor() {
    for (const row of BUILTINS) this.register(builtin(row));
  }

  /** Adds or replaces a type (a CRD being created or updated). */
  register(type: ResourceType): void {
    this.types.set(resourceKey(type), type);
  }

  unregister(key: string): void {
    this.types.delete(key);
  }

  byKey(key: string): ResourceType | undefined {
    return this.types.get(key);
  }

  /** The type served at `/apis/{group}/{version}/{plural}`. */
  byPath(group: string, version: string, plural: string): ResourceType | undefined {
    const type = this.types.get(resourceKey({ group, plural }));
    return type && type.versions.includes(version) ? type : undefined;
  }

  /** The type of an object by its apiVersion and kind. */
  byKind(group: string, version: string, kind: string): ResourceType | undefined {
    for (const type of this.types.values()) {
      if (type.group === group && type.kind === kind && type.versions.includes(version)) return type;
    }
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Types served at one group/version, in registration order. */
  typesIn(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.versions.includes(version));
  }

  /** Non-core groups with their versions, preferred first. */
  groups(): { name: string; versions: string[] }[] {
    const byGroup = new Map<string, Set<string>>();
    for (const type of this.types.values()) {
      if (!type.group) continue;
      const set = byGroup.get(type.group) ?? new Set<string>();
      for (const v of type.versions) set.add(v);
      byGroup.set(type.group, set);
    }
    return [...byGroup].map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersions) }));
  }
}
