// Runs a bundle exactly as the GitHub runner does: `node dist/<name>/index.js` in a child process,
// inputs as INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOutputFile } from '../../actions/cli/text.ts';
import { inputEnvName } from '../../shared/core/inputs.ts';

export const root = path.resolve(import.meta.dirname, '..', '..');

export interface RunOptions {
  inputs?: Record<string, string>;
  eventName?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The raw GITHUB_OUTPUT file, to search for leaks. */
  outputFile: string;
  summary: string;
}

/** Runs `dist/<action>/index.js` with the runner's env contract and returns what it left. */
export async function runAction(action: string, options: RunOptions = {}): Promise<RunResult> {
  const dir = await mkdtemp(path.join(tmpdir(), `run-${action}-`));
  try {
    const outputPath = path.join(dir, 'output');
    const summaryPath = path.join(dir, 'summary');
    const eventPath = path.join(dir, 'event.json');
    await writeFile(outputPath, '');
    await writeFile(summaryPath, '');
    await writeFile(eventPath, JSON.stringify(options.event ?? {}));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_TEMP: dir,
      RUNNER_OS: 'Linux',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_WORKSPACE: options.cwd ?? dir,
    };
    for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputEnvName(name)] = value;
    for (const [name, value] of Object.entries(options.env ?? {})) env[name] = value;
    const child = spawn(process.execPath, [path.join(root, 'dist', action, 'index.js')], { cwd: options.cwd ?? dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const outputFile = await readFile(outputPath, 'utf8');
    return { exitCode, stdout, stderr, outputs: readOutputFile(outputFile), outputFile, summary: await readFile(summaryPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
