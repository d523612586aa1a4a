// Discovery documents: /version, /api (APIVersions), /apis (APIGroupList),
// /apis/{group} (APIGroup) and the APIResourceList of each group/version, in
// the legacy (plain application/json) form kubectl and client-node accept; and
// aggregated discovery (apidiscovery.k8s.io/v2, GA in Kubernetes 1.30): /api and
// /apis answer an APIGroupDiscoveryList with every resource when the Accept header
// asks for it, as kubectl 1.32 does.
import type { ResourceRegistry, ResourceType } from './resources.ts';
import { apiVersionOf } from './resources.ts';

/** The Kubernetes version the emulator claims (kubectl's dispatcher picks its binary by it). */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:01:38Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupDoc(group: { name: string; versions: string[] }): unknown {
  const versions = group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: ResourceRegistry): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map(groupDoc) };
}

/** The APIGroup document of one group, or undefined when it is not served. */
export function apiGroup(registry: ResourceRegistry, name: string): unknown {
  const group = registry.groups().find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...(groupDoc(group) as object) } : undefined;
}

function entries(type: ResourceType): unknown[] {
  const main: Record<string, unknown> = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.plural === 'namespaces' ? VERBS.filter((v) => v !== 'deletecollection') : VERBS,
  };
  if (type.shortNames.length > 0) main.shortNames = type.shortNames;
  if (!type.custom && ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service'].includes(type.kind))
    main.categories = ['all'];
  // The main entry comes first: client-node picks the first entry with the kind.
  const list: unknown[] = [main];
  if (type.statusSubresource)
    list.push({ name: `${type.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'patch', 'update'] });
  if (!type.custom && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(type.kind)) {
    list.push({
      name: `${type.plural}/scale`,
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (type.kind === 'Pod' && !type.custom) list.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  if (type.plural === 'namespaces' && !type.custom)
    list.push({ name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] });
  return list;
}

/** The APIResourceList of a group/version, or undefined when nothing is served there. */
export function resourceList(registry: ResourceRegistry, group: string, version: string): unknown {
  const types = registry.typesIn(group, version);
  if (types.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: types.flatMap(entries) };
}

/** The media type of aggregated discovery v2 (request Accept and response Content-Type). */
export const AGGREGATED_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether the Accept header asks for aggregated discovery v2 (as one of its media ranges). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const params = new Map(
      range
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    return (
      range.trim().startsWith('application/json') &&
      params.get('g') === 'apidiscovery.k8s.io' &&
      params.get('v') === 'v2' &&
      params.get('as') === 'APIGroupDiscoveryList'
    );
  });
}

function resourceDiscovery(type: ResourceType, version: string): unknown {
  const responseKind = { group: type.group, version, kind: type.kind };
  const main = entries(type)[0] as { verbs: string[]; shortNames?: string[]; categories?: string[] };
  const subresources: unknown[] = [];
  if (type.statusSubresource) subresources.push({ subresource: 'status', responseKind, verbs: ['get', 'patch', 'update'] });
  if (!type.custom && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(type.kind)) {
    subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
  }
  if (type.kind === 'Pod' && !type.custom) subresources.push({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
  if (type.plural === 'namespaces' && !type.custom) subresources.push({ subresource: 'finalize', responseKind, verbs: ['update'] });
  return {
    resource: type.plural,
    responseKind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: main.verbs,
    ...(main.shortNames ? { shortNames: main.shortNames } : {}),
    ...(main.categories ? { categories: main.categories } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
  };
}

/** The APIGroupDiscoveryList of /api (`core`) or /apis. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean): unknown {
  const groups = core ? [{ name: '', versions: ['v1'] }] : registry.groups();
  const items = groups.map((group) => ({
    metadata: core ? {} : { name: group.name },
    versions: group.versions.map((version) => ({
      version,
      resources: registry.typesIn(group.name, version).map((type) => resourceDiscovery(type, version)),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
