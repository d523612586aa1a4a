// A production that Argo CD syncs, for verify-promotion's e2e tests and the demo: the GitHub
// emulator holding a Kustomize overlay, the Kubernetes emulator with its Argo CD stand-in and an
// Application tracking the overlay, and a tiny HTTP app answering the version it is told to.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startArgoCd, type ArgoCd } from '../emulators/kubernetes/argocd.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from './run-action.ts';

export const KUSTOMIZATION = 'manifests/overlays/production/kustomization.yaml';

export const overlay = (tag: string): string =>
  [
    '# production: Argo CD syncs this overlay',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'namespace: production',
    'resources:',
    '  - namespace.yaml',
    '  - ../../base',
    'images:',
    '  - name: acme.azurecr.io/todo-api',
    `    newTag: ${tag}   # moved by bump-prod-tag`,
    '',
  ].join('\n');

const BASE = {
  'manifests/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'manifests/base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: todo-api',
    'spec:',
    '  replicas: 1',
    '  progressDeadlineSeconds: 600',
    '  selector:',
    '    matchLabels: {app: todo-api}',
    '  template:',
    '    metadata:',
    '      labels: {app: todo-api}',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: acme.azurecr.io/todo-api',
    '          ports: [{containerPort: 8080}]',
    '',
  ].join('\n'),
  'manifests/base/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: todo-api\nspec:\n  selector: {app: todo-api}\n  ports: [{port: 80, targetPort: 8080}]\n',
  'manifests/overlays/production/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: production\n',
};

export interface PromotionWorld {
  gh: GitHubEmulator;
  kube: KubeEmulator;
  argocd: ArgoCd;
  /** The production app's address. */
  appUrl: string;
  /** A kubeconfig file for the Kubernetes emulator. */
  kubeconfigPath: string;
  /** The version the production app answers at /version. */
  answer(version: string): void;
  /** Opens and merges a promotion pull request moving the tag; its number and merge commit. */
  promote(tag: string): Promise<{ number: number; sha: string }>;
  /** Runs verify-promotion's bundle for a merge commit, as the template's job does. */
  verify(sha: string, inputs?: Record<string, string>): Promise<RunResult>;
  /** Open rollback pull requests. */
  openRollbacks(): ReturnType<GitHubEmulator['pulls']>;
  close(): Promise<void>;
}

export async function startPromotionWorld(): Promise<PromotionWorld> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'todo', files: { ...BASE, [KUSTOMIZATION]: overlay('v1') } });
  const kube = await startKubeEmulator({ readyDelayMs: 20, progressDeadlineScale: 0.001 });
  const argocd = startArgoCd(kube, { repos: { 'https://github.com/acme/todo.git': gh } });
  const dir = await mkdtemp(path.join(tmpdir(), 'promotion-world-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
  kube.store.seed({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'production', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/acme/todo.git', path: 'manifests/overlays/production', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'production' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  });
  let answering = 'v1';
  const app: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', version: answering, sha: answering })),
  );
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const address = app.address();
  const appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    gh,
    kube,
    argocd,
    appUrl,
    kubeconfigPath: path.join(dir, 'kubeconfig'),
    answer: (version) => (answering = version),
    promote: async (tag) => {
      const branch = `promote/${tag}`;
      gh.createBranch(branch);
      gh.commitFiles({ [KUSTOMIZATION]: overlay(tag) }, { branch, message: `Promote todo-api to ${tag}` });
      const answer = await fetch(`${gh.url}/repos/acme/todo/pulls`, {
        method: 'POST',
        headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ head: branch, base: 'main', title: `Promote ${tag}` }),
      });
      const { number } = (await answer.json()) as { number: number };
      return { number, sha: gh.mergePull(number) };
    },
    verify: (sha, inputs = {}) =>
      runAction('verify-promotion', {
        eventName: 'push',
        event: { ref: 'refs/heads/main', after: sha, repository: { name: 'todo', owner: { login: 'acme' }, default_branch: 'main' } },
        inputs: {
          application: 'production',
          revision: sha,
          'sync-timeout': '20s',
          'degraded-grace': '1s',
          'base-url': appUrl,
          checks: '- path: /version\n  expect:\n    version: $.version\n',
          timeout: '1s',
          interval: '100ms',
          token: gh.token,
          rollback: 'true',
          kustomization: KUSTOMIZATION,
          ...inputs,
        },
        env: {
          KUBECONFIG: path.join(dir, 'kubeconfig'),
          GITHUB_API_URL: gh.url,
          GITHUB_REPOSITORY: 'acme/todo',
          GITHUB_SHA: sha,
          GITHUB_REF: 'refs/heads/main',
        },
        timeoutMs: 60_000,
      }),
    openRollbacks: () => gh.pulls().filter((p) => p.state === 'open' && p.head.startsWith('rollback/')),
    close: async () => {
      argocd.close();
      await kube.close();
      await gh.close();
      app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
