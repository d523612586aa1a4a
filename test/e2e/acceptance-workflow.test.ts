// The acceptance workflow's kind job (.github/workflows/acceptance.yml), run as far as this
// machine allows: its steps in order through the local runner (test/workflow/runner.ts), the
// suite's actions through their bundles, with a separately started emulator set (`npm run
// emulators`, its own process: the runner's `run:` steps block this one) standing in for the kind
// cluster and the test PostgreSQL server for the service container. What needs a Docker engine
// (the kind cluster itself, the stand-in images, port-forwarding to a running pod) is skipped,
// each with its reason; so is the acceptance test run, which `npm run test:acceptance` covers.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { loadWorkflow, runJob, type JobResult } from '../workflow/runner.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const SKIPPED: Record<string, string> = {
  'Install dependencies': 'the dependencies are installed (npm ci would replace the shared node_modules)',
  'Gateway API CRDs (the sample app has an HTTPRoute)': 'the emulator serves Gateway API kinds',
  "A stand-in for the sample app's images": 'needs a Docker engine (the emulator pulls any image)',
  "The stand-in images under this branch's tag": 'needs a Docker engine',
  'Acceptance tests against kind and PostgreSQL': 'npm run test:acceptance, run on its own',
  'Reach the web service': 'port-forwarding needs a running pod (the emulator runs no containers)',
  './actions/verify-endpoints': 'nothing serves the app here (see the step above)',
};

let emulators: ChildProcess | undefined;
let temp: string;
let job: JobResult;
const timings: string[] = [];
let last = Date.now();

beforeAll(async () => {
  const pg = sharedPostgres()!;
  temp = mkdtempSync(path.join(tmpdir(), 'acceptance-wf-'));
  const state = path.join(temp, 'emulators');
  emulators = spawn(process.execPath, [path.join(root, 'test', 'emulators', 'cli.ts'), '--state-dir', state], { stdio: 'ignore' });
  for (let i = 0; i < 300 && !existsSync(path.join(state, 'ready')); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(path.join(state, 'ready'))) throw new Error('the emulators did not start within 30 s');
  const workflow = loadWorkflow(path.join(root, '.github', 'workflows', 'acceptance.yml'));
  const kind = workflow.jobs['kind']!;
  // The service container's address, as the runner would map it.
  kind.env = { ...kind.env, PGHOST: pg.host, PGPORT: String(pg.port), PGUSER: pg.user, PGPASSWORD: pg.password };
  job = await runJob(workflow, 'kind', {
    contexts: {
      github: {
        event_name: 'pull_request',
        run_id: '4242',
        run_attempt: '1',
        sha: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855',
        repository: 'octo-org/preview-app',
      },
      runner: { temp },
      vars: {},
      secrets: {},
      inputs: {},
    },
    cwd: root,
    onStep: (record) => {
      timings.push(`${record.label} ${record.outcome} ${Date.now() - last} ms`);
      last = Date.now();
    },
    handlers: {
      'actions/checkout': () => ({}),
      'actions/setup-node': () => ({}),
      // The kind cluster: the emulator, its kubeconfig where the step was told to write it.
      'helm/kind-action': ({ with: inputs }) => {
        copyFileSync(path.join(state, 'kubeconfig'), inputs['kubeconfig'] ?? '');
        return {};
      },
    },
    // Unnamed `run:` steps are never run here: every step that runs is one this test names or expects.
    skip: (step) => SKIPPED[step.name ?? step.uses ?? ''] ?? (step.run !== undefined && step.name === undefined ? 'an unnamed run: step' : undefined),
  });
}, 300_000);

afterAll(async () => {
  console.log(`acceptance workflow steps: ${timings.join('; ')}`);
  if (emulators && emulators.exitCode === null) {
    const exited = new Promise((resolve) => emulators?.once('exit', resolve));
    emulators.kill('SIGTERM');
    await exited;
  }
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('acceptance workflow, kind job, on the emulator and the test PostgreSQL', () => {
  it('runs build-tag, provision-db, deploy-overlay and cleanup-branch through their bundles, and nothing of the branch is left', () => {
    const failed = job.steps
      .filter((s) => s.outcome === 'failure')
      .map(
        (s) =>
          `${s.label}: ${
            s.result?.stdout
              .split('\n')
              .filter((l) => l.startsWith('::error::'))
              .join(' ') ??
            s.outputs['log'] ??
            s.outputs['error'] ??
            ''
          }`,
      );
    expect(failed).toEqual([]);
    const ran = job.steps.filter((s) => s.outcome === 'success').map((s) => s.label);
    for (const action of ['build-tag', 'provision-db', 'deploy-overlay', 'cleanup-branch']) expect(ran).toContain(`./actions/${action}`);
    expect(ran).toContain('Nothing of the branch is left');
    const names = job.steps.find((s) => s.id === 'names');
    expect(names?.outputs['namespace']).toMatch(/^feature-acceptance-4242-1/);
  });

  it('says why each step it could not run here was skipped', () => {
    const skipped = job.steps.filter((s) => s.outcome === 'skipped').map((s) => [s.label, s.note]);
    expect(skipped.sort()).toEqual(Object.entries(SKIPPED).sort());
  });
});
