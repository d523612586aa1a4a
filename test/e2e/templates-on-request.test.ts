// Previews on request (issue 17): the feature and cleanup templates run through the local
// workflow runner with PREVIEWS=on-request. A pull request deploys only while it carries the
// label: label added -> deploy, push to the labelled pull request -> redeploy, label removed or
// pull request closed -> cleanup of its branch (named explicitly: the branch is alive). Which jobs
// run is what is checked here (the first step of a job that runs stops it with a marker); the
// actions themselves run through their bundles in templates.test.ts. Without PREVIEWS, every
// branch deploys as before and labels run nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../workflow/expressions.ts';
import { loadWorkflow, runWorkflow, type StepRecord, type UsesHandler } from '../workflow/runner.ts';

const templates = path.resolve(import.meta.dirname, '..', '..', 'action-templates');
const feature = loadWorkflow(path.join(templates, 'feature-environment.yml'));
const cleanup = loadWorkflow(path.join(templates, 'cleanup-environment.yml'));
const repository = 'octo-org/app';
const BRANCH = 'feature/login';
const onRequest = { PREVIEWS: 'on-request' };

function pullRequest(action: string, labels: string[], extra: Record<string, unknown> = {}, headRepo = repository) {
  return {
    event_name: 'pull_request',
    head_ref: BRANCH,
    ref_name: '7/merge',
    repository,
    run_id: '4242',
    event: {
      action,
      number: 7,
      pull_request: { number: 7, head: { ref: BRANCH, repo: { full_name: headRepo } }, base: { ref: 'main' }, labels: labels.map((name) => ({ name })) },
      ...extra,
    },
  };
}
const push = { event_name: 'push', head_ref: '', ref_name: BRANCH, repository, run_id: '4243', event: { ref: `refs/heads/${BRANCH}` } };

/** Runs a template; a job whose first step runs fails with `ran`, so its result says whether it ran. */
async function jobsRun(workflow: typeof feature, github: Record<string, unknown>, vars: Record<string, string>) {
  const comments: string[] = [];
  const ran: UsesHandler = () => {
    throw new Error('ran');
  };
  const handlers: Record<string, UsesHandler> = {
    'actions/checkout': ran,
    'azure/login': ran,
  };
  // The offer is the suite's pr-comment bundle (status none): what it was asked to say is its `note`.
  const onStep = (step: StepRecord): void => {
    if (step.inputs?.['status'] === 'none') comments.push(step.inputs['note'] ?? '');
  };
  const jobs = await runWorkflow(workflow, { contexts: { github, vars, secrets: {}, inputs: {} }, handlers, onStep });
  const results = Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.result]));
  return { ran: Object.keys(results).filter((id) => results[id] !== 'skipped'), comments };
}

const group = (github: Record<string, unknown>, vars: Record<string, string>): string =>
  interpolate((feature as { concurrency?: { group?: string } }).concurrency?.group ?? '', { github, vars });
const branchInput = (github: Record<string, unknown>, vars: Record<string, string>): string => {
  const step = (cleanup.jobs['branch']?.steps ?? []).find((s) => s.id === 'cleanup');
  return interpolate(String(step?.with?.['branch'] ?? ''), { github, vars });
};

describe('feature template, previews on request', () => {
  it('label added: deploys', async () => {
    const { ran } = await jobsRun(feature, pullRequest('labeled', ['bug', 'preview'], { label: { name: 'preview' } }), onRequest);
    expect(ran).toEqual(['names']);
  });

  it('push to a labelled pull request: redeploys (synchronize); the branch push itself does not', async () => {
    expect((await jobsRun(feature, pullRequest('synchronize', ['preview']), onRequest)).ran).toEqual(['names']);
    expect((await jobsRun(feature, push, onRequest)).ran).toEqual([]);
  });

  it('another label added, or a push to an unlabelled pull request: nothing runs', async () => {
    expect((await jobsRun(feature, pullRequest('labeled', ['preview', 'bug'], { label: { name: 'bug' } }), onRequest)).ran).toEqual([]);
    expect((await jobsRun(feature, pullRequest('synchronize', ['bug']), onRequest)).ran).toEqual([]);
  });

  it('a new pull request without the label is told how to ask for one', async () => {
    const { ran, comments } = await jobsRun(feature, pullRequest('opened', []), onRequest);
    expect(ran).toEqual(['offer']);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('Add the label `preview`');
  });

  it('PREVIEW_LABEL names another label', async () => {
    const vars = { ...onRequest, PREVIEW_LABEL: 'deploy-me' };
    expect((await jobsRun(feature, pullRequest('labeled', ['deploy-me'], { label: { name: 'deploy-me' } }), vars)).ran).toEqual(['names']);
    expect((await jobsRun(feature, pullRequest('labeled', ['preview'], { label: { name: 'preview' } }), vars)).ran).toEqual([]);
    expect((await jobsRun(feature, pullRequest('opened', []), vars)).comments[0]).toContain('`deploy-me`');
  });

  it('a fork pull request carrying the label runs nothing and is offered nothing', async () => {
    expect((await jobsRun(feature, pullRequest('labeled', ['preview'], { label: { name: 'preview' } }, 'evil/app'), onRequest)).ran).toEqual([]);
    expect((await jobsRun(feature, pullRequest('opened', [], {}, 'evil/app'), onRequest)).ran).toEqual([]);
  });

  it('a run that deploys nothing never shares the branch group (it cannot cancel a deploy)', () => {
    const real = group(pullRequest('synchronize', ['preview']), onRequest);
    expect(real).toBe(`feature-environment-${repository}:${BRANCH}`);
    expect(group(pullRequest('labeled', ['preview'], { label: { name: 'preview' } }), onRequest)).toBe(real);
    for (const idle of [push, pullRequest('labeled', ['preview', 'bug'], { label: { name: 'bug' } }), pullRequest('synchronize', [])]) {
      expect(group(idle, onRequest)).not.toBe(real);
    }
    // Every branch mode: push and pull request share the group, a label gets its own.
    expect(group(push, {})).toBe(real);
    expect(group(pullRequest('synchronize', []), {})).toBe(real);
    expect(group(pullRequest('labeled', ['preview'], { label: { name: 'preview' } }), {})).not.toBe(real);
  });
});

describe('feature template, every branch (default)', () => {
  it('push and pull request deploy; labels run nothing; no offer', async () => {
    expect((await jobsRun(feature, push, {})).ran).toEqual(['names']);
    expect((await jobsRun(feature, pullRequest('opened', []), {})).ran).toEqual(['names']);
    expect((await jobsRun(feature, pullRequest('labeled', ['preview'], { label: { name: 'preview' } }), {})).ran).toEqual([]);
  });
});

describe('cleanup template, previews on request', () => {
  it('label removed: cleans up the live branch, named explicitly', async () => {
    const github = pullRequest('unlabeled', [], { label: { name: 'preview' } });
    expect((await jobsRun(cleanup, github, onRequest)).ran).toEqual(['branch']);
    expect(branchInput(github, onRequest)).toBe(BRANCH);
  });

  it('another label removed, or any label without PREVIEWS=on-request: nothing runs', async () => {
    expect((await jobsRun(cleanup, pullRequest('unlabeled', ['preview'], { label: { name: 'bug' } }), onRequest)).ran).toEqual([]);
    expect((await jobsRun(cleanup, pullRequest('unlabeled', [], { label: { name: 'preview' } }), {})).ran).toEqual([]);
  });

  it('pull request closed: cleans up in both modes; a fork closing runs nothing', async () => {
    expect((await jobsRun(cleanup, pullRequest('closed', ['preview']), onRequest)).ran).toEqual(['branch']);
    expect((await jobsRun(cleanup, pullRequest('closed', []), {})).ran).toEqual(['branch']);
    expect((await jobsRun(cleanup, pullRequest('closed', ['preview'], {}, 'evil/app'), onRequest)).ran).toEqual([]);
    expect((await jobsRun(cleanup, pullRequest('unlabeled', [], { label: { name: 'preview' } }, 'evil/app'), onRequest)).ran).toEqual([]);
  });
});
