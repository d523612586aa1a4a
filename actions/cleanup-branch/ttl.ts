// A time to live for preview environments (issue 17): the sweep may remove an environment whose
// branch is alive but which nobody has deployed for longer than `ttl` (e.g. `14d`). Such removals
// are a dry run unless `ttl-dry-run: false`, and a removal is said on the branch's open pull
// request (a small comment; needs a token with pull-requests: write, else a warning).
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { formatDuration } from '../../shared/core/duration.ts';
import type { InputReader } from '../../shared/core/inputs.ts';
import type { Logger } from '../../shared/core/logger.ts';
import type { GitHubTarget } from './github-env.ts';

const DAY_MS = 24 * 3_600_000;
const MAX_TTL_MS = 366 * DAY_MS;
/** Start of the reason of an environment removed for being idle (the sweep's report and the comment find it by this). */
export const IDLE_REASON = 'idle: no deploy for';

export interface TtlInputs {
  /** `ttl`: remove live environments not deployed for this long (ms); undefined: never. */
  ttlMs: number | undefined;
  /** `ttl-dry-run` (default true): only list the environments the ttl would remove. */
  ttlDryRun: boolean;
}

/** Reads `ttl` (`14d`, `36h`, `1d12h` not supported: days alone or a duration) and `ttl-dry-run`. */
export function readTtl(reader: InputReader): TtlInputs {
  const text = reader.optional('ttl');
  let ttlMs: number | undefined;
  if (text !== undefined) {
    const days = /^(\d+)d$/.exec(text.trim());
    ttlMs = days ? Number(days[1]) * DAY_MS : reader.duration('ttl', 0, MAX_TTL_MS);
    if (!(ttlMs > 0) || ttlMs > MAX_TTL_MS)
      throw new UserError(`Input \`ttl\` is ${quoteValue(text)}: give a time to live between 1s and 366d.`, {
        fix: 'For example `ttl: 14d` (no deploy for 14 days).',
      });
  }
  return { ttlMs, ttlDryRun: reader.boolean('ttl-dry-run', true) };
}

/** Why a live environment is past its time to live, or undefined (kept). No known deploy time: kept. */
export function idleReason(ttl: TtlInputs, lastDeploy: number | undefined, now: number): string | undefined {
  if (ttl.ttlMs === undefined || lastDeploy === undefined || now - lastDeploy <= ttl.ttlMs) return undefined;
  return `${IDLE_REASON} ${formatDuration(now - lastDeploy)} (last ${new Date(lastDeploy).toISOString()}), past ttl ${formatDuration(ttl.ttlMs)}, though its branch is alive`;
}

/** Comments on the open pull request of each environment the ttl removed (not on a dry run). */
export async function commentIdleRemovals(
  removed: readonly { branch: string | undefined; decision: string; reason: string }[],
  pulls: readonly { branch: string; number: number }[],
  github: GitHubTarget,
  logger: Logger,
): Promise<void> {
  for (const env of removed) {
    if (env.decision !== 'removed' || !env.reason.startsWith(IDLE_REASON)) continue;
    const pull = pulls.find((p) => p.branch === env.branch);
    if (!pull) continue;
    const body = `The preview environment of \`${env.branch ?? ''}\` was removed by the nightly sweep: ${env.reason}. Push again (or re-add the preview label) to get a new one.`;
    try {
      await github.octokit.rest.issues.createComment({ owner: github.owner, repo: github.repo, issue_number: pull.number, body });
      logger.info(`Said so on pull request #${pull.number}.`);
    } catch (error: unknown) {
      logger.warning(
        `Could not comment on pull request #${pull.number} (the token needs pull-requests: write): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
