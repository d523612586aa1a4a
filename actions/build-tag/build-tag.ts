import type { EventContext } from '../../shared/branch/event-context.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { detectChanges, type ChangeResult, type Git } from './changes.ts';
import type { Inputs } from './inputs.ts';
import { computeNames, type TagResult } from './names.ts';

export interface BuildTagResult extends TagResult {
  changes: ChangeResult;
}

export interface Deps {
  git: Git;
  logger: Logger;
  now?: Date;
}

/** Computes every name for the branch and the services changed since the base. */
export async function buildTag(inputs: Inputs, context: EventContext, deps: Deps): Promise<BuildTagResult> {
  const names = computeNames(inputs, context, deps.now);
  deps.logger.info(`Branch ${JSON.stringify(names.branch)} at ${names.sha}: slug ${names.names.slug}, tag ${names.tag}, namespace ${names.namespace}.`);
  const changes = inputs.services.size
    ? await deps.logger.group('Changed services', async () => {
        const result = await detectChanges(
          {
            services: inputs.services,
            sha: names.sha,
            branch: names.branch,
            baseRef: inputs.baseRef,
            defaultBranch: inputs.defaultBranch ?? context.defaultBranch ?? 'main',
            fetchDepth: inputs.fetchDepth,
            context,
          },
          deps.git,
          deps.logger,
        );
        deps.logger.info(`Compared with ${result.how}: ${result.files.length} file(s) changed; services: ${result.changed.join(', ') || 'none'}.`);
        return result;
      })
    : { base: undefined, how: 'no services given', files: [], changed: [] };
  return { ...names, changes };
}

/** The action's outputs, by output name (mirrors action.yml). */
export function toOutputs(result: BuildTagResult): Record<string, string> {
  const outputs: Record<string, string> = {
    branch: result.branch,
    sha: result.sha,
    slug: result.names.slug,
    hash: result.names.hash,
    tag: result.tag,
    namespace: result.namespace,
    database: result.names.database,
    role: result.names.role,
    'label-value': result.names.labelValue,
    'is-production': String(result.isProduction),
    images: JSON.stringify(result.images),
    tags: Object.values(result.images).join('\n'),
    labels: Object.entries(result.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    'changed-services': JSON.stringify(result.changes.changed),
    matrix: JSON.stringify({ include: result.changes.changed.map((service) => ({ service })) }),
  };
  const json: Record<string, unknown> = { ...outputs };
  json['is-production'] = result.isProduction;
  json['images'] = result.images;
  json['tags'] = Object.values(result.images);
  json['labels'] = result.labels;
  json['changed-services'] = result.changes.changed;
  json['matrix'] = { include: result.changes.changed.map((service) => ({ service })) };
  json['changed-files'] = result.changes.files.length;
  json['base'] = result.changes.base ?? null;
  outputs['json'] = JSON.stringify(json);
  return outputs;
}
