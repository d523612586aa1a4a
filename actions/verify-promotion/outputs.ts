// verify-promotion's outputs, by the names in action.yml.
import type { OutputValue } from '../../shared/core/outputs.ts';
import type { PromotionReport, PromotionResult } from './verify-promotion.ts';

/** The action's outputs, by output name (mirrors action.yml); the rollback's only when one was opened. */
export function toOutputs(result: PromotionResult): Record<string, OutputValue> {
  return {
    passed: result.passed,
    outcome: result.app.outcome,
    reason: result.reason,
    revision: result.app.revision ?? '',
    resources: result.app.resources,
    'rollback-pull-request-number': result.rollback?.number,
    'rollback-pull-request-url': result.rollback?.url,
  };
}

/** The outputs of a run that failed after Argo CD was judged (the rollback could not be opened); none before. */
export function reportOutputs(report: PromotionReport): Record<string, OutputValue> {
  return report.judged ? toOutputs(report.judged) : {};
}
