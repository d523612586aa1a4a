// The pull request comment's text for each state: no environment yet (only the note), up, failed.
import { describe, expect, it } from 'vitest';
import { commentBody, markerLine } from '../../actions/pr-comment/pr-comment.ts';
import type { Inputs } from '../../actions/pr-comment/inputs.ts';

const base: Inputs = {
  token: 't',
  author: 'github-actions[bot]',
  pullRequest: 7,
  marker: 'feature-environment',
  status: 'success',
  verdict: [],
  environmentUrl: undefined,
  namespace: undefined,
  database: undefined,
  imageTag: undefined,
  note: undefined,
  smokeCheck: undefined,
};

describe('pr-comment body', () => {
  it('with status none says there is no environment yet and shows only the note, under the same marker', () => {
    const body = commentBody({
      inputs: { ...base, status: 'none', note: 'Add the label `preview` to deploy one.' },
      runUrl: undefined,
      at: '2026-12-03T10:00:00.000Z',
    });
    expect(body.split('\n')[0]).toBe(markerLine('feature-environment'));
    expect(body).toContain('**Preview environment**: none yet.');
    expect(body).toContain('Add the label `preview` to deploy one.');
    expect(body).not.toContain('| Namespace |');
  });

  it('on failure leads with the verdict lines, escaped', () => {
    const body = commentBody({
      inputs: { ...base, status: 'failure', verdict: ['❌ deploy-overlay: failed', '- Deployment/api: <b>ImagePullBackOff</b>'] },
      runUrl: 'https://github.com/o/r/actions/runs/1',
      at: '2026-12-03T10:00:00.000Z',
    });
    const lines = body.split('\n');
    expect(lines[1]).toContain('the last deploy failed');
    expect(body).toContain('\\<b\\>ImagePullBackOff\\</b\\>');
    expect(body.indexOf('ImagePullBackOff')).toBeLessThan(body.indexOf('| Namespace |'));
  });
});
