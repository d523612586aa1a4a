// From inputs to the exact objects to apply: render every overlay, replace placeholders, point
// images at the new tag, add the Secrets from the `secrets` input, place every object in its
// namespace (refusing the ones that may not go there), label everything, and check that no
// placeholder and no duplicate is left. Nothing here talks to a cluster.
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { maskSecret, type SetSecret } from '../../shared/core/secrets.ts';
import { applyImageRules, type ImageChange } from './images.ts';
import type { Inputs, SecretEntry } from './inputs.ts';
import { APPLY_SET_LABEL, displayName, objectKey, phaseOf, type Planned } from './objects.ts';
import { isRecord } from '../../shared/core/json.ts';
import { renderOverlay, type Exec, type KustomizeChoice } from './render.ts';
import { QUOTA_SOURCE, quotaObjects } from './quota.ts';
import { namespaceObject, placeObjects } from './safety.ts';
import { applyOwnershipLabels, applyReplacements, assertNoPlaceholders, fillTemplate, findPlaceholders, labelSets, type TemplateValues } from './transform.ts';

/** Source name of the Secrets made from the `secrets` input. */
export const SECRETS_SOURCE = 'the secrets input';

/** The rendered, transformed objects before placement. */
export interface RenderedPlan {
  planned: Planned[];
  /** The kustomization namespace of each overlay, after replacements. */
  overlayNamespaces: Map<string, string | undefined>;
  imageChanges: ImageChange[];
  /** How often each replacement token was replaced. */
  replacementCounts: Map<string, number>;
}

/** Secrets from the `secrets` input, one object per Secret name. */
export function secretObjects(entries: readonly SecretEntry[]): KubeObject[] {
  const byName = new Map<string, Record<string, string>>();
  for (const entry of entries) {
    const data = byName.get(entry.secret) ?? {};
    data[entry.key] = Buffer.from(entry.value, 'utf8').toString('base64');
    byName.set(entry.secret, data);
  }
  return [...byName].map(([name, data]) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data }));
}

/** Masks the values of rendered Secrets (they are secrets the action reads). */
function maskRenderedSecrets(objects: readonly KubeObject[], setSecret?: SetSecret): void {
  for (const obj of objects) {
    if (obj.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData']) {
      const values = obj[field];
      if (!isRecord(values)) continue;
      for (const value of Object.values(values)) {
        if (typeof value !== 'string') continue;
        maskSecret(value, setSecret);
        if (field === 'data') maskSecret(Buffer.from(value, 'base64').toString('utf8'), setSecret);
      }
    }
  }
}

/** Renders the overlays and applies the value transforms (replacements, images, secrets). */
export async function renderPlan(inputs: Inputs, values: TemplateValues, deps: { exec: Exec; logger: Logger; setSecret?: SetSecret }): Promise<RenderedPlan> {
  const found: KustomizeChoice = {};
  const [first, ...more] = inputs.overlays;
  // The first overlay finds out which kustomize is installed; the others then render in parallel.
  const head = first === undefined ? [] : [await renderOverlay(first, inputs.workingDirectory, deps.exec, found, inputs.kustomizeFlags)];
  const rendered = [
    ...head,
    ...(await Promise.all(more.map((overlay) => renderOverlay(overlay, inputs.workingDirectory, deps.exec, found, inputs.kustomizeFlags)))),
  ];
  const replacements = new Map([...inputs.replacements].map(([token, value]) => [token, fillTemplate(value, values)]));
  const planned: Planned[] = [];
  const overlayNamespaces = new Map<string, string | undefined>();
  for (const overlay of rendered) {
    deps.logger.info(`Rendered ${overlay.overlay} with ${overlay.kustomize.command} ${overlay.kustomize.args.join(' ')}: ${overlay.objects.length} object(s).`);
    maskRenderedSecrets(overlay.objects, deps.setSecret);
    const holder: KubeObject = { metadata: { name: overlay.namespace ?? '' } };
    applyReplacements([holder], replacements);
    overlayNamespaces.set(overlay.overlay, overlay.namespace === undefined ? undefined : holder.metadata?.name);
    for (const object of overlay.objects) planned.push({ object, source: overlay.overlay });
  }
  const objects = planned.map((p) => p.object);
  const replacementCounts = applyReplacements(objects, replacements);
  const { changes, unused } = applyImageRules(objects, inputs.images);
  for (const rule of unused) deps.logger.warning(`Input \`images\`: ${quoteValue(rule.text)} matched no container image in the overlays.`);
  for (const object of secretObjects(inputs.secrets)) {
    const clash = planned.find((p) => p.object.kind === 'Secret' && p.object.metadata?.name === object.metadata?.name);
    if (clash) {
      throw new UserError(`The Secret ${quoteValue(object.metadata?.name ?? '')} is given in \`secrets\` and also rendered from ${clash.source}.`, {
        fix: 'Give it one source: remove it from the overlay, or use another name in `secrets`/`secret-name`.',
      });
    }
    planned.push({ object, source: SECRETS_SOURCE });
  }
  for (const object of quotaObjects(inputs.resourceQuota, inputs.limitRange)) planned.push({ object, source: QUOTA_SOURCE });
  return { planned, overlayNamespaces, imageChanges: changes, replacementCounts };
}

/** What completing a plan needs to know. */
export interface CompleteOptions {
  inputs: Inputs;
  namespace: string;
  ownershipLabels: Record<string, string>;
  /** The exact mark (branch and repository) every object carries as annotations. */
  ownershipAnnotations: Record<string, string>;
  /** Whether an object's kind is namespaced (from discovery, or offline for a client dry run). */
  namespaced: (obj: KubeObject) => boolean;
}

/**
 * Places every object in its namespace, adds the branch Namespace, labels everything, and
 * checks placeholders and duplicates. Returns the objects in apply order (phase by phase).
 */
export function completePlan(plan: RenderedPlan, options: CompleteOptions): Planned[] {
  const { inputs } = options;
  placeObjects(plan.planned, {
    target: options.namespace,
    overlayNamespaces: plan.overlayNamespaces,
    allowNamespaces: inputs.allowNamespaces,
    allowClusterScoped: inputs.allowClusterScoped,
    productionNamespaces: inputs.productionNamespaces,
    namespaced: options.namespaced,
  });
  const namespace = namespaceObject(plan.planned, options.namespace);
  const all: Planned[] = plan.planned.some((p) => p.object === namespace)
    ? [...plan.planned]
    : [{ object: namespace, source: 'the branch namespace' }, ...plan.planned];
  applyOwnershipLabels(
    all.map((p) => p.object),
    labelSets(options.ownershipLabels, inputs.applySet),
  );
  for (const { object } of all) object.metadata = { ...object.metadata, annotations: { ...object.metadata?.annotations, ...options.ownershipAnnotations } };
  // The namespace is shared by every apply set of the branch: it carries no set of its own.
  if (namespace.metadata?.labels) {
    const { [APPLY_SET_LABEL]: _set, ...labels } = namespace.metadata.labels;
    namespace.metadata.labels = labels;
  }
  assertNoPlaceholders(
    findPlaceholders(
      all.map((p) => p.object),
      [...new Set([...inputs.replacements.keys(), ...inputs.placeholders])],
    ),
  );
  const seen = new Map<string, Planned>();
  for (const item of all) {
    const key = objectKey(item.object);
    const first = seen.get(key);
    if (first) {
      throw new UserError(`${displayName(item.object, true)} is rendered twice: from ${first.source} and from ${item.source}.`, {
        fix: 'Each object may come from one overlay only; remove one of them or give them different names.',
      });
    }
    seen.set(key, item);
  }
  return all
    .map((item, index) => ({ item, index }))
    .sort((a, b) => phaseOf(a.item.object) - phaseOf(b.item.object) || a.index - b.index)
    .map(({ item }) => item);
}
