// promote-production.yml's `verify` job through the workflow runner and the bundle: a push to
// main that merges a promotion (the overlay changed between HEAD^ and HEAD of the checkout) is
// waited for and its version proven from the overlay's main-<sha> tag; one whose image the registry
// does not have is rolled
// back by pull request.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflow, runWorkflow, type UsesHandler } from '../workflow/runner.ts';
import { KUSTOMIZATION, overlay, startPromotionWorld, type PromotionWorld } from '../helpers/promotion-world.ts';
import { root } from '../helpers/run-action.ts';

let world: PromotionWorld;
let dir: string;
const noop: UsesHandler = () => ({});

beforeAll(async () => {
  world = await startPromotionWorld();
  dir = await mkdtemp(path.join(tmpdir(), 'verify-template-'));
});

afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

/** A checkout of main whose last commit moved the overlay from `before` to `after`. */
function checkout(name: string, before: string, after: string): string {
  const work = path.join(dir, name);
  mkdirSync(path.join(work, path.dirname(KUSTOMIZATION)), { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  for (const tag of [before, after]) {
    writeFileSync(path.join(work, KUSTOMIZATION), overlay(tag));
    git('add', '.');
    git('commit', '-q', '-m', tag);
  }
  return work;
}

async function runVerifyJob(sha: string, cwd: string): Promise<ReturnType<typeof runWorkflow>> {
  const workflow = loadWorkflow(path.join(root, 'action-templates', 'promote-production.yml'));
  const job = workflow.jobs['verify'];
  if (!job) throw new Error('promote-production.yml has no verify job');
  workflow.jobs = { verify: job };
  return runWorkflow(workflow, {
    contexts: {
      github: { event_name: 'push', ref: 'refs/heads/main', sha, repository: 'acme/todo', event: { before: '0'.repeat(40), after: sha } },
      vars: { PRODUCTION_URL: world.appUrl },
      secrets: {},
      inputs: {},
    },
    env: {
      KUBECONFIG: world.kubeconfigPath,
      GITHUB_API_URL: world.gh.url,
      GITHUB_REPOSITORY: 'acme/todo',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_TOKEN: world.gh.token,
    },
    event: { ref: 'refs/heads/main', after: sha, repository: { name: 'todo', owner: { login: 'acme' }, default_branch: 'main' } },
    handlers: { 'actions/checkout': noop, 'azure/login': noop, 'azure/aks-set-context': noop },
    overrides: { verify: { 'degraded-grace': '1s', timeout: '2s', interval: '100ms', 'sync-timeout': '20s', token: world.gh.token } },
    cwd,
  });
}

describe('promote-production.yml verify job', () => {
  it('verifies a merged promotion, proving the version from the overlay tag', async () => {
    const good = `main-${'a'.repeat(40)}`;
    const { sha } = await world.promote(good);
    world.answer('a'.repeat(40));
    const jobs = await runVerifyJob(sha, checkout('good', 'v1', good));
    const steps = jobs['verify']?.runs[0]?.job.steps ?? [];
    expect(steps.find((s) => s.id === 'overlay')?.outputs).toMatchObject({ changed: 'true', version: 'a'.repeat(40) });
    expect(steps.find((s) => s.id === 'verify')?.outputs['passed']).toBe('true');
    expect(jobs['verify']?.result).toBe('success');
  }, 90_000);

  it('rolls back a promotion whose image cannot be pulled by one pull request', async () => {
    const bad = `main-${'b'.repeat(40)}`;
    world.kube.images.refuse(`acme.azurecr.io/todo-api:${bad}`, 'NotFound');
    const { sha } = await world.promote(bad);
    const jobs = await runVerifyJob(sha, checkout('bad', `main-${'a'.repeat(40)}`, bad));
    const verify = jobs['verify']?.runs[0]?.job.steps.find((s) => s.id === 'verify');
    expect(jobs['verify']?.result).toBe('failure');
    expect(verify?.outputs['outcome']).toBe('degraded');
    expect(world.openRollbacks()).toHaveLength(1);
    expect(world.gh.readFile(KUSTOMIZATION, world.openRollbacks()[0]?.head ?? '')).toBe(overlay(`main-${'a'.repeat(40)}`));
  }, 90_000);
});
