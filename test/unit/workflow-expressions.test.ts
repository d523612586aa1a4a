import { describe, expect, it } from 'vitest';
import { condition, interpolate } from '../workflow/expressions.ts';

const contexts = {
  github: { event_name: 'pull_request', head_ref: 'feature/x', ref_name: '7/merge' },
  steps: { names: { outputs: { namespace: 'feature-x', 'changed-services': '["be"]' } } },
  needs: { build: { outputs: { matrix: '{"include":[]}' } } },
};

describe('workflow expressions', () => {
  it('interpolates contexts, functions and fallbacks', () => {
    expect(interpolate('ns=${{ steps.names.outputs.namespace }}', contexts)).toBe('ns=feature-x');
    expect(interpolate('${{ github.head_ref || github.ref_name }}', contexts)).toBe('feature/x');
    expect(interpolate("${{ fromJSON(steps.names.outputs['changed-services'])[0] }}", contexts)).toBe('be');
    expect(interpolate("${{ format('{0}-{1}', 'a', 'b') }}", contexts)).toBe('a-b');
  });

  it('evaluates if: with implied success() and status functions', () => {
    expect(condition("github.event_name == 'pull_request'", contexts, false)).toBe(true);
    expect(condition("${{ github.event_name == 'pull_request' }}", contexts, true)).toBe(false);
    expect(condition('always()', contexts, true)).toBe(true);
    expect(condition('failure()', contexts, true)).toBe(true);
    expect(condition('needs.build.outputs.matrix != \'{"include":[]}\'', contexts, false)).toBe(false);
  });
});
