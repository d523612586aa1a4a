// The branch's GitHub deployments and environment. Only the suite's own are touched: a
// deployment is removed only when its `payload` carries the suite's mark naming exactly this
// branch of this repository (deploy-overlay writes it; never by slug, never another workflow's
// deployment of the same branch), each marked inactive first, then deleted. The environment
// removed is only the one whose name equals the configured `environment` template rendered for
// this branch, and only when every deployment in it is one of those (it is left alone, with the
// reason, otherwise) and it is not a production one. GitHub allows deleting an environment only
// with `administration: write`, so a 403 there is a warning, not a failure.
import { deploymentMarkNames } from '../../shared/branch/ownership/deployment-marks.ts';
import { explainGitHubError, githubStatus, type Octokit } from '../../shared/github/client.ts';
import { isUserError } from '../../shared/core/errors.ts';
import { retry } from '../../shared/core/retry.ts';
import type { Owner, StepContext } from './environment.ts';
import { readBranch, readList, readPull, type Answer, type GetPage, type LiveBranches, type Read } from './github-lists.ts';
import type { StepResult } from './report.ts';

/** The repository and how deploy-overlay named the environment. */
export interface GitHubTarget {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** deploy-overlay's `environment` input: `{slug}`, `{namespace}`, `{branch}` tokens. */
  environmentTemplate: string;
}

/** A deployment as cleanup needs it. */
export interface DeploymentInfo {
  id: number;
  ref: string;
  environment: string;
  production: boolean;
  /** Epoch ms of its last update. */
  updatedAt: number;
  /** Its payload, as GitHub returns it (an object, or a string). */
  payload: unknown;
}

/** The environment name for an owner, or undefined when the template needs a branch that is unknown. */
export function environmentName(template: string, owner: Owner, namespace: string): string | undefined {
  if (template.includes('{branch}') && owner.branch === undefined) return undefined;
  return template.replace(/\{(slug|namespace|branch)\}/g, (_all, token: string) =>
    token === 'slug' ? owner.slug : token === 'namespace' ? namespace : (owner.branch ?? ''),
  );
}

function call<T>(ctx: StepContext, doing: string, fn: () => Promise<T>): Promise<T> {
  return retry(fn, ctx.deadline.retry(doing)).catch((error: unknown) => {
    throw explainGitHubError(error, doing);
  });
}

/** A page getter for a list route: the first page from the route, the others from the Link header's URLs. */
function pages(gh: GitHubTarget, ctx: StepContext, route: ListRoute, query: Record<string, string>, doing: string): GetPage {
  return (url) =>
    call(ctx, doing, async (): Promise<Answer> => {
      const response =
        url === undefined
          ? await gh.octokit.request(route, { owner: gh.owner, repo: gh.repo, per_page: 100, ...query })
          : await gh.octokit.request({ method: 'GET', url });
      return { url: response.url, status: response.status, headers: response.headers, data: response.data as unknown };
    });
}

type ListRoute = 'GET /repos/{owner}/{repo}/branches' | 'GET /repos/{owner}/{repo}/pulls' | 'GET /repos/{owner}/{repo}/deployments';

/** A deployment: a positive integer `id`, string `ref`, `environment` and `updated_at`; its payload as it is. */
function readDeployment(item: unknown): Read<DeploymentInfo> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { problem: 'is not an object' };
  const d = item as Record<string, unknown>;
  const { id, ref, environment } = d;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return { problem: 'has no positive integer `id`' };
  if (typeof ref !== 'string' || typeof environment !== 'string' || typeof d['updated_at'] !== 'string')
    return { problem: 'lacks a string `ref`, `environment` or `updated_at`' };
  return { value: { id, ref, environment, production: d['production_environment'] === true, updatedAt: Date.parse(d['updated_at']), payload: d['payload'] } };
}

/** Every deployment of a ref or in an environment, each page checked (a malformed answer throws, naming it). */
async function listDeployments(gh: GitHubTarget, ctx: StepContext, filter: { ref: string } | { environment: string }): Promise<DeploymentInfo[]> {
  const doing = `listing the deployments of ${'ref' in filter ? `ref ${filter.ref}` : `environment ${filter.environment}`}`;
  return readList(pages(gh, ctx, 'GET /repos/{owner}/{repo}/deployments', filter, doing), repositoryOf(gh), {
    noun: `deployments (${'ref' in filter ? `ref ${filter.ref}` : `environment ${filter.environment}`})`,
    read: readDeployment,
  });
}

/** `owner/repo` of the target. */
function repositoryOf(gh: Pick<GitHubTarget, 'owner' | 'repo'>): string {
  return `${gh.owner}/${gh.repo}`;
}

/** Whether the deployment's payload mark names exactly the owner's branch of the target repository. */
export function isOwnersDeployment(gh: Pick<GitHubTarget, 'owner' | 'repo'>, d: Pick<DeploymentInfo, 'payload'>, owner: Owner): boolean {
  return owner.branch !== undefined && deploymentMarkNames(d.payload, owner.branch, repositoryOf(gh));
}

/**
 * The owner's deployments: those of its branch ref and those in its environment whose payload
 * mark names exactly its branch of this repository. None when the exact branch is unknown.
 */
export async function findDeployments(gh: GitHubTarget, owner: Owner, environment: string | undefined, ctx: StepContext): Promise<DeploymentInfo[]> {
  if (owner.branch === undefined) return [];
  const found = new Map<number, DeploymentInfo>();
  for (const d of await listDeployments(gh, ctx, { ref: owner.branch })) found.set(d.id, d);
  if (environment !== undefined) for (const d of await listDeployments(gh, ctx, { environment })) found.set(d.id, d);
  return [...found.values()].filter((d) => isOwnersDeployment(gh, d, owner)).sort((a, b) => a.id - b.id);
}

/** A production environment: never deleted, and its deployments never touched. */
export function isProductionEnvironment(name: string, ctx: Pick<StepContext, 'productionNamespaces'>): boolean {
  return /^prod(uction)?$/i.test(name) || ctx.productionNamespaces.includes(name);
}

/** Marks the deployment inactive (unless it already is), then deletes it; a production one is left alone. */
export async function removeDeployment(gh: GitHubTarget, d: DeploymentInfo, ctx: StepContext): Promise<StepResult> {
  if (d.production || isProductionEnvironment(d.environment, ctx)) {
    return { action: 'skipped', reason: `a production deployment (environment ${d.environment}); only the branch environment's are removed`, warn: true };
  }
  const repo = { owner: gh.owner, repo: gh.repo, deployment_id: d.id };
  let state: string | undefined;
  try {
    const statuses = await call(ctx, `reading the statuses of deployment ${d.id}`, () =>
      gh.octokit.rest.repos.listDeploymentStatuses({ ...repo, per_page: 1 }),
    );
    state = statuses.data[0]?.state;
  } catch (error: unknown) {
    if (githubStatus(isUserError(error) ? error.cause : error) === 404) return { action: 'already-gone' };
    throw error;
  }
  const where = `environment ${d.environment}, ref ${d.ref}`;
  if (ctx.dryRun) return { action: 'would-remove', reason: `${where}, latest status ${state ?? 'none'}` };
  if (state !== 'inactive') {
    await call(ctx, `marking deployment ${d.id} inactive`, () =>
      gh.octokit.rest.repos.createDeploymentStatus({ ...repo, state: 'inactive', description: 'Branch environment removed by cleanup-branch' }),
    );
  }
  try {
    await call(ctx, `deleting deployment ${d.id}`, () => gh.octokit.rest.repos.deleteDeployment(repo));
  } catch (error: unknown) {
    if (githubStatus(isUserError(error) ? error.cause : error) === 404) return { action: 'already-gone' };
    throw error;
  }
  return { action: 'removed', reason: `${where}, marked inactive first` };
}

/** Deletes the environment (the template's name for the owner) when every deployment in it is the owner's (see the file comment). */
export async function removeEnvironment(gh: GitHubTarget, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  if (isProductionEnvironment(name, ctx)) {
    return { action: 'skipped', reason: 'a production environment (never deleted)', warn: true };
  }
  if (owner.branch === undefined) {
    return { action: 'skipped', reason: 'no mark names the exact branch of this environment, so nothing proves the GitHub environment is its own', warn: true };
  }
  try {
    await call(ctx, `reading environment ${name}`, () => gh.octokit.rest.repos.getEnvironment({ owner: gh.owner, repo: gh.repo, environment_name: name }));
  } catch (error: unknown) {
    if (githubStatus(isUserError(error) ? error.cause : error) === 404) return { action: 'already-gone' };
    throw error;
  }
  const others = (await listDeployments(gh, ctx, { environment: name })).filter((d) => d.production || !isOwnersDeployment(gh, d, owner));
  if (others.length > 0) {
    const refs = [...new Set(others.map((d) => d.ref))].slice(0, 5).join(', ');
    return {
      action: 'skipped',
      reason: `it holds ${others.length} deployment(s) that are not this branch's marked ones (refs ${refs}): another branch's, another workflow's, or production; only the suite's deployments of ${JSON.stringify(owner.branch ?? owner.slug)} are removed`,
      warn: true,
    };
  }
  if (ctx.dryRun) return { action: 'would-remove' };
  try {
    await call(ctx, `deleting environment ${name}`, () =>
      gh.octokit.rest.repos.deleteAnEnvironment({ owner: gh.owner, repo: gh.repo, environment_name: name }),
    );
  } catch (error: unknown) {
    const inner = isUserError(error) ? error.cause : error;
    if (githubStatus(inner) === 404) return { action: 'already-gone' };
    if (githubStatus(inner) === 403) {
      const fix =
        isUserError(error) && error.fix
          ? ` ${error.fix}`
          : ' Grant `administration: write` (a GITHUB_TOKEN cannot have it: use a GitHub App or fine-grained token).';
      return { action: 'skipped', reason: `GitHub refused to delete it (403; deleting an environment needs administration: write).${fix}`, warn: true };
    }
    throw error;
  }
  return { action: 'removed' };
}

/**
 * Branches that exist and open pull requests, every page checked against the shape it must
 * have (see github-lists.ts); a malformed answer throws a UserError that names it.
 */
export async function liveBranches(gh: GitHubTarget, ctx: StepContext): Promise<LiveBranches> {
  const repository = repositoryOf(gh);
  const branches = await readList(pages(gh, ctx, 'GET /repos/{owner}/{repo}/branches', {}, `listing the branches of ${repository}`), repository, {
    noun: 'branches',
    read: readBranch,
  });
  const pulls = await readList(
    pages(gh, ctx, 'GET /repos/{owner}/{repo}/pulls', { state: 'open' }, `listing the open pull requests of ${repository}`),
    repository,
    { noun: 'open pull requests', read: readPull },
  );
  return { branches, pulls };
}
