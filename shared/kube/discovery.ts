// Which resource serves a kind, and whether it is namespaced: aggregated discovery where the
// server offers it, one APIResourceList per apiVersion otherwise.
import { kubeApiError } from './errors.ts';
import type { KubeHttp } from './http.ts';

/** What discovery says about a kind. */
export interface ResourceInfo {
  /** Plural resource name (`deployments`). */
  name: string;
  namespaced: boolean;
  verbs: string[];
}

function parseJson(text: string): unknown {
  return text === '' ? {} : JSON.parse(text);
}

/** The media type of aggregated discovery (apidiscovery.k8s.io/v2, GA in Kubernetes 1.30). */
const AGGREGATED_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface Discovered extends ResourceInfo {
  kind: string;
}

interface AggregatedList {
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; verbs?: string[] }[] }[];
  }[];
}

/**
 * Discovery as kubectl does it: every group and resource in two requests (`/api` and `/apis`
 * with aggregated discovery) where the server offers it, else one APIResourceList per
 * apiVersion. Parallel callers share requests; a kind not found is looked up again (once per
 * lookup) in case a CustomResourceDefinition has been applied since.
 */
export function discovery(http: KubeHttp): { lookup: (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>; prefetch: () => Promise<void> } {
  const lists = new Map<string, { at: number; list: Promise<Discovered[] | undefined> }>();
  let aggregated: Promise<void> | undefined;
  let clock = 0;
  const fetchGroup = (apiVersion: string): Promise<Discovered[] | undefined> => {
    const path = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
    const list = http.request('GET', path).then(
      (answer) => {
        const doc = parseJson(answer.text) as { resources?: (ResourceInfo & { kind?: string })[] };
        return (doc.resources ?? [])
          .filter((r) => !r.name.includes('/'))
          .map((r) => ({ name: r.name, namespaced: r.namespaced, verbs: r.verbs, kind: r.kind ?? '' }));
      },
      (error: unknown) => {
        if (kubeApiError(error)?.code === 404) return undefined;
        throw error;
      },
    );
    const entry = { at: (clock += 1), list };
    lists.set(apiVersion, entry);
    list.catch(() => lists.get(apiVersion) === entry && lists.delete(apiVersion));
    return list;
  };
  const fetchAggregated = async (root: '/api' | '/apis'): Promise<void> => {
    const answer = await http.request('GET', root, { accept: `${AGGREGATED_DISCOVERY},application/json` });
    if (!answer.contentType.includes('as=APIGroupDiscoveryList')) return;
    const at = (clock += 1);
    for (const group of (parseJson(answer.text) as AggregatedList).items ?? []) {
      for (const version of group.versions ?? []) {
        const apiVersion = group.metadata?.name ? `${group.metadata.name}/${version.version}` : version.version;
        const resources = (version.resources ?? []).map((r) => ({
          name: r.resource,
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
          kind: r.responseKind?.kind ?? '',
        }));
        lists.set(apiVersion, { at, list: Promise.resolve(resources) });
      }
    }
  };
  const prefetch = (): Promise<void> => {
    aggregated ??= Promise.all([fetchAggregated('/api'), fetchAggregated('/apis')]).then(
      () => undefined,
      () => undefined,
    );
    return aggregated;
  };
  const lookup = async (apiVersion: string, kind: string): Promise<ResourceInfo | undefined> => {
    if (apiVersion === '' || kind === '') return undefined;
    const started = clock;
    if (aggregated) await aggregated;
    const cached = lists.get(apiVersion);
    let found = (await (cached?.list ?? fetchGroup(apiVersion)))?.find((r) => r.kind === kind);
    // A miss from an answer older than this lookup: ask again (a CRD may have been applied since).
    if (!found && cached && cached.at <= started) found = (await fetchGroup(apiVersion))?.find((r) => r.kind === kind);
    return found ? { name: found.name, namespaced: found.namespaced, verbs: found.verbs } : undefined;
  };
  return { lookup, prefetch };
}
