// Which kinds of the plan are namespaced, from the cluster's discovery (kinds only a CRD of the
// render defines are taken from that CRD), and which kinds to list for the results and prune.
import { UserError } from '../../shared/core/errors.ts';
import type { KubeClient, KubeObject } from '../../shared/kube/client.ts';
import { crdServes, displayName, offlineNamespaced, typeKey, type Planned } from './objects.ts';
import { inventoryTypes, type TypeRef } from './prune.ts';

/** The scope of each kind of the plan. */
export interface Scopes {
  namespaced: (obj: KubeObject) => boolean;
  /** Kinds the cluster does not serve yet (a CRD of this render defines them): applied unchecked. */
  unserved: Set<string>;
}

/** Kinds of the plan, resolved through discovery; refuses kinds the cluster does not serve and no CRD of the render defines. */
export async function resolveScopes(client: KubeClient, objects: readonly KubeObject[]): Promise<Scopes> {
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
  const types = new Map(objects.map((o) => [typeKey(o), o]));
  const scope = new Map<string, boolean>();
  const unserved = new Set<string>();
  const unknown: string[] = [];
  await Promise.all(
    [...types].map(async ([key, sample]) => {
      const info = await client.resource(sample.apiVersion ?? '', sample.kind ?? '');
      if (info) return void scope.set(key, info.namespaced);
      if (crds.some((crd) => crdServes(crd, sample))) {
        unserved.add(key);
        return void scope.set(key, offlineNamespaced(sample, crds));
      }
      unknown.push(`${sample.kind ?? '?'} (${sample.apiVersion ?? '?'}), e.g. ${displayName(sample)}`);
    }),
  );
  if (unknown.length > 0) {
    throw new UserError(`The cluster does not serve ${unknown.length} kind(s) the overlays use:\n${unknown.map((u) => `- ${u}`).join('\n')}\n`, {
      fix: 'Install their CustomResourceDefinitions first (or include them in an overlay with `allow-cluster-scoped: CustomResourceDefinition`), or check the apiVersion.',
    });
  }
  return { namespaced: (obj) => scope.get(typeKey(obj)) ?? offlineNamespaced(obj, crds), unserved };
}

/** The kinds to list in the namespace: those of the plan (outside objects excluded) and those the inventory recorded. */
export function typesToList(planned: readonly Planned[], inventory: readonly string[], namespace: string, namespaced: (obj: KubeObject) => boolean): TypeRef[] {
  const types = new Map<string, TypeRef>();
  for (const { object } of planned) {
    if (object.kind === 'Namespace' || (namespaced(object) && object.metadata?.namespace !== namespace)) continue;
    types.set(typeKey(object), { apiVersion: object.apiVersion ?? '', kind: object.kind ?? '', namespaced: namespaced(object) });
  }
  for (const type of inventoryTypes(inventory)) {
    const key = `${type.apiVersion} ${type.kind}`;
    if (!types.has(key)) types.set(key, type);
  }
  return [...types.values()];
}
