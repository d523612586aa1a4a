// verify-promotion through its bundle against the Kubernetes emulator with its Argo CD stand-in
// and the GitHub emulator: a merged promotion waited for and verified; a Degraded workload (an
// image that crashes), a failing sync and an old version still answering each end in a clear
// report and one rollback pull request whose diff touches only the image line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../emulators/github/index.ts';
import type { ArgoCd } from '../emulators/kubernetes/argocd.ts';
import type { RunResult } from '../helpers/run-action.ts';
import { visibleLines } from '../helpers/render-summary.ts';
import { KUSTOMIZATION, startPromotionWorld, type PromotionWorld } from '../helpers/promotion-world.ts';

let world: PromotionWorld;
let gh: GitHubEmulator;
let argocd: ArgoCd;

beforeAll(async () => {
  world = await startPromotionWorld();
  ({ gh, argocd } = world);
});

afterAll(() => world.close());

const promote = (tag: string): Promise<{ number: number; sha: string }> => world.promote(tag);
const verify = (sha: string, inputs: Record<string, string> = {}): Promise<RunResult> => world.verify(sha, inputs);
const openRollbacks = (): ReturnType<GitHubEmulator['pulls']> => world.openRollbacks();

/** The rollback pull request's diff against its base: only the tag line changes. */
function expectOnlyTagLine(from: string, to: string): void {
  const [pull] = openRollbacks();
  const before = gh.readFile(KUSTOMIZATION, 'main') ?? '';
  const after = gh.readFile(KUSTOMIZATION, pull?.head ?? '') ?? '';
  const a = before.split('\n');
  const b = after.split('\n');
  const changed = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
  expect(changed).toEqual([[`    newTag: ${from}   # moved by bump-prod-tag`, `    newTag: ${to}   # moved by bump-prod-tag`]]);
  expect(gh.labelsOf(pull?.number ?? 0)).toContain('rollback');
}

/** The summary leads with `verdict` (and, on failure, a line matching `failure`); the `verdict` output says the same. */
function expectVerdict(run: RunResult, verdict: string, failure?: RegExp): void {
  const lines = visibleLines(run.summary);
  expect(lines[0]).toMatch(new RegExp(`^${verdict.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d`));
  if (failure === undefined) {
    expect(run.outputs['verdict']).toBe(lines[0]);
    return;
  }
  expect(lines[1]).toMatch(failure);
  expect(run.outputs['verdict']).toBe(`${lines[0] ?? ''}\n- ${(lines[1] ?? '').slice(2)}`);
}

describe('verify-promotion', () => {
  it('waits for a merged promotion and proves the new version answers', async () => {
    const { sha } = await promote('v2');
    world.answer('v2');
    const run = await verify(sha, { 'expect-version': 'v2' });
    expect(run.stdout + run.stderr).toContain('Healthy');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['passed']).toBe('true');
    expect(run.outputs['outcome']).toBe('healthy');
    expect(openRollbacks()).toHaveLength(0);
    expectVerdict(run, `✅ verify-promotion: production at ${sha.slice(0, 7)}: synced and healthy`);
  }, 90_000);

  it('a Degraded workload (an image that crashes) ends in a report and one rollback pull request, updated on re-run', async () => {
    const promotion = await promote('crashloop-v3');
    const run = await verify(promotion.sha, { 'expect-version': 'crashloop-v3' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('degraded');
    expectVerdict(
      run,
      `❌ verify-promotion: production at ${promotion.sha.slice(0, 7)}: not verified`,
      /^❌ Application production: production is Degraded.* Fix: Review and merge the rollback pull request/,
    );
    expect(run.stdout).toMatch(/Deployment\s+production\s+todo-api\s+Synced\s+Degraded\s+.*ProgressDeadlineExceeded/);
    expect(openRollbacks()).toHaveLength(1);
    expectOnlyTagLine('crashloop-v3', 'v2');
    expect(
      gh
        .comments(promotion.number)
        .map((c) => c.body)
        .join('\n'),
    ).toContain(`Rollback: #${run.outputs['rollback-pull-request-number'] ?? ''}`);
    const again = await verify(promotion.sha, { 'expect-version': 'crashloop-v3' });
    expect(again.exitCode).toBe(1);
    expect(again.outputs['rollback-pull-request-number']).toBe(run.outputs['rollback-pull-request-number']);
    expect(openRollbacks()).toHaveLength(1);
    expect(gh.comments(promotion.number)).toHaveLength(1);
    // The rollback merged: production converges on v2 again.
    const rolledBack = gh.mergePull(Number(run.outputs['rollback-pull-request-number']));
    const back = await verify(rolledBack, { 'expect-version': 'v2', rollback: 'false' });
    expect(back.exitCode).toBe(0);
  }, 120_000);

  it('a failing sync ends in a report naming the refused resource and one rollback pull request', async () => {
    argocd.script('production', { kind: 'sync-error', message: 'admission webhook "validate.kyverno.svc" denied the request: image tag not allowed' });
    const promotion = await promote('v4');
    const run = await verify(promotion.sha, { 'expect-version': 'v4' });
    argocd.script('production', undefined);
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('sync-failed');
    expect(run.stdout).toContain('one or more objects failed to apply, reason: admission webhook');
    expect(run.stdout).toMatch(/SyncFailed/);
    expect(openRollbacks()).toHaveLength(1);
    expectOnlyTagLine('v4', 'v2');
    gh.mergePull(Number(run.outputs['rollback-pull-request-number']));
  }, 90_000);

  it('an old version still answering ends in a report and one rollback pull request', async () => {
    const promotion = await promote('v5');
    world.answer('v2');
    const run = await verify(promotion.sha, { 'expect-version': 'v5' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('healthy');
    expect(run.stdout).toContain('an old version still answers in production');
    expect(visibleLines(run.summary)[1]).toMatch(/^❌ Production's endpoints: an old version still answers in production/);
    expect(openRollbacks()).toHaveLength(1);
    expectOnlyTagLine('v5', 'v2');
  }, 90_000);

  it('a rollback that cannot be opened (read-only token) still gives what Argo CD and the endpoints found, in outputs and summary', async () => {
    const promotion = await promote('v7');
    world.answer('v2');
    gh.addToken('ghs_read_only_verify', { contents: 'read', pull_requests: 'read' });
    const rollbacks = openRollbacks().map((p) => p.number);
    const run = await verify(promotion.sha, { 'expect-version': 'v7', token: 'ghs_read_only_verify' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', outcome: 'healthy' });
    expect(run.outputs['reason']).toContain('an old version still answers in production');
    expect(run.outputs['rollback-pull-request-number']).toBeUndefined();
    const lines = visibleLines(run.summary);
    expect(lines[0]).toMatch(new RegExp(`^❌ verify-promotion: production at ${promotion.sha.slice(0, 7)}: not verified in \\d`));
    expect(lines[1]).toMatch(/^❌ Production's endpoints: an old version still answers in production/);
    expect(lines[1]).not.toContain('successfully synced'); // Argo CD's words belong to an Argo CD failure
    expect(lines[2]).toMatch(
      /^❌ Rollback pull request: could not be opened: GitHub refused opening the rollback pull request: .* Fix: Grant the workflow job `permissions:` /,
    );
    expect(openRollbacks().map((p) => p.number)).toEqual(rollbacks);
  }, 90_000);
});
