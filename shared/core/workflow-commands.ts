// The GitHub runner's workflow-command protocol: the small part of @actions/core that every
// entry point needs (outputs, masks, log lines, groups, failure, summary file), written to the
// same bytes. Why not import @actions/core here: its entry statically loads @actions/http-client
// and undici for OIDC, which costs ~55 ms of cold start in every action, most of which never
// asks for an OIDC token. Actions that do (provision-db) import @actions/core lazily for
// `getIDToken`. test/unit/runner.test.ts runs both side by side and compares what the runner sees.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

function commandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Writes `::command key=value::message` to stdout. */
export function issueCommand(command: string, properties: Record<string, string | undefined>, message: string): void {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

function appendFileCommand(variable: string, text: string): void {
  const file = process.env[variable];
  if (!file) throw new Error(`Unable to find environment variable for file command ${variable.replace(/^GITHUB_/, '')}`);
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${text}${EOL}`, { encoding: 'utf8' });
}

/** Sets a step output (the GITHUB_OUTPUT heredoc form, as @actions/core writes it). */
export function setOutput(name: string, value: unknown): void {
  const text = commandValue(value);
  if (!process.env['GITHUB_OUTPUT']) {
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, text);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || text.includes(delimiter)) throw new Error('Unexpected input: output contains the delimiter');
  appendFileCommand('GITHUB_OUTPUT', `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}`);
}

/** Registers a secret with the runner so it is masked in logs. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

export function isDebug(): boolean {
  return process.env['RUNNER_DEBUG'] === '1';
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

export function warning(message: string): void {
  issueCommand('warning', {}, message);
}

export function error(message: string): void {
  issueCommand('error', {}, message);
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name);
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '');
}

/** Marks the step failed: an error annotation and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Appends HTML/Markdown to the job summary file (GITHUB_STEP_SUMMARY) as is, like `core.summary.write()`. */
export function appendSummary(text: string): void {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  if (!existsSync(file)) throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  appendFileSync(file, text, { encoding: 'utf8' });
}
