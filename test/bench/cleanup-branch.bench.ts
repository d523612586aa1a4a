// cleanup-branch: a sweep of 200 stale environments through the bundle, on the emulators with a
// real PostgreSQL behind ARM. Each environment has a labelled namespace (with a ConfigMap and a
// Secret), a marked database and role, a GitHub deployment and environment; the first 20 also a
// federated credential (Azure allows 20 per identity). Databases are dropped through ARM (100 ms
// operations, 100 ms polls), and with DROP DATABASE for comparison. Reports the step's wall time (process start included), the peak
// number of environments torn down at once, and the requests each service served.
// Target: <= 10 s for the 200. A Flexible Server runs one database operation at a time, so ARM
// drops go one after another whatever `concurrency` says (the default setting, concurrency 4 with
// ARM drops, runs first); `drop-method: sql` is not a management operation and is not queued.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DAY_MS, connectionInputs, seedBranch, startWorld } from '../helpers/cleanup-branch-world.ts';
import { runAction } from '../helpers/run-action.ts';

const ENVIRONMENTS = 200;
const TARGET_MS = 10_000;

export default async function bench(_ctx: { root: string }): Promise<void> {
  const w = await startWorld({ azureOperationMs: 100 });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-cleanup-'));
  try {
    await writeFile(path.join(dir, 'ca.pem'), w.az.caPem);
    for (const [concurrency, dropMethod] of [
      [4, 'arm'],
      [16, 'sql'],
      [16, 'arm'],
    ] as const) {
      const seedStart = performance.now();
      w.githubClockOffset.ms = -3 * DAY_MS;
      for (let i = 0; i < ENVIRONMENTS; i += 1) {
        const branch = `bench-${concurrency}-${dropMethod}-${i}-${w.id}`;
        await seedBranch(w, branch, {
          namespace: true,
          database: true,
          role: true,
          table: false,
          credential: i < 20,
          deployment: `feature-${branch}`,
          createdAt: new Date(Date.now() - 3 * DAY_MS),
        });
        w.gh.deleteBranch(branch);
      }
      w.githubClockOffset.ms = 0;
      const seedMs = performance.now() - seedStart;
      for (const e of [w.kube, w.az, w.gh]) e.requests.reset();
      w.az.setBranch('main');
      const started = performance.now();
      const r = await runAction('cleanup-branch', {
        eventName: 'schedule',
        env: { ...w.az.env(), NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), GITHUB_API_URL: w.gh.url, GITHUB_REPOSITORY: 'octo-org/preview-app' },
        inputs: {
          ...connectionInputs(w),
          mode: 'sweep',
          'dry-run': 'false',
          concurrency: String(concurrency),
          'drop-method': dropMethod,
          'poll-interval': '100ms',
          timeout: '2m',
        },
        timeoutMs: 600_000,
      });
      const wall = performance.now() - started;
      if (r.exitCode !== 0) throw new Error(`sweep failed:\n${r.stdout.slice(-4000)}`);
      const removed = JSON.parse(r.outputs['removed'] ?? '[]') as { kind: string }[];
      const count = (kind: string): number => removed.filter((e) => e.kind === kind).length;
      const peak = /at most (\d+) torn down at once/.exec(r.summary)?.[1] ?? '?';
      console.log(
        `cleanup-branch sweep of ${ENVIRONMENTS} stale environments, concurrency ${concurrency}, drop-method ${dropMethod} (seeding took ${(seedMs / 1000).toFixed(1)} s):`,
      );
      console.log(`  wall time ${(wall / 1000).toFixed(2)} s (process start included), peak concurrency ${peak}`);
      console.log(
        `  removed: ${count('namespace')} namespaces, ${count('database')} databases, ${count('role')} roles, ${count('federated-credential')} federated credentials, ${count('deployment')} deployments, ${count('environment')} environments`,
      );
      console.log(
        `  requests: Kubernetes ${w.kube.requests.total}, Azure ${w.az.requests.total} (${w.az.operationPolls} operation polls in all), GitHub ${w.gh.requests.total}`,
      );
      console.log(
        `  target <= ${TARGET_MS / 1000} s: ${wall <= TARGET_MS ? 'met' : 'MISSED'} (load average now ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} cores)`,
      );
    }
  } finally {
    await w.close();
    await rm(dir, { recursive: true, force: true });
  }
}
