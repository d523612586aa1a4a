import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'event-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function eventFile(payload: unknown): string {
  const path = join(dir, `event-${++fileCount}.json`);
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

const HEAD = '1111111111111111111111111111111111111111';
const BASE = '2222222222222222222222222222222222222222';
const MERGE = '3333333333333333333333333333333333333333';
const ZERO = '0000000000000000000000000000000000000000';
const repository = { name: 'kubemooc', full_name: 'acme/kubemooc', owner: { login: 'acme' }, default_branch: 'main' };

function env(eventName: string, payload: unknown, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: eventName,
    ...(payload === undefined ? {} : { GITHUB_EVENT_PATH: eventFile(payload) }),
    GITHUB_REPOSITORY: 'acme/kubemooc',
    ...extra,
  };
}

describe('push', () => {
  it('uses the pushed branch and payload.after', () => {
    const ctx = readEventContext(
      env(
        'push',
        { ref: 'refs/heads/feature/login', before: BASE, after: HEAD.toUpperCase(), deleted: false, created: false, repository },
        {
          GITHUB_SHA: MERGE,
          GITHUB_REF: 'refs/heads/other',
        },
      ),
    );
    expect(ctx).toMatchObject({
      eventName: 'push',
      branch: 'feature/login',
      ref: 'refs/heads/feature/login',
      refType: 'branch',
      sha: HEAD,
      before: BASE,
      defaultBranch: 'main',
      deleted: false,
      repository: { owner: 'acme', repo: 'kubemooc' },
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
    });
    expect(ctx.note).toBeUndefined();
    expect(ctx.baseRef).toBeUndefined();
  });

  it('keeps an all-zero before for a new branch', () => {
    const ctx = readEventContext(env('push', { ref: 'refs/heads/new', before: ZERO, after: HEAD, created: true, repository }));
    expect(ctx.before).toBe(ZERO);
    expect(ctx.sha).toBe(HEAD);
  });

  it('has no branch for a tag and says why', () => {
    const ctx = readEventContext(env('push', { ref: 'refs/tags/v1.2.0', before: ZERO, after: HEAD, repository }));
    expect(ctx.branch).toBeUndefined();
    expect(ctx.refType).toBe('tag');
    expect(ctx.ref).toBe('refs/tags/v1.2.0');
    expect(ctx.note).toContain('refs/tags/v1.2.0');
    expect(ctx.note).toContain('"branch" input');
  });

  it('marks a deleting push and does not take GITHUB_SHA (the default branch) as its sha', () => {
    const ctx = readEventContext(env('push', { ref: 'refs/heads/gone', before: HEAD, after: ZERO, deleted: true, repository }, { GITHUB_SHA: MERGE }));
    expect(ctx.branch).toBe('gone');
    expect(ctx.deleted).toBe(true);
    expect(ctx.sha).toBeUndefined();
  });

  it('falls back to GITHUB_REF and GITHUB_SHA when the event file is missing', () => {
    const ctx = readEventContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(dir, 'does-not-exist.json'),
      GITHUB_REF: 'refs/heads/ex-3-9',
      GITHUB_SHA: HEAD,
      GITHUB_REPOSITORY: 'acme/kubemooc',
    });
    expect(ctx).toMatchObject({ branch: 'ex-3-9', sha: HEAD, refType: 'branch', deleted: false });
  });

  it('falls back to env when the event path is a directory', () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub);
    const ctx = readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: sub, GITHUB_REF: 'refs/heads/x', GITHUB_SHA: HEAD });
    expect(ctx.branch).toBe('x');
  });
});

describe('pull requests', () => {
  const pr = (headRepo: string) => ({
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      state: 'open',
      head: { ref: 'feature/login', sha: HEAD, repo: { full_name: headRepo } },
      base: { ref: 'main', sha: BASE, repo: { full_name: 'acme/kubemooc' } },
    },
    repository,
  });

  it('pull_request: head branch and head sha, never the merge commit', () => {
    const ctx = readEventContext(env('pull_request', pr('acme/kubemooc'), { GITHUB_SHA: MERGE, GITHUB_REF: 'refs/pull/7/merge' }));
    expect(ctx).toMatchObject({
      eventName: 'pull_request',
      branch: 'feature/login',
      ref: 'refs/heads/feature/login',
      refType: 'branch',
      sha: HEAD,
      baseRef: 'main',
      baseSha: BASE,
      pullRequestNumber: 7,
      action: 'synchronize',
      fork: false,
      deleted: false,
    });
    expect(ctx.sha).not.toBe(MERGE);
  });

  it('pull_request_target from a fork says so', () => {
    const ctx = readEventContext(env('pull_request_target', pr('stranger/kubemooc'), { GITHUB_SHA: BASE }));
    expect(ctx).toMatchObject({ branch: 'feature/login', sha: HEAD, fork: true });
  });

  it('without a payload uses GITHUB_HEAD_REF and the PR number in GITHUB_REF, and leaves sha unknown', () => {
    const ctx = readEventContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_HEAD_REF: 'fix/typo',
      GITHUB_BASE_REF: 'main',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SHA: MERGE,
    });
    expect(ctx).toMatchObject({ branch: 'fix/typo', baseRef: 'main', pullRequestNumber: 12 });
    expect(ctx.sha).toBeUndefined();
  });

  it('without head ref anywhere explains which event', () => {
    const ctx = readEventContext(env('pull_request', { action: 'opened', repository }));
    expect(ctx.branch).toBeUndefined();
    expect(ctx.note).toContain('pull_request');
    expect(ctx.note).toContain('"branch" input');
  });
});

describe('other events', () => {
  it('workflow_run: head_branch and head_sha of the run', () => {
    const ctx = readEventContext(
      env(
        'workflow_run',
        {
          action: 'completed',
          workflow_run: {
            head_branch: 'feature/x',
            head_sha: HEAD,
            event: 'push',
            conclusion: 'success',
            head_repository: { full_name: 'acme/kubemooc' },
            repository: { full_name: 'acme/kubemooc' },
          },
          repository,
        },
        { GITHUB_SHA: MERGE, GITHUB_REF: 'refs/heads/main' },
      ),
    );
    expect(ctx).toMatchObject({ branch: 'feature/x', sha: HEAD, refType: 'branch', action: 'completed', fork: false });
  });

  it('workflow_run without a payload has no branch and says why', () => {
    const ctx = readEventContext({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD });
    expect(ctx.branch).toBeUndefined();
    expect(ctx.note).toContain('workflow_run');
  });

  it('delete of a branch: the bare ref, deleted, no sha', () => {
    const ctx = readEventContext(
      env('delete', { ref: 'feature/login', ref_type: 'branch', pusher_type: 'user', repository }, { GITHUB_SHA: MERGE, GITHUB_REF: 'refs/heads/main' }),
    );
    expect(ctx).toMatchObject({ eventName: 'delete', branch: 'feature/login', ref: 'refs/heads/feature/login', refType: 'branch', deleted: true });
    expect(ctx.sha).toBeUndefined();
    expect(ctx.note).toBeUndefined();
  });

  it('delete of a tag: no branch, and a note', () => {
    const ctx = readEventContext(env('delete', { ref: 'v1', ref_type: 'tag', repository }, { GITHUB_REF: 'refs/heads/main' }));
    expect(ctx).toMatchObject({ refType: 'tag', ref: 'refs/tags/v1', deleted: true });
    expect(ctx.branch).toBeUndefined();
    expect(ctx.note).toContain('tag');
  });

  it('create of a branch: payload.ref and GITHUB_SHA', () => {
    const ctx = readEventContext(env('create', { ref: 'feature/new', ref_type: 'branch', master_branch: 'main', repository }, { GITHUB_SHA: HEAD }));
    expect(ctx).toMatchObject({ branch: 'feature/new', sha: HEAD, refType: 'branch', deleted: false });
  });

  it.each(['workflow_dispatch', 'schedule', 'repository_dispatch'])('%s: GITHUB_REF and GITHUB_SHA', (event) => {
    const ctx = readEventContext(env(event, { repository }, { GITHUB_REF: 'refs/heads/release/2', GITHUB_SHA: HEAD }));
    expect(ctx).toMatchObject({ eventName: event, branch: 'release/2', sha: HEAD, refType: 'branch', defaultBranch: 'main' });
  });

  it('workflow_dispatch on a tag has no branch', () => {
    const ctx = readEventContext(env('workflow_dispatch', { inputs: {} }, { GITHUB_REF: 'refs/tags/v3', GITHUB_SHA: HEAD }));
    expect(ctx.branch).toBeUndefined();
    expect(ctx.note).toContain('workflow_dispatch');
  });

  it('workflow_dispatch with only GITHUB_REF_NAME and GITHUB_REF_TYPE', () => {
    const ctx = readEventContext({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_NAME: 'ex-3-9', GITHUB_REF_TYPE: 'branch', GITHUB_SHA: HEAD });
    expect(ctx).toMatchObject({ branch: 'ex-3-9', ref: 'refs/heads/ex-3-9', sha: HEAD });
  });

  it('an event it does not know: no branch, and a note naming the event and the input', () => {
    const ctx = readEventContext(
      env('issue_comment', { action: 'created', comment: { body: '/deploy' }, repository }, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD }),
    );
    expect(ctx.branch).toBeUndefined();
    expect(ctx.note).toContain('issue_comment');
    expect(ctx.note).toContain('"branch" input');
  });

  it('outside Actions: no event name, a note, and the public GitHub URLs', () => {
    const ctx = readEventContext({});
    expect(ctx).toMatchObject({ eventName: '', deleted: false, serverUrl: 'https://github.com', apiUrl: 'https://api.github.com' });
    expect(ctx.repository).toBeUndefined();
    expect(ctx.note).toContain('GITHUB_EVENT_NAME');
  });
});

describe('environment and payload details', () => {
  it('takes server and API URLs from env (GitHub Enterprise)', () => {
    const ctx = readEventContext({ GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_API_URL: 'https://ghe.example/api/v3' });
    expect(ctx.serverUrl).toBe('https://ghe.example');
    expect(ctx.apiUrl).toBe('https://ghe.example/api/v3');
  });

  it('takes the repository from the payload when GITHUB_REPOSITORY is unset or malformed', () => {
    const path = eventFile({ ref: 'refs/heads/x', after: HEAD, repository });
    expect(readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path }).repository).toEqual({ owner: 'acme', repo: 'kubemooc' });
    expect(readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'a/b/c' }).repository).toEqual({
      owner: 'acme',
      repo: 'kubemooc',
    });
    expect(readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'o/r' }).repository).toEqual({ owner: 'o', repo: 'r' });
  });

  it('ignores a sha that is not a commit id', () => {
    const ctx = readEventContext(env('push', { ref: 'refs/heads/x', after: 'not-a-sha' }, { GITHUB_SHA: HEAD }));
    expect(ctx.sha).toBe(HEAD);
  });

  it.each([
    ['{"ref": ', 'not valid JSON'],
    ['[1, 2]', 'not an event object'],
    ['null', 'not an event object'],
  ])('rejects an event file holding %j, naming GITHUB_EVENT_PATH', (text, words) => {
    const path = eventFile(text);
    let caught: unknown;
    try {
      readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message).toContain('GITHUB_EVENT_PATH');
    expect((caught as UserError).message).toContain(path);
    expect((caught as UserError).message).toContain(words);
  });
});
