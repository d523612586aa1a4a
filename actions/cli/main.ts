#!/usr/bin/env node
// branch-env: run any action of the suite locally or in another CI, as the GitHub runner would.
//
//   branch-env <action> --<input> value ... [--event-name NAME] [--event FILE] [--json]
//
// Flags map to inputs (`--namespace-prefix x` -> INPUT_NAMESPACE-PREFIX); a repeated flag joins
// its values with newlines (list inputs). The action runs as `node dist/<action>/index.js` with
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH in a temp dir; its workflow commands
// are shown as plain text, values it masks stay masked, and its outputs and summary are printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { inputEnvName } from '../../shared/core/inputs.ts';
import { readOutputFile, renderCommandLine, summaryToText } from './text.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Bundled: dist/cli/index.js; from source: actions/cli/main.ts.
const repoRoot = existsSync(path.join(here, '..', '..', 'actions')) ? path.join(here, '..', '..') : path.join(here, '..');

interface ActionMeta {
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown } | null>;
}

function actions(): string[] {
  return readdirSync(path.join(repoRoot, 'actions'))
    .filter((n) => existsSync(path.join(repoRoot, 'actions', n, 'action.yml')))
    .sort();
}

function meta(action: string): ActionMeta {
  return yaml.load(readFileSync(path.join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as ActionMeta;
}

function usage(): string {
  const lines = ['usage: branch-env <action> --<input> value ... [--event-name NAME] [--event FILE] [--json]', '', 'actions:'];
  for (const a of actions()) lines.push(`  ${a}  (inputs: ${Object.keys(meta(a).inputs ?? {}).join(', ')})`);
  return lines.join('\n');
}

function fail(message: string): never {
  process.stderr.write(`branch-env: ${message}\n`);
  process.exit(2);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) process.stderr.write(`branch-env: warning: the actions run on Node 24 (runs.using: node24); this is Node ${process.versions.node}.\n`);

const argv = process.argv.slice(2);
const action = argv.shift();
if (!action || action === '--help' || action === '-h') {
  console.log(usage());
  process.exit(action ? 0 : 2);
}
if (!actions().includes(action)) fail(`unknown action ${JSON.stringify(action)}\n\n${usage()}`);
const known = new Set(Object.keys(meta(action).inputs ?? {}));
const inputs = new Map<string, string[]>();
let eventName = process.env['GITHUB_EVENT_NAME'] ?? 'workflow_dispatch';
let eventFile: string | undefined;
let json = false;
for (let i = 0; i < argv.length; i += 1) {
  const flag = argv[i] ?? '';
  if (flag === '--json') {
    json = true;
    continue;
  }
  if (!flag.startsWith('--')) fail(`expected --<input> before ${JSON.stringify(flag)}`);
  const eq = flag.indexOf('=');
  const name = flag.slice(2, eq > 0 ? eq : undefined);
  const value = eq > 0 ? flag.slice(eq + 1) : argv[++i];
  if (value === undefined) fail(`--${name} needs a value`);
  if (name === 'event-name') eventName = value;
  else if (name === 'event') eventFile = value;
  else if (!known.has(name)) fail(`${action} has no input ${JSON.stringify(name)}; it takes: ${[...known].join(', ')}`);
  else inputs.set(name, [...(inputs.get(name) ?? []), value]);
}

const dir = mkdtempSync(path.join(tmpdir(), `branch-env-${action}-`));
const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), event: path.join(dir, 'event.json') };
writeFileSync(files.output, '');
writeFileSync(files.summary, '');
writeFileSync(files.event, eventFile ? readFileSync(eventFile) : '{}');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  GITHUB_EVENT_PATH: files.event,
  GITHUB_EVENT_NAME: eventName,
  RUNNER_TEMP: process.env['RUNNER_TEMP'] ?? dir,
};
for (const [name, values] of inputs) env[inputEnvName(name)] = values.join('\n');

const secrets: string[] = [];
const mask = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);
const child = spawn(process.execPath, [path.join(repoRoot, 'dist', action, 'index.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let pending = '';
child.stdout.on('data', (chunk: Buffer) => {
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const shown = renderCommandLine(line.replace(/\r$/, ''), secrets);
    if (shown !== undefined) process.stdout.write(`${mask(shown)}\n`);
  }
});
const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
if (pending) process.stdout.write(`${mask(renderCommandLine(pending, secrets) ?? '')}\n`);
const outputs = readOutputFile(readFileSync(files.output, 'utf8'));
const summary = summaryToText(readFileSync(files.summary, 'utf8'));
rmSync(dir, { recursive: true, force: true });
if (json) {
  process.stdout.write(`${mask(JSON.stringify({ exitCode: code, outputs }, null, 2))}\n`);
} else {
  // The summary's order: the verdict and each failure first, then the tables, then the outputs
  // (less `verdict`, which is the summary's first lines again).
  if (summary) process.stdout.write(`\nSummary:\n${mask(summary)}\n`);
  const shown = Object.entries(outputs).filter(([k]) => k !== 'verdict');
  if (shown.length > 0) {
    process.stdout.write('\nOutputs:\n');
    for (const [k, v] of shown) process.stdout.write(`  ${k}: ${mask(v).replace(/\n/g, '\n    ')}\n`);
  }
  process.stdout.write(`\n${action} ${code === 0 ? 'succeeded' : `failed (exit ${code})`}\n`);
}
process.exitCode = code;
