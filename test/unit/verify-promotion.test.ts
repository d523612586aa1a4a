// verify-promotion's pure logic: reading an Application's status (Argo CD's field names and
// values) into a verdict for a revision, and the image values a rollback puts back.
import { describe, expect, it } from 'vitest';
import { rollbackRequests } from '../../actions/verify-promotion/rollback.ts';
import { judgeApplication, lastSeen, sameRevision } from '../../actions/verify-promotion/wait.ts';

const REV = 'c945b89aaaabbbbccccddddeeeeffff000011112';
const app = (status: Record<string, unknown>): { metadata: { name: string }; status: Record<string, unknown> } => ({
  metadata: { name: 'production' },
  status,
});
const synced = (health: string, phase = 'Succeeded', revision = REV): Record<string, unknown> => ({
  sync: { status: 'Synced', revision },
  health: { status: health },
  operationState: {
    phase,
    message: phase === 'Succeeded' ? 'successfully synced (all tasks run)' : 'one or more objects failed to apply, reason: denied',
    operation: { sync: { revision } },
    syncResult: {
      revision,
      resources: [{ kind: 'Deployment', namespace: 'production', name: 'api', status: phase === 'Succeeded' ? 'Synced' : 'SyncFailed', message: 'denied' }],
    },
  },
  resources: [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'production',
      name: 'api',
      status: 'Synced',
      health: { status: health, message: 'Deployment "api" exceeded its progress deadline' },
    },
  ],
});

describe('judgeApplication', () => {
  it('is healthy only for the revision, Synced, Succeeded and Healthy', () => {
    expect(judgeApplication(app(synced('Healthy')), REV)?.outcome).toBe('healthy');
    expect(judgeApplication(app(synced('Healthy')), REV.slice(0, 7))?.outcome).toBe('healthy');
    expect(judgeApplication(app(synced('Healthy', 'Succeeded', 'b'.repeat(40))), REV)).toBeUndefined();
    expect(judgeApplication(app(synced('Progressing')), REV)).toBeUndefined();
    expect(judgeApplication(app(synced('Healthy', 'Running')), REV)).toBeUndefined();
    expect(judgeApplication(app({ ...synced('Healthy'), sync: { status: 'OutOfSync', revision: REV } }), REV)).toBeUndefined();
  });

  it('a Failed or Error operation on the revision is a failed sync, with the refused resource', () => {
    const verdict = judgeApplication(app(synced('Healthy', 'Failed')), REV);
    expect(verdict?.outcome).toBe('sync-failed');
    expect(verdict?.message).toContain('one or more objects failed to apply');
    expect(verdict?.resources[0]).toMatchObject({ kind: 'Deployment', name: 'api', sync: 'SyncFailed', message: 'denied' });
    expect(judgeApplication(app(synced('Healthy', 'Error')), REV)?.outcome).toBe('sync-failed');
  });

  it('Degraded after a succeeded sync is degraded, with the resource health message', () => {
    const verdict = judgeApplication(app(synced('Degraded')), REV);
    expect(verdict?.outcome).toBe('degraded');
    expect(verdict?.resources[0]).toMatchObject({ health: 'Degraded', message: 'Deployment "api" exceeded its progress deadline' });
  });

  it('a timeout reports the last status seen, or a missing Application', () => {
    expect(lastSeen(app(synced('Progressing')), REV)).toMatchObject({ outcome: 'timeout', health: 'Progressing', phase: 'Succeeded' });
    expect(lastSeen(undefined, REV).outcome).toBe('missing');
    expect(sameRevision(undefined, REV)).toBe(false);
    expect(sameRevision(REV, 'c945b8')).toBe(false);
  });
});

describe('rollbackRequests', () => {
  const file = (api: string, web: string): string =>
    ['kind: Kustomization', 'images:', '  - name: acme.azurecr.io/api', `    newTag: ${api}`, '  - name: acme.azurecr.io/web', `    newTag: ${web}`, ''].join(
      '\n',
    );
  it('puts back only the values that changed', () => {
    expect(rollbackRequests(file('v2', 'w1'), file('v1', 'w1'), 'k.yaml')).toEqual([{ name: 'acme.azurecr.io/api', newTag: 'v1' }]);
    expect(rollbackRequests(file('v1', 'w1'), file('v1', 'w1'), 'k.yaml')).toEqual([]);
  });
});
