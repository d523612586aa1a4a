// Entry point of the pr-comment action (bundled to dist/pr-comment/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import { githubClient } from '../../shared/github/client.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { Summary, summarizeFailure } from '../../shared/core/summary.ts';
import { commentBody, upsertComment } from './comment.ts';
import { readInputs } from './inputs.ts';

/** The link to this run (its attempt, when known), from the runner's variables. */
function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!repo || !id) return undefined;
  return `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

const WORDS = { created: 'Wrote the comment', changed: 'Updated the comment', unchanged: 'The comment already says this' } as const;

await run(() =>
  summarizeFailure('pr-comment', 'The pull request comment', async () => {
    const inputs = readInputs();
    const context = readEventContext();
    const issue = inputs.pullRequest ?? context.pullRequestNumber;
    const summary = new Summary();
    if (issue === undefined) {
      actionsLogger.info(`No pull request (event ${context.eventName || 'unknown'}) and no \`pull-request\` input: nothing to comment on.`);
      writeOutputs({ result: 'skipped' });
      await summary
        .verdict({
          action: 'pr-comment',
          status: 'unchanged',
          text: `Skipped: no pull request for event ${context.eventName || 'unknown'}`,
          ms: performance.now(),
        })
        .write();
      return;
    }
    if (!context.repository) throw new UserError('GITHUB_REPOSITORY is not set, so the repository of the pull request is unknown.');
    const octokit = await githubClient(inputs.token, { userAgent: 'pr-comment' });
    const body = commentBody({ inputs, runUrl: runUrl(process.env), at: new Date().toISOString() });
    const done = await upsertComment(octokit, context.repository, issue, body, inputs);
    actionsLogger.info(`${WORDS[done.result]} on pull request #${issue}: ${done.url}`);
    writeOutputs({ 'comment-id': done.id, 'comment-url': done.url, result: done.result });
    summary.verdict({
      action: 'pr-comment',
      status: done.result === 'unchanged' ? 'unchanged' : 'success',
      text: `${WORDS[done.result]} on pull request #${issue}`,
      ms: performance.now(),
    });
    summary.paragraph(`Comment: ${done.url}`);
    await summary.write();
  }),
);
