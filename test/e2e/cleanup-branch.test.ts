// cleanup-branch through its bundle, as the runner runs it, after the provision-db and
// deploy-overlay bundles made real branch environments on the emulators (Kubernetes, Azure ARM
// and managed identity with GitHub OIDC, GitHub) and the shared PostgreSQL: the deleted branch's
// environment goes completely, nothing else is touched, faults and re-runs converge, and bad
// input fails before anything is contacted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchNames, type BranchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { IDENTITY, OIDC_ISSUER, connectionInputs, leftOf, present, seedNamespace, startWorld, type World } from '../helpers/cleanup-branch-world.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const SAMPLE = path.resolve(import.meta.dirname, '..', 'fixtures', 'sample-app');
const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
let w: World;
let dir: string;

beforeAll(async () => {
  w = await startWorld({ postgres: sharedPostgres()! });
  dir = await mkdtemp(path.join(tmpdir(), 'cleanup-e2e-'));
  await writeFile(path.join(dir, 'ca.pem'), w.az.caPem);
});
afterAll(async () => {
  await w?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function env(branch?: string): Record<string, string> {
  if (branch) w.az.setBranch(branch);
  return { ...w.az.env(), NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), GITHUB_API_URL: w.gh.url, GITHUB_REPOSITORY: 'octo-org/preview-app' };
}

/** provision-db then deploy-overlay for the branch, through their bundles, as the feature workflow runs them. */
async function deployEnvironment(branch: string): Promise<BranchNames> {
  const names = branchNames(branch);
  w.made.databases.add(names.database);
  w.made.roles.add(names.role);
  if (w.gh.branchSha(branch) === undefined) w.gh.createBranch(branch);
  const all = connectionInputs(w);
  const db = await runAction('provision-db', {
    event: { ref: `refs/heads/${branch}` },
    env: env(branch),
    inputs: {
      branch,
      server: all.server!,
      'resource-group': all['resource-group']!,
      'subscription-id': all['subscription-id']!,
      'tenant-id': all['tenant-id']!,
      'client-id': all['client-id']!,
      'arm-endpoint': all['arm-endpoint']!,
      'authority-host': all['authority-host']!,
      host: all.host!,
      port: all.port!,
      'admin-password': w.pg.password,
      sslmode: 'disable',
      'poll-interval': '50ms',
      'identity-name': IDENTITY,
      'service-account': 'workload',
      'oidc-issuer': OIDC_ISSUER,
    },
  });
  expect(db.exitCode, db.stdout).toBe(0);
  const deploy = await runAction('deploy-overlay', {
    event: { ref: `refs/heads/${branch}` },
    env: env(),
    inputs: {
      overlays: 'overlays/feature',
      'working-directory': SAMPLE,
      kubeconfig: w.kube.kubeconfig(),
      branch,
      sha: SHA,
      images: ['api', 'web', 'worker'].map((name) => `registry.example.com/sample/${name}:${names.slug}-${SHA}`).join('\n'),
      replacements: 'BRANCH_NAME={slug}\nBRANCH_NAME_DB={database}',
      placeholders: 'PLACEHOLDER',
      secrets: `PGUSER=${db.outputs['user'] ?? ''}\nPGPASSWORD=${db.outputs['password'] ?? ''}`,
      'github-token': w.gh.token,
      timeout: '60s',
    },
  });
  expect(deploy.exitCode, deploy.stdout).toBe(0);
  return names;
}

function cleanup(inputs: Record<string, string>, branch?: string): Promise<RunResult> {
  return runAction('cleanup-branch', {
    eventName: branch ? 'delete' : 'workflow_dispatch',
    event: branch ? { ref: branch, ref_type: 'branch', repository: { name: 'preview-app', owner: { login: 'octo-org' } } } : {},
    env: env(),
    inputs,
  });
}

function errorLines(r: RunResult): string[] {
  return r.stdout.split('\n').filter((line) => line.startsWith('::error::'));
}

const visible = (r: RunResult): string =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
const all = { namespace: true, database: true, role: true, credential: true };
const none = { namespace: false, database: false, role: false, credential: false };

describe('cleanup-branch bundle', () => {
  let a: BranchNames;
  let b: BranchNames;

  it("after provision-db and deploy-overlay, removes the deleted branch's environment completely and touches nothing else", async () => {
    a = await deployEnvironment(`e2e-a-${w.id}`);
    b = await deployEnvironment(`e2e-b-${w.id}`);
    expect(await leftOf(w, a)).toEqual(all);
    expect(w.kube.store.get('secrets', a.namespace, 'database-credentials')).toBeDefined();
    expect(w.gh.deployments().filter((d) => d.ref === a.branch)).toHaveLength(1);
    seedNamespace(w, 'project', { app: 'todo' });
    seedNamespace(w, `feature-x-${w.id}`, { team: 'made-by-hand' });
    w.gh.deleteBranch(a.branch);

    const run = await cleanup(connectionInputs(w), a.branch);
    expect(run.stderr).toBe('');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(await leftOf(w, a)).toEqual(none);
    expect(w.kube.store.inNamespace(a.namespace)).toEqual([]);
    expect(w.gh.deployments().filter((d) => d.ref === a.branch)).toEqual([]);
    expect(w.gh.environments()).not.toContain(a.namespace);
    expect(await leftOf(w, b)).toEqual(all);
    expect(w.kube.store.inNamespace(b.namespace).length).toBeGreaterThan(5);
    expect(w.gh.deployments().filter((d) => d.ref === b.branch)).toHaveLength(1);
    expect(present(w).namespace('project')).toBe(true);
    expect(present(w).namespace(`feature-x-${w.id}`)).toBe(true);

    const removed = JSON.parse(run.outputs['removed'] ?? '[]') as { kind: string; name: string }[];
    expect(removed.map((r) => `${r.kind} ${r.name}`)).toEqual(
      expect.arrayContaining([
        `namespace ${a.namespace}`,
        `database ${a.database}`,
        `role ${a.role}`,
        `federated-credential ${federatedCredentialName(a, 'octo-org/preview-app')}`,
        `environment ${a.namespace}`,
      ]),
    );
    expect(JSON.parse(run.outputs['skipped'] ?? 'null')).toEqual([]);
    expect(run.summary).toMatch(new RegExp(`^<h3>✅ cleanup-branch: Cleanup of ${a.branch}: \\d+ removed[^<]* in [0-9.]+m?s</h3>`));
    expect(run.summary).toContain(`Database ${a.database}`);
    expect(run.summary).toMatch(new RegExp(`<td>Database ${a.database}</td><td>${a.slug}</td><td>removed</td><td></td><td>[0-9.]+m?s</td>`));
    for (const secret of [w.pg.password, w.kube.token]) {
      expect(visible(run)).not.toContain(secret);
      expect(run.summary).not.toContain(secret);
      expect(run.outputFile).not.toContain(secret);
    }
  });

  it('a re-run reports everything already gone and succeeds', async () => {
    const run = await cleanup(connectionInputs(w), a.branch);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs['removed'] ?? 'null')).toEqual([]);
    const gone = (JSON.parse(run.outputs['already-gone'] ?? '[]') as { kind: string }[]).map((g) => g.kind).sort();
    expect(gone).toEqual(['database', 'environment', 'federated-credential', 'namespace', 'role']);
    expect(await leftOf(w, b)).toEqual(all);
  });

  it('held to the same with injected faults on every service, then a re-run', async () => {
    const c = await deployEnvironment(`e2e-c-${w.id}`);
    w.gh.deleteBranch(c.branch);
    for (const e of [w.kube, w.az, w.gh]) e.faults.setRate(0.15);
    let first: RunResult;
    try {
      first = await cleanup(connectionInputs(w), c.branch);
    } finally {
      for (const e of [w.kube, w.az, w.gh]) e.faults.clear();
    }
    expect(w.kube.faults.injected + w.az.faults.injected + w.gh.faults.injected).toBeGreaterThan(0);
    const second = await cleanup(connectionInputs(w), c.branch);
    expect(second.exitCode, `${first.stdout}\n---\n${second.stdout}`).toBe(0);
    expect(await leftOf(w, c)).toEqual(none);
    expect(w.gh.deployments().filter((d) => d.ref === c.branch)).toEqual([]);
    expect(await leftOf(w, b)).toEqual(all);
    expect(present(w).namespace('project')).toBe(true);
  });

  it('a dry run through the bundle lists and changes nothing', async () => {
    const run = await cleanup({ ...connectionInputs(w), 'dry-run': 'true' }, b.branch);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(await leftOf(w, b)).toEqual(all);
    const would = (JSON.parse(run.outputs['would-remove'] ?? '[]') as { kind: string }[]).map((x) => x.kind).sort();
    expect(would).toEqual(['database', 'deployment', 'environment', 'federated-credential', 'namespace', 'role']);
    expect(run.stdout).toContain(`Would remove Namespace ${b.namespace} (dry run).`);
  });

  it.each([
    [{ mode: 'sweeep' }, 'Input `mode` must be one of "branch", "sweep", got "sweeep".'],
    [{ 'dry-run': 'yes' }, 'Input `dry-run` must be true or false, got "yes".'],
    [{ 'drop-method': 'arm', server: '' }, 'Input `drop-method` is "arm", but `server` is empty'],
    [{ mode: 'sweep', token: '' }, 'Input `token` is required.'],
    [{ 'namespace-prefix': 'kube-' }, 'Input `namespace-prefix` is "kube-"'],
    [{ environment: 'preview/{sha}' }, 'Input `environment` is "preview/{sha}": unknown token {sha}.'],
    [{ 'grace-period': '-1h' }, 'Input `grace-period` must be a duration'],
  ])('bad input %j fails with one line naming the input, and touches nothing', async (bad, message) => {
    const run = await cleanup({ ...connectionInputs(w), branch: b.branch, ...bad });
    expect(run.exitCode).toBe(1);
    const lines = errorLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(Object.keys(run.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
    expect(await leftOf(w, b)).toEqual(all);
  });

  it('fails clearly without a branch, and on a wrong admin password, before removing anything', async () => {
    const noBranch = await cleanup(connectionInputs(w));
    expect(noBranch.exitCode).toBe(1);
    expect(errorLines(noBranch)[0]).toContain('does not mean a branch is gone');
    const wrong = await cleanup({ ...connectionInputs(w), 'admin-password': 'not-the-password' }, b.branch);
    expect(wrong.exitCode).toBe(1);
    expect(errorLines(wrong)[0]).toContain('refused the password of the admin login');
    expect(await leftOf(w, b)).toEqual(all);
  });
});
