// The whole lifecycle of a branch, run from the workflow templates through the bundles exactly
// as the runner would: names -> database -> deploy -> verify (feature-environment.yml), the
// promotion pull request (promote-production.yml), and cleanup (cleanup-environment.yml).
// Shared by `npm run demo` and the templates' e2e test.
import path from 'node:path';
import pg from 'pg';
import { branchNames } from '../../shared/branch/naming.ts';
import { git } from '../helpers/git-repo.ts';
import { loadWorkflow, runWorkflow, type StepRecord, type WorkflowJobResult } from '../workflow/runner.ts';
import { skipStep, templateHandlers } from './handlers.ts';
import type { World } from './world.ts';

const templates = path.resolve(import.meta.dirname, '..', '..', 'action-templates');
const BRANCH = 'feature/login';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Phase {
  name: string;
  jobs: Record<string, WorkflowJobResult>;
  checks: Check[];
}

export interface LifecycleOptions {
  /** Called with each step as it finishes (the demo prints its summary). */
  onStep?: (phase: string, record: StepRecord) => void;
}

function repository(world: World): { owner: string; repo: string; full: string } {
  const full = world.env['GITHUB_REPOSITORY'] ?? 'octo-org/todo-app';
  const [owner = '', repo = ''] = full.split('/');
  return { owner, repo, full };
}

function baseContexts(world: World) {
  const { full } = repository(world);
  const pgInfo = world.emulators.postgres;
  return {
    vars: {
      AZURE_CLIENT_ID: world.env['AZURE_CLIENT_ID'],
      AZURE_TENANT_ID: world.env['AZURE_TENANT_ID'],
      AZURE_SUBSCRIPTION_ID: world.env['AZURE_SUBSCRIPTION_ID'],
      ACR_NAME: 'demoacr',
      AKS_RESOURCE_GROUP: 'rg-aks',
      AKS_CLUSTER: 'aks-preview',
      PG_SERVER: world.env['AZURE_PG_SERVER'],
      PG_RESOURCE_GROUP: world.env['AZURE_RESOURCE_GROUP'],
      PG_ADMIN_USER: pgInfo?.user ?? 'pgadmin',
      PREVIEW_URL: `${world.appUrl}/{namespace}`,
      STAGING_KUSTOMIZATION: '',
    },
    secrets: { PG_ADMIN_PASSWORD: pgInfo?.password ?? '' },
    repository: full,
  };
}

/** Endpoint inputs the templates leave to their defaults (the public cloud), pointed at the emulators. */
function overrides(world: World): Record<string, Record<string, string>> {
  const pgInfo = world.emulators.postgres;
  const endpoints = {
    'arm-endpoint': world.env['ARM_ENDPOINT'] ?? '',
    'authority-host': world.env['AZURE_AUTHORITY_HOST'] ?? '',
    host: pgInfo?.host ?? '127.0.0.1',
    port: String(pgInfo?.port ?? 5432),
    sslmode: 'disable',
  };
  return { db: endpoints, cleanup: endpoints, sweep: endpoints };
}

async function runTemplate(
  world: World,
  file: string,
  event: { name: string; payload: Record<string, unknown>; ref: string; sha: string; headRef?: string },
  cwd: string,
  options: LifecycleOptions,
  phase: string,
) {
  const base = baseContexts(world);
  const { handlers, built } = templateHandlers({ url: world.env['GITHUB_API_URL'] ?? '', token: world.env['GITHUB_TOKEN'] ?? '', repository: base.repository });
  const github = {
    event_name: event.name,
    event: event.payload,
    ref: event.ref,
    ref_name: event.ref.replace(/^refs\/(heads|tags)\//, ''),
    head_ref: event.headRef ?? '',
    base_ref: event.headRef ? 'main' : '',
    sha: event.sha,
    repository: base.repository,
    repository_owner: base.repository.split('/')[0],
    token: world.env['GITHUB_TOKEN'],
    server_url: 'https://github.com',
    api_url: world.env['GITHUB_API_URL'],
  };
  const env = {
    ...world.env,
    GITHUB_REF: event.ref,
    GITHUB_SHA: event.sha,
    GITHUB_HEAD_REF: event.headRef ?? '',
    GITHUB_BASE_REF: event.headRef ? 'main' : '',
  };
  const jobs = await runWorkflow(loadWorkflow(path.join(templates, file)), {
    contexts: { github, vars: base.vars, secrets: base.secrets, inputs: {} },
    env,
    event: event.payload,
    cwd,
    handlers,
    skip: skipStep,
    overrides: overrides(world),
    onStep: (record) => options.onStep?.(phase, record),
  });
  return { jobs, built };
}

async function canConnect(world: World, database: string, user: string, password: string): Promise<boolean> {
  const info = world.emulators.postgres;
  if (!info) return false;
  const client = new pg.Client({ host: info.host, port: info.port, user, password, database });
  try {
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS demo_check (id int)');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQueryHasRow(world: World, sql: string, value: string): Promise<boolean> {
  const info = world.emulators.postgres;
  if (!info) return false;
  const client = new pg.Client({ host: info.host, port: info.port, user: info.user, password: info.password, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql, [value])).rowCount === 1;
  } finally {
    await client.end();
  }
}

const databaseExists = (world: World, name: string) => adminQueryHasRow(world, 'SELECT 1 FROM pg_database WHERE datname = $1', name);
const roleExists = (world: World, name: string) => adminQueryHasRow(world, 'SELECT 1 FROM pg_roles WHERE rolname = $1', name);

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** Runs the three templates in turn and checks what each left behind. */
export async function runLifecycle(world: World, options: LifecycleOptions = {}): Promise<Phase[]> {
  const { owner, repo, full } = repository(world);
  const names = branchNames(BRANCH);
  const repositoryPayload = { name: repo, full_name: full, owner: { login: owner }, default_branch: 'main' };
  const phases: Phase[] = [];

  // 1. A pull request from feature/login changes the backend.
  const mainBefore = git(world.repos.work, 'rev-parse', 'main');
  world.repos.checkout(BRANCH, true);
  const headSha = world.repos.commit({ 'apps/todo-be/login.js': 'module.exports = { login: true };\n' }, 'Add login');
  world.repos.push(BRANCH);
  const gh = world.emulators.github;
  gh.createBranch(BRANCH);
  gh.commitFiles({ 'apps/todo-be/login.js': 'module.exports = { login: true };\n' }, { branch: BRANCH, message: 'Add login' });
  const prResponse = await fetch(`${gh.url}/repos/${full}/pulls`, {
    method: 'POST',
    headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Add login', head: BRANCH, base: 'main' }),
  });
  const pr = (await prResponse.json()) as { number: number };
  const checkout = world.repos.clone('checkout-feature', BRANCH, 1);
  const feature = await runTemplate(
    world,
    'feature-environment.yml',
    {
      name: 'pull_request',
      ref: `refs/pull/${pr.number}/merge`,
      sha: 'f'.repeat(40),
      headRef: BRANCH,
      payload: {
        action: 'synchronize',
        number: pr.number,
        pull_request: { number: pr.number, head: { ref: BRANCH, sha: headSha, repo: { full_name: full } }, base: { ref: 'main', sha: mainBefore } },
        repository: repositoryPayload,
      },
    },
    checkout,
    options,
    'feature environment',
  );
  const deploySteps = feature.jobs['deploy']?.runs[0]?.job.steps ?? [];
  const db = deploySteps.find((s) => s.id === 'db')?.outputs ?? {};
  const comments = gh.comments(pr.number);
  const ns = world.emulators.kube.store.get('namespaces', undefined, names.namespace);
  phases.push({
    name: 'feature environment',
    jobs: feature.jobs,
    checks: [
      // `offer` runs only with previews on request (PREVIEWS=on-request), for an unlabelled pull request.
      check(
        'every job succeeded',
        Object.entries(feature.jobs).every(([k, j]) => j.result === 'success' || (k === 'offer' && j.result === 'skipped')),
        Object.entries(feature.jobs)
          .map(([k, j]) => `${k}: ${j.result}`)
          .join(', '),
      ),
      check(
        'only the changed service was built',
        feature.built.map((b) => b.image).join() === `demoacr.azurecr.io/todo-be:${names.slug}-${headSha}`,
        feature.built.map((b) => b.image).join(', ') || 'nothing',
      ),
      check(`namespace ${names.namespace} exists`, Boolean(ns), names.namespace),
      check(`database ${names.database} exists`, await databaseExists(world, names.database), names.database),
      check('the branch role connects and creates a table', await canConnect(world, names.database, db['user'] ?? '', db['password'] ?? ''), db['user'] ?? ''),
      check('the new version answers', deploySteps.find((s) => s.id === 'verify')?.outputs['passed'] === 'true', 'verify-endpoints passed'),
      check(
        'the pull request links the environment',
        comments.some((c) => c.body.includes(`${world.appUrl}/${names.namespace}`)),
        `${comments.length} comment(s)`,
      ),
    ],
  });

  // 2. The pull request merges; main's push opens the promotion pull request.
  world.repos.checkout('main');
  git(world.repos.work, 'merge', '-q', '--no-ff', '-m', 'Merge feature/login', BRANCH);
  const mainSha = git(world.repos.work, 'rev-parse', 'HEAD');
  world.repos.push('main');
  const mainCheckout = world.repos.clone('checkout-main', 'main', 1);
  const promote = await runTemplate(
    world,
    'promote-production.yml',
    {
      name: 'push',
      ref: 'refs/heads/main',
      sha: mainSha,
      payload: { ref: 'refs/heads/main', before: mainBefore, after: mainSha, repository: repositoryPayload },
    },
    mainCheckout,
    options,
    'promotion',
  );
  const promotion = promote.jobs['promote']?.runs[0]?.job.steps.find((s) => s.id === 'promote')?.outputs ?? {};
  const prs = gh.pulls().filter((p) => p.number !== pr.number);
  const branchFile = prs[0] ? (gh.readFile('manifests/overlays/production/kustomization.yaml', prs[0].head) ?? '') : '';
  const mainFile = gh.readFile('manifests/overlays/production/kustomization.yaml', 'main') ?? '';
  const changedLines = branchFile.split('\n').filter((line, i) => line !== mainFile.split('\n')[i]);
  phases.push({
    name: 'promotion',
    jobs: promote.jobs,
    checks: [
      check('the promotion pull request is open', promotion['changed'] === 'true' && prs.length === 1, promotion['pull-request-url'] ?? 'none'),
      check('only the backend tag line changed', changedLines.length === 1 && changedLines[0]?.trim() === `newTag: main-${mainSha}`, changedLines.join(' | ')),
    ],
  });

  // 3. The branch is deleted: cleanup removes its environment, and nothing else — not even a
  // namespace someone made by hand under the same prefix.
  world.emulators.kube.store.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'feature-made-by-hand' } });
  const cleanup = await runTemplate(
    world,
    'cleanup-environment.yml',
    { name: 'delete', ref: 'refs/heads/main', sha: mainSha, payload: { ref: BRANCH, ref_type: 'branch', repository: repositoryPayload } },
    mainCheckout,
    options,
    'cleanup',
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  phases.push({
    name: 'cleanup',
    jobs: cleanup.jobs,
    checks: [
      check('the cleanup job succeeded', cleanup.jobs['branch']?.result === 'success', cleanup.jobs['branch']?.result ?? 'not run'),
      check(`namespace ${names.namespace} is gone`, !world.emulators.kube.store.get('namespaces', undefined, names.namespace), names.namespace),
      check(`database ${names.database} is gone`, !(await databaseExists(world, names.database)), names.database),
      check(`role ${names.role} is gone`, !(await roleExists(world, names.role)), names.role),
      check(
        'an unmarked namespace under the same prefix is untouched',
        Boolean(world.emulators.kube.store.get('namespaces', undefined, 'feature-made-by-hand')),
        'feature-made-by-hand',
      ),
      check('the default namespace is untouched', Boolean(world.emulators.kube.store.get('namespaces', undefined, 'default')), 'default'),
    ],
  });
  return phases;
}
