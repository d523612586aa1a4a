// The wrapper around every action's entry point: a UserError becomes a
// one-line failure that says what to fix; anything else is reported as a bug.

import * as core from './workflow-commands.ts';
import { errorMessage, isUserError } from './errors.ts';
import { actionsLogger, type Logger } from './logger.ts';

/** What {@link run} reports through; both default to the runner's. */
export interface RunDeps {
  /** Marks the step failed with a message (default `core.setFailed`). */
  setFailed?: (message: string) => void;
  /** Receives the stack of unexpected errors (default {@link actionsLogger}). */
  logger?: Logger;
}

/** Appended to the failure message of anything that is not a {@link UserError}. */
export const BUG_NOTE = '(this is a bug in the suite; please report it with the debug log)';

/**
 * Runs an action's `main` and reports its failure; never rejects.
 *
 * - A `UserError` fails the step with `error.describe()` (message and fix);
 *   its cause, if any, goes to the debug log.
 * - Any other thrown value fails the step with its message and {@link BUG_NOTE};
 *   the stack (with causes) goes to `logger.debug`, or to `logger.error` when
 *   debug logging is on so it stands out in the annotations.
 *
 * Sets `process.exitCode = 1` on failure (as `core.setFailed` does), so a
 * custom `setFailed` still fails the process.
 */
export async function run(main: () => Promise<void>, deps: RunDeps = {}): Promise<void> {
  const setFailed = deps.setFailed ?? core.setFailed;
  const logger = deps.logger ?? actionsLogger;
  try {
    await main();
  } catch (error: unknown) {
    process.exitCode = 1;
    if (isUserError(error)) {
      setFailed(error.describe());
      if (error.cause !== undefined) logger.debug(`Caused by: ${describeStack(error.cause)}`);
      return;
    }
    const message = errorMessage(error) || (error instanceof Error ? error.name : 'unknown error');
    setFailed(`${message} ${BUG_NOTE}`);
    const stack = describeStack(error);
    if (logger.isDebug()) logger.error(stack);
    else logger.debug(stack);
  }
}

/** The stack of an error and of each error in its `cause` chain (depth-limited). */
export function describeStack(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined; depth += 1) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : errorMessage(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}
