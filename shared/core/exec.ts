// Running programs with an argument array, never through a shell, so branch
// names and other untrusted text are passed as data and never parsed.
//
// Built on node:child_process `spawn` rather than @actions/exec: spawn reports
// a missing program as a plain ENOENT (which @actions/exec turns into a
// generic "Unable to locate executable" before running), supports a timeout
// and a string on stdin directly, and does not echo the command line into the
// log, which could carry a secret argument.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { formatDuration } from './duration.ts';
import { UserError } from './errors.ts';

/** Options for {@link exec}. */
export interface ExecOptions {
  /** Working directory (default the current one); must exist. */
  cwd?: string;
  /** Variables added to (or, when `undefined`, removed from) the current environment. */
  env?: Record<string, string | undefined>;
  /** Text written to the program's stdin (stdin is closed either way). */
  input?: string;
  /** Resolve with the exit code instead of rejecting when it is not 0. */
  allowFailure?: boolean;
  /** Kill the program (SIGKILL) after this long and reject. */
  timeoutMs?: number;
  /** How to install the program, shown when it is missing (default: a generic hint). */
  installHint?: string;
}

/** What a finished program produced. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** The exit code; 128 + the signal number when killed by a signal. */
  exitCode: number;
}

/** A program that failed: non-zero exit (without `allowFailure`), a signal, or a timeout. */
export class ExecError extends Error {
  /** The command line, with every argument JSON-quoted. */
  readonly commandLine: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the program was killed because it ran past `timeoutMs`. */
  readonly timedOut: boolean;

  constructor(message: string, details: { commandLine: string; timedOut: boolean } & ExecResult) {
    super(message);
    this.name = 'ExecError';
    this.commandLine = details.commandLine;
    this.exitCode = details.exitCode;
    this.stdout = details.stdout;
    this.stderr = details.stderr;
    this.timedOut = details.timedOut;
  }
}

/** The command line for messages: every part JSON-quoted, so spaces and quotes are unambiguous. */
export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => JSON.stringify(part)).join(' ');
}

/** The last `maxLines` lines (and at most `maxChars` characters) of program output. */
export function tail(text: string, maxLines = 20, maxChars = 2000): string {
  const lines = text.trimEnd().split(/\r?\n/);
  const kept = lines.slice(-maxLines).join('\n');
  return kept.length > maxChars ? `…${kept.slice(-maxChars)}` : kept;
}

/**
 * Runs `command` with `args` (no shell) and collects its output as UTF-8.
 *
 * @throws UserError when the program is not installed or not executable, or `cwd` does not exist.
 * @throws ExecError on a non-zero exit (unless `allowFailure`), a signal, or a timeout;
 *   its message carries the command line, the exit code and the tail of stderr.
 */
export function exec(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const commandLine = formatCommandLine(command, args);
  if (options.cwd !== undefined && !existsSync(options.cwd)) {
    return Promise.reject(new UserError(`Cannot run ${commandLine}: the working directory ${JSON.stringify(options.cwd)} does not exist.`));
  }
  const env = options.env === undefined ? process.env : mergeEnv(process.env, options.env);
  return new Promise<ExecResult>((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env,
      shell: false,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (options.input !== undefined && child.stdin !== null) {
      // A program that exits without reading stdin closes the pipe: not our failure.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input, 'utf8');
    }

    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);

    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(spawnFailure(command, commandLine, error, options.installHint));
    });

    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result: ExecResult = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode: code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)),
      };
      const details = { ...result, commandLine, timedOut };
      const errTail = tail(result.stderr);
      const after = errTail === '' ? '' : `:\n${errTail}`;
      if (timedOut) {
        reject(new ExecError(`${commandLine} did not finish within ${formatDuration(options.timeoutMs ?? 0)} and was killed${after}`, details));
      } else if (signal !== null) {
        reject(new ExecError(`${commandLine} was killed by ${signal}${after}`, details));
      } else if (result.exitCode !== 0 && options.allowFailure !== true) {
        reject(new ExecError(`${commandLine} failed with exit code ${result.exitCode}${after}`, details));
      } else {
        resolve(result);
      }
    });
  });
}

function mergeEnv(base: NodeJS.ProcessEnv, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) Reflect.deleteProperty(merged, name);
    else merged[name] = value;
  }
  return merged;
}

function spawnFailure(command: string, commandLine: string, error: NodeJS.ErrnoException, hint?: string): Error {
  if (error.code === 'ENOENT') {
    return new UserError(`The program ${JSON.stringify(command)} was not found on PATH.`, {
      fix: hint ?? `Install ${command} on the runner (or add a setup step for it) and make sure it is on PATH.`,
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new UserError(`The program ${JSON.stringify(command)} is not executable.`, {
      fix: `Check the file's permissions (chmod +x) or install ${command} properly.`,
      cause: error,
    });
  }
  return new Error(`Could not start ${commandLine}: ${error.message}`, { cause: error });
}
