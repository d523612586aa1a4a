import { targetOf } from '../../shared/branch/target.ts';
import { imageTag, normalizeSha, type BranchNames } from '../../shared/branch/naming.ts';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Inputs } from './inputs.ts';

/** The names build-tag computes, before changed-service detection. */
export interface TagResult {
  branch: string;
  sha: string;
  names: BranchNames;
  tag: string;
  namespace: string;
  isProduction: boolean;
  /** Image name to full reference. */
  images: Record<string, string>;
  /** OCI labels for the image. */
  labels: Record<string, string>;
}

/** Resolves the branch and sha (inputs first, then the event) and derives every name. */
export function computeNames(inputs: Inputs, context: EventContext, now: Date = new Date()): TagResult {
  const { names } = targetOf(inputs, context, 'name');
  const branch = names.branch;
  const rawSha = inputs.sha ?? context.sha;
  if (!rawSha) {
    throw new UserError(`No commit sha for branch ${JSON.stringify(branch)}: the ${context.eventName || 'current'} event carries none.`, {
      fix: 'Pass the `sha` input, e.g. `sha: ${{ github.sha }}`.',
    });
  }
  const sha = normalizeSha(rawSha, 'sha');
  const tag = imageTag(names, sha, inputs.tagFormat);
  const isProduction = names.branch === inputs.productionBranch;
  const images: Record<string, string> = {};
  for (const image of inputs.images) images[image] = `${image}:${tag}`;
  const repository = context.repository ? `${context.repository.owner}/${context.repository.repo}` : undefined;
  const labels: Record<string, string> = {
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.version': tag,
    'org.opencontainers.image.created': now.toISOString(),
    'org.opencontainers.image.ref.name': names.branch,
  };
  if (repository) {
    labels['org.opencontainers.image.title'] = context.repository?.repo ?? repository;
    labels['org.opencontainers.image.source'] = `${context.serverUrl}/${repository}`;
    labels['org.opencontainers.image.url'] = `${context.serverUrl}/${repository}`;
  }
  return {
    branch: names.branch,
    sha,
    names,
    tag,
    namespace: isProduction ? inputs.productionNamespace : names.namespace,
    isProduction,
    images,
    labels,
  };
}
