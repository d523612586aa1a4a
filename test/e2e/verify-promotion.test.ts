// verify-promotion through its bundle against the Kubernetes emulator with its Argo CD stand-in
// and the GitHub emulator: a merged promotion waited for and verified; a Degraded workload (an
// image that crashes), a failing sync and an old version still answering each end in a clear
// report and one rollback pull request whose diff touches only the image line.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startArgoCd, type ArgoCd } from '../emulators/kubernetes/argocd.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const KUSTOMIZATION = 'manifests/overlays/production/kustomization.yaml';
const overlay = (tag: string): string =>
  ['# production: Argo CD syncs this overlay', 'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'namespace: production', 'resources:', '  - namespace.yaml', '  - ../../base', 'images:', '  - name: acme.azurecr.io/todo-api', `    newTag: ${tag}   # moved by bump-prod-tag`, ''].join('\n');
const base = {
  'manifests/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'manifests/base/deployment.yaml': [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: todo-api', 'spec:', '  replicas: 1', '  progressDeadlineSeconds: 600',
    '  selector:', '    matchLabels: {app: todo-api}', '  template:', '    metadata:', '      labels: {app: todo-api}', '    spec:', '      containers:',
    '        - name: api', '          image: acme.azurecr.io/todo-api', '          ports: [{containerPort: 8080}]', '',
  ].join('\n'),
  'manifests/base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: todo-api\nspec:\n  selector: {app: todo-api}\n  ports: [{port: 80, targetPort: 8080}]\n',
  'manifests/overlays/production/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: production\n',
};

let gh: GitHubEmulator;
let kube: KubeEmulator;
let argocd: ArgoCd;
let dir: string;
let app: Server;
let answering = 'v1';
let appUrl = '';

beforeAll(async () => {
  gh = await startGitHubEmulator({ owner: 'acme', repo: 'todo', files: { ...base, [KUSTOMIZATION]: overlay('v1') } });
  kube = await startKubeEmulator({ readyDelayMs: 20, progressDeadlineScale: 0.001 });
  argocd = startArgoCd(kube, { repos: { 'https://github.com/acme/todo.git': gh } });
  dir = await mkdtemp(path.join(tmpdir(), 'verify-promotion-e2e-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
  kube.store.seed({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'production', namespace: 'argocd' },
    spec: { project: 'default', source: { repoURL: 'https://github.com/acme/todo.git', path: 'manifests/overlays/production', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'production' }, syncPolicy: { automated: { prune: true, selfHeal: true } } },
  });
  app = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', version: answering })));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const address = app.address();
  appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  argocd.close();
  await kube.close();
  await gh.close();
  app.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens and merges a promotion pull request moving the tag; returns its number and merge commit. */
async function promote(tag: string): Promise<{ number: number; sha: string }> {
  const branch = `promote/${tag}`;
  gh.createBranch(branch);
  gh.commitFiles({ [KUSTOMIZATION]: overlay(tag) }, { branch, message: `Promote todo-api to ${tag}` });
  const answer = await fetch(`${gh.url}/repos/acme/todo/pulls`, { method: 'POST', headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ head: branch, base: 'main', title: `Promote ${tag}` }) });
  const { number } = (await answer.json()) as { number: number };
  return { number, sha: gh.mergePull(number) };
}

function verify(sha: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  return runAction('verify-promotion', {
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: sha, repository: { name: 'todo', owner: { login: 'acme' }, default_branch: 'main' } },
    inputs: {
      application: 'production',
      revision: sha,
      'sync-timeout': '20s',
      'base-url': appUrl,
      checks: '- path: /version\n  expect:\n    version: $.version\n',
      timeout: '1s',
      interval: '100ms',
      token: gh.token,
      rollback: 'true',
      kustomization: KUSTOMIZATION,
      ...inputs,
    },
    env: { KUBECONFIG: path.join(dir, 'kubeconfig'), GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/todo', GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
    timeoutMs: 60_000,
  });
}

const openRollbacks = (): ReturnType<GitHubEmulator['pulls']> => gh.pulls().filter((p) => p.state === 'open' && p.head.startsWith('rollback/'));

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

describe('verify-promotion', () => {
  it('waits for a merged promotion and proves the new version answers', async () => {
    const { sha } = await promote('v2');
    answering = 'v2';
    const run = await verify(sha, { 'expect-version': 'v2' });
    expect(run.stdout + run.stderr).toContain('Healthy');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['passed']).toBe('true');
    expect(run.outputs['outcome']).toBe('healthy');
    expect(openRollbacks()).toHaveLength(0);
  }, 90_000);

  it('a Degraded workload (an image that crashes) ends in a report and one rollback pull request, updated on re-run', async () => {
    const promotion = await promote('crashloop-v3');
    const run = await verify(promotion.sha, { 'expect-version': 'crashloop-v3' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('degraded');
    expect(run.stdout).toMatch(/Deployment\s+production\s+todo-api\s+Synced\s+Degraded\s+.*ProgressDeadlineExceeded/);
    expect(openRollbacks()).toHaveLength(1);
    expectOnlyTagLine('crashloop-v3', 'v2');
    expect(gh.comments(promotion.number).map((c) => c.body).join('\n')).toContain(`Rollback: #${run.outputs['rollback-pull-request-number'] ?? ''}`);
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
    answering = 'v2';
    const run = await verify(promotion.sha, { 'expect-version': 'v5' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('healthy');
    expect(run.stdout).toContain('an old version still answers in production');
    expect(openRollbacks()).toHaveLength(1);
    expectOnlyTagLine('v5', 'v2');
  }, 90_000);
});
