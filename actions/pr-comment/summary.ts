// pr-comment's job summary: the verdict and the comment's link, or the failure with its fix.
import type { Outcome } from '../../shared/core/action.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import { WORDS, type PrCommentResult } from './pr-comment.ts';

/** Writes the verdict (and the comment's link) for a result. `ms`: time since the process started. */
export async function writeCommentSummary(result: PrCommentResult, summary = new Summary(), ms = performance.now()): Promise<void> {
  if (result.result === 'skipped') {
    await summary.verdict({ action: 'pr-comment', status: 'unchanged', text: `Skipped: no pull request for event ${result.event}`, ms }).write();
    return;
  }
  summary.verdict({
    action: 'pr-comment',
    status: result.result === 'unchanged' ? 'unchanged' : 'success',
    text: `${WORDS[result.result]} on pull request #${result.issue ?? ''}`,
    ms,
  });
  summary.paragraph(`Comment: ${result.url ?? ''}`);
  await summary.write();
}

/** The job summary of a run: what was written, or the failure with its fix. */
export async function writeSummary(_report: undefined, outcome: Outcome<PrCommentResult>, summary = new Summary(), ms = performance.now()): Promise<void> {
  if (outcome.result) await writeCommentSummary(outcome.result, summary, ms);
  else await writeFailureSummary('pr-comment', 'The pull request comment', outcome.error, summary, ms);
}
