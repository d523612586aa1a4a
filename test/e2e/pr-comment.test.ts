// pr-comment's bundle against the GitHub emulator with a token that holds only
// `pull-requests: write`: the comment is created once, updated in place on the next run (found
// past the first page of comments), and another tool's comment — even one that copies the
// marker — is never touched. The step summary leads with the verdict.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { visibleLines } from '../helpers/render-summary.ts';

const MARKER = '<!-- branch-env:pr-comment:feature-environment -->';
let gh: GitHubEmulator;
let pr: number;

beforeAll(async () => {
  gh = await startGitHubEmulator({ owner: 'acme', repo: 'todo', files: { 'app.txt': 'v1\n' } });
  gh.commitFiles({ 'app.txt': 'v2\n' }, { branch: 'feature/login' });
  const admin = getOctokit(gh.token, { baseUrl: gh.url });
  pr = (await admin.rest.pulls.create({ owner: 'acme', repo: 'todo', head: 'feature/login', base: 'main', title: 'Login' })).data.number;
  gh.addToken('ghs_pr_only', { 'pull-requests': 'write' });
  // Another tool (and a person) already commented; the tool even copied our marker.
  gh.addToken('ghs_other_tool', undefined, 'sticky-bot[bot]');
  gh.addToken('ghp_person', undefined, 'octocat');
  const other = getOctokit('ghs_other_tool', { baseUrl: gh.url });
  await other.rest.issues.createComment({ owner: 'acme', repo: 'todo', issue_number: pr, body: `${MARKER}\nPreview by another tool` });
  const person = getOctokit('ghp_person', { baseUrl: gh.url });
  await person.rest.issues.createComment({ owner: 'acme', repo: 'todo', issue_number: pr, body: `${MARKER}\nquoted by a person` });
});
afterAll(async () => {
  await gh.close();
});

function comment(inputs: Record<string, string>): Promise<RunResult> {
  return runAction('pr-comment', {
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number: pr,
      pull_request: {
        number: pr,
        head: { ref: 'feature/login', sha: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855', repo: { full_name: 'acme/todo' } },
        base: { ref: 'main', repo: { full_name: 'acme/todo' } },
      },
      repository: { name: 'todo', full_name: 'acme/todo', owner: { login: 'acme' }, default_branch: 'main' },
    },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/todo', GITHUB_RUN_ID: '4242' },
    inputs: { 'github-token': 'ghs_pr_only', 'comment-author': 'github-actions[bot]', marker: 'feature-environment', status: 'success', ...inputs },
  });
}

const facts = {
  'environment-url': 'https://login.preview.example.com',
  namespace: 'feature-login',
  database: 'login',
  'image-tag': 'login-c945b89',
  'smoke-check': 'true',
};

describe('pr-comment bundle', () => {
  it('creates one comment, then updates the same one in place; other comments are left alone', async () => {
    const first = await comment(facts);
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs['result']).toBe('created');
    expect(visibleLines(first.summary)[0]).toMatch(new RegExp(`^✅ pr-comment: Wrote the comment on pull request #${pr} in \\d`));
    const ours = gh.comments(pr).filter((c) => c.user === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    const body = ours[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe(MARKER);
    for (const text of [
      '<https://login.preview.example.com>',
      '`feature-login`',
      '`login`',
      '`login-c945b89`',
      '✅ passed',
      'https://github.com/acme/todo/actions/runs/4242',
      ' UTC |',
    ])
      expect(body).toContain(text);

    // Push past the first page (100) of comments, then deploy again and fail.
    const other = getOctokit('ghs_other_tool', { baseUrl: gh.url });
    for (let i = 0; i < 101; i += 1) await other.rest.issues.createComment({ owner: 'acme', repo: 'todo', issue_number: pr, body: `noise ${i}` });
    const verdict =
      '❌ deploy-overlay: Deploy of feature/login to feature-login failed, 1 of 2 workload(s) not ready in 41s\n- Deployment/todo-app-be: pod todo-app-be-1: container be is in ImagePullBackOff (not found). Fix: push the tag';
    const second = await comment({ ...facts, status: 'failure', verdict, 'smoke-check': '' });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['result']).toBe('changed');
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
    const all = gh.comments(pr);
    expect(all.filter((c) => c.user === 'github-actions[bot]')).toHaveLength(1);
    const updated = all.find((c) => String(c.id) === first.outputs['comment-id'])?.body ?? '';
    // With SUMMARY_SHOTS=<dir>, keep both versions of the comment (for the README's screenshots).
    const shots = process.env['SUMMARY_SHOTS'];
    if (shots) {
      writeFileSync(path.join(shots, 'pr-comment-success.md'), body);
      writeFileSync(path.join(shots, 'pr-comment-failure.md'), updated);
    }
    expect(updated).toContain('❌ **Preview environment: the last deploy failed**');
    expect(updated).toContain('- ❌ deploy-overlay: Deploy of feature/login to feature-login failed, 1 of 2 workload(s) not ready in 41s');
    expect(updated).toContain('  - Deployment/todo-app-be: pod todo-app-be-1: container be is in ImagePullBackOff (not found). Fix: push the tag');
    expect(updated).toContain('| Smoke checks | not run |');
    // The other tool's and the person's comments, marker and all, are untouched.
    expect(all.find((c) => c.user === 'sticky-bot[bot]')?.body).toBe(`${MARKER}\nPreview by another tool`);
    expect(all.find((c) => c.user === 'octocat')?.body).toBe(`${MARKER}\nquoted by a person`);
    expect(all).toHaveLength(2 + 101 + 1);
  });

  it('without a pull request it writes nothing and says so', async () => {
    const before = gh.comments(pr).length;
    const run = await runAction('pr-comment', {
      eventName: 'push',
      event: { ref: 'refs/heads/feature/login' },
      env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/todo' },
      inputs: { 'github-token': 'ghs_pr_only' },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['result']).toBe('skipped');
    expect(visibleLines(run.summary)[0]).toMatch(/^➖ pr-comment: Skipped: no pull request for event push in /);
    expect(gh.comments(pr)).toHaveLength(before);
  });

  it('a token without pull-requests: write fails with the permission to grant, in the summary first', async () => {
    gh.addToken('ghs_read_only', { contents: 'read' });
    const run = await comment({ ...facts, 'github-token': 'ghs_read_only' });
    expect(run.exitCode).toBe(1);
    const lines = visibleLines(run.summary);
    expect(lines[0]).toMatch(/^❌ pr-comment: Failed in /);
    expect(lines[1]).toMatch(
      /^❌ The pull request comment: GitHub refused writing the comment on pull request #\d+: .*Fix: Grant the workflow job `permissions:` .*pull_requests: (read|write)/,
    );
  });
});
