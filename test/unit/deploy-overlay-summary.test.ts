// deploy-overlay's outputs and job summary from a report: every object with its result, rollout
// states and times on workloads, diagnosis and error in collapsed sections, text escaped.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary } from '../../shared/core/summary.ts';
import { allLines, firstHeading, visibleLines } from '../helpers/render-summary.ts';
import type { DeployReport } from '../../actions/deploy-overlay/report.ts';
import { appliedList, toOutputs } from '../../actions/deploy-overlay/outputs.ts';
import { writeDeploySummary, writeSummary } from '../../actions/deploy-overlay/summary.ts';

function report(extra: Partial<DeployReport> = {}): DeployReport {
  return {
    branch: 'feature/<login>',
    slug: 'feature-login--abcd2345',
    namespace: 'feature-feature-login--abcd2345',
    sha: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855',
    dryRun: 'false',
    url: 'https://feature-login--abcd2345.preview.example.com',
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', name: 'feature-feature-login--abcd2345', result: 'unchanged', source: 'the branch namespace' },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        namespace: 'feature-feature-login--abcd2345',
        result: 'configured',
        source: 'overlays/feature',
      },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'old', namespace: 'feature-feature-login--abcd2345', result: 'pruned', source: 'earlier deploy' },
    ],
    rollouts: [{ kind: 'Deployment', name: 'web', state: 'ready', message: 'successfully rolled out', seconds: 1.2345, at: '2026-01-02T03:04:05.678Z' }],
    diagnosis: new Map(),
    timings: { renderMs: 120, applyMs: 80, pruneMs: 10, waitMs: 1300, totalMs: 1600 },
    deploymentId: 42,
    changed: true,
    failure: undefined,
    ...extra,
  };
}

describe('outputs', () => {
  it('lists every object, with rollout state, seconds and moment on workloads', () => {
    expect(appliedList(report())).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'feature-feature-login--abcd2345', result: 'unchanged', source: 'the branch namespace' },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        namespace: 'feature-feature-login--abcd2345',
        result: 'configured',
        source: 'overlays/feature',
        rollout: 'ready',
        rolloutSeconds: 1.235,
        rolloutAt: '2026-01-02T03:04:05.678Z',
      },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'old', namespace: 'feature-feature-login--abcd2345', result: 'pruned', source: 'earlier deploy' },
    ]);
  });

  it('mirrors action.yml, leaving out what is not known', () => {
    const outputs = toOutputs(report({ url: undefined, deploymentId: undefined, changed: false }));
    expect(Object.keys(outputs)).toEqual(['namespace', 'applied', 'url', 'changed', 'deployment-id']);
    expect(outputs).toMatchObject({ namespace: 'feature-feature-login--abcd2345', url: undefined, changed: 'false', 'deployment-id': undefined });
    expect(JSON.parse(outputs['applied'] ?? '')).toHaveLength(3);
  });
});

describe('job summary (rendered as GitHub renders it)', () => {
  it('leads with the verdict, then workloads with rollout and time; other objects counted, the full list folded', async () => {
    const sink = new MemorySink();
    await writeDeploySummary(report(), new Summary(sink));
    const lines = visibleLines(sink.html);
    expect(lines[0]).toBe('✅ deploy-overlay: Deployed feature/<login> to feature-feature-login--abcd2345, 1 of 1 workload(s) ready in 1.6s');
    expect(firstHeading(sink.html)).toBe(lines[0]);
    expect(lines).toContain('Environment: https://feature-login--abcd2345.preview.example.com');
    expect(lines).toContain('Deployment/web | changed | ✅ ready | 1.2s');
    expect(lines).toContain('Other objects: 1 unchanged, 1 removed: 1 ConfigMap, 1 Namespace.');
    // Folded: the full list is there, but not visible before unfolding.
    expect(lines).not.toContain('ConfigMap | old | removed | pruned');
    expect(allLines(sink.html)).toContain('ConfigMap | old | removed | pruned');
    expect(sink.html).not.toContain('<script');
    expect(sink.verdictText).toBe(lines[0]);
    expect(sink.writes).toBe(1);
  });

  it('on failure: each failure in one line right below the verdict, visible without unfolding; the diagnosis folded', async () => {
    const sink = new MemorySink();
    const message = 'pod web-1: container web is in ImagePullBackOff (failed to pull "r.io/web:x": not found). Fix: push r.io/web:x, or correct the tag.';
    const failure = new UserError(`1 workload(s) did not become ready in namespace x:\n- Deployment/web: ${message}`, { fix: 'See the diagnosis.' });
    const rollouts = [{ kind: 'Deployment', name: 'web', state: 'failed' as const, message, seconds: 4, at: '2026-01-02T03:04:05.678Z' }];
    await writeDeploySummary(
      report({ failure, rollouts, diagnosis: new Map([['Deployment/web', ['pod web-1: phase Pending', '  container web: waiting: ImagePullBackOff']]]) }),
      new Summary(sink),
    );
    const lines = visibleLines(sink.html);
    expect(lines[0]).toBe('❌ deploy-overlay: Deploy of feature/<login> to feature-feature-login--abcd2345 failed, 1 of 1 workload(s) not ready in 1.6s');
    expect(lines[1]).toBe(`❌ Deployment/web: ${message}`);
    expect(lines).toContain('Deployment/web | changed | ❌ failed | 4s');
    expect(lines).toContain('Diagnosis of Deployment/web: pods, events, logs');
    expect(lines).not.toContain('pod web-1: phase Pending');
    expect(sink.verdictText).toBe(`${lines[0]}\n- Deployment/web: ${message}`);
    // No dangling text: no visible line ends with a colon.
    expect(lines.filter((l) => l.endsWith(':'))).toEqual([]);
  });

  it('an unchanged re-deploy says so in one line, without the workload table', async () => {
    const sink = new MemorySink();
    await writeDeploySummary(report({ changed: false, objects: report().objects.map((o) => ({ ...o, result: 'unchanged' as const })) }), new Summary(sink));
    const lines = visibleLines(sink.html);
    expect(lines[0]).toBe(
      '➖ deploy-overlay: Re-deployed feature/<login> to feature-feature-login--abcd2345, nothing changed, 1 of 1 workload(s) ready in 1.6s',
    );
    expect(lines.some((l) => l.startsWith('Workload |'))).toBe(false);
  });

  it('a dry run says nothing was changed', async () => {
    const sink = new MemorySink();
    await writeDeploySummary(report({ dryRun: 'server' }), new Summary(sink));
    expect(visibleLines(sink.html)[0]).toBe(
      '➖ deploy-overlay: Dry run (server) of feature/<login> to feature-feature-login--abcd2345, nothing was changed: 3 object(s) checked in 1.6s',
    );
  });
});

describe('job summary of a run that stopped with an error', () => {
  const error = new UserError('Namespace feature-x belongs to branch "feature/y" of octo-org/other, not this branch.', { fix: 'Use another namespace.' });

  it('before anything was applied: the verdict and the error with its fix', async () => {
    const sink = new MemorySink();
    const stopped = report({ namespace: 'feature-x', objects: [], rollouts: [] });
    await writeSummary(stopped, { error }, new Summary(sink));
    const lines = visibleLines(sink.html);
    expect(lines[0]).toMatch(/^❌ deploy-overlay: Failed in /);
    expect(lines[1]).toBe(`❌ feature-x: ${error.message} Fix: Use another namespace.`);
  });

  it('after objects were applied: what was applied, and the error as the failure', async () => {
    const sink = new MemorySink();
    await writeSummary(report({ rollouts: [] }), { error }, new Summary(sink));
    const lines = visibleLines(sink.html);
    expect(lines[0]).toMatch(/^❌ deploy-overlay: Deploy of feature\/<login> to feature-feature-login--abcd2345 failed, 1 failure\(s\) in /);
    expect(lines[1]).toBe(`❌ feature-feature-login--abcd2345: ${error.message} Fix: Use another namespace.`);
    expect(lines).toContain('All 3 object(s)');
  });
});
