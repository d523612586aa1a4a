// build-tag through its bundle, as the runner runs it: INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and an event file for each event kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepos } from '../helpers/git-repo.ts';
import { runAction } from '../helpers/run-action.ts';

const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const HEAD = '1111111111111111111111111111111111111111';
const MERGE = '2222222222222222222222222222222222222222';
const repo = { name: 'octo-repo', owner: { login: 'octo-org' }, default_branch: 'main' };

describe('build-tag bundle', () => {
  it('gives the kubemooc names for ex-3-9 on push', async () => {
    const r = await runAction('build-tag', {
      eventName: 'push',
      event: { ref: 'refs/heads/ex-3-9', after: SHA, before: '0'.repeat(40), repository: repo },
      env: { GITHUB_REF: 'refs/heads/ex-3-9', GITHUB_SHA: SHA },
      inputs: { images: 'kubemooc.azurecr.io/todo-app-be\nkubemooc.azurecr.io/todo-app-fe' },
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.outputs['namespace']).toBe('feature-ex-3-9');
    expect(r.outputs['database']).toBe('ex_3_9');
    expect(r.outputs['tag']).toBe(`ex-3-9-${SHA}`);
    expect(r.outputs['slug']).toBe('ex-3-9');
    expect(r.outputs['is-production']).toBe('false');
    expect(r.outputs['tags']!.split('\n')).toEqual([`kubemooc.azurecr.io/todo-app-be:ex-3-9-${SHA}`, `kubemooc.azurecr.io/todo-app-fe:ex-3-9-${SHA}`]);
    expect(JSON.parse(r.outputs['images']!)).toEqual({
      'kubemooc.azurecr.io/todo-app-be': `kubemooc.azurecr.io/todo-app-be:ex-3-9-${SHA}`,
      'kubemooc.azurecr.io/todo-app-fe': `kubemooc.azurecr.io/todo-app-fe:ex-3-9-${SHA}`,
    });
    expect(r.outputs['labels']).toContain(`org.opencontainers.image.revision=${SHA}`);
    expect(r.outputs['labels']).toContain('org.opencontainers.image.source=https://github.com/octo-org/octo-repo');
    const json = JSON.parse(r.outputs['json']!) as Record<string, unknown>;
    expect(json['namespace']).toBe('feature-ex-3-9');
    expect(json['is-production']).toBe(false);
    expect(r.outputs['changed-services']).toBe('[]');
    expect(r.summary).toContain('feature-ex-3-9');
    expect(r.summary).toContain('<table>');
  });

  it('uses the pull request head ref and head sha, never the merge commit', async () => {
    const r = await runAction('build-tag', {
      eventName: 'pull_request',
      event: {
        number: 7,
        pull_request: { number: 7, head: { ref: 'feature/login', sha: HEAD }, base: { ref: 'main', sha: SHA } },
        repository: repo,
      },
      env: { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: MERGE, GITHUB_HEAD_REF: 'feature/login', GITHUB_BASE_REF: 'main' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['branch']).toBe('feature/login');
    expect(r.outputs['sha']).toBe(HEAD);
    expect(r.outputs['tag']).toMatch(new RegExp(`^feature-login--[a-z2-7]{8}-${HEAD}$`));
    expect(r.outputs['namespace']).toMatch(/^feature-feature-login--[a-z2-7]{8}$/);
  });

  it.each([
    [
      'pull_request_target',
      { pull_request: { number: 3, head: { ref: 'fix-1', sha: HEAD }, base: { ref: 'main', sha: SHA } }, repository: repo },
      'fix-1',
      HEAD,
    ],
    ['workflow_run', { workflow_run: { head_branch: 'fix-2', head_sha: HEAD, event: 'push' }, repository: repo }, 'fix-2', HEAD],
    ['create', { ref: 'fix-3', ref_type: 'branch', repository: repo }, 'fix-3', SHA],
    ['workflow_dispatch', { ref: 'refs/heads/fix-4', repository: repo }, 'fix-4', SHA],
  ])('%s gives the branch and sha the event means', async (eventName, event, branch, sha) => {
    const r = await runAction('build-tag', {
      eventName,
      event,
      env: { GITHUB_REF: `refs/heads/${branch}`, GITHUB_REF_NAME: branch, GITHUB_SHA: SHA },
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.outputs['branch']).toBe(branch);
    expect(r.outputs['sha']).toBe(sha);
    expect(r.outputs['tag']).toBe(`${branch}-${sha}`);
  });

  it('names the deleted branch of a delete event (sha given explicitly)', async () => {
    const r = await runAction('build-tag', {
      eventName: 'delete',
      event: { ref: 'feature/old', ref_type: 'branch', repository: repo },
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA },
      inputs: { sha: SHA },
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['branch']).toBe('feature/old');
    expect(r.outputs['namespace']).toMatch(/^feature-feature-old--[a-z2-7]{8}$/);
  });

  it('marks the production branch and uses the production namespace', async () => {
    const r = await runAction('build-tag', {
      eventName: 'push',
      event: { ref: 'refs/heads/main', after: SHA, before: HEAD, repository: repo },
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA },
      inputs: { 'production-namespace': 'project' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['is-production']).toBe('true');
    expect(r.outputs['namespace']).toBe('project');
    expect(r.outputs['tag']).toBe(`main-${SHA}`);
  });

  it.each([
    ['a sha that is not hex', { branch: 'x', sha: 'not-a-sha' }, 'push', /Input `sha`.*"not-a-sha"/],
    ['a tag format without {sha}', { branch: 'x', sha: SHA, 'tag-format': '{slug}-latest' }, 'push', /tag-format.*\{slug\}-latest/],
    ['a typo in a boolean-like integer', { branch: 'x', sha: SHA, 'max-slug-length': 'forty' }, 'push', /max-slug-length.*"forty"/],
    ['an unknown event without a branch', {}, 'issues', /branch/],
    ['a bad services document', { branch: 'x', sha: SHA, services: 'be: [apps/**\n' }, 'push', /Input `services`/],
  ])('fails clearly on %s and writes no output', async (_what, inputs, eventName, message) => {
    const r = await runAction('build-tag', { eventName, event: { repository: repo }, inputs, env: { GITHUB_REF: '', GITHUB_SHA: SHA } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::/);
    expect(r.stdout).toMatch(message);
    expect(Object.keys(r.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
  });

  it('fails with a hint when the branch input is empty and the event has none', async () => {
    const r = await runAction('build-tag', { eventName: 'schedule', event: {}, inputs: { branch: '  ' }, env: { GITHUB_REF: '', GITHUB_SHA: SHA } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/Pass the `branch` input/);
    expect(Object.keys(r.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
  });

  describe('changed services in a real shallow checkout', () => {
    let repos: TempRepos;
    let clone = '';
    let sha = '';
    beforeAll(() => {
      repos = new TempRepos();
      repos.commit({ 'apps/be/a.go': '1', 'apps/fe/a.js': '1' }, 'init');
      repos.push('main');
      repos.checkout('feature/be', true);
      sha = repos.commit({ 'apps/be/a.go': '2' }, 'be');
      repos.push('feature/be');
      clone = repos.clone('ci', 'feature/be', 1);
    });
    afterAll(() => repos.cleanup());

    it('outputs changed-services and a matrix', async () => {
      const r = await runAction('build-tag', {
        eventName: 'push',
        cwd: clone,
        event: { ref: 'refs/heads/feature/be', after: sha, before: '0'.repeat(40), repository: repo },
        env: { GITHUB_REF: 'refs/heads/feature/be', GITHUB_SHA: sha },
        inputs: { services: 'be: apps/be/**\nfe: [apps/fe/**]' },
      });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.outputs['changed-services']!)).toEqual(['be']);
      expect(JSON.parse(r.outputs['matrix']!)).toEqual({ include: [{ service: 'be' }] });
      expect(r.summary).toContain('Changed services');
    });
  });
});
