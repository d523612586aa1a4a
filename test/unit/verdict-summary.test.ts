// The shared words of every summary (shared/core/verdict.ts) and the verdict as a GFM renderer shows
// it: first, one line, failures right below and visible unfolded, no dangling text, text escaped.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import { countResults, countsText, failureLine, kindCountsText, plural, verdictLine, verdictText } from '../../shared/core/verdict.ts';
import { allLines, visibleLines } from '../helpers/render-summary.ts';

describe('verdict words', () => {
  it('one line: mark, action, what was done, one duration format; nothing left hanging', () => {
    expect(verdictLine({ action: 'deploy-overlay', status: 'success', text: 'Deployed x to feature-x:', ms: 90_500 })).toBe(
      '✅ deploy-overlay: Deployed x to feature-x in 1m31s',
    );
    expect(verdictLine({ action: 'a', status: 'failure', text: 'Failed.' })).toBe('❌ a: Failed');
    expect(verdictLine({ action: 'a', status: 'unchanged', text: 'Nothing changed,', ms: 250 })).toBe('➖ a: Nothing changed in 250ms');
  });

  it('a failure: object, the reason as given, the fix; one line', () => {
    expect(failureLine({ object: 'Deployment/web', reason: 'ImagePullBackOff\n(not found)', fix: 'push the tag' })).toBe(
      'Deployment/web: ImagePullBackOff (not found). Fix: push the tag',
    );
    expect(failureLine({ object: 'Role r', reason: 'permission denied' })).toBe('Role r: permission denied.');
    expect(verdictText({ action: 'a', status: 'failure', text: 'Failed', failures: [{ object: 'o', reason: 'why', fix: 'do' }] })).toBe(
      '❌ a: Failed\n- o: why. Fix: do',
    );
  });

  it('counts in the vocabulary order, kinds most first', () => {
    expect(countsText(countResults(['failed', 'created', 'unchanged', 'created']))).toBe('2 created, 1 unchanged, 1 failed');
    expect(countsText(new Map())).toBe('nothing');
    expect(
      kindCountsText([
        { kind: 'Service', result: 'created' },
        { kind: 'Service', result: 'unchanged' },
        { kind: 'NetworkPolicy', result: 'created' },
        { kind: 'Ingress', result: 'created' },
      ]),
    ).toBe('3 created, 1 unchanged: 2 Services, 1 Ingress, 1 NetworkPolicy');
    expect([plural('Ingress', 2), plural('NetworkPolicy', 2), plural('Gateway', 2), plural('Secret', 1)]).toEqual([
      'Ingresses',
      'NetworkPolicies',
      'Gateways',
      'Secret',
    ]);
  });
});

describe('Summary.verdict rendered as GitHub renders it', () => {
  it('comes first, failures right below it, visible without unfolding; escaped; handed to the sink as text', async () => {
    const sink = new MemorySink();
    await new Summary(sink)
      .verdict({
        action: 'deploy-overlay',
        status: 'failure',
        text: 'Deploy of <b>x</b> failed',
        ms: 1200,
        failures: [{ object: 'Deployment/<web>', reason: 'ImagePullBackOff (not found)', fix: 'push it' }],
      })
      .foldedTable(
        'All 2 object(s)',
        ['Kind', 'Name'],
        [
          ['Service', 'web'],
          ['ConfigMap', 'settings'],
        ],
      )
      .write();
    const lines = visibleLines(sink.html);
    expect(lines.slice(0, 3)).toEqual([
      '❌ deploy-overlay: Deploy of <b>x</b> failed in 1.2s',
      '❌ Deployment/<web>: ImagePullBackOff (not found). Fix: push it',
      'All 2 object(s)',
    ]);
    expect(lines).not.toContain('Service | web');
    expect(allLines(sink.html)).toContain('Service | web');
    expect(sink.html).not.toContain('<b>x');
    expect(sink.verdictText).toBe('❌ deploy-overlay: Deploy of <b>x</b> failed in 1.2s\n- Deployment/<web>: ImagePullBackOff (not found). Fix: push it');
  });

  it('an action that failed before it had a result still leads with the verdict and the fix', async () => {
    const sink = new MemorySink();
    await writeFailureSummary(
      'build-tag',
      'Naming the branch',
      new UserError('Input `sha` must be hex, got "zzz".', { fix: 'Pass the full commit sha.' }),
      new Summary(sink),
      300,
    );
    expect(visibleLines(sink.html)).toEqual([
      '❌ build-tag: Failed in 300ms',
      '❌ Naming the branch: Input `sha` must be hex, got "zzz". Fix: Pass the full commit sha.',
    ]);
  });
});
