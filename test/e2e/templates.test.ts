// The workflow templates, run end to end: feature-environment.yml (build-tag -> mocked image
// build -> provision-db -> deploy-overlay -> verify-endpoints -> sticky PR comment),
// promote-production.yml (bump-prod-tag's promotion pull request) and cleanup-environment.yml
// (cleanup-branch on the delete event), each action through its bundle against the emulators
// and the real PostgreSQL. Third-party steps are local stand-ins (test/demo/handlers.ts): the
// Docker build is mocked at its true boundary (no Docker engine here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLifecycle, type Phase } from '../demo/lifecycle.ts';
import { startWorld, type World } from '../demo/world.ts';

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
      expect(ran.some((label) => label.includes(`/actions/${action}@`)), action).toBe(true);
    }
  });
});
