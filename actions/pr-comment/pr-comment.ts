// pr-comment: one comment per pull request, written once and updated in place. The orchestrator
// (`prComment`) finds the pull request, writes the text and upserts it. The comment is
// ours only when its first line is exactly our hidden marker AND its author is the token's
// identity (a bot's `user.type` must be `Bot`): anything else, even with the marker, is left alone.
import type { Octokit, RepoRef } from '../../shared/github/client.ts';
import { explainGitHubError } from '../../shared/github/client.ts';
import { MARKS } from '../../shared/core/verdict.ts';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Clients } from './clients.ts';
import type { Inputs } from './inputs.ts';

/** The hidden first line that names the comment. */
export function markerLine(name: string): string {
  return `<!-- branch-env:pr-comment:${name} -->`;
}

/** Markdown inline code that a value cannot break out of. */
function code(value: string): string {
  const ticks = '`'.repeat(Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${value}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

/** Escapes what Markdown or HTML would read as markup in free text (server words, verdict lines). */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~!]/g, (c) => `\\${c}`).replace(/&/g, '&amp;');
}

/** What the comment shows. */
export interface CommentFacts {
  inputs: Inputs;
  /** The link to this run. */
  runUrl: string | undefined;
  /** The time of this deploy (ISO 8601). */
  at: string;
}

/** The comment's text: the marker, the verdict, the table of facts, the reasons on failure. */
export function commentBody({ inputs, runUrl, at }: CommentFacts): string {
  if (inputs.status === 'none')
    return [markerLine(inputs.marker), '**Preview environment**: none yet.', '', ...(inputs.note ? [inputs.note, ''] : [])].join('\n');
  const ok = inputs.status === 'success';
  const head = ok ? `${MARKS.success} **Preview environment is up**` : `${MARKS.failure} **Preview environment: the last deploy failed**`;
  const smoke = inputs.smokeCheck === undefined ? 'not run' : inputs.smokeCheck ? `${MARKS.success} passed` : `${MARKS.failure} failed`;
  const rows: [string, string][] = [
    ['Environment', inputs.environmentUrl ? `<${encodeURI(inputs.environmentUrl).replace(/>/g, '%3E')}>` : '—'],
    ['Namespace', inputs.namespace ? code(inputs.namespace) : '—'],
    ['Database', inputs.database ? code(inputs.database) : '—'],
    ['Image tag', inputs.imageTag ? code(inputs.imageTag) : '—'],
    ['Smoke checks', smoke],
    ['Last deploy', `${at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC`],
    ['Run', runUrl ? `[logs and summary](${runUrl})` : '—'],
  ];
  const lines = [markerLine(inputs.marker), head, ''];
  if (!ok) {
    const reasons = inputs.verdict.map((l) => (l.startsWith('- ') ? `  - ${plain(l.slice(2))}` : `- ${plain(l)}`));
    lines.push(...(reasons.length > 0 ? reasons : ['- See the run for the reason.']), '');
  }
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (inputs.note) lines.push(inputs.note, '');
  return lines.join('\n');
}

/** An issue comment as GitHub lists it (only what is read here). */
interface CommentJson {
  id: number;
  body?: string | null;
  html_url: string;
  user: { login: string; type: string } | null;
}

/** Whether a listed comment is ours: exact marker as the first line, written by `author`. */
export function isOurs(comment: CommentJson, marker: string, author: string): boolean {
  const first = (comment.body ?? '').split(/\r?\n/, 1)[0];
  if (first !== markerLine(marker)) return false;
  const user = comment.user;
  if (!user || user.login !== author) return false;
  return author.endsWith('[bot]') ? user.type === 'Bot' : user.type === 'User';
}

/** What was done. */
export interface CommentResult {
  result: 'created' | 'changed' | 'unchanged';
  id: number;
  url: string;
}

/** Creates the comment, or updates ours in place (the oldest, if ever there were two); never touches another's. */
export async function upsertComment(
  octokit: Octokit,
  repo: RepoRef,
  issue: number,
  body: string,
  inputs: Pick<Inputs, 'marker' | 'author'>,
): Promise<CommentResult> {
  try {
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 })) as CommentJson[];
    const ours = comments.find((c) => isOurs(c, inputs.marker, inputs.author));
    if (!ours) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body });
      return { result: 'created', id: data.id, url: data.html_url };
    }
    if (ours.body === body) return { result: 'unchanged', id: ours.id, url: ours.html_url };
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: ours.id, body });
    return { result: 'changed', id: data.id, url: data.html_url };
  } catch (error: unknown) {
    throw explainGitHubError(error, `writing the comment on pull request #${issue}`);
  }
}

/** What the run did: the comment written, or `skipped` when there is no pull request. */
export interface PrCommentResult {
  result: CommentResult['result'] | 'skipped';
  /** The pull request commented on; undefined when skipped. */
  issue: number | undefined;
  /** The comment's id and link; undefined when skipped. */
  id: number | undefined;
  url: string | undefined;
  /** The event that started the run (named when skipped). */
  event: string;
}

/** How the log and the summary word each result. */
export const WORDS = { created: 'Wrote the comment', changed: 'Updated the comment', unchanged: 'The comment already says this' } as const;

/** Writes (or updates) the comment on the pull request of the input or the event; skips without one. */
export async function prComment(inputs: Inputs, context: EventContext, clients: Clients): Promise<PrCommentResult> {
  const event = context.eventName || 'unknown';
  const issue = inputs.pullRequest ?? context.pullRequestNumber;
  if (issue === undefined) {
    clients.logger.info(`No pull request (event ${event}) and no \`pull-request\` input: nothing to comment on.`);
    return { result: 'skipped', issue: undefined, id: undefined, url: undefined, event };
  }
  if (!context.repository) throw new UserError('GITHUB_REPOSITORY is not set, so the repository of the pull request is unknown.');
  const octokit = await clients.github();
  const at = (clients.now ?? new Date()).toISOString();
  const body = commentBody({ inputs, runUrl: runUrl(clients.env ?? process.env), at });
  const done = await upsertComment(octokit, context.repository, issue, body, inputs);
  clients.logger.info(`${WORDS[done.result]} on pull request #${issue}: ${done.url}`);
  return { ...done, issue, event };
}

/** The link to this run (its attempt, when known), from the runner's variables. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!repo || !id) return undefined;
  return `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}
