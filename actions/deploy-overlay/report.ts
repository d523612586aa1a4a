// What a deploy-overlay run did, filled stage by stage, for the outputs and the job summary. It is
// made before the work starts, so a run that fails half way still shows what it did.
import type { UserError } from '../../shared/core/errors.ts';
import type { ObjectResult } from './apply.ts';
import type { DryRun, Inputs } from './inputs.ts';
import type { RolloutResult } from './wait.ts';

/** What the run did, for outputs and the summary. */
export interface DeployReport {
  /** The branch deployed ('' until the branch is known). */
  branch: string;
  slug: string;
  /** The namespace deployed to ('' until the branch is known). */
  namespace: string;
  sha: string | undefined;
  dryRun: DryRun;
  url: string | undefined;
  objects: ObjectResult[];
  rollouts: RolloutResult[];
  /** Diagnosis lines of each workload that failed, by `Kind/name`. */
  diagnosis: Map<string, string[]>;
  timings: { renderMs: number; applyMs: number; pruneMs: number; waitMs: number; totalMs: number };
  deploymentId: number | undefined;
  /** Anything created, configured, replaced or pruned. */
  changed: boolean;
  /** Set when the run failed after it started changing the cluster; the summary is still written. */
  failure: UserError | undefined;
}

/** The report of a run that has not started yet. */
export function newReport(inputs: Inputs): DeployReport {
  return {
    branch: '',
    slug: '',
    namespace: '',
    sha: undefined,
    dryRun: inputs.dryRun,
    url: undefined,
    objects: [],
    rollouts: [],
    diagnosis: new Map(),
    timings: { renderMs: 0, applyMs: 0, pruneMs: 0, waitMs: 0, totalMs: 0 },
    deploymentId: undefined,
    changed: false,
    failure: undefined,
  };
}

const CHANGES: ReadonlySet<ObjectResult['result']> = new Set(['created', 'configured', 'replaced', 'pruned']);

/** Sets the total time and whether anything changed. */
export function finishReport(report: DeployReport, startedAt: number): DeployReport {
  report.timings.totalMs = Date.now() - startedAt;
  report.changed = report.objects.some((o) => CHANGES.has(o.result));
  return report;
}

/** The rollout of an object of the branch namespace, if it was waited for. */
export function rolloutOf(report: DeployReport, o: ObjectResult): RolloutResult | undefined {
  return report.rollouts.find((r) => r.kind === o.kind && r.name === o.name && o.namespace === report.namespace);
}
