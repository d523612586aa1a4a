// Logging through an interface, so logic can be handed the runner's logger in
// production and a RecordingLogger in tests.

import * as core from './workflow-commands.ts';

/** Where actions and shared logic write their log. */
export interface Logger {
  /** Shown only when the run has debug logging enabled (`RUNNER_DEBUG=1`). */
  debug(message: string): void;
  info(message: string): void;
  /** A warning annotation. */
  warning(message: string): void;
  /** An error annotation; does not fail the step by itself. */
  error(message: string): void;
  /**
   * Runs `fn` inside a collapsible log group named `name`. The group always
   * closes, also when `fn` throws. The runner cannot show nested groups, so a
   * group opened inside another is flattened: its name is logged as a plain
   * line and its messages stay in the outer group.
   */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Whether debug messages are shown, so callers can skip building verbose dumps. */
  isDebug(): boolean;
}

/**
 * Runs `fn` as a group unless one is already open (`depth.value > 0`): the
 * shared flattening rule of every logger here.
 */
/** Runs `fn` inside a group; nested groups are flattened into lines, as the runner shows them. */
export async function inGroup<T>(
  depth: { value: number },
  name: string,
  fn: () => Promise<T>,
  open: (name: string) => void,
  close: () => void,
  nested: (name: string) => void,
): Promise<T> {
  if (depth.value > 0) {
    nested(name);
    depth.value += 1;
    try {
      return await fn();
    } finally {
      depth.value -= 1;
    }
  }
  depth.value += 1;
  open(name);
  try {
    return await fn();
  } finally {
    depth.value -= 1;
    close();
  }
}

/** The runner's log, through `@actions/core`. */
export class ActionsLogger implements Logger {
  private readonly depth = { value: 0 };

  debug(message: string): void {
    core.debug(message);
  }

  info(message: string): void {
    core.info(message);
  }

  warning(message: string): void {
    core.warning(message);
  }

  error(message: string): void {
    core.error(message);
  }

  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return inGroup(this.depth, name, fn, core.startGroup, core.endGroup, (inner) => core.info(`▸ ${inner}`));
  }

  isDebug(): boolean {
    return core.isDebug();
  }
}

/** The logger every action uses at run time. */
export const actionsLogger: Logger = new ActionsLogger();
