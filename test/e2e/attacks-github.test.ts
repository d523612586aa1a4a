// Attacks on cleanup-branch's GitHub side, through its bundle against the emulators (issue 12,
// items 4 and 7):
// - foreign GitHub objects: other workflows' deployments of the branch, a deployment marked for
//   another branch whose name reduces to the same slug, an environment whose name merely holds
//   the branch (`qa` vs `qa-eu`): none is removed; only the suite's marked deployments of exactly
//   this branch, and the environment the template names exactly;
// - a sweep fed malformed answers (a 200 with a JSON object, an HTML page, a page list cut
//   short, items of the wrong shape): it stops with the server's answer named, and removes
//   nothing, live environments included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOctokit } from '@actions/github';
import { deploymentPayload } from '../../shared/branch/ownership/deployment-marks.ts';
import { branchNames, ownershipLabels } from '../../shared/branch/naming.ts';
import { htmlReply, startGitHubEmulator, withoutLink, type GitHubEmulator } from '../emulators/github/index.ts';
import type { Reply } from '../emulators/github/respond.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { sampleInputs } from '../helpers/deploy-overlay-harness.ts';

const REPO = 'octo-org/preview-app';
const DAY_MS = 24 * 3_600_000;
let gh: GitHubEmulator;
let kube: KubeEmulator;
let octokit: ReturnType<typeof getOctokit>;
const id = Math.random().toString(36).slice(2, 7);
/** Added to the GitHub emulator's clock (negative: deployments look older). */
let clockOffsetMs = 0;

beforeAll(async () => {
  gh = await startGitHubEmulator({ owner: 'octo-org', repo: 'preview-app', clock: () => new Date(Date.now() + clockOffsetMs) });
  kube = await startKubeEmulator({ readyDelayMs: 20, namespaceDeleteDelayMs: 20 });
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
});
afterAll(async () => {
  await Promise.allSettled([gh?.close(), kube?.close()]);
});

/** A successful deployment of `ref` into `environment` with this payload (the branch is created when missing). */
async function deploy(ref: string, environment: string, payload?: Record<string, unknown> | string): Promise<number> {
  if (gh.branchSha(ref) === undefined && !ref.startsWith('refs/')) gh.createBranch(ref);
  const repo = { owner: 'octo-org', repo: 'preview-app' };
  const created = await octokit.rest.repos.createDeployment({
    ...repo,
    ref,
    environment,
    ...(payload === undefined ? {} : { payload }),
    auto_merge: false,
    required_contexts: [],
    transient_environment: true,
    production_environment: false,
  });
  if (!('id' in created.data)) throw new Error(`no deployment made for ${ref}`);
  await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: created.data.id, state: 'success' });
  return created.data.id;
}

const ids = (): number[] => gh.deployments().map((d) => d.id);
const leaks = (run: RunResult): string => `${run.stdout}\n${run.stderr}`;

/** cleanup-branch for a deleted branch, GitHub part only. */
function cleanup(branch: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  return runAction('cleanup-branch', {
    eventName: 'delete',
    event: { ref: branch, ref_type: 'branch', repository: { full_name: REPO } },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO, GITHUB_REF: 'refs/heads/main' },
    inputs: { branch, token: gh.token, repository: REPO, environment: 'preview/{slug}', 'dry-run': 'false', timeout: '30s', ...inputs },
  });
}

describe("cleanup-branch removes only the suite's GitHub objects of exactly this branch", () => {
  it('deploy-overlay marks its deployment with the suite, the exact branch and the repository; cleanup of that branch removes it', async () => {
    gh.createBranch('ex-3-9');
    const deployed = await runAction('deploy-overlay', {
      env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO },
      inputs: sampleInputs(kube.kubeconfig(), { 'github-token': gh.token, environment: 'preview/{slug}' }),
    });
    expect(deployed.exitCode, leaks(deployed)).toBe(0);
    const made = gh.deployments().filter((d) => d.ref === 'ex-3-9');
    expect(made.map((d) => d.payload)).toEqual([{ 'managed-by': 'branch-env-actions', branch: 'ex-3-9', repository: REPO }]);
    const run = await cleanup('ex-3-9');
    expect(run.exitCode, leaks(run)).toBe(0);
    expect(gh.deployments().filter((d) => d.ref === 'ex-3-9')).toEqual([]);
    expect(gh.environments()).not.toContain('preview/ex-3-9');
  });

  it("keeps other workflows' deployments, another branch's marked ones, other repositories' marks, and environments the template does not name", async () => {
    const qa = `qa-${id}`;
    const own = `preview/${qa}`;
    gh.createBranch(qa);
    const ours = await deploy(qa, own, deploymentPayload(qa, REPO));
    // The same mark sent as JSON text: GitHub hands a string payload back as a string.
    const oursAsText = await deploy(qa, own, JSON.stringify(deploymentPayload(qa, REPO)));
    // Another workflow deploys branch qa to the EU region: no mark, environment qa-<id>-eu.
    const otherWorkflow = await deploy(qa, `${qa}-eu`);
    const otherTool = await deploy(qa, `${qa}-eu`, { 'managed-by': 'another-tool', branch: qa });
    // The suite's deployment of the branch literally named refs/heads/qa-<id> (same slug), in qa's environment.
    const oddBranch = await deploy(`refs/heads/${qa}`, `${qa}-odd`, deploymentPayload(`refs/heads/${qa}`, REPO));
    // A mark naming this branch of another repository (a fork's run, a copied payload).
    const otherRepo = await deploy(qa, `${qa}-fork`, deploymentPayload(qa, 'evil/preview-app'));
    gh.addEnvironment(`${qa}-eu-empty`);
    const before = gh.environments();

    const run = await cleanup(qa);
    expect(run.exitCode, leaks(run)).toBe(0);
    const left = ids();
    expect(left).not.toContain(ours);
    expect(left).not.toContain(oursAsText);
    for (const kept of [otherWorkflow, otherTool, oddBranch, otherRepo]) expect(left, `deployment ${kept}`).toContain(kept);
    expect(gh.environments()).not.toContain(own);
    for (const name of [`${qa}-eu`, `${qa}-odd`, `${qa}-fork`, `${qa}-eu-empty`]) expect(gh.environments(), name).toContain(name);
    expect(before.filter((name) => !gh.environments().includes(name))).toEqual([own]);
    const removed = JSON.parse(run.outputs['removed'] ?? '[]') as { kind: string; name: string }[];
    expect(
      removed
        .filter((r) => r.kind === 'deployment')
        .map((r) => r.name)
        .sort(),
    ).toEqual([`#${ours}`, `#${oursAsText}`].sort());
  });

  it("leaves the template's environment alone, saying why, while it holds deployments that are not this branch's marked ones", async () => {
    const b = `shared-${id}`;
    const own = `preview/${b}`;
    const ours = await deploy(b, own, deploymentPayload(b, REPO));
    // Another workflow deploys the same branch into the suite's environment.
    const foreign = await deploy(b, own, { source: 'manual-deploy.yml' });
    // The refs/heads/ twin of the branch, deployed by the suite into the same environment name.
    const twin = await deploy(`refs/heads/${b}`, own, deploymentPayload(`refs/heads/${b}`, REPO));

    const run = await cleanup(b);
    expect(run.exitCode, leaks(run)).toBe(0);
    expect(ids()).not.toContain(ours);
    expect(ids()).toEqual(expect.arrayContaining([foreign, twin]));
    expect(gh.environments()).toContain(own);
    const skipped = JSON.parse(run.outputs['skipped'] ?? '[]') as { kind: string; name: string; reason?: string }[];
    expect(skipped.find((s) => s.kind === 'environment' && s.name === own)?.reason).toMatch(/holds 2 deployment\(s\) that are not this branch's marked ones/);
  });
});

describe('cleanup-branch trusts only well-formed deployment lists', () => {
  it("removes nothing of the branch's GitHub objects when the environment's deployment list is an HTML page", async () => {
    const b = `html-${id}`;
    const own = `preview/${b}`;
    const ours = await deploy(b, own, deploymentPayload(b, REPO));
    const foreign = await deploy(b, own);
    gh.answers.script({
      method: 'GET',
      path: /\/deployments$/,
      query: { environment: own },
      answer: () => htmlReply(200, '<html><body>Please sign in</body></html>'),
    });
    const run = await cleanup(b);
    gh.answers.clear();
    expect(run.exitCode, leaks(run)).toBe(1);
    expect(leaks(run)).toMatch(
      /deployments \(environment preview\/html-\w+\) .* cannot be trusted: .* text\/html: a text body starting "<html><body>Please sign in/,
    );
    expect(ids()).toEqual(expect.arrayContaining([ours, foreign]));
    expect(gh.environments()).toContain(own);
  });
});

/** A namespace as deploy-overlay labels a branch's, made `daysAgo` days ago. */
function seedNamespace(branch: string, daysAgo: number): string {
  const names = branchNames(branch);
  const labels = ownershipLabels(names, 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855');
  const ns = kube.store.seed({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: names.namespace, labels: { ...labels, 'kubernetes.io/metadata.name': names.namespace } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
  const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z');
  kube.store.update('namespaces', { ...ns, metadata: { ...ns.metadata, creationTimestamp: at } });
  return names.namespace;
}

describe('a sweep trusts only well-formed answers from GitHub', () => {
  const live = `zz-live-${id}`;
  const gone = `gone-${id}`;
  let namespaces: string[] = [];
  let deployments: number[] = [];

  beforeAll(async () => {
    // 250 branches: the list spans three pages of 100, and the live branch is on the last.
    for (let n = 0; n < 250; n += 1) gh.createBranch(`filler-${String(n).padStart(3, '0')}`);
    gh.createBranch(live);
    namespaces = [seedNamespace(live, 3), seedNamespace(gone, 3)];
    clockOffsetMs = -3 * DAY_MS;
    try {
      deployments = [await deploy(live, `feature-${branchNames(live).slug}`, deploymentPayload(live, REPO))];
      deployments.push(await deploy(gone, `feature-${branchNames(gone).slug}`, deploymentPayload(gone, REPO)));
    } finally {
      clockOffsetMs = 0;
    }
    gh.deleteBranch(gone);
  });

  function sweep(): Promise<RunResult> {
    return runAction('cleanup-branch', {
      eventName: 'schedule',
      env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO, GITHUB_REF: 'refs/heads/main' },
      inputs: {
        mode: 'sweep',
        'dry-run': 'false',
        'grace-period': '1h',
        kubeconfig: kube.kubeconfig(),
        token: gh.token,
        repository: REPO,
        timeout: '30s',
        'poll-interval': '50ms',
      },
    });
  }

  const json =
    (body: unknown) =>
    (reply: Reply): Reply => ({ ...reply, body });
  const cases: [string, () => void, RegExp][] = [
    [
      'a 200 with a JSON object for the branch list',
      () => gh.answers.script({ method: 'GET', path: /\/branches$/, answer: json({ message: 'Moved', branches: [] }) }),
      /page 1 .* is not a JSON list: HTTP 200, application\/json: a JSON object with keys message, branches/,
    ],
    [
      'an HTML page with 200',
      () =>
        gh.answers.script({ method: 'GET', path: /\/branches$/, answer: () => htmlReply(200, '<!DOCTYPE html><html><body>Sign in to continue</body></html>') }),
      /is not a JSON list: HTTP 200, text\/html: a text body starting "<!DOCTYPE html>/,
    ],
    [
      'a page list cut short (page 2 loses its Link header)',
      () => gh.answers.script({ method: 'GET', path: /\/branches$/, query: { page: '2' }, answer: withoutLink }),
      /the list stops at page 2 .*promised 3 page\(s\)/,
    ],
    [
      'branch items without a name',
      () =>
        gh.answers.script({
          method: 'GET',
          path: /\/branches$/,
          query: { page: '1' },
          answer: (reply) => ({ ...reply, body: (reply.body as unknown[]).map((_item, i) => ({ nme: `b${i}` })) }),
        }),
      /item 1 on page 1 .* has no non-empty string `name`/,
    ],
    [
      'a 200 with a JSON object for the pull requests',
      () => gh.answers.script({ method: 'GET', path: /\/pulls$/, answer: json({ total_count: 0 }) }),
      /listing the open pull requests .* is not a JSON list: HTTP 200, application\/json: a JSON object with keys total_count/,
    ],
    [
      'pull requests without a head',
      () => gh.answers.script({ method: 'GET', path: /\/pulls$/, answer: json([{ number: 7, head: 'zz' }]) }),
      /item 1 on page 1 .* has no object `head`/,
    ],
  ];

  it.each(cases)('%s: stops, names the answer, removes nothing', async (_name, script, message) => {
    gh.answers.clear();
    script();
    const run = await sweep();
    gh.answers.clear();
    expect(run.exitCode, leaks(run)).toBe(1);
    const text = leaks(run);
    expect(text).toMatch(message);
    expect(text).toMatch(/cannot be trusted: .*removes nothing/);
    expect(text).not.toMatch(/bug in the suite|unexpected error/i);
    for (const name of namespaces) expect(kube.store.get('namespaces', undefined, name), name).toBeDefined();
    expect(ids()).toEqual(expect.arrayContaining(deployments));
    expect(JSON.parse(run.outputs['removed'] ?? '[]')).toEqual([]);
  });

  it("with well-formed answers, the same sweep removes the gone branch's environment and keeps the live one (the attacks above could have removed both)", async () => {
    const run = await sweep();
    expect(run.exitCode, leaks(run)).toBe(0);
    expect(kube.store.get('namespaces', undefined, branchNames(live).namespace)).toBeDefined();
    expect(ids()).toContain(deployments[0]);
    expect(ids()).not.toContain(deployments[1]);
    expect(JSON.parse(run.outputs['removed'] ?? '[]')).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'namespace', name: branchNames(gone).namespace })]),
    );
  });
});
