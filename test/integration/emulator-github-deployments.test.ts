// Deployments, deployment statuses and environments on the GitHub emulator,
// driven by Octokit from @actions/github.
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';

let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
let repo: { owner: string; repo: string };
let now = new Date('2026-01-10T08:00:00Z');

beforeAll(async () => {
  gh = await startGitHubEmulator({ clock: () => now });
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
  repo = { owner: gh.owner, repo: gh.repo };
});

afterAll(async () => {
  await gh.close();
});

async function deploy(ref: string, environment: string, transient = true): Promise<number> {
  const res = await octokit.rest.repos.createDeployment({
    ...repo,
    ref,
    environment,
    auto_merge: false,
    required_contexts: [],
    transient_environment: transient,
    production_environment: false,
    payload: { namespace: environment },
  });
  if (res.status !== 201 || !('id' in res.data)) throw new Error(`expected a deployment, got ${res.status}`);
  return res.data.id;
}

describe('GitHub emulator: deployments', () => {
  it('creates a deployment with statuses and lists it by environment and ref', async () => {
    const sha = gh.commitFiles({ 'app.txt': 'a\n' }, { branch: 'feature/a' });
    const id = await deploy('feature/a', 'feature-a');
    const { data: d } = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: id });
    expect(d).toMatchObject({
      sha,
      ref: 'feature/a',
      environment: 'feature-a',
      task: 'deploy',
      transient_environment: true,
      production_environment: false,
      payload: { namespace: 'feature-a' },
    });
    expect(d.created_at).toBe('2026-01-10T08:00:00Z');

    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'in_progress', log_url: 'https://ci.example/run/1' });
    now = new Date('2026-01-10T08:05:00Z');
    const { data: status } = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: id,
      state: 'success',
      environment_url: 'https://feature-a.preview.example',
      log_url: 'https://ci.example/run/1',
    });
    expect(status).toMatchObject({
      state: 'success',
      environment: 'feature-a',
      environment_url: 'https://feature-a.preview.example',
      log_url: 'https://ci.example/run/1',
    });
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id });
    expect(statuses.map((s) => s.state)).toEqual(['success', 'in_progress']);

    await deploy('main', 'other');
    const { data: byEnv } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'feature-a' });
    expect(byEnv.map((x) => x.id)).toEqual([id]);
    const { data: byRef } = await octokit.rest.repos.listDeployments({ ...repo, ref: 'feature/a' });
    expect(byRef.map((x) => x.id)).toEqual([id]);
    expect(gh.deployments().find((x) => x.id === id)).toMatchObject({ state: 'success', environment: 'feature-a' });
  });

  it('refuses to delete an active deployment that is not alone in its environment, allows it once inactive', async () => {
    gh.commitFiles({ 'b.txt': 'b\n' }, { branch: 'feature/b' });
    const first = await deploy('feature/b', 'feature-b');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: first, state: 'success', auto_inactive: false });
    const second = await deploy('feature/b', 'feature-b');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: second, state: 'success', auto_inactive: false });

    await expect(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'We cannot delete an active deployment unless it is the only deployment in a given environment.' } },
    });
    for (const id of [first, second]) await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'inactive' });
    await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first });
    await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: second });
    const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'feature-b' });
    expect(data).toEqual([]);
  });

  it('marks earlier successful non-transient deployments of the environment inactive (auto_inactive)', async () => {
    const older = await deploy('main', 'staging', false);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: older, state: 'success' });
    const transient = await deploy('main', 'staging', true);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: transient, state: 'success' });
    const elsewhere = await deploy('main', 'qa', false);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: elsewhere, state: 'success' });
    const newer = await deploy('main', 'staging', false);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: newer, state: 'success' });
    const states = new Map(gh.deployments().map((d) => [d.id, d.state]));
    expect(states.get(older)).toBe('inactive');
    // As documented (and observed by users of transient environments): transient ones stay as they are.
    expect(states.get(transient)).toBe('success');
    expect(states.get(elsewhere)).toBe('success');
    expect(states.get(newer)).toBe('success');
  });

  it('auto-merges the default branch into a branch that lacks it, answering 202 without a deployment', async () => {
    gh.commitFiles({ 'c.txt': 'c\n' }, { branch: 'feature/c' });
    gh.commitFiles({ 'main-only.txt': 'm\n' });
    const res = await octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/c', environment: 'feature-c', required_contexts: [] });
    expect(res.status).toBe(202);
    expect(gh.readFile('main-only.txt', 'feature/c')).toBe('m\n');
    expect(gh.deployments().filter((d) => d.environment === 'feature-c')).toEqual([]);
    const again = await octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/c', environment: 'feature-c', required_contexts: [] });
    expect(again.status).toBe(201);
  });

  it('checks required commit status contexts', async () => {
    const sha = gh.commitFiles({ 'd.txt': 'd\n' }, { branch: 'feature/d' });
    gh.setCommitStatus(sha, 'ci/build', 'failure');
    const blocked = octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/d', auto_merge: false, environment: 'feature-d' });
    await expect(blocked).rejects.toMatchObject({ status: 409, response: { data: { message: 'Conflict: Commit status checks failed for feature/d.' } } });
    const unknown = octokit.rest.repos.createDeployment({ ...repo, ref: 'no-such-ref', environment: 'x' });
    await expect(unknown).rejects.toMatchObject({ status: 422, response: { data: { message: 'No ref found for: no-such-ref' } } });
  });
});

describe('GitHub emulator: environments', () => {
  it('lists environments made by deployments and deletes one', async () => {
    await deploy('main', 'feature-env');
    const { data } = await octokit.rest.repos.getAllEnvironments(repo);
    expect(data.environments?.map((e) => e.name)).toContain('feature-env');
    expect(data.total_count).toBe(gh.environments().length);
    await octokit.rest.repos.deleteAnEnvironment({ ...repo, environment_name: 'feature-env' });
    expect(gh.environments()).not.toContain('feature-env');
    await expect(octokit.rest.repos.deleteAnEnvironment({ ...repo, environment_name: 'feature-env' })).rejects.toMatchObject({ status: 404 });
    // Names with a slash arrive percent-encoded.
    await deploy('main', 'preview/feature-x');
    const { data: one } = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'preview/feature-x' });
    expect(one.name).toBe('preview/feature-x');
    await octokit.rest.repos.deleteAnEnvironment({ ...repo, environment_name: 'preview/feature-x' });
    expect(gh.environments()).not.toContain('preview/feature-x');
  });

  it('pages environments for octokit.paginate', async () => {
    for (let i = 0; i < 12; i += 1) gh.addEnvironment(`paged-${String(i).padStart(2, '0')}`);
    // paginate flattens the `environments` array of each page (its typings do not say so).
    const all = (await octokit.paginate(octokit.rest.repos.getAllEnvironments, { ...repo, per_page: 5 })) as unknown as { name: string }[];
    expect(all.map((e) => e.name)).toEqual(gh.environments());
  });
});
