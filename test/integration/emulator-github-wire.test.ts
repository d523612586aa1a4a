// The GitHub emulator's wire shapes and behaviour at the edges: response keys
// checked against real recorded responses (@octokit/fixtures) and against
// the required properties of GitHub's OpenAPI description
// (@octokit/openapi-types), plus authentication, fine-grained permissions,
// pagination links and injected faults.
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';

type Json = unknown;
interface FixtureCall {
  method: string;
  path: string;
  status: number;
  response: Json;
  headers: Record<string, string>;
}

let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
let repo: { owner: string; repo: string };

beforeAll(async () => {
  gh = await startGitHubEmulator();
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
  repo = { owner: gh.owner, repo: gh.repo };
});

afterAll(async () => {
  await gh.close();
});

function fixture(name: string): FixtureCall[] {
  const file = new URL(`../../node_modules/@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureCall[];
}

function call(name: string, method: string, pathPattern: RegExp): FixtureCall {
  const found = fixture(name).find((c) => c.method === method && pathPattern.test(c.path));
  if (!found) throw new Error(`fixture ${name} has no ${method} ${String(pathPattern)}`);
  return found;
}

/** Paths of keys present in the recorded response but missing from ours, recursively. */
function missingKeys(expected: Json, actual: Json, at = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at} (not an array)`];
    return expected.length > 0 && actual.length > 0 ? missingKeys(expected[0], actual[0], `${at}[0]`) : [];
  }
  if (expected === null || typeof expected !== 'object') return [];
  if (actual === null || typeof actual !== 'object') return [`${at} (not an object)`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in actual)) out.push(`${at}.${key}`);
    else out.push(...missingKeys(value, (actual as Record<string, Json>)[key], `${at}.${key}`));
  }
  return out;
}

/** Required top-level properties of a schema in GitHub's OpenAPI description, read from @octokit/openapi-types. */
let openapiLines: string[] | undefined;

function requiredKeys(schema: string): string[] {
  const file = new URL('../../node_modules/@octokit/openapi-types/types.d.ts', import.meta.url);
  const lines = (openapiLines ??= readFileSync(file, 'utf8').split('\n'));
  const components = lines.indexOf('export interface components {');
  const start = lines.findIndex((l, i) => i > components && (l === `    "${schema}": {` || l === `    ${schema}: {`));
  if (start < 0) throw new Error(`schema ${schema} not found in @octokit/openapi-types`);
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^ {4}\}/.test(line)) break;
    const m = /^ {6}("?)([\w+-]+)\1(\??):/.exec(line);
    if (m && m[3] !== '?') keys.push(m[2]!);
  }
  return keys;
}

async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${gh.url}${path}`, {
    ...init,
    headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

describe('GitHub emulator: shapes match recorded GitHub responses', () => {
  it('git refs (create, list) carry the recorded keys', async () => {
    const sha = gh.branchSha('main')!;
    const { data: created } = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/shape-test', sha });
    expect(missingKeys(call('git-refs', 'post', /git\/refs$/).response, created)).toEqual([]);
    const { data: listed } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/' });
    expect(missingKeys(call('git-refs', 'get', /git\/refs\/$/).response, listed)).toEqual([]);
  });

  it('contents (directory listing, raw file, file create) carry the recorded keys', async () => {
    const { data: listing } = await octokit.rest.repos.getContent({ ...repo, path: '' });
    expect(missingKeys(call('get-content', 'get', /contents\/$/).response, listing)).toEqual([]);
    const rawFile = await octokit.rest.repos.getContent({ ...repo, path: 'README.md', mediaType: { format: 'raw' } });
    expect(rawFile.data as unknown).toBe(`# ${gh.repo}\n`);
    const { data: created } = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'test.txt',
      message: 'create test.txt',
      content: 'VGVzdCBjb250ZW50',
    });
    expect(missingKeys(call('create-file', 'put', /contents\/test\.txt$/).response, created)).toEqual([]);
    expect(created.content?.sha).toBe('3f3f005b29247e51a4f4d6b8ce07b67646cd6074'); // the recorded blob id of "Test content"
  });

  it('issues, labels, repository and validation errors carry the recorded keys', async () => {
    const { data: issue } = await octokit.rest.issues.create({ ...repo, title: 'Issue without a label' });
    expect(missingKeys(call('add-labels-to-issue', 'post', /issues$/).response, issue)).toEqual([]);
    const { data: labels } = await octokit.rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ['Foo', 'bAr', 'baZ'] });
    expect(missingKeys(call('add-labels-to-issue', 'post', /labels$/).response, labels)).toEqual([]);
    expect(labels.map((l) => l.name)).toEqual(['Foo', 'bAr', 'baZ']);
    const { data: repository } = await octokit.rest.repos.get(repo);
    expect(missingKeys(call('get-repository', 'get', /hello-world$/).response, repository)).toEqual([]);
    const error = await octokit.rest.issues.createLabel({ ...repo, name: 'foo', color: 'invalid' }).catch((e: unknown) => e);
    const recorded = call('errors', 'post', /labels$/);
    expect(error).toMatchObject({
      status: recorded.status,
      response: { data: { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'invalid', field: 'color' }] } },
    });
    expect(missingKeys(recorded.response, (error as { response: { data: Json } }).response.data)).toEqual([]);
  });

  it('pages with Link headers shaped like the recorded ones', async () => {
    for (let i = 0; i < 12; i += 1) await octokit.rest.issues.create({ ...repo, title: `page ${i}` });
    const rels = (link: string | undefined): string[] => [...(link ?? '').matchAll(/rel="(\w+)"/g)].map((m) => m[1]!);
    const recorded = fixture('paginate-issues').map((c) => rels(c.headers['link']));
    const first = await octokit.rest.issues.listForRepo({ ...repo, per_page: 3 });
    const second = await octokit.rest.issues.listForRepo({ ...repo, per_page: 3, page: 2 });
    expect(rels(first.headers.link)).toEqual(recorded[0]);
    expect(rels(second.headers.link)).toEqual(recorded[1]);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 3 });
    expect(all.length).toBe([...gh.state.issues.values()].filter((i) => i.state === 'open').length);
  });
});

describe('GitHub emulator: shapes carry the required properties of the OpenAPI description', () => {
  it('pull requests, comments, branches, compare, git objects, deployments, statuses, environments', async () => {
    gh.commitFiles({ 'openapi.txt': 'x\n' }, { branch: 'openapi' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: 'openapi', base: 'main', title: 'OpenAPI' });
    const { data: pulls } = await octokit.rest.pulls.list(repo);
    const { data: comment } = await octokit.rest.issues.createComment({ ...repo, issue_number: pr.number, body: 'hi' });
    const { data: branch } = await octokit.rest.repos.getBranch({ ...repo, branch: 'openapi' });
    const { data: branches } = await octokit.rest.repos.listBranches(repo);
    const { data: comparison } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...openapi' });
    const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: gh.branchSha('openapi')! });
    const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.tree.sha });
    const { data: blob } = await octokit.rest.git.getBlob({ ...repo, file_sha: tree.tree[0]!.sha });
    const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/openapi' });
    const created = await octokit.rest.repos.createDeployment({ ...repo, ref: 'openapi', environment: 'openapi', auto_merge: false, required_contexts: [] });
    const deployment = created.data as { id: number };
    const { data: status } = await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deployment.id, state: 'success' });
    const { data: env } = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'openapi' });
    const checks: [string, Json][] = [
      ['pull-request', pr],
      ['pull-request-simple', pulls[0]],
      ['issue-comment', comment],
      ['branch-with-protection', branch],
      ['short-branch', branches[0]],
      ['commit-comparison', comparison],
      ['commit', comparison.commits[0]],
      ['git-commit', commit],
      ['git-tree', tree],
      ['blob', blob],
      ['git-ref', ref],
      ['deployment', deployment],
      ['deployment-status', status],
      ['environment', env],
      ['simple-user', pr.user],
    ];
    for (const [schema, value] of checks) {
      const missing = requiredKeys(schema).filter((key) => !(key in (value as Record<string, unknown>)));
      expect({ schema, missing }).toEqual({ schema, missing: [] });
    }
    expect(requiredKeys('pull-request')).toContain('head');
  });
});

describe('GitHub emulator: authentication and permissions', () => {
  it('answers 401 Bad credentials for an unknown token and accepts Bearer', async () => {
    const bad = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}`, { headers: { authorization: 'token nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    await expect(getOctokit('nope', { baseUrl: gh.url }).rest.repos.get(repo)).rejects.toMatchObject({ status: 401 });
    const bearer = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}`, { headers: { authorization: `Bearer ${gh.token}` } });
    expect(bearer.status).toBe(200);
  });

  it('refuses writes the token has no permission for, naming the permission it needs', async () => {
    gh.addToken('read-only', { contents: 'read', 'pull-requests': 'write' });
    const reader = getOctokit('read-only', { baseUrl: gh.url });
    const { data } = await reader.rest.repos.getContent({ ...repo, path: 'README.md' });
    expect(Array.isArray(data)).toBe(false);
    const error = await reader.rest.git.createBlob({ ...repo, content: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' }, headers: { 'x-accepted-github-permissions': 'contents=write' } },
    });
    await expect(reader.rest.repos.createDeployment({ ...repo, ref: 'main' })).rejects.toMatchObject({ status: 403 });
    // Labels on a pull request may be added with pull-requests: write alone.
    gh.commitFiles({ 'perm.txt': 'p\n' }, { branch: 'perm' });
    const { data: pr } = await reader.rest.pulls.create({ ...repo, head: 'perm', base: 'main', title: 'perm' });
    await reader.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels: ['ok'] });
    expect(gh.labelsOf(pr.number)).toEqual(['ok']);
    gh.removeToken('read-only');
    await expect(reader.rest.repos.get(repo)).rejects.toMatchObject({ status: 401 });
  });

  it('decodes percent-encoded refs after routing, with or without encoding', async () => {
    gh.createBranch('feature/enc/x');
    const encoded = await raw(`/repos/${gh.owner}/${gh.repo}/git/ref/heads%2Ffeature%2Fenc%2Fx`);
    const plain = await raw(`/repos/${gh.owner}/${gh.repo}/git/ref/heads/feature/enc/x`);
    expect(encoded.status).toBe(200);
    expect(((await encoded.json()) as { ref: string }).ref).toBe('refs/heads/feature/enc/x');
    expect(((await plain.json()) as { ref: string }).ref).toBe('refs/heads/feature/enc/x');
  });
});

describe('GitHub emulator: faults and counters', () => {
  it('injects a secondary rate limit with retry-after, server errors and dropped connections, and counts requests', async () => {
    gh.requests.reset();
    const path = /\/git\/ref\/heads/;
    gh.faults.script(
      { method: 'GET', path, fault: { kind: 'status', status: 429, retryAfterSeconds: 7 }, times: 1 },
      { method: 'GET', path, fault: { kind: 'status', status: 403, code: 'secondary_rate_limit', retryAfterSeconds: 3 }, times: 1 },
      { method: 'GET', path, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'GET', path, fault: { kind: 'drop' }, times: 1 },
    );
    const get = (): Promise<unknown> => octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const limited = await get().catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, response: { headers: { 'retry-after': '7' } } });
    expect((limited as { message: string }).message).toMatch(/secondary rate limit/);
    await expect(get()).rejects.toMatchObject({ status: 403, response: { headers: { 'retry-after': '3' } } });
    await expect(get()).rejects.toMatchObject({ status: 503 });
    await expect(get()).rejects.toThrow();
    await expect(get()).resolves.toMatchObject({ status: 200 });
    expect(gh.requests.count('GET', path)).toBe(5);
    expect(gh.faults.injected).toBe(4);
  });
});
