// cleanup-branch `mode: sweep` through its bundle, on the emulators and a PostgreSQL server of
// its own (a sweep looks at every marked database on the server). Environments are seeded as
// provision-db and deploy-overlay mark theirs, some made and deployed days ago.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchNames, type BranchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { DAY_MS, connectionInputs, leftOf, present, seedBranch, seedDatabase, seedNamespace, startWorld, type World } from '../helpers/cleanup-branch-world.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

let w: World;
let dir: string;
beforeAll(async () => {
  w = await startWorld();
  dir = await mkdtemp(path.join(tmpdir(), 'cleanup-sweep-e2e-'));
  await writeFile(path.join(dir, 'ca.pem'), w.az.caPem);
});
afterAll(async () => {
  await w?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A full environment; made `daysAgo` days ago (marks, namespace, deployment); its branch deleted unless `live`. */
async function environment(branch: string, options: { live: boolean; daysAgo: number }): Promise<BranchNames> {
  w.githubClockOffset.ms = -options.daysAgo * DAY_MS;
  const createdAt = new Date(Date.now() - options.daysAgo * DAY_MS);
  try {
    const names = await seedBranch(w, branch, {
      namespace: true,
      database: true,
      role: true,
      credential: true,
      deployment: `feature-${branchNames(branch).slug}`,
      createdAt,
    });
    if (!options.live) w.gh.deleteBranch(names.branch);
    return names;
  } finally {
    w.githubClockOffset.ms = 0;
  }
}

function sweep(inputs: Record<string, string>): Promise<RunResult> {
  w.az.setBranch('main');
  return runAction('cleanup-branch', {
    eventName: 'schedule',
    env: {
      ...w.az.env(),
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      GITHUB_API_URL: w.gh.url,
      GITHUB_REPOSITORY: 'octo-org/preview-app',
      GITHUB_REF: 'refs/heads/main',
    },
    inputs: { ...connectionInputs(w), mode: 'sweep', 'grace-period': '24h', ...inputs },
  });
}

type Entry = { kind: string; name: string; reason?: string };
const parts = (n: BranchNames): string[] => [
  `namespace ${n.namespace}`,
  `database ${n.database}`,
  `role ${n.role}`,
  `federated-credential ${federatedCredentialName(n, 'octo-org/preview-app')}`,
];
const kinds = new Set(['namespace', 'database', 'role', 'federated-credential']);
const listed = (json: string | undefined): string[] =>
  (JSON.parse(json ?? '[]') as Entry[])
    .filter((e) => kinds.has(e.kind))
    .map((e) => `${e.kind} ${e.name}`)
    .sort();

describe('cleanup-branch sweep bundle', () => {
  it('lists (dry run by default), then removes exactly the stale marked environments', async () => {
    const id = w.id;
    const stale: BranchNames[] = [];
    for (const n of [1, 2, 3, 4]) stale.push(await environment(`e2e-stale-${n}-${id}`, { live: false, daysAgo: 3 }));
    stale.push(await environment(`Bugfix/Old_Thing-${id}`, { live: false, daysAgo: 10 }));
    const live = [await environment(`e2e-live-${id}`, { live: true, daysAgo: 5 }), await environment(`e2e-new-${id}`, { live: true, daysAgo: 0 })];
    const recent = await environment(`e2e-recent-${id}`, { live: false, daysAgo: 0 });
    seedNamespace(w, `feature-e2e-hand-${id}`, { team: 'by-hand' }, new Date(Date.now() - 9 * DAY_MS));
    await seedDatabase(w, `e2e_hand_${id}`);
    const expected = stale.flatMap(parts).sort();

    const dry = await sweep({});
    expect(dry.exitCode, dry.stdout).toBe(0);
    expect(listed(dry.outputs['would-remove'])).toEqual(expected);
    expect(JSON.parse(dry.outputs['removed'] ?? 'null')).toEqual([]);
    for (const n of [...stale, ...live, recent]) expect(await leftOf(w, n)).toEqual({ namespace: true, database: true, role: true, credential: true });
    expect(dry.summary).toMatch(/^<h3>✅ cleanup-branch: Dry run, sweep of \d+ environment\(s\): \d+ would be removed/);

    const real = await sweep({ 'dry-run': 'false', concurrency: '3' });
    expect(real.exitCode, real.stdout).toBe(0);
    expect(listed(real.outputs['removed'])).toEqual(expected);
    for (const n of stale) expect(await leftOf(w, n)).toEqual({ namespace: false, database: false, role: false, credential: false });
    for (const n of [...live, recent]) expect(await leftOf(w, n)).toEqual({ namespace: true, database: true, role: true, credential: true });
    expect(present(w).namespace(`feature-e2e-hand-${id}`)).toBe(true);
    expect(await present(w).database(`e2e_hand_${id}`)).toBe(true);
    const refs = new Set(w.gh.deployments().map((d) => d.ref));
    expect(stale.filter((n) => refs.has(n.branch))).toEqual([]);
    expect([...live, recent].every((n) => refs.has(n.branch))).toBe(true);
    const decisions = JSON.parse(real.outputs['environments'] ?? '[]') as { slug: string; decision: string; reason: string }[];
    expect(
      decisions
        .filter((d) => d.decision === 'removed')
        .map((d) => d.slug)
        .sort(),
    ).toEqual(stale.map((n) => n.slug).sort());
    expect(decisions.find((d) => d.slug === recent.slug)?.reason).toMatch(/within grace-period 24h/);
    expect(real.summary).toMatch(/at most [1-3] torn down at once/);

    const again = await sweep({ 'dry-run': 'false' });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(listed(again.outputs['removed'])).toEqual([]);
  });
});
