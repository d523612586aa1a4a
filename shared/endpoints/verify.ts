// Runs every check at once (at most `concurrency` requests in flight), each retried with
// backoff until it passes or the shared deadline passes, so the whole run takes about as long
// as its slowest check. Waiting between attempts holds no slot.
import type { Clock } from '../core/clock.ts';
import { formatDuration } from '../core/duration.ts';
import type { Logger } from '../core/logger.ts';
import { DeadlineError, retry, type RetryOptions } from '../core/retry.ts';
import { systemClock } from '../core/clock.ts';
import type { Check } from './check-types.ts';
import { judge, type Failure, type Judgement, type Verdict } from './evaluate.ts';
import type { Sender } from './http-client.ts';
import { Limiter } from '../core/limit.ts';
import type { Redactor } from './redact.ts';
import { Deadline } from '../core/deadline.ts';

/** Timing and proof settings of a run. */
export interface VerifyOptions {
  /** Overall deadline for all checks, in ms. */
  timeoutMs: number;
  /** First wait between attempts of a check, in ms; waits grow 1.5x up to 5x this. */
  intervalMs: number;
  /** Longest a single request may take, in ms. */
  requestTimeoutMs: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** The version that must answer (checks with `expect.version` prove it). */
  expectVersion: string | undefined;
}

/** What the run uses to talk and to tell. */
export interface VerifyDeps {
  send: Sender;
  logger: Logger;
  redactor: Redactor;
  clock?: Clock;
}

/** The final state of one check (every text redacted). */
export interface CheckResult {
  index: number;
  name: string;
  method: string;
  url: string;
  passed: boolean;
  verdict: Verdict;
  /** HTTP status of the last attempt; null when nothing came back. */
  status: number | null;
  /** Latency of the last attempt, in ms. */
  latencyMs: number | null;
  attempts: number;
  /** Time from the start of the run until this check passed or gave up, in ms. */
  elapsedMs: number;
  /** Why it failed (every failed expectation); null when passed. */
  reason: string | null;
  failures: Failure[];
  /** Start of the last body, when the check failed. */
  body: string | null;
  /** The version the last answer showed, if the check reads one. */
  version: string | null;
  /** Where the last answer came from, when redirected. */
  finalUrl: string | null;
  /** Whether the last failure was a TLS problem. */
  tls: boolean;
  /** Whether this check reads the version (`expect.version`). */
  provesVersion: boolean;
}

/** The outcome of the run. */
export interface VerifyResult {
  passed: boolean;
  results: CheckResult[];
  elapsedMs: number;
  /** Attempts sent in all (each may follow redirects). */
  attempts: number;
}

/** The last attempt of a check may run this long even at the deadline, so it can still answer. */
export const FINAL_ATTEMPT_MS = 1000;

class AttemptFailed extends Error {
  readonly judgement: Judgement;
  constructor(judgement: Judgement) {
    super(judgement.failures.map((f) => f.message).join('; '));
    this.judgement = judgement;
  }
}

function describe(judgement: Judgement): string {
  const words: Record<Verdict, string> = { passed: 'passed', 'not-ready': 'not ready', 'wrong-answer': 'wrong answer', 'old-version': 'old version' };
  return `${words[judgement.verdict]}: ${judgement.failures.map((f) => f.message).join('; ')}`;
}

/** Runs all checks and reports each one's final state; never throws for a failing check. */
export async function runChecks(checks: readonly Check[], options: VerifyOptions, deps: VerifyDeps): Promise<VerifyResult> {
  return new Verification(options, deps).run(checks);
}

/** One run: the shared deadline, the limit on requests in flight, and each check's retry loop. */
class Verification {
  readonly #options: VerifyOptions;
  readonly #deps: VerifyDeps;
  readonly #clock: Clock;
  readonly #limiter: Limiter;
  readonly #start: number;
  readonly #deadline: Deadline;
  /** Longest wait between attempts. */
  readonly #maxDelayMs: number;
  /** Attempts sent by every check. */
  #attemptsSent = 0;

  constructor(options: VerifyOptions, deps: VerifyDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#limiter = new Limiter(options.concurrency);
    this.#start = this.#clock.now();
    this.#deadline = new Deadline(options.timeoutMs, { clock: this.#clock });
    this.#maxDelayMs = options.intervalMs * 5;
  }

  /** Every check at once; the run takes about as long as its slowest check. */
  async run(checks: readonly Check[]): Promise<VerifyResult> {
    const results = await Promise.all(checks.map((check) => this.#runCheck(check)));
    return { passed: results.every((r) => r.passed), results, elapsedMs: this.#clock.now() - this.#start, attempts: this.#attemptsSent };
  }

  /** Retries one check until it passes or the deadline passes; its final state, logged. */
  async #runCheck(check: Check): Promise<CheckResult> {
    const label = this.#deps.redactor.redact(`#${check.index} ${check.name}`);
    const state: { last?: Judgement; attempts: number; lastLogged: string } = { attempts: 0, lastLogged: '' };
    try {
      await retry(
        async (attempt) => {
          const judgement = await this.#attempt(check);
          state.attempts = attempt;
          state.last = judgement;
          if (judgement.verdict !== 'passed') throw new AttemptFailed(judgement);
        },
        this.#retryOptions(check, label, state),
      );
    } catch (error: unknown) {
      if (!(error instanceof DeadlineError) || state.last === undefined) throw error;
    }
    const judgement = state.last;
    if (judgement === undefined) throw new Error(`check ${label} made no attempt`);
    const result = toResult(check, judgement, state.attempts, this.#clock.now() - this.#start, this.#deps.redactor);
    if (judgement.verdict === 'passed')
      this.#deps.logger.info(`${label}: passed, HTTP ${judgement.status} in ${formatDuration(judgement.latencyMs)} (attempt ${state.attempts})`);
    else this.#deps.logger.info(`${label}: gave up after ${state.attempts} attempt(s): ${result.reason ?? ''}`);
    return result;
  }

  /** One request of the check, holding a slot only while it is in flight; judged. */
  #attempt(check: Check): Promise<Judgement> {
    return this.#limiter.run(async () => {
      const timeoutMs = Math.min(this.#options.requestTimeoutMs, Math.max(this.#deadline.remaining(), FINAL_ATTEMPT_MS));
      this.#attemptsSent += 1;
      const request = { method: check.method, url: check.url, headers: check.headers, body: check.body };
      return judge(check, await this.#deps.send(request, timeoutMs), this.#options.expectVersion);
    });
  }

  /** Backoff under the shared deadline (Retry-After honoured up to the longest wait); a changed failure logged, a repeated one at debug. */
  #retryOptions(check: Check, label: string, state: { lastLogged: string }): RetryOptions {
    const { redactor, logger } = this.#deps;
    return {
      deadlineMs: this.#deadline.remaining(),
      initialDelayMs: this.#options.intervalMs,
      maxDelayMs: this.#maxDelayMs,
      factor: 1.5,
      jitter: false,
      clock: this.#clock,
      what: check.name,
      classify: (error) => {
        if (!(error instanceof AttemptFailed)) return { retryable: false, reason: String(error) };
        const wait = error.judgement.retryAfterMs;
        return { retryable: true, reason: error.message, ...(wait === undefined ? {} : { retryAfterMs: Math.min(wait, this.#maxDelayMs) }) };
      },
      onRetry: ({ attempt, delayMs, error }) => {
        const text = redactor.redact(error instanceof AttemptFailed ? describe(error.judgement) : String(error));
        const line = `${label}: ${text}; attempt ${attempt}, next in ${formatDuration(delayMs)}`;
        if (text !== state.lastLogged) logger.info(line);
        else logger.debug(line);
        state.lastLogged = text;
      },
    };
  }
}

function toResult(check: Check, judgement: Judgement, attempts: number, elapsedMs: number, redactor: Redactor): CheckResult {
  const passed = judgement.verdict === 'passed';
  const failures = judgement.failures.map((f) => ({ expectation: f.expectation, message: redactor.redact(f.message) }));
  return {
    index: check.index,
    name: redactor.redact(check.name),
    method: check.method,
    url: redactor.redact(check.url),
    passed,
    verdict: judgement.verdict,
    status: judgement.status ?? null,
    latencyMs: Math.round(judgement.latencyMs),
    attempts,
    elapsedMs: Math.round(elapsedMs),
    reason: passed ? null : failures.map((f) => f.message).join('; '),
    failures,
    body: passed || judgement.snippet === undefined ? null : redactor.redact(judgement.snippet),
    version: judgement.version === undefined ? null : redactor.redact(judgement.version),
    finalUrl: judgement.finalUrl === undefined ? null : redactor.redact(judgement.finalUrl),
    tls: judgement.tls,
    provesVersion: check.expect.version !== undefined,
  };
}
