// The workflow templates, run end to end: feature-environment.yml (build-tag -> mocked image
// build -> provision-db -> deploy-overlay -> verify-endpoints -> sticky PR comment),
// promote-production.yml (bump-prod-tag's promotion pull request) and cleanup-environment.yml
// (cleanup-branch on the delete event), each action through its bundle against the emulators
// and the real PostgreSQL. Third-party steps are local stand-ins (test/demo/handlers.ts): the
// Docker build is mocked at its true boundary (no Docker engine here).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLifecycle, type Phase } from '../demo/lifecycle.ts';
import { startWorld, type World } from '../demo/world.ts';
import { interpolate } from '../workflow/expressions.ts';
import { loadWorkflow, runWorkflow } from '../workflow/runner.ts';

describe('workflow templates, end to end', () => {
  let world: World;
  let phases: Phase[] = [];
  beforeAll(async () => {
    world = await startWorld();
    expect(world.postgres, 'the PostgreSQL server binaries are needed (Debian package postgresql)').toBe(true);
    phases = await runLifecycle(world);
  }, 300_000);
  afterAll(async () => {
    await world?.close();
  });

  it.each(['feature environment', 'promotion', 'cleanup'])('%s: every check holds', (name) => {
    const phase = phases.find((p) => p.name === name);
    expect(phase, `phase ${name} ran`).toBeDefined();
    const failed = phase!.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    expect(failed).toEqual([]);
    expect(phase!.checks.length).toBeGreaterThan(1);
  });

  it('ran the suite actions of each template through their bundles', () => {
    const ran = phases.flatMap((p) => Object.values(p.jobs).flatMap((j) => j.runs.flatMap((r) => r.job.steps.filter((s) => s.result).map((s) => s.label))));
    for (const action of ['build-tag', 'provision-db', 'deploy-overlay', 'verify-endpoints', 'bump-prod-tag', 'cleanup-branch']) {
      expect(
        ran.some((label) => label.includes(`/actions/${action}@`)),
        action,
      ).toBe(true);
    }
  });
});

// A pull request from a fork (issue 12, item 6): the feature template runs none of its jobs (no
// handler is given, so any step that ran would fail the test), and its concurrency group is never
// the group of an internal branch, whatever the fork and its head branch are called.
describe('workflow templates and forks', () => {
  const templates = path.resolve(import.meta.dirname, '..', '..', 'action-templates');
  const feature = loadWorkflow(path.join(templates, 'feature-environment.yml'));
  const repository = 'octo-org/app';
  const pullRequest = (head: string, headRepo: string) => ({
    event_name: 'pull_request',
    head_ref: head,
    ref_name: '7/merge',
    repository,
    event: { number: 7, pull_request: { number: 7, head: { ref: head, repo: { full_name: headRepo } }, base: { ref: 'main' } } },
  });
  const push = (branch: string) => ({ event_name: 'push', head_ref: '', ref_name: branch, repository, event: { ref: `refs/heads/${branch}` } });

  it('skips every job of a fork pull request whose head branch is named like an internal branch', async () => {
    const jobs = await runWorkflow(feature, {
      contexts: { github: pullRequest('feature/login', 'evil/app'), vars: {}, secrets: {}, inputs: {} },
      handlers: {},
    });
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.result]))).toEqual(
      Object.fromEntries(Object.keys(feature.jobs).map((id) => [id, 'skipped'])),
    );
  });

  it('gives a fork pull request a concurrency group no internal branch has', () => {
    const group = (github: Record<string, unknown>): string =>
      interpolate((feature as { concurrency?: { group?: string } }).concurrency?.group ?? '', { github, vars: {} });
    const internal = ['feature/login', 'main', 'fork-x', 'app-fork:x', 'evil/app:feature/login'].map((b) => group(push(b)));
    internal.push(group(pullRequest('feature/login', repository)));
    for (const [head, headRepo] of [
      ['feature/login', 'evil/app'],
      ['x', 'octo-org/app-fork'],
      ['main', 'octo-org/app2'],
    ] as const) {
      expect(internal).not.toContain(group(pullRequest(head, headRepo)));
    }
    // An internal pull request and a push of its branch share one group (one run at a time).
    expect(group(pullRequest('feature/login', repository))).toBe(group(push('feature/login')));
  });
});
