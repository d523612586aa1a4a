// bump-prod-tag's outputs, by the names in action.yml.
import type { BumpResult } from './bump-prod-tag.ts';

/** The action's outputs, by output name (mirrors action.yml). */
export function toOutputs(result: BumpResult): Record<string, string> {
  return {
    changed: String(result.changed),
    'pull-request-number': result.pullRequest ? String(result.pullRequest.number) : '',
    'pull-request-url': result.pullRequest?.url ?? '',
    'commit-sha': result.commitSha ?? '',
    changes: JSON.stringify(result.changes.map(({ file, image, field, old, new: value }) => ({ file, image, field, old: old ?? null, new: value }))),
  };
}
