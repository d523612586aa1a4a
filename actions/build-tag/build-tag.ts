import type { EventContext } from '../../shared/branch/event-context.ts';
import { detectChanges, type ChangeResult } from './changes.ts';
import type { Clients } from './clients.ts';
import type { Inputs } from './inputs.ts';
import { computeNames, type TagResult } from './names.ts';

export interface BuildTagResult extends TagResult {
  changes: ChangeResult;
}

/** Computes every name for the branch and the services changed since the base. */
export async function buildTag(inputs: Inputs, context: EventContext, deps: Clients): Promise<BuildTagResult> {
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
