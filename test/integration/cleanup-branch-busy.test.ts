// cleanup-branch against an Azure that runs one database operation at a time and refuses
// overlapping ones (ServerBusy), with a PostgreSQL server of its own (a sweep looks at every
// marked database): a sweep at the default concurrency meets ServerBusy from another writer
// and still converges; credentials are removed only when their name proves the exact branch of
// this repository (a legacy name, or another repository's hash for the same slug, is left).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import { federatedCredentialName, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import { flexibleServerClient } from '../emulators/azure/clients.ts';
import {
  DAY_MS,
  WORLD_REPOSITORY,
  cleanupInProcess,
  connectionInputs,
  leftOf,
  present,
  seedBranch,
  seedCredential,
  startWorld,
  type World,
} from '../helpers/cleanup-branch-world.ts';

const ahead: Clock = { now: () => Date.now() + 3 * DAY_MS, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
let w: World;
beforeAll(async () => {
  w = await startWorld({ azureOperationMs: 60 });
});
afterAll(async () => {
  await w?.close();
});

type Entry = { kind: string; name: string; slug: string; reason?: string };

describe('cleanup-branch on a busy server', () => {
  it('a sweep at the default concurrency meets ServerBusy (another operation on the server) and still removes every stale database', async () => {
    const stale = [];
    for (let i = 0; i < 6; i += 1) stale.push(await seedBranch(w, `busy-sweep-${i}-${w.id}`, { database: true, role: true, table: false }));
    // Another writer's slow operation holds the server when the sweep starts.
    w.az.setOperationMs(800);
    const other = `other_writer_${w.id}`;
    w.made.databases.add(other);
    const outside = flexibleServerClient(w.az).databases.beginCreateAndWait(
      w.az.resourceGroup,
      w.az.serverName,
      other,
      { charset: 'UTF8', collation: 'en_US.utf8' },
      { updateIntervalInMs: 50 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    w.az.setOperationMs(60);
    const refusedBefore = w.az.busyRefusals;
    const inputs = connectionInputs(w, { mode: 'sweep', 'dry-run': 'false', 'grace-period': '1h', kubeconfig: '', 'identity-name': '' });
    delete inputs['concurrency'];
    const started = Date.now();
    const run = await cleanupInProcess(w, inputs, { clock: ahead });
    await outside;
    expect(run.error).toBeUndefined();
    expect(w.az.busyRefusals - refusedBefore).toBeGreaterThanOrEqual(1);
    expect(run.logger.messages('info').join('\n')).toMatch(
      /Deleting database busy_sweep_\S+ through ARM: attempt \d+ failed \(.*(ServerBusy|busy processing another operation).*\); retrying/,
    );
    for (const names of stale) expect(await leftOf(w, names)).toMatchObject({ database: false, role: false });
    const removed = (run.outputs?.removed as Entry[])
      .filter((e) => e.kind === 'database')
      .map((e) => e.name)
      .sort();
    expect(removed).toEqual(stale.map((n) => n.database).sort());
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("removes a credential only when its name proves this branch of this repository; an older version's name and another repository's are left, with the reason", async () => {
    const names = await seedBranch(w, `cred-proof-${w.id}`, { database: true, role: true, credential: true, table: false });
    const legacy = `branch-env-${names.slug}`;
    const foreign = federatedCredentialName(names, 'someone-else/fork');
    seedCredential(w, legacy, serviceAccountSubject(names.namespace, 'legacy'));
    seedCredential(w, foreign, serviceAccountSubject(names.namespace, 'fork'));
    const inputs = connectionInputs(w, { mode: 'sweep', 'dry-run': 'false', 'grace-period': '1h', kubeconfig: '' });
    const run = await cleanupInProcess(w, inputs, { clock: ahead });
    expect(run.error).toBeUndefined();
    expect(await leftOf(w, names)).toMatchObject({ database: false, role: false, credential: false });
    expect(present(w).credential(legacy)).toBe(true);
    expect(present(w).credential(foreign)).toBe(true);
    const skipped = run.outputs?.skipped as Entry[];
    expect(skipped.find((e) => e.name === legacy)?.reason).toContain('older version of the suite');
    expect(skipped.find((e) => e.name === foreign)?.reason).toContain(`the one branch "${names.branch}" of ${WORLD_REPOSITORY} makes`);
  });
});
