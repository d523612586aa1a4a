/**
 * A mistake the user can fix: bad input, a missing permission, a conflict with
 * something they own. `run()` reports it as a one-line failure with the fix;
 * every other exception is treated as a bug in the suite.
 */
export class UserError extends Error {
  /** What to do about it, shown after the message. */
  readonly fix: string | undefined;

  constructor(message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.fix = options.fix;
  }

  /** The message and the fix, as shown to the user. */
  describe(): string {
    return this.fix ? `${this.message} ${this.fix}` : this.message;
  }
}

/** True for a {@link UserError} (or a subclass such as a retry deadline). */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A printable message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/**
 * A value as it should appear in a message: JSON-quoted (so spaces, empty
 * strings and control characters are visible) and cut to about `max`
 * characters with an ellipsis, so a huge input cannot flood the log.
 */
export function quoteValue(value: string, max = 80): string {
  const chars = Array.from(value);
  if (chars.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, Math.max(1, max - 1)).join(''))}…`;
}
