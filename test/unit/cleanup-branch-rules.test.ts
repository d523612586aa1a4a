// The pure rules of cleanup-branch: whose a mark is, which namespaces may go, the GitHub
// environment name, outcomes and their outputs, bounded concurrency, the admin session pool,
// and the summary.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/testing/clock.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { newOwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';
import type { PgClient } from '../../shared/postgres/client.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary } from '../../shared/core/summary.ts';
import { newReport } from '../../actions/cleanup-branch/cleanup-branch.ts';
import { markBelongs, slugOf } from '../../actions/cleanup-branch/environment.ts';
import { credentialSlug } from '../../actions/cleanup-branch/federated.ts';
import { environmentName } from '../../actions/cleanup-branch/github-env.ts';
import { mapLimit } from '../../shared/core/limit.ts';
import { namespaceRefusal } from '../../actions/cleanup-branch/namespaces.ts';
import { PgPool } from '../../actions/cleanup-branch/pg-pool.ts';
import { Recorder } from '../../actions/cleanup-branch/report.ts';
import { liveReasons } from '../../actions/cleanup-branch/sweep.ts';
import { countsText, writeCleanupSummary } from '../../actions/cleanup-branch/summary.ts';
import { toOutputs } from '../../actions/cleanup-branch/outputs.ts';
import { UserError } from '../../shared/core/errors.ts';
import { Deadline } from '../../shared/core/deadline.ts';

const naming = { namespacePrefix: 'feature-', maxSlugLength: 40 };
const labels = (slug: string) => ({ 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': slug });

describe('marks', () => {
  const repository = 'octo/app';
  it('a mark belongs to exactly the same branch: never a refs/heads/ form, another case or a slug twin', () => {
    const slug = branchNames('feature/login').slug;
    expect(markBelongs(newOwnershipMark('feature/login'), { slug, branch: 'feature/login', repository })).toBe(true);
    expect(markBelongs(newOwnershipMark('refs/heads/feature/login'), { slug, branch: 'feature/login', repository })).toBe(false);
    expect(markBelongs(newOwnershipMark('feature/login'), { slug, branch: 'Feature/Login', repository })).toBe(false);
    expect(markBelongs(newOwnershipMark('feature-login'), { slug: 'x', branch: 'feature/login', repository })).toBe(false);
  });

  it('with only the slug known, no mark belongs (a slug proves nothing)', () => {
    const slug = branchNames('feature/login').slug;
    expect(markBelongs(newOwnershipMark('feature/login'), { slug, branch: undefined, repository })).toBe(false);
  });

  it('slugs: a branch the naming function refuses has none; a fork pull request identity has its own', () => {
    expect(slugOf('ex-3-9', naming)).toBe('ex-3-9');
    expect(slugOf('   ', naming)).toBeUndefined();
    expect(slugOf('refs/heads/a/b', naming)).toBeUndefined();
    expect(slugOf('refs/pull/12/head', naming)).toMatch(/^pr-12-fork--[a-z2-7]{8}$/);
    expect(credentialSlug('branch-env-Ex-3-9')).toBe('ex-3-9');
  });
});

describe('live branches', () => {
  it('are known by slug and by full name, open pull requests (and their fork identities) included', () => {
    const clock = new FakeClock();
    const ctx = { naming, productionNamespaces: [], dryRun: false, logger: new RecordingLogger(), clock, deadline: new Deadline(0, { clock }) };
    const reasons = liveReasons({ branches: ['main', 'Feature/Login'], pulls: [{ branch: 'fix-1', number: 7 }] }, ctx);
    expect(reasons.get('slug:main')).toBe('branch "main" still exists');
    expect(reasons.get(`slug:${branchNames('Feature/Login').slug}`)).toBe('branch "Feature/Login" still exists');
    expect(reasons.get('branch:Feature/Login')).toBe('branch "Feature/Login" still exists');
    expect(reasons.get('slug:fix-1')).toBe('pull request #7 (head "fix-1") is open');
    expect(reasons.get('branch:refs/pull/7/head')).toBe('pull request #7 is open');
    expect(reasons.has('slug:feature-login')).toBe(false);
  });
});

describe('namespaces', () => {
  const owner = { slug: 'ex-3-9', branch: 'ex-3-9', repository: 'octo/app' };
  const ns = (name: string, l: Record<string, string>, a: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: l, annotations: a },
  });
  const mark = (branch: string, repository = 'octo/app') => ({ 'branch-env.io/branch-name': branch, 'branch-env.io/repository': repository });

  it('protected names are refused whatever their labels', () => {
    for (const name of ['default', 'kube-system', 'kube-anything', 'project']) {
      expect(namespaceRefusal(ns(name, labels('ex-3-9'), mark('ex-3-9')), name, owner, { productionNamespaces: ['project'], naming })?.reason).toMatch(
        /^protected namespace/,
      );
    }
  });

  it("an unlabelled or other branch's namespace is refused with a warning; this branch's or a missing one is not", () => {
    expect(namespaceRefusal(ns('feature-ex-3-9', {}), 'feature-ex-3-9', owner, { productionNamespaces: [], naming })).toMatchObject({
      action: 'skipped',
      warn: true,
    });
    expect(namespaceRefusal(ns('feature-ex-3-9', labels('ex-4-1')), 'feature-ex-3-9', owner, { productionNamespaces: [], naming })?.reason).toContain(
      'slug ex-4-1',
    );
    expect(
      namespaceRefusal(ns('feature-ex-3-9', labels('ex-3-9'), mark('Ex-3-9')), 'feature-ex-3-9', owner, { productionNamespaces: [], naming })?.reason,
    ).toContain('belongs to branch "Ex-3-9"');
    expect(
      namespaceRefusal(ns('feature-ex-3-9', labels('ex-3-9'), mark('ex-3-9', 'other/repo')), 'feature-ex-3-9', owner, { productionNamespaces: [], naming })
        ?.reason,
    ).toContain('of other/repo');
    expect(
      namespaceRefusal(ns('feature-ex-3-9', labels('ex-3-9'), mark('ex-3-9')), 'feature-ex-3-9', owner, { productionNamespaces: [], naming }),
    ).toBeUndefined();
    expect(namespaceRefusal(undefined, 'feature-ex-3-9', owner, { productionNamespaces: [], naming })).toBeUndefined();
  });
});

describe('GitHub environment names', () => {
  it('fills the tokens; a template needing an unknown branch gives no name', () => {
    expect(environmentName('{namespace}', { slug: 'x', branch: 'x', repository: 'o/r' }, 'feature-x')).toBe('feature-x');
    expect(environmentName('preview/{slug}', { slug: 'a--b', branch: undefined, repository: 'o/r' }, 'feature-a--b')).toBe('preview/a--b');
    expect(environmentName('env-{branch}', { slug: 'a', branch: undefined, repository: 'o/r' }, 'feature-a')).toBeUndefined();
  });
});

describe('outcomes', () => {
  it('records each step once, turns a throw into a failure with the fix, and logs skips with warn as warnings', async () => {
    const logger = new RecordingLogger();
    const clock = new FakeClock();
    const recorder = new Recorder(logger, clock);
    await recorder.track('namespace', 'feature-a', 'a', () => {
      clock.advance(1500);
      return Promise.resolve({ action: 'removed' });
    });
    await recorder.track('database', 'a', 'a', () => Promise.reject(new UserError('It is busy.', { fix: 'Wait.' })));
    await recorder.track('role', 'a_user', 'a', () => Promise.resolve({ action: 'skipped', reason: 'no ownership mark', warn: true }));
    expect(recorder.outcomes.map((o) => [o.kind, o.action, o.reason, o.ms])).toEqual([
      ['namespace', 'removed', undefined, 1500],
      ['database', 'failed', 'It is busy. Wait.', 0],
      ['role', 'skipped', 'no ownership mark', 0],
    ]);
    expect(logger.messages('error')).toEqual(['Could not remove Database a: It is busy. Wait.']);
    expect(logger.messages('warning')).toEqual(['Skipped Role a_user: no ownership mark.']);
    const report = { ...newReport(), outcomes: recorder.outcomes };
    expect(countsText(report)).toBe('1 removed, 1 skipped, 1 failed');
    expect(toOutputs(report)).toMatchObject({
      removed: [{ kind: 'namespace', name: 'feature-a', slug: 'a' }],
      skipped: [{ kind: 'role', reason: 'no ownership mark' }],
      'would-remove': [],
    });
  });

  it('the summary escapes names and shows each object with its action and time', async () => {
    const sink = new MemorySink();
    const report = { ...newReport(), mode: 'branch' as const, names: branchNames('<b>x</b>'), elapsedMs: 2300 };
    report.outcomes.push({ kind: 'database', name: 'x', slug: report.names.slug, action: 'already-gone', ms: 12 });
    await writeCleanupSummary(report, new Summary(sink));
    expect(sink.html).toMatch(
      /^<h3>➖ cleanup-branch: Cleanup of &lt;b&gt;x&lt;\/b&gt;: 0 removed, 1 unchanged \(already gone\), nothing left to remove in 2\.3s<\/h3>/,
    );
    expect(sink.html).toContain(`<td>Database x</td><td>${report.names.slug}</td><td>unchanged</td><td>already gone</td><td>12ms</td>`);
  });
});

describe('bounded concurrency', () => {
  it('never runs more than the limit at once, reaches it, and keeps the order of results', async () => {
    let active = 0;
    let most = 0;
    const { results, peak } = await mapLimit([5, 1, 4, 2, 3, 1, 2], 3, async (n) => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 10, 20]);
    expect(most).toBe(3);
    expect(peak).toBe(3);
  });
});

describe('admin session pool', () => {
  it('opens at most `max` sessions, reuses them, and replaces one whose work failed', async () => {
    let opened = 0;
    let ended = 0;
    const open = () => {
      opened += 1;
      return Promise.resolve({
        end: () => {
          ended += 1;
          return Promise.resolve();
        },
      } as unknown as PgClient);
    };
    const pool = new PgPool(open, 2);
    let inUse = 0;
    let most = 0;
    const work = () =>
      pool.withClient(async () => {
        inUse += 1;
        most = Math.max(most, inUse);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inUse -= 1;
      });
    await Promise.all(Array.from({ length: 6 }, work));
    expect(most).toBe(2);
    expect(opened).toBe(2);
    await expect(pool.withClient(() => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
    expect(ended).toBe(1);
    await Promise.all(Array.from({ length: 3 }, work));
    expect(opened).toBe(3);
    await pool.close();
    expect(ended).toBe(3);
  });
});
