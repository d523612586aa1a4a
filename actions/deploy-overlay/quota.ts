// A bound on cost per branch (issue 17): the `resource-quota` and `limit-range` inputs become a
// ResourceQuota and a LimitRange in the branch namespace, planned with the overlay's objects (so
// they carry the ownership labels and the exact mark, and prune and cleanup remove them like
// everything else). Off unless set.
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/kube/client.ts';

/** Name of both objects in the branch namespace. */
export const QUOTA_NAME = 'branch-limits';
/** Source name of the planned objects (shown when an overlay renders one of the same name). */
export const QUOTA_SOURCE = 'the resource-quota/limit-range inputs';

/** A Kubernetes quantity (`2`, `500m`, `4Gi`, `1.5`, `1e3`). */
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/;
/** A quota or limit resource name (`cpu`, `requests.memory`, `count/deployments.apps`, `pods`). */
const RESOURCE = /^[a-z0-9]([a-z0-9./-]*[a-z0-9])?$/i;
/** LimitRange sections (per container). */
const SECTIONS = ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'] as const;

function pairs(text: string, input: string, example: string): [string, string][] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      if (eq <= 0 || !QUANTITY.test(value)) {
        throw new UserError(`Input \`${input}\`: ${quoteValue(part)} is not resource=quantity.`, {
          fix: `Write it like \`${example}\` (quantities as in Kubernetes: 500m, 4Gi, 20).`,
        });
      }
      return [key, value] as [string, string];
    });
}

/** `resource-quota`: `cpu=2,memory=4Gi,pods=20` (commas or lines) -> spec.hard. */
export function parseResourceQuota(text: string | undefined): Record<string, string> | undefined {
  if (!text?.trim()) return undefined;
  const hard: Record<string, string> = {};
  for (const [key, value] of pairs(text, 'resource-quota', 'cpu=2,memory=4Gi,pods=20')) {
    if (!RESOURCE.test(key))
      throw new UserError(`Input \`resource-quota\`: ${quoteValue(key)} is not a resource name.`, {
        fix: 'Use names such as cpu, memory, pods, requests.cpu, limits.memory.',
      });
    hard[key] = value;
  }
  return hard;
}

/** `limit-range`: `default.cpu=500m,default.memory=512Mi,defaultRequest.cpu=100m` -> one Container limit. */
export function parseLimitRange(text: string | undefined): Record<string, Record<string, string>> | undefined {
  if (!text?.trim()) return undefined;
  const limit: Record<string, Record<string, string>> = {};
  for (const [key, value] of pairs(text, 'limit-range', 'default.cpu=500m,default.memory=512Mi,defaultRequest.cpu=100m,defaultRequest.memory=128Mi')) {
    const dot = key.indexOf('.');
    const section = key.slice(0, dot);
    const resource = key.slice(dot + 1);
    if (dot <= 0 || !(SECTIONS as readonly string[]).includes(section) || !RESOURCE.test(resource)) {
      throw new UserError(`Input \`limit-range\`: ${quoteValue(key)} is not section.resource.`, {
        fix: `The section is one of ${SECTIONS.join(', ')}; e.g. default.cpu=500m, defaultRequest.memory=128Mi.`,
      });
    }
    (limit[section] ??= {})[resource] = value;
  }
  return limit;
}

/** The objects to plan (none when neither input is set). */
export function quotaObjects(resourceQuota: Record<string, string> | undefined, limitRange: Record<string, Record<string, string>> | undefined): KubeObject[] {
  const objects: KubeObject[] = [];
  if (resourceQuota) objects.push({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: QUOTA_NAME }, spec: { hard: resourceQuota } });
  if (limitRange)
    objects.push({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: QUOTA_NAME }, spec: { limits: [{ type: 'Container', ...limitRange }] } });
  return objects;
}
