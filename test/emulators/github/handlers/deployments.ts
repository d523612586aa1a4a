// Deployments, deployment statuses and environments.
// https://docs.github.com/rest/deployments
import type { Requirement } from '../auth.ts';
import { Repository, type DeploymentRecord, type DeploymentState, type DeploymentStatusRecord, type EnvironmentRecord } from '../repo-state.ts';
import type { GitHubApi } from '../router.ts';
import {
  field,
  GitHubError,
  nodeId,
  notFound,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  pageReply,
  paginate,
  param,
  requireString,
  unprocessable,
  validationFailed,
  type Ctx,
  type Reply,
} from '../respond.ts';
import { latestStatuses } from './repos.ts';

const DOC = 'https://docs.github.com/rest/deployments';
const READ: Requirement[] = [{ scope: 'deployments', level: 'read' }];
const WRITE: Requirement[] = [{ scope: 'deployments', level: 'write' }];
const ADMIN: Requirement[] = [{ scope: 'administration', level: 'write' }];
const STATES: readonly DeploymentState[] = ['error', 'failure', 'inactive', 'pending', 'success', 'queued', 'in_progress'];

function deploymentJson(ctx: Ctx, d: DeploymentRecord): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: ctx.urls.user(d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null,
  };
}

function statusJson(ctx: Ctx, d: DeploymentRecord, s: DeploymentStatusRecord): Record<string, unknown> {
  const api = ctx.urls.repoApi(ctx.repo);
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: ctx.urls.user(s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null,
  };
}

function environmentJson(ctx: Ctx, env: EnvironmentRecord): Record<string, unknown> {
  return {
    id: env.id,
    node_id: nodeId('Environment', env.id),
    name: env.name,
    url: `${ctx.urls.repoApi(ctx.repo)}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${ctx.urls.repoHtml(ctx.repo)}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
    created_at: env.createdAt,
    updated_at: env.updatedAt,
    protection_rules: [],
    deployment_branch_policy: null,
  };
}

function deploymentFrom(ctx: Ctx): DeploymentRecord {
  const d = ctx.repo.deployments.get(Number(param(ctx, 'id')));
  if (!d) throw notFound(`${DOC}/deployments#get-a-deployment`);
  return d;
}

/** Deployment auto-merge: brings the default branch into a branch that lacks it, as GitHub does. */
function autoMerge(ctx: Ctx, ref: string): Reply | undefined {
  const repo = ctx.repo;
  const branch = repo.branchSha(ref) ? ref : ref.startsWith('refs/heads/') ? ref.slice(11) : undefined;
  const defaultSha = repo.branchSha(repo.defaultBranch);
  if (!branch || branch === repo.defaultBranch || !defaultSha || !repo.branchSha(branch)) return undefined;
  if (repo.git.isAncestor(defaultSha, repo.branchSha(branch)!)) return undefined;
  const result = repo.merge(branch, defaultSha, `Merge branch '${repo.defaultBranch}' into ${branch}`);
  if ('conflicts' in result) throw new GitHubError(409, `Conflict merging ${repo.defaultBranch} into ${branch}.`, `${DOC}/deployments#create-a-deployment`);
  return { status: 202, body: { message: `Auto-merged ${repo.defaultBranch} into ${branch} on deployment.` } };
}

/** Commit status checks a deployment requires (`required_contexts`, default: every context on the commit). */
function checkContexts(ctx: Ctx, sha: string, ref: string): void {
  const latest = latestStatuses(ctx.repo.statuses, sha);
  const required = optionalStringArray(ctx, 'required_contexts') ?? latest.map((s) => s.context);
  const failing = required
    .map((context) => ({ context, state: latest.find((s) => s.context === context)?.state ?? 'missing' }))
    .filter((c) => c.state !== 'success');
  if (failing.length > 0) {
    throw new GitHubError(409, `Conflict: Commit status checks failed for ${ref}.`, `${DOC}/deployments#create-a-deployment`, {
      errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
    });
  }
}

function createDeployment(ctx: Ctx): Reply {
  const doc = `${DOC}/deployments#create-a-deployment`;
  const repo = ctx.repo;
  const ref = requireString(ctx, 'ref', doc);
  if (!repo.git.resolve(ref)) throw unprocessable(`No ref found for: ${ref}`, doc);
  if (optionalBoolean(ctx, 'auto_merge', doc) ?? true) {
    const merged = autoMerge(ctx, ref);
    if (merged) return merged;
  }
  const sha = repo.git.resolve(ref)!;
  checkContexts(ctx, sha, ref);
  const environment = optionalString(ctx, 'environment', doc) ?? 'production';
  const payload = field(ctx, 'payload') ?? {};
  if (typeof payload !== 'object' && typeof payload !== 'string') throw validationFailed([{ resource: 'Deployment', code: 'invalid', field: 'payload' }], doc);
  const now = repo.now();
  const deployment: DeploymentRecord = {
    id: repo.newId(),
    sha,
    ref,
    task: optionalString(ctx, 'task', doc) ?? 'deploy',
    payload,
    environment,
    originalEnvironment: environment,
    description: optionalString(ctx, 'description', doc) ?? '',
    transientEnvironment: optionalBoolean(ctx, 'transient_environment', doc) ?? false,
    productionEnvironment: optionalBoolean(ctx, 'production_environment', doc) ?? environment === 'production',
    creator: ctx.user,
    createdAt: now,
    updatedAt: now,
    statuses: [],
  };
  repo.environment(environment);
  repo.deployments.set(deployment.id, deployment);
  return { status: 201, body: deploymentJson(ctx, deployment) };
}

function createStatus(ctx: Ctx): Reply {
  const doc = `${DOC}/statuses#create-a-deployment-status`;
  const repo = ctx.repo;
  const deployment = deploymentFrom(ctx);
  const state = requireString(ctx, 'state', doc) as DeploymentState;
  if (!STATES.includes(state)) throw validationFailed([{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }], doc);
  const description = optionalString(ctx, 'description', doc) ?? '';
  if (description.length > 140)
    throw validationFailed(
      [{ resource: 'DeploymentStatus', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }],
      doc,
    );
  const environment = optionalString(ctx, 'environment', doc);
  if (environment !== undefined && environment !== deployment.environment) {
    deployment.environment = environment;
    repo.environment(environment);
  }
  const logUrl = optionalString(ctx, 'log_url', doc) ?? optionalString(ctx, 'target_url', doc) ?? '';
  const status: DeploymentStatusRecord = {
    id: repo.newId(),
    state,
    description,
    environment: deployment.environment,
    targetUrl: logUrl,
    logUrl,
    environmentUrl: optionalString(ctx, 'environment_url', doc) ?? '',
    creator: ctx.user,
    createdAt: repo.now(),
  };
  deployment.statuses.push(status);
  deployment.updatedAt = status.createdAt;
  if (state === 'success' && (optionalBoolean(ctx, 'auto_inactive', doc) ?? true)) {
    // GitHub: prior non-transient, non-production deployments of the same environment that were successful turn inactive.
    for (const other of repo.deployments.values()) {
      if (other === deployment || other.environment !== deployment.environment || other.id > deployment.id) continue;
      if (other.transientEnvironment || other.productionEnvironment || Repository.latestState(other) !== 'success') continue;
      other.statuses.push({ ...status, id: repo.newId(), state: 'inactive', description: '', environmentUrl: '', logUrl: '', targetUrl: '' });
      other.updatedAt = status.createdAt;
    }
  }
  return { status: 201, body: statusJson(ctx, deployment, status) };
}

export function registerDeploymentRoutes(api: GitHubApi): void {
  api.route('GET', 'deployments', { perm: READ, doc: `${DOC}/deployments#list-deployments` }, (ctx): Reply => {
    const filters = ['sha', 'ref', 'task', 'environment'] as const;
    const list = [...ctx.repo.deployments.values()]
      .filter((d) => filters.every((f) => !ctx.query.get(f) || ctx.query.get(f) === d[f]))
      .sort((a, b) => b.id - a.id);
    return pageReply(ctx, list, (d) => deploymentJson(ctx, d));
  });
  api.route('POST', 'deployments', { perm: WRITE, doc: `${DOC}/deployments#create-a-deployment` }, createDeployment);
  api.route('GET', 'deployments/{id}', { perm: READ }, (ctx): Reply => ({ status: 200, body: deploymentJson(ctx, deploymentFrom(ctx)) }));
  api.route('DELETE', 'deployments/{id}', { perm: WRITE, doc: `${DOC}/deployments#delete-a-deployment` }, (ctx): Reply => {
    const d = deploymentFrom(ctx);
    const others = [...ctx.repo.deployments.values()].filter((o) => o !== d && o.environment === d.environment);
    // Active: the latest status is success. One with no status yet also counts as active here (see README).
    const latest = Repository.latestState(d);
    const active = latest === undefined || latest === 'success';
    if (active && others.length > 0) {
      throw unprocessable(
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
        `${DOC}/deployments#delete-a-deployment`,
      );
    }
    ctx.repo.deployments.delete(d.id);
    return { status: 204 };
  });

  api.route('GET', 'deployments/{id}/statuses', { perm: READ }, (ctx): Reply => {
    const d = deploymentFrom(ctx);
    return pageReply(ctx, [...d.statuses].reverse(), (s) => statusJson(ctx, d, s));
  });
  api.route('POST', 'deployments/{id}/statuses', { perm: WRITE, doc: `${DOC}/statuses#create-a-deployment-status` }, createStatus);
  api.route('GET', 'deployments/{id}/statuses/{status}', { perm: READ }, (ctx): Reply => {
    const d = deploymentFrom(ctx);
    const s = d.statuses.find((x) => x.id === Number(param(ctx, 'status')));
    if (!s) throw notFound(`${DOC}/statuses#get-a-deployment-status`);
    return { status: 200, body: statusJson(ctx, d, s) };
  });

  api.route('GET', 'environments', {}, (ctx): Reply => {
    const all = [...ctx.repo.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(ctx, all);
    return { status: 200, body: { total_count: all.length, environments: page.items.map((e) => environmentJson(ctx, e)) }, headers: page.headers };
  });
  api.route('GET', 'environments/{name*}', {}, (ctx): Reply => {
    const env = ctx.repo.environments.get(param(ctx, 'name'));
    if (!env) throw notFound('https://docs.github.com/rest/deployments/environments#get-an-environment');
    return { status: 200, body: environmentJson(ctx, env) };
  });
  api.route('PUT', 'environments/{name*}', { perm: ADMIN }, (ctx): Reply => {
    const env = ctx.repo.environment(param(ctx, 'name'));
    env.updatedAt = ctx.repo.now();
    return { status: 200, body: environmentJson(ctx, env) };
  });
  api.route(
    'DELETE',
    'environments/{name*}',
    { perm: ADMIN, doc: 'https://docs.github.com/rest/deployments/environments#delete-an-environment' },
    (ctx): Reply => {
      if (!ctx.repo.environments.delete(param(ctx, 'name'))) throw notFound('https://docs.github.com/rest/deployments/environments#delete-an-environment');
      return { status: 204 };
    },
  );
}
