// Where a deploy goes and under whose name: the branch's names, its owner mark, the namespace, the
// values `{tokens}` are filled with, and the apply set's label selector. Pure: nothing is contacted.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { isValidDnsLabel, normalizeSha, ownershipLabels, type BranchNames } from '../../shared/branch/naming.ts';
import { ownerOf, ownershipAnnotations, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { targetOf } from '../../shared/branch/target.ts';
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { ownershipSelector } from '../../shared/branch/ownership/protected.ts';
import { type KubeObject } from '../../shared/kube/client.ts';
import type { Inputs } from './inputs.ts';
import { APPLY_SET_LABEL } from './objects.ts';
import { assertUsableNamespace } from './safety.ts';
import { applyReplacements, fillTemplate, type TemplateValues } from './transform.ts';

/** The branch a run deploys and where. */
export interface Target {
  names: BranchNames;
  /** The exact branch and repository every mark names. */
  owner: EnvironmentOwner;
  /** The commit (normalized), if known. */
  sha: string | undefined;
  namespace: string;
  /** What `{branch}`, `{slug}`, `{namespace}`, ... stand for. */
  values: TemplateValues;
  /** The ownership labels every object gets. */
  labels: Record<string, string>;
  /** The ownership annotations every object gets. */
  marks: Record<string, string>;
  /** Label selector of this branch's apply set (workloads and their pods carry it). */
  selector: string;
}

/** The branch (input, else the event), its names and namespace; refuses a namespace that is not a DNS label or is protected. */
export function resolveTarget(inputs: Inputs, context: EventContext): Target {
  const { names, repository } = targetOf(inputs, context, 'deploy');
  const rawSha = inputs.sha ?? context.sha;
  const sha = rawSha === undefined ? undefined : normalizeSha(rawSha);
  const namespace = inputs.namespace ?? names.namespace;
  if (!isValidDnsLabel(namespace))
    throw new UserError(`Input \`namespace\` is ${quoteValue(namespace)}, not a valid namespace name.`, {
      fix: 'Use lower-case letters, digits and `-`, at most 63 characters.',
    });
  assertUsableNamespace(namespace, inputs.namespace === undefined ? 'branch' : 'namespace', inputs.productionNamespaces);
  const values: TemplateValues = {
    branch: names.branch,
    slug: names.slug,
    namespace,
    database: names.database,
    role: names.role,
    sha: sha ?? '',
    'short-sha': sha?.slice(0, 7) ?? '',
  };
  const owner = ownerOf(names, repository);
  const selector = `${ownershipSelector(names)},${APPLY_SET_LABEL}=${inputs.applySet}`;
  return { names, owner, sha, namespace, values, labels: ownershipLabels(names, sha), marks: ownershipAnnotations(owner), selector };
}

/** The environment URL: {tokens} filled and replacement tokens replaced (undefined without `environment-url`). */
export function environmentUrl(inputs: Inputs, values: TemplateValues): string | undefined {
  if (inputs.environmentUrl === undefined) return undefined;
  const holder: KubeObject = { url: fillTemplate(inputs.environmentUrl, values) };
  applyReplacements([holder], new Map([...inputs.replacements].map(([token, value]) => [token, fillTemplate(value, values)])));
  return String(holder['url']);
}
