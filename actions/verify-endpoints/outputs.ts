// verify-endpoints' outputs, by the names in action.yml.
import type { OutputValue } from '../../shared/core/outputs.ts';
import { resultsOutput } from '../../shared/endpoints/report.ts';
import type { VerifyResult } from '../../shared/endpoints/verify.ts';

/**
 * The action's outputs, by output name (mirrors action.yml). Written for a completed verification,
 * passed or not, so a later step (with `continue-on-error`) can read which check failed.
 */
export function toOutputs(verify: VerifyResult): Record<string, OutputValue> {
  return { passed: verify.passed, results: resultsOutput(verify) };
}
