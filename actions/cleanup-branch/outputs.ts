// cleanup-branch's outputs, by the names in action.yml.
import type { OutputValue } from '../../shared/core/outputs.ts';
import type { CleanupReport } from './cleanup-branch.ts';
import { outputEntries, type Action } from './report.ts';

/** The outputs (mirrors action.yml). */
export function toOutputs(report: CleanupReport): Record<string, OutputValue> {
  const pick = (action: Action) => outputEntries(report.outcomes.filter((o) => o.action === action));
  return {
    removed: pick('removed'),
    skipped: pick('skipped'),
    'would-remove': pick('would-remove'),
    'already-gone': pick('already-gone'),
    environments: report.environments.map((e) => ({ slug: e.slug, branch: e.branch ?? null, decision: e.decision, reason: e.reason })),
  };
}
