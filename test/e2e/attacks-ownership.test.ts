// Issue 12's ownership attacks, played through the bundles (deploy-overlay, cleanup-branch,
// build-tag) against the Kubernetes emulator as someone with push access (or a fork) would.
// Each ends with the victim intact: its namespace, its objects, its labels.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleLines } from '../helpers/render-summary.ts';
import { startGitHubEmulator } from '../emulators/github/index.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { craftedCollision } from '../helpers/collisions.ts';
import { markedMetadata, markedNamespace } from '../helpers/marked.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { branchNames } from '../../shared/branch/naming.ts';

const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const REPO = 'octo-org/octo-repo'; // what run-action sets as GITHUB_REPOSITORY
let kube: KubeEmulator;
let dir: string;
let n = 0;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 20, namespaceDeleteDelayMs: 20 });
  dir = mkdtempSync(path.join(tmpdir(), 'attacks-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
});
afterAll(async () => {
  await kube?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh overlay directory holding these manifests (kustomization lists them all). */
function overlay(files: Record<string, string>): string {
  n += 1;
  const overlayDir = path.join(dir, `overlay-${n}`);
  mkdirSync(overlayDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(overlayDir, name), text);
  writeFileSync(
    path.join(overlayDir, 'kustomization.yaml'),
    `resources:\n${Object.keys(files)
      .map((f) => `  - ${f}`)
      .join('\n')}\n`,
  );
  return overlayDir;
}

const configMap = (name: string, namespace?: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  a: "1"\n`;

function deploy(branch: string, overlayDir: string, inputs: Record<string, string> = {}, event?: { name: string; payload: unknown }): Promise<RunResult> {
  return runAction('deploy-overlay', {
    inputs: { overlays: overlayDir, branch, sha: SHA, wait: 'false', timeout: '20s', ...inputs },
    env: { KUBECONFIG: path.join(dir, 'kubeconfig') },
    ...(event ? { eventName: event.name, event: event.payload } : {}),
  });
}

function cleanup(inputs: Record<string, string>, event?: { name: string; payload: unknown }): Promise<RunResult> {
  return runAction('cleanup-branch', {
    inputs: { timeout: '20s', ...inputs },
    env: { KUBECONFIG: path.join(dir, 'kubeconfig') },
    ...(event ? { eventName: event.name, event: event.payload } : {}),
  });
}

/** A namespace (and a ConfigMap in it) as the suite makes them for `branch`. */
function seedEnvironment(branch: string): string {
  const namespace = markedNamespace(branch, REPO);
  kube.store.seed({ ...namespace, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  kube.store.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: markedMetadata(branch, REPO, 'app', namespace.metadata.name), data: { live: 'yes' } });
  return namespace.metadata.name;
}

function seedPlain(namespace: string, labels: Record<string, string> = {}): void {
  if (!kube.store.get('namespaces', undefined, namespace))
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
}

const exists = (namespace: string): boolean =>
  kube.store.get('namespaces', undefined, namespace) !== undefined && !kube.store.get('namespaces', undefined, namespace)?.metadata.deletionTimestamp;

describe('protected targets, by kind', () => {
  it('a rendered Namespace named like production is refused even with allow-cluster-scoped: Namespace', async () => {
    seedPlain('project', { app: 'todo' });
    const run = await deploy('attacker-1', overlay({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: project\n', 'cm.yaml': configMap('x') }), {
      'allow-cluster-scoped': 'Namespace',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('the Namespace project is protected');
    expect(kube.store.get('namespaces', undefined, 'project')?.metadata.labels).toEqual({ app: 'todo' });
    expect(exists(branchNames('attacker-1').namespace)).toBe(false);
  });

  it("a forged outside-object record never makes cleanup delete the production Namespace (scope is the kind's, not the record's)", async () => {
    seedPlain('project', { app: 'todo' });
    const mine = seedEnvironment('attacker-2');
    // The overlay cannot write the record (branch-env.io/ keys are refused)...
    const forged = await deploy(
      'attacker-2',
      overlay({
        'ns.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${mine}\n  annotations:\n    branch-env.io/external.app: '["v1 Namespace monitoring/project"]'\n`,
      }),
    );
    expect(forged.exitCode).toBe(1);
    expect(forged.stdout).toContain('sets branch-env.io/external.app');
    // ...and when someone writes it by hand, cleanup resolves the kind's real scope and refuses.
    const ns = kube.store.get('namespaces', undefined, mine)!;
    kube.store.update('namespaces', {
      ...ns,
      metadata: {
        ...ns.metadata,
        annotations: { ...ns.metadata.annotations, 'branch-env.io/external.app': '["v1 Namespace monitoring/project","v1 Namespace kube-system"]' },
      },
    });
    const run = await cleanup({ branch: 'attacker-2' });
    expect(run.exitCode).toBe(0);
    // The summary leads with what was removed and what was refused, and why, visible unfolded.
    const lines = visibleLines(run.summary);
    expect(lines[0]).toMatch(/^⚠️ cleanup-branch: Cleanup of attacker-2: \d+ removed, \d+ skipped \(refused\)[^\n]* in [0-9.]+m?s$/);
    expect(lines.some((l) => l.startsWith('Refused ') && l.includes('the Namespace project is protected'))).toBe(true);
    expect(run.stdout).toMatch(/v1 Namespace monitoring\/project[^\n]*the Namespace project is protected/);
    expect(exists('project')).toBe(true);
    expect(exists('kube-system')).toBe(true);
    expect(exists(mine)).toBe(false);
  });

  it('allow-namespaces: kube-system (or a production namespace) is refused before anything is contacted', async () => {
    for (const ns of ['kube-system', 'default', 'project']) {
      const run = await deploy('attacker-3', overlay({ 'cm.yaml': configMap('x', ns) }), { 'allow-namespaces': ns });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(`\`allow-namespaces\` holds "${ns}", a protected namespace`);
    }
    expect(kube.store.get('configmaps', 'kube-system', 'x')).toBeUndefined();
  });
});

describe('never adopt', () => {
  it('refuses existing objects outside the branch namespace that are not its own, naming them; adopt-existing takes them', async () => {
    seedPlain('monitoring');
    kube.store.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dashboards', namespace: 'monitoring', labels: { team: 'platform' } },
      data: { keep: 'me' },
    });
    kube.store.seed({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', labels: { team: 'platform' } }, rules: [] });
    const files = {
      'cm.yaml': configMap('dashboards', 'monitoring'),
      'role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n',
    };
    const run = await deploy('attacker-4', overlay(files), { 'allow-namespaces': 'monitoring', 'allow-cluster-scoped': 'ClusterRole' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('ConfigMap/monitoring/dashboards (from');
    expect(run.stdout).toContain('ClusterRole/reader (from');
    expect(run.stdout).toContain('never takes them over');
    expect(kube.store.get('configmaps', 'monitoring', 'dashboards')?.metadata.labels).toEqual({ team: 'platform' });
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, 'reader')?.metadata.labels).toEqual({ team: 'platform' });
    expect(exists(branchNames('attacker-4').namespace)).toBe(false);

    // Another branch's object in an allowed namespace is refused too (its exact mark names that branch).
    kube.store.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: markedMetadata('victim-4', REPO, 'victim-cm', 'monitoring'), data: {} });
    const other = await deploy('attacker-4', overlay({ 'cm.yaml': configMap('victim-cm', 'monitoring') }), { 'allow-namespaces': 'monitoring' });
    expect(other.exitCode).toBe(1);
    expect(other.stdout).toContain('belongs to branch "victim-4" of octo-org/octo-repo');

    const adopted = await deploy('adopter-4', overlay({ 'cm.yaml': configMap('dashboards', 'monitoring') }), {
      'allow-namespaces': 'monitoring',
      'adopt-existing': 'true',
    });
    expect(adopted.exitCode).toBe(0);
    expect(adopted.stdout).toContain('adopt-existing: 1 existing object(s)');
    expect(kube.store.get('configmaps', 'monitoring', 'dashboards')?.metadata.annotations?.['branch-env.io/branch-name']).toBe('adopter-4');
  });
});

describe('objects an older version took over', () => {
  it('its branch labels on them prove nothing: deploy refuses them, cleanup leaves them', async () => {
    // An older version's apply added the branch's labels to objects it did not make (the takeover bug).
    const labels = { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'legacy-9' };
    kube.store.seed({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'platform-admin-9', labels }, rules: [] });
    seedPlain('argocd-9', labels);
    const run = await deploy(
      'legacy-9',
      overlay({ 'role.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: platform-admin-9\nrules: []\n' }),
      { 'allow-cluster-scoped': 'ClusterRole' },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('ClusterRole/platform-admin-9 (from');
    expect(run.stdout).toContain("it is not the branch's own namespace");
    const clean = await cleanup({ branch: 'legacy-9' });
    expect(clean.exitCode).toBe(0);
    expect(exists('argocd-9')).toBe(true);
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, 'platform-admin-9')).toBeDefined();
  });
});

describe('cluster-scoped objects', () => {
  it('are recorded, pruned when the overlay drops them, and removed by cleanup', async () => {
    const names = branchNames('cluster-5');
    const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader-${names.slug}\nrules: []\n`;
    const first = await deploy('cluster-5', overlay({ 'role.yaml': role, 'cm.yaml': configMap('a') }), { 'allow-cluster-scoped': 'ClusterRole' });
    expect(first.exitCode).toBe(0);
    const record = (): unknown =>
      JSON.parse(kube.store.get('namespaces', undefined, names.namespace)?.metadata.annotations?.['branch-env.io/external.app'] ?? 'null');
    expect(record()).toEqual([`rbac.authorization.k8s.io/v1 ClusterRole reader-${names.slug}`]);
    const dropped = await deploy('cluster-5', overlay({ 'cm.yaml': configMap('a') }), { 'allow-cluster-scoped': 'ClusterRole' });
    expect(dropped.exitCode).toBe(0);
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, `reader-${names.slug}`)).toBeUndefined();
    expect(record()).toBeNull();
    const again = await deploy('cluster-5', overlay({ 'role.yaml': role, 'cm.yaml': configMap('a') }), { 'allow-cluster-scoped': 'ClusterRole' });
    expect(again.exitCode).toBe(0);
    const run = await cleanup({ branch: 'cluster-5' });
    expect(run.exitCode).toBe(0);
    expect(kube.store.get('clusterroles.rbac.authorization.k8s.io', undefined, `reader-${names.slug}`)).toBeUndefined();
    expect(exists(names.namespace)).toBe(false);
  });
});

describe('names that collide', () => {
  it('a branch literally named refs/heads/<x> never gets (or cleans) the environment of <x>', async () => {
    const victim = seedEnvironment('feature/login');
    const named = await runAction('build-tag', { inputs: { branch: 'refs/heads/feature/login', sha: SHA } });
    expect(named.exitCode).toBe(1);
    expect(named.stdout).toContain('starts with "refs/"');
    // The stock cleanup template passes the delete event's bare ref name.
    const run = await cleanup(
      { branch: 'refs/heads/feature/login' },
      { name: 'delete', payload: { ref: 'refs/heads/feature/login', ref_type: 'branch', repository: { name: 'octo-repo', owner: { login: 'octo-org' } } } },
    );
    expect(run.exitCode).toBe(1);
    expect(exists(victim)).toBe(true);
    const eventOnly = await cleanup({}, { name: 'delete', payload: { ref: 'refs/heads/feature/login', ref_type: 'branch' } });
    expect(eventOnly.exitCode).toBe(1);
    expect(eventOnly.stdout).toContain('starts with "refs/"');
    expect(exists(victim)).toBe(true);
    expect(kube.store.get('configmaps', victim, 'app')?.data).toEqual({ live: 'yes' });
  });

  it('two branches crafted to share every name: the second is refused by deploy and cleanup, naming the owner', async () => {
    const [a, b] = craftedCollision();
    expect(branchNames(a).namespace).toBe(branchNames(b).namespace);
    const cm = overlay({ 'cm.yaml': configMap('app') });
    expect((await deploy(a, cm)).exitCode).toBe(0);
    const second = await deploy(b, cm);
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toContain(`belongs to branch ${JSON.stringify(a)} of ${REPO}`);
    const run = await cleanup({ branch: b });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`belongs to branch ${JSON.stringify(a)}`);
    expect(exists(branchNames(a).namespace)).toBe(true);
  });
});

describe('forks and events', () => {
  const forkEvent = (number: number, head: string) => ({
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        head: { ref: head, sha: SHA, repo: { full_name: 'mallory/octo-repo' } },
        base: { ref: 'main', sha: SHA, repo: { full_name: REPO } },
      },
      repository: { name: 'octo-repo', owner: { login: 'octo-org' } },
    },
  });

  it("a fork's pull request named like an internal branch never reaches that branch's environment", async () => {
    const victim = seedEnvironment('release-6');
    const cm = overlay({ 'cm.yaml': configMap('app') });
    const refused = await deploy('release-6', cm, {}, forkEvent(66, 'release-6'));
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('from mallory/octo-repo');
    const isolated = await deploy('release-6', cm, { 'fork-pull-requests': 'isolate' }, forkEvent(66, 'release-6'));
    expect(isolated.exitCode).toBe(0);
    expect(isolated.outputs['namespace']).toMatch(/^feature-pr-66-fork--[a-z2-7]{8}$/);
    expect(kube.store.get('configmaps', victim, 'app')?.data).toEqual({ live: 'yes' });
    expect(kube.store.get('configmaps', victim, 'app')?.metadata.annotations?.['branch-env.io/branch-name']).toBe('release-6');
  });

  it('provision-db and build-tag refuse a fork pull request before contacting anything (no password of the internal branch handed out)', async () => {
    const event = forkEvent(67, 'release-6');
    const db = await runAction('provision-db', {
      inputs: { host: '127.0.0.1', port: '1', 'admin-user': 'admin', 'admin-password': 'pw', kubeconfig: kube.kubeconfig() },
      eventName: event.name,
      event: event.payload,
    });
    expect(db.exitCode).toBe(1);
    expect(db.stdout).toContain('pull request #67 from mallory/octo-repo');
    expect(db.outputs['password']).toBeUndefined();
    const tag = await runAction('build-tag', { inputs: { 'fork-pull-requests': 'isolate' }, eventName: event.name, event: event.payload });
    expect(tag.exitCode).toBe(0);
    expect(tag.outputs['namespace']).toMatch(/^feature-pr-67-fork--/);
  });

  it('cleanup without `branch` on an ordinary push removes nothing and says what to pass', async () => {
    const live = seedEnvironment('pushed-7');
    const run = await cleanup(
      {},
      { name: 'push', payload: { ref: 'refs/heads/pushed-7', after: SHA, before: SHA, repository: { name: 'octo-repo', owner: { login: 'octo-org' } } } },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('does not mean a branch is gone');
    expect(exists(live)).toBe(true);
    const gone = await cleanup({}, { name: 'push', payload: { ref: 'refs/heads/pushed-7', after: '0'.repeat(40), before: SHA, deleted: true } });
    expect(gone.exitCode).toBe(0);
    expect(exists(live)).toBe(false);
  });
});

describe('sweep on a cluster shared with another repository', () => {
  it("removes only stale environments proven to be this repository's branch; keeps another repository's and label-only hashed ones", async () => {
    const gh = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
    try {
      const old = (namespace: string): void => {
        const ns = kube.store.get('namespaces', undefined, namespace)!;
        kube.store.update('namespaces', { ...ns, metadata: { ...ns.metadata, creationTimestamp: '2026-01-01T00:00:00Z' } });
      };
      gh.createBranch('live-8');
      const live = seedEnvironment('live-8');
      const gone = seedEnvironment('gone-8');
      const foreign = markedNamespace('gone-8-other', 'other-org/other-repo');
      kube.store.seed({ ...foreign, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
      const hashed = branchNames('Gone/Hashed-8');
      kube.store.seed({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: hashed.namespace, labels: markedNamespace('Gone/Hashed-8', REPO).metadata.labels },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
      for (const ns of [live, gone, foreign.metadata.name, hashed.namespace]) old(ns);
      const run = await runAction('cleanup-branch', {
        eventName: 'schedule',
        env: { KUBECONFIG: path.join(dir, 'kubeconfig'), GITHUB_API_URL: gh.url, GITHUB_REF: 'refs/heads/main' },
        inputs: { mode: 'sweep', 'dry-run': 'false', 'grace-period': '1h', token: gh.token, timeout: '20s' },
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(exists(gone)).toBe(false);
      expect(exists(live)).toBe(true);
      expect(exists(foreign.metadata.name)).toBe(true);
      expect(exists(hashed.namespace)).toBe(true);
      expect(run.stdout).toContain('its mark names repository other-org/other-repo, not octo-org/octo-repo');
      expect(run.stdout).toMatch(/no exact branch mark and its slug [^ ]+ is hashed/);
    } finally {
      await gh.close();
    }
  });
});
