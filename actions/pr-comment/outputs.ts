// pr-comment's outputs, by the names in action.yml.
import type { OutputValue } from '../../shared/core/outputs.ts';
import type { PrCommentResult } from './pr-comment.ts';

/** The action's outputs, by output name (mirrors action.yml); a skipped run sets only `result`. */
export function toOutputs(result: PrCommentResult): Record<string, OutputValue> {
  return { 'comment-id': result.id, 'comment-url': result.url, result: result.result };
}
