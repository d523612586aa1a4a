// What happened to each object: removed, already gone, would be removed (dry run), skipped
// (and why), or failed (and why). Every step runs through `Recorder.track`, which times it,
// logs the outcome once and keeps it for the outputs and the summary. A failing step never
// stops the others: its error becomes a `failed` outcome.
import { errorMessage, isUserError } from '../../shared/core/errors.ts';
import { describeKubeError, kubeApiError } from '../../shared/kube/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import type { Clock } from '../../shared/core/clock.ts';

/** The kinds of objects a branch environment is made of. */
export type ObjectKind = 'namespace' | 'object' | 'database' | 'role' | 'federated-credential' | 'deployment' | 'environment';

/** What happened to an object. */
export type Action = 'removed' | 'already-gone' | 'would-remove' | 'skipped' | 'failed';

/** The result of one step, as the step reports it (`failed` comes from a thrown error). */
export interface StepResult {
  action: Exclude<Action, 'failed'>;
  /** Why (always for skipped; details otherwise). */
  reason?: string;
  /** Log a skip as a warning (an unmarked lookalike, a protected name) rather than as information. */
  warn?: boolean;
}

/** One object's outcome. */
export interface Outcome {
  kind: ObjectKind;
  name: string;
  /** The branch slug of the environment the object was looked at for. */
  slug: string;
  action: Action;
  reason?: string;
  /** A skip that refused to act (an unmarked or foreign object, a protected name), not a plain keep (a live branch). */
  refused?: boolean;
  /** Time the step took, in ms. */
  ms: number;
}

const LABEL: Record<ObjectKind, string> = {
  namespace: 'Namespace',
  object: 'Object',
  database: 'Database',
  role: 'Role',
  'federated-credential': 'Federated credential',
  deployment: 'GitHub deployment',
  environment: 'GitHub environment',
};

/** `Namespace feature-x`, as messages name an object. */
export function describeObject(kind: ObjectKind, name: string): string {
  return `${LABEL[kind]} ${name}`;
}

/** The message of a failure as the user should read it (a UserError's fix included, a cluster's Status made readable). */
export function failureText(error: unknown): string {
  if (isUserError(error)) return error.describe();
  if (kubeApiError(error) !== undefined) return `the cluster answered ${describeKubeError(error)}`;
  return errorMessage(error);
}

/** Collects outcomes, logging each as it comes. */
export class Recorder {
  readonly outcomes: Outcome[] = [];
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(logger: Logger, clock: Clock) {
    this.logger = logger;
    this.clock = clock;
  }

  /** Runs one step for one object and records its outcome; never throws. */
  async track(kind: ObjectKind, name: string, slug: string, step: () => Promise<StepResult>): Promise<Outcome> {
    const started = this.clock.now();
    let outcome: Outcome;
    let warn = false;
    try {
      const result = await step();
      warn = result.warn === true;
      outcome = {
        kind,
        name,
        slug,
        action: result.action,
        ...(result.reason ? { reason: result.reason } : {}),
        ...(warn && result.action === 'skipped' ? { refused: true } : {}),
        ms: this.clock.now() - started,
      };
    } catch (error: unknown) {
      outcome = { kind, name, slug, action: 'failed', reason: failureText(error), ms: this.clock.now() - started };
      if (!isUserError(error) && error instanceof Error && error.stack) this.logger.debug(error.stack);
    }
    this.outcomes.push(outcome);
    this.log(outcome, warn);
    return outcome;
  }

  /** Records an outcome decided without a step (e.g. a whole environment skipped in a sweep). */
  note(kind: ObjectKind, name: string, slug: string, result: StepResult): Outcome {
    const outcome: Outcome = {
      kind,
      name,
      slug,
      action: result.action,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.warn === true && result.action === 'skipped' ? { refused: true } : {}),
      ms: 0,
    };
    this.outcomes.push(outcome);
    this.log(outcome, result.warn === true);
    return outcome;
  }

  /** Records a failure that happened outside a step (e.g. listing what to remove). */
  fail(kind: ObjectKind, name: string, slug: string, error: unknown): Outcome {
    const outcome: Outcome = { kind, name, slug, action: 'failed', reason: failureText(error), ms: 0 };
    this.outcomes.push(outcome);
    this.log(outcome, false);
    return outcome;
  }

  /** Outcomes with this action. */
  with(action: Action): Outcome[] {
    return this.outcomes.filter((o) => o.action === action);
  }

  private log(o: Outcome, warn: boolean): void {
    const what = describeObject(o.kind, o.name);
    const why = o.reason ? `: ${o.reason}` : '';
    switch (o.action) {
      case 'removed':
        return this.logger.info(`Removed ${what}${why}.`);
      case 'already-gone':
        return this.logger.info(`${what} is already gone${why}.`);
      case 'would-remove':
        return this.logger.info(`Would remove ${what}${why} (dry run).`);
      case 'skipped':
        return warn ? this.logger.warning(`Skipped ${what}${why}.`) : this.logger.info(`Skipped ${what}${why}.`);
      case 'failed':
        return this.logger.error(`Could not remove ${what}: ${o.reason ?? 'unknown error'}`);
    }
  }
}

/** An outcome as the `removed`/`skipped`/`would-remove` outputs list it. */
export interface OutputEntry {
  kind: ObjectKind;
  name: string;
  slug: string;
  reason?: string;
}

/** The outputs' form of a list of outcomes. */
export function outputEntries(outcomes: readonly Outcome[]): OutputEntry[] {
  return outcomes.map((o) => ({ kind: o.kind, name: o.name, slug: o.slug, ...(o.reason ? { reason: o.reason } : {}) }));
}
