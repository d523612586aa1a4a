// bump-prod-tag through its bundle, as the runner runs it, against the GitHub emulator
// (GITHUB_API_URL) and a registry stub: the promotion pull request with the right diff,
// a no-op re-run, a newer tag on the same pull request, a concurrent pair, local and
// commit modes, and the failures (missing file or image, missing permission, bad input).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startRegistryStub, type RegistryStub } from '../helpers/registry-stub.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const OLD = 'main-1111111111111111111111111111111111111111';
const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'kustomizations');
const API = 'acme.azurecr.io/todo-api';
const WEB = 'acme.azurecr.io/todo-web';
const overlay = (name: string): string => `manifests/overlays/${name}/kustomization.yaml`;

let gh: GitHubEmulator;
let registry: RegistryStub;
let production: string;
let app: string[];
let workspace: string;

beforeAll(async () => {
  production = await readFile(path.join(fixtures, 'production.yaml'), 'utf8');
  registry = await startRegistryStub({ images: ['todo-api:v7'], auth: 'token-service', username: 'puller', password: 'registry-secret-1' });
  const stubOverlay = production.replaceAll('acme.azurecr.io/', `${registry.host}/`);
  gh = await startGitHubEmulator({
    owner: 'acme',
    repo: 'todo',
    files: {
      [overlay('production')]: production,
      [overlay('race')]: production,
      [overlay('commit')]: production,
      [overlay('registry')]: stubOverlay,
    },
  });
  app = [1, 2].map((n) => gh.commitFiles({ 'app/main.go': `// v${n}\n` }, { branch: 'app', message: `app v${n}` }));
  workspace = await mkdtemp(path.join(tmpdir(), 'bump-prod-tag-e2e-'));
});

afterAll(async () => {
  await gh.close();
  await registry.close();
  await rm(workspace, { recursive: true, force: true });
});

function bump(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction('bump-prod-tag', {
    eventName: 'push',
    event: { ref: 'refs/heads/main', repository: { name: 'todo', owner: { login: 'acme' }, default_branch: 'main' } },
    inputs: { token: gh.token, ...inputs },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/todo', GITHUB_RUN_ID: '4242', ...env },
    cwd: workspace,
  });
}

function expectFailure(result: RunResult, message: RegExp): void {
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toMatch(/::error::/);
  expect(result.stdout).toMatch(message);
  expect(Object.keys(result.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
}

const openPulls = (branch: string): ReturnType<GitHubEmulator['pulls']> => gh.pulls().filter((p) => p.head === branch && p.state === 'open');

describe('bump-prod-tag bundle', () => {
  it('opens the promotion pull request with exactly the tag lines changed', async () => {
    const tag = `main-${app[0]!}`;
    const r = await bump({ kustomization: overlay('production'), images: `${API}\n${WEB}`, tag, labels: 'promotion', reviewers: 'alice' });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const branch = 'promote/manifests-overlays-production';
    const [pull] = openPulls(branch);
    expect(r.outputs).toMatchObject({
      changed: 'true',
      'pull-request-number': String(pull?.number),
      'pull-request-url': `https://github.com/acme/todo/pull/${pull?.number}`,
      'commit-sha': gh.branchSha(branch),
    });
    expect(gh.readFile(overlay('production'), branch)).toBe(
      production.replace(`todo-api\n  newTag: ${OLD}`, `todo-api\n  newTag: ${tag}`).replace(`todo-web\n  newTag: ${OLD}`, `todo-web\n  newTag: ${tag}`),
    );
    expect(pull).toMatchObject({
      labels: ['promotion'],
      requestedReviewers: ['alice'],
      title: `Promote todo-api, todo-web to main-${app[0]!.slice(0, 7)} (manifests/overlays/production)`,
    });
    expect(pull?.body).toContain('[this workflow run](https://github.com/acme/todo/actions/runs/4242)');
    expect(JSON.parse(r.outputs['changes']!)).toEqual([
      { file: overlay('production'), image: API, field: 'newTag', old: OLD, new: tag },
      { file: overlay('production'), image: WEB, field: 'newTag', old: OLD, new: tag },
    ]);
    expect(r.summary).toContain('<table>');
    expect(r.summary).toContain(`<td>${API}</td><td>newTag</td><td>${OLD}</td><td>${tag}</td>`);
    expect(r.summary).toContain(`-  newTag: ${OLD}\n+  newTag: ${tag}`);
  });

  it('changes nothing on a re-run, and moves the same pull request to a newer tag', async () => {
    const branch = 'promote/manifests-overlays-production';
    const head = gh.branchSha(branch);
    const again = await bump({ kustomization: overlay('production'), images: `${API}\n${WEB}`, tag: `main-${app[0]!}` });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', 'commit-sha': head, 'pull-request-number': String(openPulls(branch)[0]?.number) });
    expect(gh.branchSha(branch)).toBe(head);
    const newer = await bump({ kustomization: 'manifests/overlays/production', images: `${API}=main-${app[1]!}` });
    expect(newer.exitCode).toBe(0);
    expect(newer.outputs).toMatchObject({ changed: 'true', 'pull-request-number': again.outputs['pull-request-number'] });
    expect(openPulls(branch)).toHaveLength(1);
    expect(gh.log(branch)[0]?.parents).toEqual([head]);
    expect(gh.readFile(overlay('production'), branch)).toContain(`todo-api\n  newTag: main-${app[1]!}`);
  });

  it('ends a concurrent pair of runs with one pull request at the newer tag', async () => {
    const runs = [app[1]!, app[0]!].map((sha) => bump({ kustomization: overlay('race'), images: `${API}=main-${sha}` }));
    const results = await Promise.all(runs);
    expect(results.map((r) => r.exitCode)).toEqual([0, 0]);
    const pulls = openPulls('promote/manifests-overlays-race');
    expect(pulls).toHaveLength(1);
    expect(new Set(results.map((r) => r.outputs['pull-request-number']))).toEqual(new Set([String(pulls[0]!.number)]));
    expect(gh.readFile(overlay('race'), 'promote/manifests-overlays-race')).toContain(`todo-api\n  newTag: main-${app[1]!}`);
    expect(pulls[0]!.body).toContain(`→ \`main-${app[1]!}\``);
  });

  it('commits straight to the base in commit mode', async () => {
    const r = await bump({ kustomization: overlay('commit'), images: `${WEB}=v2`, mode: 'commit' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ changed: 'true', 'commit-sha': gh.branchSha('main'), 'pull-request-number': '' });
    expect(gh.readFile(overlay('commit'))).toContain('todo-web\n  newTag: v2');
    expect(gh.log('main')[0]?.message).toMatch(/^Promote todo-web to v2 \(manifests\/overlays\/commit\)/);
  });

  it('edits only the workspace in local mode', async () => {
    const dir = path.join(workspace, 'overlays', 'prod');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const crlf = await readFile(path.join(fixtures, 'crlf.yaml'), 'utf8');
    await writeFile(path.join(dir, 'kustomization.yaml'), crlf);
    const r = await bump({ kustomization: 'overlays/prod', images: 'example/api:v2\nexample/new:v1', mode: 'local', 'add-missing': 'true', token: '' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ changed: 'true', 'commit-sha': '', 'pull-request-number': '' });
    const edited = await readFile(path.join(dir, 'kustomization.yaml'), 'utf8');
    expect(edited).toBe(crlf.replace('newTag: v1\r\n', 'newTag: v2\r\n').replace('resources:', '- name: example/new\r\n  newTag: "v1"\r\nresources:'));
    const again = await bump({ kustomization: 'overlays/prod', images: 'example/api:v2', mode: 'local', token: '' });
    expect(again.outputs['changed']).toBe('false');
  });

  it('verifies images in the registry first, masking the password', async () => {
    const host = registry.host;
    const ok = await bump({
      kustomization: overlay('registry'),
      images: `${host}/todo-api=v7`,
      'verify-images': 'true',
      'registry-username': 'puller',
      'registry-password': 'registry-secret-1',
      branch: 'promote/registry',
    });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('::add-mask::registry-secret-1');
    expect(ok.summary).toContain(`Found in their registries: ${host}/todo-api:v7`);
    const missing = await bump({
      kustomization: overlay('registry'),
      images: `${host}/todo-api=v8\n${host}/todo-web=v8`,
      'verify-images': 'true',
      'registry-username': 'puller',
      'registry-password': 'registry-secret-1',
      branch: 'promote/registry-missing',
    });
    expectFailure(missing, new RegExp(`Not in the registry: "${host}/todo-api:v8", "${host}/todo-web:v8"`));
    expect(gh.branchSha('promote/registry-missing')).toBeUndefined();
  });

  it.each([
    [
      'a missing file',
      { kustomization: overlay('gone'), images: `${API}=v1` },
      /manifests\/overlays\/gone\/kustomization\.yaml does not exist on main in acme\/todo/,
    ],
    [
      'a missing image',
      { kustomization: overlay('production'), images: 'acme.azurecr.io/todo-ap=v1' },
      /has no `images` entry for "acme.azurecr.io\/todo-ap" \(it has "acme.azurecr.io\/todo-api"/,
    ],
    ['a malformed tag', { kustomization: overlay('production'), images: `${API}=v1!` }, /Input `images` entry 1 .*"v1!" is not a valid/],
    ['a malformed digest', { kustomization: overlay('production'), images: `${API}@sha256:1234` }, /"sha256:1234" is not a valid digest/],
    [
      'a manifest that is not a kustomization',
      { kustomization: 'README.md', images: `${API}=v1` },
      /README\.md is not valid YAML|README\.md is not a kustomization/,
    ],
    [
      'an unknown mode',
      { kustomization: overlay('production'), images: `${API}=v1`, mode: 'push' },
      /Input `mode` must be one of "pull-request", "commit", "local", got "push"/,
    ],
  ])('fails on %s, naming it, and writes no output', async (_what, inputs, message) => {
    expectFailure(await bump(inputs), message);
  });

  it('names the permission a token lacks', async () => {
    gh.addToken('ghs_contents_only', { contents: 'write', pull_requests: 'read' });
    const r = await bump({ kustomization: overlay('production'), images: `${API}=v9`, branch: 'promote/no-pr-permission', token: 'ghs_contents_only' });
    expectFailure(r, /GitHub refused opening or updating the promotion pull request: Resource not accessible by integration.*pull_requests: write/);
  });
});
