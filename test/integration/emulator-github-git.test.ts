// The GitHub emulator's git data and contents APIs, driven by Octokit from
// @actions/github, with every object id checked against the real git CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';

type Octokit = ReturnType<typeof getOctokit>;

let gh: GitHubEmulator;
let octokit: Octokit;
let gitDir: string;
const repo = { owner: 'acme', repo: 'deployments' };
const fixedAuthor = { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-05-01T12:00:00Z' };

beforeAll(async () => {
  gh = await startGitHubEmulator({ ...repo, files: { 'overlays/production/kustomization.yaml': 'images:\n  - name: app\n    newTag: v1\n' } });
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
  gitDir = mkdtempSync(path.join(tmpdir(), 'gh-emulator-git-'));
  execFileSync('git', ['init', '-q', gitDir]);
});

afterAll(async () => {
  await gh.close();
  rmSync(gitDir, { recursive: true, force: true });
});

function git(args: string[], input?: string | Buffer, env: Record<string, string> = {}): string {
  return execFileSync('git', ['-C', gitDir, ...args], { input, env: { ...process.env, ...env } })
    .toString('utf8')
    .trim();
}

/**
 * Rebuilds a commit in a real git repository from what the API returns
 * (commit, trees, blobs, parents, recursively) and returns the id git gives
 * it. Equal ids mean the emulator hashed every object exactly as git does.
 */
async function replayCommit(sha: string): Promise<string> {
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: sha });
  const parents: string[] = [];
  for (const parent of commit.parents) parents.push(await replayCommit(parent.sha));
  const tree = await replayTree(commit.tree.sha);
  const seconds = (iso: string): string => `@${Date.parse(iso) / 1000} +0000`;
  return git(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], commit.message, {
    GIT_AUTHOR_NAME: commit.author.name,
    GIT_AUTHOR_EMAIL: commit.author.email,
    GIT_AUTHOR_DATE: seconds(commit.author.date),
    GIT_COMMITTER_NAME: commit.committer.name,
    GIT_COMMITTER_EMAIL: commit.committer.email,
    GIT_COMMITTER_DATE: seconds(commit.committer.date),
  });
}

async function replayTree(sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha });
  const lines: string[] = [];
  for (const entry of data.tree) {
    let id: string;
    if (entry.type === 'tree') id = await replayTree(entry.sha);
    else {
      const { data: blob } = await octokit.rest.git.getBlob({ ...repo, file_sha: entry.sha });
      id = git(['hash-object', '-w', '--stdin'], Buffer.from(blob.content, 'base64'));
    }
    lines.push(`${entry.mode} ${entry.type} ${id}\t${entry.path}`);
  }
  return git(['mktree'], lines.length ? `${lines.join('\n')}\n` : '');
}

describe('GitHub emulator: git data API', () => {
  it('serves the preset repository with main at a first commit', async () => {
    const { data } = await octokit.rest.repos.get(repo);
    expect(data.full_name).toBe('acme/deployments');
    expect(data.default_branch).toBe('main');
    const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(ref.object.sha).toBe(gh.branchSha('main'));
    expect(gh.listFiles()).toEqual(['README.md', 'overlays/production/kustomization.yaml']);
    expect(await replayCommit(ref.object.sha)).toBe(ref.object.sha);
  });

  it('commits without a checkout: ref, commit, blob, tree, commit, create and update ref', async () => {
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const { data: parent } = await octokit.rest.git.getCommit({ ...repo, commit_sha: main.object.sha });
    const content = 'images:\n  - name: app\n    newTag: v2\n';
    const { data: blob } = await octokit.rest.git.createBlob({ ...repo, content, encoding: 'utf-8' });
    expect(blob.sha).toBe(git(['hash-object', '--stdin'], content));
    const { data: tree } = await octokit.rest.git.createTree({
      ...repo,
      base_tree: parent.tree.sha,
      tree: [
        { path: 'overlays/production/kustomization.yaml', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'overlays/staging/kustomization.yaml', mode: '100644', type: 'blob', content: 'resources: []\n' },
      ],
    });
    const { data: commit } = await octokit.rest.git.createCommit({
      ...repo,
      message: 'Promote app to v2\n\nBody line.\n',
      tree: tree.sha,
      parents: [parent.sha],
      author: fixedAuthor,
      committer: fixedAuthor,
    });
    expect(commit.parents.map((p) => p.sha)).toEqual([parent.sha]);
    expect(await replayCommit(commit.sha)).toBe(commit.sha);

    const { data: created } = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/promote/app', sha: commit.sha });
    expect(created.ref).toBe('refs/heads/promote/app');
    const again = octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/promote/app', sha: commit.sha });
    await expect(again).rejects.toMatchObject({ status: 422, response: { data: { message: 'Reference already exists' } } });

    // The branch name has a slash: Octokit sends it as heads%2Fpromote%2Fapp.
    const { data: got } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/promote/app' });
    expect(got.object.sha).toBe(commit.sha);
    expect(gh.readFile('overlays/production/kustomization.yaml', 'promote/app')).toBe(content);
    expect(gh.readFile('overlays/production/kustomization.yaml')).toContain('newTag: v1');

    // Moving main onto a commit that does not descend from it is refused without force.
    const { data: sideways } = await octokit.rest.git.createCommit({ ...repo, message: 'unrelated', tree: tree.sha, parents: [], author: fixedAuthor });
    const notFf = octokit.rest.git.updateRef({ ...repo, ref: 'heads/promote/app', sha: sideways.sha });
    await expect(notFf).rejects.toMatchObject({ status: 422, response: { data: { message: 'Update is not a fast forward' } } });
    expect(gh.branchSha('promote/app')).toBe(commit.sha);
    const { data: forced } = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/promote/app', sha: sideways.sha, force: true });
    expect(forced.object.sha).toBe(sideways.sha);

    // A fast-forward is accepted.
    const { data: child } = await octokit.rest.git.createCommit({ ...repo, message: 'child', tree: tree.sha, parents: [sideways.sha], author: fixedAuthor });
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/promote/app', sha: child.sha });
    expect(gh.branchSha('promote/app')).toBe(child.sha);
    expect(await replayCommit(child.sha)).toBe(child.sha);
  });

  it('lets exactly one of two racing fast-forward updates win, as GitHub does', async () => {
    gh.createBranch('race');
    const base = gh.branchSha('race')!;
    const { data: baseCommit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: base });
    const make = async (tag: string): Promise<string> => {
      const { data: tree } = await octokit.rest.git.createTree({
        ...repo,
        base_tree: baseCommit.tree.sha,
        tree: [{ path: 'tag.txt', mode: '100644', type: 'blob', content: `${tag}\n` }],
      });
      const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message: tag, tree: tree.sha, parents: [base] });
      return commit.sha;
    };
    const [a, b] = await Promise.all([make('a'), make('b')]);
    const results = await Promise.allSettled([a, b].map((sha) => octokit.rest.git.updateRef({ ...repo, ref: 'heads/race', sha })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ status: 422, response: { data: { message: 'Update is not a fast forward' } } });
    expect([a, b]).toContain(gh.branchSha('race'));
    // A ref cannot be both a branch and a directory of branches.
    await expect(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/race/sub', sha: base })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference update failed' } },
    });
    await expect(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/bad..name', sha: base })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'refs/heads/bad..name is not a valid ref name.' } },
    });
  });

  it('builds trees with subdirectories, deletions (sha null) and recursive listing as git does', async () => {
    const { data: base } = await octokit.rest.git.createTree({
      ...repo,
      tree: [
        { path: 'a.txt', mode: '100644', type: 'blob', content: 'a\n' },
        { path: 'bin/run.sh', mode: '100755', type: 'blob', content: '#!/bin/sh\necho hi\n' },
        { path: 'dir/sub/deep.txt', mode: '100644', type: 'blob', content: 'deep\n' },
        { path: 'dir.txt', mode: '100644', type: 'blob', content: 'sorts before dir/ in git\n' },
        { path: 'link', mode: '120000', type: 'blob', content: 'a.txt' },
      ],
    });
    expect(await replayTree(base.sha)).toBe(base.sha);
    const { data: edited } = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.sha,
      tree: [
        { path: 'dir/sub/deep.txt', mode: '100644', type: 'blob', sha: null },
        { path: 'a.txt', mode: '100644', type: 'blob', content: 'changed\n' },
      ],
    });
    expect(await replayTree(edited.sha)).toBe(edited.sha);
    const { data: listing } = await octokit.rest.git.getTree({ ...repo, tree_sha: edited.sha, recursive: 'true' });
    expect(listing.tree.map((e) => `${e.type}:${e.path}`)).toEqual(['blob:a.txt', 'tree:bin', 'blob:bin/run.sh', 'blob:dir.txt', 'blob:link']);
    const bad = octokit.rest.git.createTree({ ...repo, tree: [{ path: 'x', mode: '100644', type: 'blob', sha: '0'.repeat(40) }] });
    await expect(bad).rejects.toMatchObject({ status: 422, response: { data: { message: `tree.sha ${'0'.repeat(40)} is not a valid blob` } } });
  });

  it('reads contents at a ref as base64 with a newline every 60 characters, and 404s a missing file', async () => {
    const text = `${'0123456789'.repeat(12)}\nend\n`;
    const sha = gh.commitFiles({ 'docs/long.txt': text }, { branch: 'docs' });
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'docs/long.txt', ref: 'docs' });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(data.encoding).toBe('base64');
    expect(
      data.content
        .split('\n')
        .slice(0, -1)
        .every((line) => line.length <= 60),
    ).toBe(true);
    expect(data.content.split('\n')[0]).toHaveLength(60);
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(text);
    expect(data.sha).toBe(git(['hash-object', '--stdin'], text));
    expect(gh.branchSha('docs')).toBe(sha);
    await expect(octokit.rest.repos.getContent({ ...repo, path: 'docs/long.txt' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ ...repo, path: 'x', ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'No commit found for the ref no-such-branch' } },
    });
  });

  it('creates and updates a file through PUT contents with the sha check', async () => {
    const put = (content: string, sha?: string): ReturnType<Octokit['rest']['repos']['createOrUpdateFileContents']> =>
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'notes/todo.md',
        message: 'todo',
        content: Buffer.from(content).toString('base64'),
        branch: 'main',
        ...(sha ? { sha } : {}),
      });
    const created = await put('one\n');
    expect(created.status).toBe(201);
    await expect(put('two\n')).rejects.toMatchObject({ status: 422 });
    await expect(put('two\n', 'f'.repeat(40))).rejects.toMatchObject({ status: 409 });
    const updated = await put('two\n', created.data.content!.sha);
    expect(updated.status).toBe(200);
    expect(gh.readFile('notes/todo.md')).toBe('two\n');
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha);
    expect(await replayCommit(updated.data.commit.sha!)).toBe(updated.data.commit.sha);
  });

  it('lists matching refs and deletes a ref, closing nothing else', async () => {
    gh.createBranch('feature/one');
    gh.createBranch('feature/two');
    const { data } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feature/' });
    expect(data.map((r) => r.ref)).toEqual(['refs/heads/feature/one', 'refs/heads/feature/two']);
    await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/one' });
    expect(gh.branches()).not.toContain('feature/one');
    expect(gh.branches()).toContain('feature/two');
    await expect(octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/one' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference does not exist' } },
    });
    await expect(octokit.rest.git.getRef({ ...repo, ref: 'heads/feature/one' })).rejects.toMatchObject({ status: 404 });
  });
});
