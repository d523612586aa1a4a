// Reaching the cluster while kustomize renders: connect, read the branch namespace, discover
// the API, and on a re-deploy list what the apply set held, so that none of it waits for the
// render. Only reads happen here; every write waits for the plan's safety checks.
import { externalObject, externalRefs } from '../../shared/branch/ownership/outside-objects.ts';
import { checkMark, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { isTerminating, type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import type { Clients } from './clients.ts';
import { objectKey } from './objects.ts';
import { inventoryTypes, listExisting, readInventory, type TypeRef } from './prune.ts';

/** What reaching the cluster early needs. */
export interface Reach {
  clients: Clients;
  namespace: string;
  owner: EnvironmentOwner;
  /** The apply set's label selector. */
  selector: string;
  applySet: string;
  signal: AbortSignal;
}

/** Objects of the kinds an earlier deploy recorded, listed while the render ran. */
export interface Prelisted {
  kinds: Set<string>;
  existing: Promise<Map<string, KubeObject>>;
}

/** The cluster as first reached: the client, the branch namespace as it is, and what was listed early. */
export interface Reached {
  client: KubeClient;
  liveNamespace: KubeObject | undefined;
  prelisted: Prelisted | undefined;
}

/**
 * Connects and reads the namespace, with discovery (aggregated, where served) on the side; when
 * the namespace is this branch's, lists the kinds its inventory records (what prune and the
 * results need on a re-deploy) while kustomize is still rendering. Only reads.
 */
export async function connectEarly(reach: Reach): Promise<Reached> {
  const client = await reach.clients.connect(reach.signal);
  void client.prefetchDiscovery();
  const liveNamespace = await client.get({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: reach.namespace } });
  if (checkMark(liveNamespace, reach.owner).state !== 'ours' || isTerminating(liveNamespace)) return { client, liveNamespace, prelisted: undefined };
  const kinds = readInventory(liveNamespace, reach.applySet);
  const existing = Promise.all([
    listExisting(client, inventoryTypes(kinds), reach.namespace, reach.selector, reach.clients.logger),
    readExternal(client, liveNamespace, reach.applySet),
  ]).then(([inside, outside]) => new Map([...inside, ...outside]));
  existing.catch(() => undefined);
  return { client, liveNamespace, prelisted: { kinds: new Set(kinds), existing } };
}

/** The objects the apply set recorded in other namespaces, as they are now (so a re-apply can say `unchanged`). */
async function readExternal(client: KubeClient, namespace: KubeObject | undefined, applySet: string): Promise<Map<string, KubeObject>> {
  const found = new Map<string, KubeObject>();
  await Promise.all(
    externalRefs(namespace, applySet).map(async (ref) => {
      const live = await client.get(externalObject(ref)).catch(() => undefined);
      if (live) found.set(objectKey({ ...live, apiVersion: ref.apiVersion, kind: ref.kind }), live);
    }),
  );
  return found;
}

/** The objects of these kinds that carry the selector, using what was listed early. */
export async function listAll(
  client: KubeClient,
  types: readonly TypeRef[],
  reach: Pick<Reach, 'clients' | 'namespace' | 'selector'>,
  prelisted: Prelisted | undefined,
): Promise<Map<string, KubeObject>> {
  const rest = types.filter((type) => !(type.namespaced && prelisted?.kinds.has(`${type.apiVersion} ${type.kind}`)));
  const [early, late] = await Promise.all([prelisted?.existing, listExisting(client, rest, reach.namespace, reach.selector, reach.clients.logger)]);
  return new Map([...(early ?? []), ...late]);
}
