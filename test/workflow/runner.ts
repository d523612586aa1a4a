// A local runner for the suite's workflow templates: runs a job's steps in order, evaluating
// expressions with GitHub's evaluator; the suite's own actions (`.../actions/<name>@...` or
// `./actions/<name>`) run as their bundles exactly as the runner runs them; other `uses:` steps
// go to handlers the caller supplies (the boundaries that cannot run here, such as a Docker
// engine, said so by each handler); `run:` steps run in bash with the step's env.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { readOutputFile } from '../../actions/cli/text.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { condition, interpolate, type Contexts } from './expressions.ts';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  if?: string | boolean;
  'continue-on-error'?: boolean;
}

export interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string> | string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: unknown };
  steps: Step[];
}

export interface Workflow {
  name?: string;
  on: unknown;
  env?: Record<string, string>;
  permissions?: Record<string, string> | string;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

export interface StepRecord {
  id: string;
  label: string;
  outcome: 'success' | 'failure' | 'skipped';
  /** Why a step was skipped, when it was skipped here rather than by its `if:`. */
  note?: string;
  outputs: Record<string, string>;
  result?: RunResult;
  /** The step's `with:` as evaluated (for `uses:` steps). */
  inputs?: Record<string, string>;
}

/** What a handler of a third-party `uses:` step gets and returns. */
export interface UsesContext {
  with: Record<string, string>;
  env: Record<string, string>;
  contexts: Contexts;
}
export type UsesHandler = (step: UsesContext) => Promise<Record<string, string>> | Record<string, string>;

export interface JobOptions {
  /** Contexts for expressions: github, vars, secrets, needs, matrix, inputs. */
  contexts: Contexts;
  /** Environment every step gets (the emulators' endpoints, say). */
  env?: Record<string, string>;
  /** Handlers for `uses:` steps that are not the suite's actions, by `owner/repo` (version stripped). */
  handlers?: Record<string, UsesHandler>;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** Working directory (the "checkout"). */
  cwd?: string;
  /** Called after each step, e.g. to print its summary. */
  onStep?: (record: StepRecord) => void;
  /**
   * Extra `with:` values by step id, applied over the template's: the endpoints of the local
   * emulators, as a sovereign cloud's would be given (arm-endpoint, host, sslmode...).
   */
  overrides?: Record<string, Record<string, string>>;
  /** Steps not to run here, with the reason (a `run:` step needing the Azure CLI, say). */
  skip?: (step: Step) => string | undefined;
}

export interface JobResult {
  steps: StepRecord[];
  outputs: Record<string, string>;
  failed: boolean;
}

export function loadWorkflow(file: string): Workflow {
  return yaml.load(readFileSync(file, 'utf8')) as Workflow;
}

const SUITE_ACTION = /(?:^\.\/actions\/|\/actions\/)([a-z0-9-]+)(?:@.+)?$/;

function stringRecord(record: Record<string, unknown> | undefined, contexts: Contexts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) out[key] = interpolate(String(value), contexts);
  return out;
}

function runShell(script: string, env: Record<string, string>, cwd: string | undefined): { outputs: Record<string, string>; ok: boolean; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wf-run-'));
  try {
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
      env: { ...process.env, ...env, GITHUB_OUTPUT: output },
      cwd,
      encoding: 'utf8',
    });
    return { outputs: readOutputFile(readFileSync(output, 'utf8')), ok: result.status === 0, log: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one job of a workflow. Stops at the first failing step, as the runner does. */
export async function runJob(workflow: Workflow, jobId: string, options: JobOptions): Promise<JobResult> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`workflow has no job ${JSON.stringify(jobId)}`);
  const steps: StepRecord[] = [];
  const stepContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  let failed = false;
  const base = { ...options.contexts, steps: stepContext };
  const jobEnv = { ...stringRecord(workflow.env, base), ...stringRecord(job.env, { ...base, env: {} }) };
  for (const [index, step] of job.steps.entries()) {
    const id = step.id ?? `step${index}`;
    const contexts: Contexts = { ...options.contexts, steps: stepContext, env: jobEnv };
    const label = step.name ?? step.uses ?? 'run';
    const skipped = options.skip?.(step);
    if (skipped !== undefined || !condition(step.if, contexts, failed)) {
      const record: StepRecord = { id, label, outcome: 'skipped', outputs: {}, ...(skipped === undefined ? {} : { note: skipped }) };
      steps.push(record);
      stepContext[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      options.onStep?.(record);
      continue;
    }
    const env = { ...(options.env ?? {}), ...jobEnv, ...stringRecord(step.env, contexts) };
    const inputs = { ...stringRecord(step.with, contexts), ...(options.overrides?.[id] ?? {}) };
    let record: StepRecord;
    const suite = step.uses ? SUITE_ACTION.exec(step.uses) : null;
    if (suite?.[1]) {
      const githubContext = (options.contexts['github'] ?? {}) as { event_name?: string };
      const result = await runAction(suite[1], { inputs, env, event: options.event ?? {}, eventName: githubContext.event_name ?? 'push', cwd: options.cwd });
      record = { id, label, outcome: result.exitCode === 0 ? 'success' : 'failure', outputs: result.outputs, result, inputs };
    } else if (step.uses) {
      const key = step.uses.replace(/@.*$/, '');
      const handler = options.handlers?.[key];
      if (!handler) throw new Error(`no local handler for \`uses: ${step.uses}\` (job ${jobId}, step ${label})`);
      try {
        record = { id, label, outcome: 'success', outputs: await handler({ with: inputs, env, contexts }) };
      } catch (error: unknown) {
        record = { id, label, outcome: 'failure', outputs: { error: error instanceof Error ? error.message : String(error) } };
      }
    } else {
      const shell = runShell(interpolate(step.run ?? '', contexts), env, options.cwd);
      record = { id, label, outcome: shell.ok ? 'success' : 'failure', outputs: shell.outputs };
      if (!shell.ok) record.outputs['log'] = shell.log;
    }
    steps.push(record);
    const conclusion = record.outcome === 'failure' && step['continue-on-error'] ? 'success' : record.outcome;
    stepContext[id] = { outputs: record.outputs, outcome: record.outcome, conclusion };
    if (conclusion === 'failure') failed = true;
    options.onStep?.(record);
  }
  const outputs = stringRecord(job.outputs, { ...options.contexts, steps: stepContext });
  return { steps, outputs, failed };
}

export interface WorkflowJobResult {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** One run per matrix entry (one for a job without a matrix). */
  runs: { matrix: Record<string, unknown>; job: JobResult }[];
}

/** The matrix entries of a job: `include` lists and key arrays (no `exclude`), after evaluating expressions. */
function matrixEntries(job: Job, contexts: Contexts): Record<string, unknown>[] {
  let matrix = job.strategy?.matrix;
  if (matrix === undefined) return [{}];
  // `${{ fromJSON(...) }}` evaluates to a dictionary, which interpolation renders as JSON.
  if (typeof matrix === 'string') matrix = JSON.parse(interpolate(matrix, contexts)) as unknown;
  const { include, ...axes } = (matrix ?? {}) as { include?: Record<string, unknown>[] } & Record<string, unknown[]>;
  let entries: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(axes)) entries = entries.flatMap((e) => values.map((v) => ({ ...e, [key]: v })));
  if (Object.keys(axes).length === 0) entries = [];
  return [...entries, ...(include ?? [])];
}

/**
 * Runs every job of a workflow in order, honouring `needs`, job-level `if:` (with `success()`
 * of the needed jobs implied) and `strategy.matrix`, as the runner would; returns each job's
 * result and outputs (the `needs` context).
 */
export async function runWorkflow(workflow: Workflow, options: JobOptions): Promise<Record<string, WorkflowJobResult>> {
  const results: Record<string, WorkflowJobResult> = {};
  const pending = Object.keys(workflow.jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => {
      const needs = workflow.jobs[id]?.needs ?? [];
      return (Array.isArray(needs) ? needs : [needs]).every((n) => results[n]);
    });
    if (index < 0) throw new Error(`jobs ${pending.join(', ')} wait on each other`);
    const [jobId] = pending.splice(index, 1) as [string];
    const job = workflow.jobs[jobId]!;
    const needIds = Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : [];
    const needs = Object.fromEntries(needIds.map((n) => [n, { result: results[n]!.result, outputs: results[n]!.outputs }]));
    const contexts = { ...options.contexts, needs };
    const neededFailed = needIds.some((n) => results[n]!.result !== 'success');
    if (!condition(job.if, contexts, neededFailed)) {
      results[jobId] = { result: 'skipped', outputs: {}, runs: [] };
      continue;
    }
    const runs: WorkflowJobResult['runs'] = [];
    for (const matrix of matrixEntries(job, contexts)) {
      runs.push({ matrix, job: await runJob(workflow, jobId, { ...options, contexts: { ...contexts, matrix } }) });
    }
    const failed = runs.some((r) => r.job.failed);
    results[jobId] = { result: failed ? 'failure' : 'success', outputs: runs.at(-1)?.job.outputs ?? {}, runs };
  }
  return results;
}
