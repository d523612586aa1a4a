// deploy-overlay's `resource-quota` and `limit-range` inputs (issue 17): parsing, the objects
// planned, and the refusals.
import { describe, expect, it } from 'vitest';
import { parseLimitRange, parseResourceQuota, quotaObjects } from '../../actions/deploy-overlay/quota.ts';

describe('resource-quota and limit-range', () => {
  it('are off unless set', () => {
    expect(parseResourceQuota(undefined)).toBeUndefined();
    expect(parseLimitRange('  ')).toBeUndefined();
    expect(quotaObjects(undefined, undefined)).toEqual([]);
  });

  it('become a ResourceQuota and a Container LimitRange named branch-limits', () => {
    const hard = parseResourceQuota('cpu=2, memory=4Gi\npods=20,count/deployments.apps=10');
    const limits = parseLimitRange('default.cpu=500m,default.memory=512Mi,defaultRequest.cpu=100m,defaultRequest.memory=128Mi,max.memory=2Gi');
    expect(quotaObjects(hard, limits)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'branch-limits' },
        spec: { hard: { cpu: '2', memory: '4Gi', pods: '20', 'count/deployments.apps': '10' } },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'branch-limits' },
        spec: {
          limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { memory: '2Gi' } }],
        },
      },
    ]);
  });

  it('refuse what is not resource=quantity or section.resource=quantity, with the fix', () => {
    expect(() => parseResourceQuota('cpu')).toThrow(/resource-quota.*"cpu"/s);
    expect(() => parseResourceQuota('cpu=lots')).toThrow(/not resource=quantity/);
    expect(() => parseResourceQuota('cpu u=1')).toThrow(/not a resource name/);
    expect(() => parseLimitRange('cpu=1')).toThrow(/section\.resource/);
    expect(() => parseLimitRange('limits.cpu=1')).toThrow(/section\.resource/);
  });
});
