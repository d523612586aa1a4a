// deploy-overlay's outputs and job summary from a report: every object with its result, rollout
// states and times on workloads, diagnosis and error in collapsed sections, text escaped.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.ts';
import { MemorySink, Summary } from '../../shared/summary.ts';
import type { DeployReport } from '../../actions/deploy-overlay/deploy.ts';
import { appliedList, toOutputs, writeDeploySummary } from '../../actions/deploy-overlay/summary.ts';

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
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'feature-feature-login--abcd2345', result: 'configured', source: 'overlays/feature' },
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
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'feature-feature-login--abcd2345', result: 'configured', source: 'overlays/feature', rollout: 'ready', rolloutSeconds: 1.235, rolloutAt: '2026-01-02T03:04:05.678Z' },
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

describe('job summary', () => {
  it('shows the table with results and rollout times, escaping the branch', async () => {
    const sink = new MemorySink();
    await writeDeploySummary(report(), new Summary(sink));
    expect(sink.html).toContain('<h3>deploy-overlay: feature/&lt;login&gt; → feature-feature-login--abcd2345</h3>');
    expect(sink.html).toContain('Deployed.<br>Environment: https://feature-login--abcd2345.preview.example.com');
    expect(sink.html).toContain('<tr><td>Deployment</td><td>web</td><td>configured</td><td>ready (1.2s)</td></tr>');
    expect(sink.html).toContain('<tr><td>ConfigMap</td><td>old</td><td>pruned</td><td></td></tr>');
    expect(sink.writes).toBe(1);
  });

  it('adds the diagnosis and the error in collapsed sections when the run failed', async () => {
    const sink = new MemorySink();
    const failure = new UserError('1 workload(s) did not become ready in namespace x:\n- Deployment/web: pod web-1: container web is in ImagePullBackOff', { fix: 'See the diagnosis.' });
    await writeDeploySummary(report({ failure, diagnosis: new Map([['Deployment/web', ['pod web-1: phase Pending', '  container web: waiting: ImagePullBackOff']]]) }), new Summary(sink));
    expect(sink.html).toContain('Failed: 1 workload(s) did not become ready in namespace x:');
    expect(sink.html).toContain('<details><summary>Why Deployment/web is not ready</summary>');
    expect(sink.html).toContain('pod web-1: phase Pending\n  container web: waiting: ImagePullBackOff');
    expect(sink.html).toContain('See the diagnosis.');
  });

  it('says when nothing was changed in a dry run', async () => {
    const sink = new MemorySink();
    await writeDeploySummary(report({ dryRun: 'server' }), new Summary(sink));
    expect(sink.html).toContain('(dry run: server)');
    expect(sink.html).toContain('Nothing was changed.');
  });
});
