// The optional GitHub deployment, on the GitHub and Kubernetes emulators: in_progress then
// success with the environment URL, or failure when the rollout fails; a token GitHub refuses is
// a warning, not a failed deploy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { CONTEXT, TAG, deployInProcess, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;
let gh: GitHubEmulator;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 20 });
  gh = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
  for (const branch of ['ex-3-9', 'broken-web', 'no-access']) gh.commitFiles({ 'README.md': `# ${branch}\n` }, { branch });
});
afterAll(async () => {
  await kube.close();
  await gh.close();
});

const context = { ...CONTEXT, repository: { owner: 'octo-org', repo: 'octo-repo' } };

describe('GitHub deployment', () => {
  it('records in_progress, then success with the environment URL', async () => {
    const { report } = await deployInProcess(sampleInputs(kube.kubeconfig(), { 'github-token': gh.token }), { context, githubBaseUrl: gh.url });
    expect(report.failure).toBeUndefined();
    const [deployment] = gh.deployments();
    expect(report.deploymentId).toBe(deployment?.id);
    expect(deployment).toMatchObject({
      ref: 'ex-3-9',
      environment: 'feature-ex-3-9',
      transientEnvironment: true,
      productionEnvironment: false,
      state: 'success',
    });
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(deployment?.statuses[1]?.environmentUrl).toBe('https://ex-3-9.preview.example.com');
  });

  it('records failure when the rollout fails', async () => {
    const images = `registry.example.com/sample/api:${TAG}\nregistry.example.com/sample/web:fail-pull\nregistry.example.com/sample/worker:${TAG}`;
    const { report } = await deployInProcess(
      sampleInputs(kube.kubeconfig(), { branch: 'broken-web', images, 'github-token': gh.token, environment: 'preview/{slug}' }),
      { context, githubBaseUrl: gh.url },
    );
    expect(report.failure).toBeDefined();
    const deployment = gh.deployments().find((d) => d.ref === 'broken-web');
    expect(deployment?.environment).toBe('preview/broken-web');
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(deployment?.statuses[1]?.description).toBe('Rollout failed in feature-broken-web');
  });

  it('warns and still deploys when the token may not create deployments', async () => {
    gh.addToken('ghs_readonly_token_1234', { contents: 'read' });
    const { report, logger } = await deployInProcess(sampleInputs(kube.kubeconfig(), { branch: 'no-access', 'github-token': 'ghs_readonly_token_1234' }), {
      context,
      githubBaseUrl: gh.url,
    });
    expect(report.failure).toBeUndefined();
    expect(report.deploymentId).toBeUndefined();
    const warning = logger.messages('warning').join('\n');
    expect(warning).toContain('GitHub deployment: GitHub refused creating a deployment of no-access');
    expect(warning).toContain('deployments: write');
    expect(gh.deployments().some((d) => d.ref === 'no-access')).toBe(false);
  });
});
