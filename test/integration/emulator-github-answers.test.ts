// The GitHub emulator's deployment payloads (stored and returned as GitHub does: an object as an
// object, a string as a string, `{}` when none is sent; anything else refused) and its scripted
// answers, seen through Octokit.
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReply, startGitHubEmulator, withoutLink, type GitHubEmulator } from '../emulators/github/index.ts';

let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
const repo = { owner: 'octo-org', repo: 'app' };
beforeAll(async () => {
  gh = await startGitHubEmulator();
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
});
afterAll(async () => {
  await gh?.close();
});

describe('GitHub emulator: deployment payloads', () => {
  it('returns an object payload as an object, a string payload as the same string, and {} by default', async () => {
    const create = async (payload?: Record<string, unknown> | string): Promise<unknown> => {
      const created = await octokit.rest.repos.createDeployment({
        ...repo,
        ref: 'main',
        environment: 'payloads',
        auto_merge: false,
        required_contexts: [],
        ...(payload === undefined ? {} : { payload }),
      });
      if (!('id' in created.data)) throw new Error('no deployment');
      const { id, payload: returned } = created.data;
      const listed = await octokit.rest.repos.listDeployments({ ...repo, environment: 'payloads' });
      expect(listed.data.find((d) => d.id === id)?.payload).toEqual(returned);
      return returned;
    };
    expect(await create({ 'managed-by': 'branch-env-actions', branch: 'x' })).toEqual({ 'managed-by': 'branch-env-actions', branch: 'x' });
    expect(await create('{"branch":"x"}')).toBe('{"branch":"x"}');
    expect(await create()).toEqual({});
  });

  it('refuses a payload that is neither an object nor a string (422)', async () => {
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/deployments', {
        ...repo,
        ref: 'main',
        payload: 5 as unknown as string,
        auto_merge: false,
        required_contexts: [],
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('GitHub emulator: scripted answers', () => {
  it('replaces or edits the answer to matching requests only, as often as told', async () => {
    for (let n = 0; n < 120; n += 1) gh.createBranch(`b-${String(n).padStart(3, '0')}`);
    gh.answers.script(
      { method: 'GET', path: /\/branches$/, query: { page: '1' }, times: 1, answer: () => htmlReply(200, '<html>proxy</html>') },
      { method: 'GET', path: /\/branches$/, query: { page: '2' }, answer: withoutLink },
    );
    const html = await octokit.request('GET /repos/{owner}/{repo}/branches', { ...repo, per_page: 100 });
    expect(html.data as unknown).toBe('<html>proxy</html>');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    const first = await octokit.request('GET /repos/{owner}/{repo}/branches', { ...repo, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toMatch(/rel="next"/);
    const second = await octokit.request('GET /repos/{owner}/{repo}/branches', { ...repo, per_page: 100, page: 2 });
    expect(second.data.length).toBeGreaterThan(0);
    expect(second.headers.link).toBeUndefined();
    expect(gh.answers.used).toBe(2);
    gh.answers.clear();
    expect((await octokit.request('GET /repos/{owner}/{repo}/branches', { ...repo, per_page: 100, page: 2 })).headers.link).toMatch(/rel="first"/);
  });
});
