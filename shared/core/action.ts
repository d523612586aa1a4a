// The one skeleton every action's entry point uses. An action folder has the same files for
// the same roles:
//
//   main.ts        `await runAction({...})` with the parts below, nothing else
//   inputs.ts      `readInputs()`: the typed, validated `Inputs` (every field documented); verify-endpoints
//                  reads the endpoint inputs it shares with verify-promotion, shared/endpoints/inputs.ts
//   clients.ts     `Clients` and `productionClients(inputs)`: everything that talks to the world
//   <action>.ts    the orchestrator, named after the action: `(inputs, context, clients, report)`,
//                  a list of named stages
//   outputs.ts     `toOutputs(result)`: the outputs by the names in action.yml
//   summary.ts     `writeSummary(report, outcome)`: the job summary, also for a failed run
//
// The report is made before the work starts and filled as it goes, so a run that fails half way
// still shows what it did. Tests call the orchestrator with their own clients; this file is what
// joins the parts at run time, the same way for every action.

import { writeOutputs, type OutputValue } from './outputs.ts';
import { run, type RunDeps } from './run.ts';
import { writeFailureSummary } from './summary.ts';

/** How a run ended, for the summary: a result, an error, or (inputs refused) neither. */
export interface Outcome<Result> {
  result?: Result;
  error?: unknown;
}

/** The parts of one action, joined by {@link runAction}. */
export interface ActionParts<Inputs, Report, Result> {
  /** The action's name, as its folder (used in the summary when the inputs are refused). */
  name: string;
  /** Reads and checks the inputs; a refusal fails the run with a summary that names the input. */
  readInputs(): Inputs;
  /** The report the work fills as it goes (so a failed run keeps its summary). */
  newReport(inputs: Inputs): Report;
  /** The work: builds the production clients and calls the orchestrator. */
  execute(inputs: Inputs, report: Report): Promise<Result>;
  /**
   * The outputs by action.yml name; written before the summary, also when `failure` is set (an action
   * may return none for a result that is a failure, as deploy-overlay does for a failed rollout).
   */
  toOutputs(result: Result, report: Report): Record<string, OutputValue>;
  /** The outputs a failed run still gives from its report (what was done before it failed); none when absent. */
  reportOutputs?(report: Report): Record<string, OutputValue>;
  /** Writes the job summary; called exactly once, whatever happened. */
  writeSummary(report: Report, outcome: Outcome<Result>): Promise<void>;
  /**
   * An error to fail the step with after outputs and summary are written, for runs that end
   * with a result that is still a failure (a check that did not pass, a rollout that failed).
   */
  failure?(result: Result, report: Report): Error | undefined;
}

/**
 * Runs an action from its parts: inputs, report, work, outputs, summary, verdict. Never rejects;
 * a failure is reported by {@link run} (a `UserError` as its message and fix, anything else as a bug).
 */
export function runAction<Inputs, Report, Result>(parts: ActionParts<Inputs, Report, Result>, deps: RunDeps = {}): Promise<void> {
  return run(async () => {
    let inputs: Inputs;
    try {
      inputs = parts.readInputs();
    } catch (error: unknown) {
      await writeFailureSummary(parts.name, 'Reading the inputs', error);
      throw error;
    }
    const report = parts.newReport(inputs);
    const outcome: Outcome<Result> = {};
    let result: Result;
    try {
      result = outcome.result = await parts.execute(inputs, report);
      writeOutputs(parts.toOutputs(result, report));
    } catch (error: unknown) {
      outcome.error = error;
      if (parts.reportOutputs) writeOutputs(parts.reportOutputs(report));
      throw error;
    } finally {
      await parts.writeSummary(report, outcome);
    }
    const failure = parts.failure?.(result, report);
    if (failure !== undefined) throw failure;
  }, deps);
}
