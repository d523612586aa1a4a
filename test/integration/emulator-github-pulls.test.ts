// Pull requests, labels, reviewers, sticky comments, branches and compare on
// the GitHub emulator, driven by Octokit from @actions/github.
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';

let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
let repo: { owner: string; repo: string };

beforeAll(async () => {
  gh = await startGitHubEmulator({ files: { 'overlays/production/kustomization.yaml': 'images:\n  - name: app\n    newTag: v1\n' } });
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
  repo = { owner: gh.owner, repo: gh.repo };
});

afterAll(async () => {
  await gh.close();
});

describe('GitHub emulator: pull requests', () => {
  it('creates a pull request, refuses a duplicate with the real 422, finds it by head, updates it', async () => {
    gh.commitFiles(
      { 'overlays/production/kustomization.yaml': 'images:\n  - name: app\n    newTag: v2\n' },
      { branch: 'promote/production', message: 'Promote app to v2' },
    );
    const { data: pr } = await octokit.rest.pulls.create({
      ...repo,
      head: 'promote/production',
      base: 'main',
      title: 'Promote app to v2',
      body: 'app: v1 → v2',
    });
    expect(pr.number).toBeGreaterThan(0);
    expect(pr.state).toBe('open');
    expect(pr.head).toMatchObject({ ref: 'promote/production', sha: gh.branchSha('promote/production'), label: `${gh.owner}:promote/production` });
    expect(pr.base).toMatchObject({ ref: 'main', sha: gh.branchSha('main') });
    expect(pr.html_url).toBe(`https://github.com/${gh.owner}/${gh.repo}/pull/${pr.number}`);
    expect(pr.user?.login).toBe('github-actions[bot]');

    const duplicate = octokit.rest.pulls.create({ ...repo, head: `${gh.owner}:promote/production`, base: 'main', title: 'again' });
    await expect(duplicate).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${gh.owner}:promote/production.` }],
        },
      },
    });

    const { data: found } = await octokit.rest.pulls.list({ ...repo, head: `${gh.owner}:promote/production`, state: 'open' });
    expect(found.map((p) => p.number)).toEqual([pr.number]);
    const { data: none } = await octokit.rest.pulls.list({ ...repo, head: `${gh.owner}:other`, state: 'open' });
    expect(none).toEqual([]);

    // A new commit on the head branch moves the pull request's head sha.
    const newer = gh.commitFiles({ 'overlays/production/kustomization.yaml': 'images:\n  - name: app\n    newTag: v3\n' }, { branch: 'promote/production' });
    const { data: updated } = await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, title: 'Promote app to v3', body: 'app: v1 → v3' });
    expect(updated.title).toBe('Promote app to v3');
    expect(updated.head.sha).toBe(newer);
    expect(gh.pulls()).toMatchObject([{ number: pr.number, title: 'Promote app to v3', body: 'app: v1 → v3', state: 'open' }]);

    await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'closed' });
    const { data: open } = await octokit.rest.pulls.list({ ...repo, state: 'open' });
    expect(open).toEqual([]);
    const { data: all } = await octokit.rest.pulls.list({ ...repo, state: 'all' });
    expect(all.map((p) => p.state)).toEqual(['closed']);
  });

  it('refuses a pull request with no commits or a missing branch', async () => {
    gh.createBranch('empty');
    await expect(octokit.rest.pulls.create({ ...repo, head: 'empty', base: 'main', title: 't' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'No commits between main and empty' }] } },
    });
    await expect(octokit.rest.pulls.create({ ...repo, head: 'missing', base: 'main', title: 't' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] } },
    });
  });

  it('adds labels and reviewers, and keeps a sticky comment up to date', async () => {
    gh.commitFiles({ 'x.txt': 'x\n' }, { branch: 'feature/labels' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: 'feature/labels', base: 'main', title: 'Labels' });
    const { data: labels } = await octokit.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels: ['promotion', 'production'] });
    expect(labels.map((l) => l.name)).toEqual(['promotion', 'production']);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels: ['Promotion'] });
    const { data: listed } = await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: pr.number });
    expect(listed.map((l) => l.name)).toEqual(['promotion', 'production']);
    expect(gh.labelsOf(pr.number)).toEqual(['promotion', 'production']);

    const { data: withReviewers } = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ['octocat'] });
    expect(withReviewers.requested_reviewers?.map((u) => u.login)).toEqual(['octocat']);
    await expect(octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ['github-actions[bot]'] })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Review cannot be requested from pull request author.' } },
    });

    const marker = '<!-- preview-env -->';
    const { data: comment } = await octokit.rest.issues.createComment({ ...repo, issue_number: pr.number, body: `${marker}\nfirst` });
    const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: pr.number });
    const sticky = comments.find((c) => c.body?.startsWith(marker));
    expect(sticky?.id).toBe(comment.id);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: `${marker}\nsecond` });
    expect(gh.comments(pr.number)).toEqual([{ id: comment.id, body: `${marker}\nsecond`, user: 'github-actions[bot]' }]);
  });

  it('closes open pull requests when their head branch is deleted', async () => {
    gh.commitFiles({ 'y.txt': 'y\n' }, { branch: 'feature/gone' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: 'feature/gone', base: 'main', title: 'Gone' });
    const head = gh.branchSha('feature/gone');
    await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/gone' });
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(data.state).toBe('closed');
    expect(data.head.sha).toBe(head);
  });

  it('merges a pull request into its base', async () => {
    gh.commitFiles({ 'merge-me.txt': 'merged\n' }, { branch: 'feature/merge' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: 'feature/merge', base: 'main', title: 'Merge me' });
    const { data: merged } = await octokit.rest.pulls.merge({ ...repo, pull_number: pr.number });
    expect(merged.merged).toBe(true);
    expect(gh.branchSha('main')).toBe(merged.sha);
    expect(gh.readFile('merge-me.txt')).toBe('merged\n');
    expect(gh.pulls().find((p) => p.number === pr.number)).toMatchObject({ state: 'closed', merged: true });
  });
});

describe('GitHub emulator: branches and compare', () => {
  it('pages branches with Link headers that octokit.paginate follows', async () => {
    for (let i = 0; i < 45; i += 1) gh.createBranch(`feature/many-${String(i).padStart(2, '0')}`);
    const first = await octokit.rest.repos.listBranches({ ...repo, per_page: 20 });
    expect(first.data).toHaveLength(20);
    expect(first.headers.link).toMatch(/<[^>]+[?&]page=2[^>]*>; rel="next"/);
    expect(first.headers.link).toMatch(/rel="last"/);
    const all = await octokit.paginate(octokit.rest.repos.listBranches, { ...repo, per_page: 20 });
    expect(all.map((b) => b.name)).toEqual(gh.branches());
    expect(all.filter((b) => b.name.startsWith('feature/many-'))).toHaveLength(45);
    const { data: one } = await octokit.rest.repos.getBranch({ ...repo, branch: 'feature/many-07' });
    expect(one.commit.sha).toBe(gh.branchSha('feature/many-07'));
    await expect(octokit.rest.repos.getBranch({ ...repo, branch: 'nope/none' })).rejects.toMatchObject({ status: 404 });
  });

  it('compares two commits and lists the commits between them, oldest first', async () => {
    const base = gh.createBranch('compare/base');
    const one = gh.commitFiles({ 'c.txt': 'one\n' }, { branch: 'compare/head', message: 'one' });
    const two = gh.commitFiles({ 'c.txt': 'one\ntwo\n', 'README.md': null }, { branch: 'compare/head', message: 'two' });
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${two}` });
    expect(data.status).toBe('ahead');
    expect(data.ahead_by).toBe(2);
    expect(data.behind_by).toBe(0);
    expect(data.commits.map((c) => c.sha)).toEqual([one, two]);
    expect(data.merge_base_commit.sha).toBe(base);
    expect(data.files?.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ['README.md', 'removed', 0, 1],
      ['c.txt', 'added', 2, 0],
    ]);
    const { data: back } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'compare/head...compare/base' });
    expect(back).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 2 });
  });
});
