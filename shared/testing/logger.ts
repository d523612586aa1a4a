// Loggers for tests: one that records every line, one that drops everything.

import { inGroup, type Logger } from '../core/logger.ts';

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
    return this.entries.map(({ level, message }) => (level === 'info' ? message : `##[${level}]${message}`)).join('\n');
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
