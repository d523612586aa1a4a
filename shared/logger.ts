// Logging through an interface, so logic can be handed the runner's logger in
// production and a RecordingLogger in tests.

import * as core from './runner.ts';

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
async function inGroup<T>(
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

/** The level of a {@link RecordingLogger} entry; `group`/`endgroup` mark where groups open and close. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'group' | 'endgroup';

/** One line a {@link RecordingLogger} received. */
export interface LogEntry {
  level: LogLevel;
  message: string;
}

/** Options for {@link RecordingLogger}. */
export interface RecordingLoggerOptions {
  /** What `isDebug()` answers (default `false`); debug messages are recorded either way. */
  debug?: boolean;
}

/** Keeps every message in memory, for tests and the local CLI. Groups flatten like the runner's. */
export class RecordingLogger implements Logger {
  /** Every message, in order, including group open/close markers. */
  readonly entries: LogEntry[] = [];
  private readonly depth = { value: 0 };
  private readonly debugEnabled: boolean;

  constructor(options: RecordingLoggerOptions = {}) {
    this.debugEnabled = options.debug ?? false;
  }

  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }

  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }

  warning(message: string): void {
    this.entries.push({ level: 'warning', message });
  }

  error(message: string): void {
    this.entries.push({ level: 'error', message });
  }

  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return inGroup(
      this.depth,
      name,
      fn,
      (outer) => this.entries.push({ level: 'group', message: outer }),
      () => this.entries.push({ level: 'endgroup', message: '' }),
      (inner) => this.entries.push({ level: 'info', message: `▸ ${inner}` }),
    );
  }

  isDebug(): boolean {
    return this.debugEnabled;
  }

  /** The messages logged at `level`. */
  messages(level: LogLevel): string[] {
    return this.entries.filter((entry) => entry.level === level).map((entry) => entry.message);
  }

  /**
   * The log as the runner would render it, one entry per line: info as is,
   * others prefixed `##[debug]`, `##[warning]`, `##[error]`, `##[group]`, `##[endgroup]`.
   */
  text(): string {
    return this.entries
      .map(({ level, message }) => (level === 'info' ? message : `##[${level}]${message}`))
      .join('\n');
  }
}

/** Discards everything; groups still run their function. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_name, fn) => fn(),
  isDebug: () => false,
};
