// "Retry under the run's deadline, then explain": how every ARM call of the suite is made. Faults
// (429, 5xx, ServerBusy, dropped connections) are retried with backoff until the deadline; a
// permanent answer (a missing resource group, a missing role assignment) becomes a UserError that
// names the input to fix.
import type { Classification } from '../core/retry-policy.ts';
import { classifyError } from '../core/retry-policy.ts';
import { retry } from '../core/retry.ts';
import type { Deadline } from '../core/deadline.ts';
import { untilDone } from './arm.ts';
import { explainArmError, type ArmErrorContext } from './errors.ts';

/** Runs one ARM request, retried under `deadline`; a final failure is explained with `context`. */
export async function armCall<T>(deadline: Deadline, what: string, context: ArmErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await retry(fn, deadline.retry(what));
  } catch (error: unknown) {
    throw explainArmError(error, context);
  }
}

/** How {@link armOperation} starts the operation and judges its failures. */
export interface OperationOptions<T> {
  /** Starts the long-running operation (an SDK `begin...` call, given the abort signal). */
  begin: (options: { abortSignal: AbortSignal }) => Promise<{ pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T> }>;
  /** Adjusts the default verdict (e.g. to stop after a few InternalServerErrors). */
  classify?: (error: unknown, verdict: Classification) => Classification;
}

/**
 * Runs a long-running ARM operation to its end, retried under `deadline` (a busy server is waited
 * out). Never past the deadline: the start and every poll are cut off when the time is up, and
 * then the last retryable answer (e.g. ServerBusy) is the reason reported, not the cut-off.
 * Errors are returned unexplained, for the caller to read its own codes first.
 */
export function armOperation<T>(deadline: Deadline, what: string, options: OperationOptions<T>): Promise<T> {
  let lastRetryable: Error | undefined;
  return retry(
    () => (lastRetryable !== undefined && deadline.expired() ? Promise.reject(lastRetryable) : untilDone(what, deadline.remaining(), options.begin)),
    {
      ...deadline.retry(what),
      classify: (error) => {
        const base = classifyError(error, deadline.clock.now());
        const verdict = options.classify ? options.classify(error, base) : base;
        if (verdict.retryable && error instanceof Error) lastRetryable = error;
        return verdict;
      },
    },
  );
}
