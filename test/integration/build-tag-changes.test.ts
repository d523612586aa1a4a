// Changed-service detection against real git repositories (bare origin + shallow clones),
// as actions/checkout leaves them on a runner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectChanges, matchServices, type ChangeRequest } from '../../actions/build-tag/changes.ts';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { exec } from '../../shared/core/exec.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { git, TempRepos } from '../helpers/git-repo.ts';

const services = new Map([
  ['be', ['apps/be/**', 'manifests/base/be/**']],
  ['fe', ['apps/fe/**']],
  ['docs', ['**/*.md']],
]);

function context(partial: Partial<EventContext>): EventContext {
  return {
    eventName: 'push',
    repository: { owner: 'o', repo: 'r' },
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    deleted: false,
    ...partial,
  };
}

function request(partial: Partial<ChangeRequest> & Pick<ChangeRequest, 'sha' | 'branch' | 'context'>): ChangeRequest {
  return { services, baseRef: undefined, defaultBranch: 'main', fetchDepth: 2, ...partial };
}

const gitIn = (cwd: string) => (args: string[]) => exec('git', args, { cwd, allowFailure: true });

describe('changed services', () => {
  let repos: TempRepos;
  let logger: RecordingLogger;
  beforeEach(() => {
    repos = new TempRepos();
    logger = new RecordingLogger();
    repos.commit({ 'apps/be/main.go': 'v1', 'apps/fe/index.js': 'v1', 'README.md': 'hi' }, 'initial');
    for (let i = 0; i < 6; i += 1) repos.commit({ 'apps/be/main.go': `main ${i}` }, `main ${i}`);
    repos.push('main');
  });
  afterEach(() => repos.cleanup());

  it('matches globs, dotfiles included', () => {
    expect(matchServices(services, ['apps/fe/.env', 'x/y.md'])).toEqual(['fe', 'docs']);
    expect(matchServices(services, ['apps/bee/x'])).toEqual([]);
  });

  it('a new branch (all-zero before) in a depth-1 clone diffs against the merge-base with main', async () => {
    repos.checkout('feature/x', true);
    repos.commit({ 'apps/fe/index.js': 'v2' }, 'fe 1');
    const sha = repos.commit({ 'apps/fe/util.js': 'u' }, 'fe 2');
    repos.push('feature/x');
    // main moves on after the branch point: its changes must not count.
    repos.checkout('main');
    repos.commit({ 'apps/be/main.go': 'later' }, 'main later');
    repos.push('main');
    const clone = repos.clone('ci', 'feature/x', 1);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const result = await detectChanges(
      request({ sha, branch: 'feature/x', context: context({ branch: 'feature/x', before: '0'.repeat(40), sha }) }),
      gitIn(clone),
      logger,
    );
    expect(result.files.sort()).toEqual(['apps/fe/index.js', 'apps/fe/util.js']);
    expect(result.changed).toEqual(['fe']);
    expect(result.how).toContain('merge-base with the default branch main');
    expect(result.base).toBe(git(repos.work, 'merge-base', 'main', 'feature/x'));
  });

  it('a later push diffs against the previous push (before), fetching it into a shallow clone', async () => {
    repos.checkout('feature/y', true);
    const before = repos.commit({ 'apps/fe/index.js': 'v2' }, 'fe');
    const sha = repos.commit({ 'README.md': 'docs only' }, 'docs');
    repos.push('feature/y');
    const clone = repos.clone('ci', 'feature/y', 1);
    const result = await detectChanges(request({ sha, branch: 'feature/y', context: context({ branch: 'feature/y', before, sha }) }), gitIn(clone), logger);
    expect(result.base).toBe(before);
    expect(result.files).toEqual(['README.md']);
    expect(result.changed).toEqual(['docs']);
  });

  it('a force-pushed, unreachable before falls back to the merge-base with main', async () => {
    repos.checkout('feature/z', true);
    const sha = repos.commit({ 'apps/be/x.go': 'x' }, 'be');
    repos.push('feature/z');
    const clone = repos.clone('ci', 'feature/z', 1);
    const gone = 'deadbeef'.repeat(5);
    const result = await detectChanges(
      request({ sha, branch: 'feature/z', context: context({ branch: 'feature/z', before: gone, sha }) }),
      gitIn(clone),
      logger,
    );
    expect(result.changed).toEqual(['be']);
    expect(result.how).toContain('previous push unreachable');
    expect(logger.text()).toContain('cannot be fetched');
  });

  it('a pull request diffs its head against the merge-base with its base branch', async () => {
    repos.checkout('feat', true);
    const sha = repos.commit({ 'manifests/base/be/deploy.yaml': 'kind: Deployment' }, 'manifests');
    repos.push('feat');
    const clone = repos.clone('ci', 'main', 1);
    const result = await detectChanges(
      request({ sha, branch: 'feat', context: context({ eventName: 'pull_request', branch: 'feat', baseRef: 'main', sha }) }),
      gitIn(clone),
      logger,
    );
    expect(result.files).toEqual(['manifests/base/be/deploy.yaml']);
    expect(result.changed).toEqual(['be']);
  });

  it('deepens a shallow pull request checkout through the branch when the origin has no refs/pull/N/head', async () => {
    repos.checkout('feat-deep', true);
    for (let i = 0; i < 5; i += 1) repos.commit({ [`apps/fe/f${i}.js`]: String(i) }, `fe ${i}`);
    const sha = repos.commit({ 'apps/fe/last.js': 'x' }, 'fe last');
    repos.push('feat-deep');
    repos.checkout('main');
    repos.commit({ 'apps/be/main.go': 'moved on' }, 'main moves');
    repos.push('main');
    const clone = repos.clone('ci', 'feat-deep', 1);
    const result = await detectChanges(
      request({ sha, branch: 'feat-deep', context: context({ eventName: 'pull_request', branch: 'feat-deep', baseRef: 'main', sha, pullRequestNumber: 5 }) }),
      gitIn(clone),
      logger,
    );
    expect(result.files).toHaveLength(6);
    expect(result.changed).toEqual(['fe']);
    expect(logger.text()).toContain('deepening');
  });

  it('handles thousands of changed files (no API cap)', async () => {
    repos.checkout('big', true);
    const files: Record<string, string> = {};
    for (let i = 0; i < 4000; i += 1) files[`apps/fe/gen/f${i}.js`] = String(i);
    const sha = repos.commit(files, 'many');
    repos.push('big');
    const clone = repos.clone('ci', 'big', 1);
    const result = await detectChanges(request({ sha, branch: 'big', context: context({ branch: 'big', before: '0'.repeat(40), sha }) }), gitIn(clone), logger);
    expect(result.files).toHaveLength(4000);
    expect(result.changed).toEqual(['fe']);
  });

  it('counts every service as changed on the default branch with nothing to compare', async () => {
    const sha = git(repos.work, 'rev-parse', 'HEAD');
    const clone = repos.clone('ci', 'main', 1);
    const result = await detectChanges(
      request({ sha, branch: 'main', context: context({ eventName: 'workflow_dispatch', branch: 'main', sha }) }),
      gitIn(clone),
      logger,
    );
    expect(result.changed).toEqual(['be', 'fe', 'docs']);
    expect(result.base).toBeUndefined();
  });

  it('an explicit base-ref commit wins over the event', async () => {
    const first = git(repos.work, 'rev-list', '--max-parents=0', 'HEAD');
    const sha = git(repos.work, 'rev-parse', 'HEAD');
    const clone = repos.clone('ci', 'main', 0);
    const result = await detectChanges(request({ sha, branch: 'main', baseRef: first, context: context({ branch: 'main', sha }) }), gitIn(clone), logger);
    expect(result.files).toEqual(['apps/be/main.go']);
    expect(result.changed).toEqual(['be']);
  });

  it('reports an unknown base-ref with its name', async () => {
    const sha = git(repos.work, 'rev-parse', 'HEAD');
    const clone = repos.clone('ci', 'main', 1);
    await expect(
      detectChanges(request({ sha, branch: 'x', baseRef: 'no-such-branch', context: context({ branch: 'x', sha }) }), gitIn(clone), logger),
    ).rejects.toThrow(/no-such-branch/);
  });
});
