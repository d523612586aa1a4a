// Transforms of rendered objects: placeholder replacements in string values, the ownership
// labels on every object and pod template, and the check that no placeholder is left.
// Namespace placement lives in safety.ts (it decides as much as it transforms).
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { APPLY_SET_LABEL, TEMPLATE_KINDS, displayName, joinPath, walkStrings } from './objects.ts';
import { at } from '../../shared/core/json.ts';
import { isRecord } from '../../shared/core/json.ts';
import { compareText } from '../../shared/core/order.ts';

/** Values of the `{name}` tokens that replacement values, `environment-url` and `environment` may use. */
export type TemplateValues = Readonly<Record<string, string>>;

/** Fills `{slug}`, `{namespace}`, ... in `text`; unknown `{tokens}` are left as they are. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{([a-z-]+)\}/g, (whole, token: string) => (Object.hasOwn(values, token) ? (values[token] ?? whole) : whole));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every token in every string value. A token is only replaced where it stands alone,
 * not inside a longer name of letters, digits and `_` (so `BRANCH_NAME` leaves `BRANCH_NAME_DB`
 * alone, unlike sed), in one pass (replaced text is never replaced again). Keys are left alone.
 * Returns how often each token was replaced.
 */
export function applyReplacements(objects: readonly KubeObject[], replacements: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>([...replacements.keys()].map((token) => [token, 0]));
  if (replacements.size === 0) return counts;
  const tokens = [...replacements.keys()].sort((a, b) => b.length - a.length || compareText(a, b));
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${tokens.map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`, 'g');
  for (const obj of objects) {
    walkStrings(obj, (text) =>
      text.replace(pattern, (token) => {
        counts.set(token, (counts.get(token) ?? 0) + 1);
        return replacements.get(token) ?? token;
      }),
    );
  }
  return counts;
}

/** Labels on the top level of every object, and (without the sha, see README) on pod templates. */
export interface OwnershipLabelSet {
  object: Record<string, string>;
  template: Record<string, string>;
}

/** The label sets for a branch's objects: ownership labels plus the apply set. */
export function labelSets(ownership: Record<string, string>, applySet: string): OwnershipLabelSet {
  return {
    object: { ...ownership, [APPLY_SET_LABEL]: applySet },
    template: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [BRANCH_LABEL]: ownership[BRANCH_LABEL] ?? '', [APPLY_SET_LABEL]: applySet },
  };
}

function addLabels(meta: unknown, labels: Record<string, string>): Record<string, unknown> {
  const target = isRecord(meta) ? meta : {};
  const existing = isRecord(target['labels']) ? target['labels'] : {};
  target['labels'] = { ...existing, ...labels };
  return target;
}

/**
 * Adds the ownership labels to every object and to the pod templates of workloads (and a
 * CronJob's job template and its pod template), in place. Volume claim templates are left
 * alone: PVCs made from them outlive the StatefulSet and must never look prunable.
 */
export function applyOwnershipLabels(objects: readonly KubeObject[], sets: OwnershipLabelSet): void {
  for (const obj of objects) {
    obj.metadata = addLabels(obj.metadata, sets.object);
    const spec = obj['spec'];
    if (!isRecord(spec)) continue;
    if (TEMPLATE_KINDS.has(obj.kind ?? '') && isRecord(spec['template'])) {
      spec['template']['metadata'] = addLabels(spec['template']['metadata'], sets.template);
    }
    if (obj.kind === 'CronJob' && isRecord(spec['jobTemplate'])) {
      const jobTemplate = spec['jobTemplate'];
      jobTemplate['metadata'] = addLabels(jobTemplate['metadata'], sets.template);
      const podTemplate = at(jobTemplate, 'spec.template');
      if (isRecord(podTemplate)) podTemplate['metadata'] = addLabels(podTemplate['metadata'], sets.template);
    }
  }
}

/** A placeholder found after the transforms. */
export interface LeftoverPlaceholder {
  object: string;
  path: string;
  token: string;
  /** The text holding it (a key, or a value). */
  text: string;
  /** Whether it sits in a key (replacements only touch values). */
  inKey: boolean;
}

/**
 * Every place (value or key) where one of `tokens` still appears, also inside a longer name
 * (`BRANCH_NAME_DB` when only `BRANCH_NAME` has a value), so nothing half-replaced gets through.
 */
export function findPlaceholders(objects: readonly KubeObject[], tokens: readonly string[]): LeftoverPlaceholder[] {
  const found: LeftoverPlaceholder[] = [];
  if (tokens.length === 0) return found;
  for (const obj of objects) {
    const object = displayName(obj);
    const check = (text: string, path: string, inKey: boolean): void => {
      for (const token of tokens) if (text.includes(token)) found.push({ object, path, token, text, inKey });
    };
    walkStrings(
      obj,
      (text, path) => {
        check(text, path, false);
        return undefined;
      },
      (key, path) => check(key, joinPath(path, key), true),
    );
  }
  return found;
}

/** Fails when any placeholder is left, listing object and field for each. */
export function assertNoPlaceholders(found: readonly LeftoverPlaceholder[]): void {
  if (found.length === 0) return;
  const lines = found
    .slice(0, 20)
    .map((f) => `- ${f.object}: ${f.path}${f.inKey ? ' (a key: replacements only change values)' : ` = ${quoteValue(f.text, 60)}`} still holds ${f.token}`);
  if (found.length > 20) lines.push(`- … and ${found.length - 20} more`);
  throw new UserError(`${found.length} placeholder(s) are left after the replacements:\n${lines.join('\n')}\n`, {
    fix: 'Give each token a value in `replacements` (TOKEN=value, one per line; a token inside a longer name such as BRANCH_NAME_DB needs its own line), or remove it from the overlay.',
  });
}
