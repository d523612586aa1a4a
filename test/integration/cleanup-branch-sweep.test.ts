// cleanup-branch, mode sweep, in process against the emulators and a PostgreSQL server of its
// own (a sweep looks at every marked database on the server, so it must not see other test
// files' ones). The action's clock runs three days ahead, so what is made now looks old unless
// it was deployed "recently" on that clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import { branchNames, type BranchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import {
  DAY_MS,
  WORLD_REPOSITORY,
  cleanupInProcess,
  connectionInputs,
  leftOf,
  present,
  seedBranch,
  seedCredential,
  seedDatabase,
  seedNamespace,
  startWorld,
  type World,
} from '../helpers/cleanup-branch-world.ts';

const ahead: Clock = { now: () => Date.now() + 3 * DAY_MS, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w?.close();
});

type Entry = { kind: string; name: string; slug: string; reason?: string };
type Decision = { slug: string; decision: string; reason: string };

/** A full environment for `branch`, deployed to `feature-<slug>`; its branch deleted unless `live`. */
async function environment(branch: string, live: boolean): Promise<BranchNames> {
  const names = await seedBranch(w, branch, {
    namespace: true,
    database: true,
    role: true,
    credential: true,
    deployment: `feature-${branchNames(branch).slug}`,
  });
  if (!live) w.gh.deleteBranch(names.branch);
  return names;
}

describe('cleanup-branch (sweep)', () => {
  it('removes exactly the stale marked environments (dry run first), and keeps live, recent, protected and unmarked ones', async () => {
    const id = w.id;
    const stale = [await environment(`sw-gone-1-${id}`, false), await environment(`sw-gone-2-${id}`, false), await environment(`Feature/Gone-${id}`, false)];
    const live = [await environment(`sw-live-${id}`, true), await environment(`Feature/Live-${id}`, true)];
    w.githubClockOffset.ms = 3 * DAY_MS - 3_600_000;
    const recent = await environment(`sw-recent-${id}`, false);
    w.githubClockOffset.ms = 0;
    const orphan = branchNames(`sw-orphan-${id}`);
    seedCredential(w, federatedCredentialName(orphan, WORLD_REPOSITORY), serviceAccountSubject(orphan.namespace, 'workload'));
    seedNamespace(w, 'project', { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': `sw-prod-${id}` });
    seedNamespace(w, `feature-sw-hand-${id}`, { team: 'by-hand' });
    await seedDatabase(w, `sw_hand_${id}`);
    const inputs = connectionInputs(w, { mode: 'sweep', 'grace-period': '24h', concurrency: '3' });

    const dry = await cleanupInProcess(w, inputs, { clock: ahead });
    expect(dry.error).toBeUndefined();
    for (const names of [...stale, ...live, recent]) expect(await leftOf(w, names)).toEqual({ namespace: true, database: true, role: true, credential: true });
    const wouldRemove = (dry.outputs?.['would-remove'] as Entry[]).filter((e) => e.kind !== 'deployment' && e.kind !== 'environment');
    const expected = [
      ...stale.flatMap((n) => [
        `namespace ${n.namespace}`,
        `database ${n.database}`,
        `role ${n.role}`,
        `federated-credential ${federatedCredentialName(n, WORLD_REPOSITORY)}`,
      ]),
    ];
    expect(wouldRemove.map((e) => `${e.kind} ${e.name}`).sort()).toEqual(expected.sort());
    expect(dry.outputs?.removed).toEqual([]);

    const real = await cleanupInProcess(w, { ...inputs, 'dry-run': 'false' }, { clock: ahead });
    expect(real.error).toBeUndefined();
    const removed = (real.outputs?.removed as Entry[]).filter((e) => e.kind !== 'deployment' && e.kind !== 'environment');
    expect(removed.map((e) => `${e.kind} ${e.name}`).sort()).toEqual(expected.sort());
    for (const names of stale) expect(await leftOf(w, names)).toEqual({ namespace: false, database: false, role: false, credential: false });
    for (const names of [...live, recent]) expect(await leftOf(w, names)).toEqual({ namespace: true, database: true, role: true, credential: true });
    // A credential with no database or role mark of its branch proves no owner: it is kept.
    expect(present(w).credential(federatedCredentialName(orphan, WORLD_REPOSITORY))).toBe(true);
    expect(present(w).namespace('project')).toBe(true);
    expect(present(w).namespace(`feature-sw-hand-${id}`)).toBe(true);
    expect(await present(w).database(`sw_hand_${id}`)).toBe(true);
    const refs = new Set(w.gh.deployments().map((d) => d.ref));
    for (const names of stale) expect(refs.has(names.branch)).toBe(false);
    for (const names of [...live, recent]) expect(refs.has(names.branch)).toBe(true);

    const decisions = Object.fromEntries((real.outputs?.environments as Decision[]).map((d) => [d.slug, d]));
    expect(decisions[live[1]!.slug]?.reason).toBe(`branch "Feature/Live-${id}" still exists`);
    expect(decisions[recent.slug]?.reason).toMatch(/within grace-period 24h/);
    expect(decisions[stale[2]!.slug]?.decision).toBe('removed');
    expect(decisions[`sw-prod-${id}`]?.decision).toBe('kept');
    expect((real.outputs?.skipped as Entry[]).find((e) => e.kind === 'namespace' && e.name === 'project')?.reason).toMatch(/^protected namespace/);
    expect(real.report.peakConcurrency).toBeGreaterThan(1);
    expect(real.report.peakConcurrency).toBeLessThanOrEqual(3);
    expect(real.summary).toContain('<th>Environment</th><th>Branch</th><th>Decision</th>');
  });

  it('one failure does not stop the others; with random faults a re-run converges', async () => {
    const id = w.id;
    const stale: BranchNames[] = [];
    for (const n of [1, 2, 3, 4, 5]) stale.push(await environment(`sw-f${n}-${id}`, false));
    const stuck = branchNames(`sw-stuck-${id}`);
    seedNamespace(w, stuck.namespace, { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': stuck.slug }, new Date(), {
      finalizers: ['example.com/hold'],
    });
    const keep = await environment(`sw-keep-${id}`, true);
    for (const emulator of [w.kube, w.az, w.gh]) emulator.faults.setRate(0.1);
    const inputs = connectionInputs(w, { mode: 'sweep', 'dry-run': 'false', timeout: '3s', concurrency: '4' });
    let first;
    try {
      first = await cleanupInProcess(w, inputs, { clock: ahead });
    } finally {
      for (const emulator of [w.kube, w.az, w.gh]) emulator.faults.clear();
    }
    expect(String(first.error)).toContain(`Namespace ${stuck.namespace}: Namespace ${stuck.namespace} is still Terminating`);
    expect(first.report.outcomes.filter((o) => o.action === 'removed').length).toBeGreaterThan(0);
    await fetch(`${w.kube.url}/api/v1/namespaces/${stuck.namespace}/finalize`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.kube.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: stuck.namespace }, spec: { finalizers: ['kubernetes'] } }),
    });
    const second = await cleanupInProcess(w, inputs, { clock: ahead });
    expect(second.error).toBeUndefined();
    for (const names of stale) expect(await leftOf(w, names)).toEqual({ namespace: false, database: false, role: false, credential: false });
    expect(present(w).namespace(stuck.namespace)).toBe(false);
    expect(await leftOf(w, keep)).toEqual({ namespace: true, database: true, role: true, credential: true });
  });

  it('refuses to sweep when GitHub lists no branches (everything would look stale)', async () => {
    const empty = w.gh.addRepository('octo-org', `empty-${w.id}`);
    for (const name of empty.branches()) empty.deleteBranch(name);
    const live = await environment(`sw-safe-${w.id}`, true);
    const run = await cleanupInProcess(w, connectionInputs(w, { mode: 'sweep', 'dry-run': 'false', repository: `octo-org/empty-${w.id}` }), { clock: ahead });
    expect(String(run.error)).toContain('lists no branches');
    expect(await leftOf(w, live)).toEqual({ namespace: true, database: true, role: true, credential: true });
  });
});
