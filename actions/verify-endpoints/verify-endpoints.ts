// verify-endpoints from validated inputs to results. The stages (mask the credentials, show the
// plan, send every check with retries under one deadline, show the table) are
// shared/endpoints/run-verification.ts, which verify-promotion runs as one of its own stages.
import type { Inputs } from '../../shared/endpoints/inputs.ts';
import { runVerification } from '../../shared/endpoints/run-verification.ts';
import type { VerifyResult } from '../../shared/endpoints/verify.ts';
import type { Clients } from './clients.ts';

/** What the summary and the verdict need besides the result. */
export interface VerifyReport {
  /** The version that had to answer, if any. */
  expectVersion: string | undefined;
  /** The overall deadline, ms (named in the fix of a not-ready check). */
  timeoutMs: number;
}

/** The report of a run that has not started yet. */
export function newReport(inputs: Inputs): VerifyReport {
  return { expectVersion: inputs.expectVersion, timeoutMs: inputs.timeoutMs };
}

/** Runs every check; a failing check is a result (`passed: false`), not an error. */
export function verifyEndpoints(inputs: Inputs, clients: Clients): Promise<VerifyResult> {
  return runVerification(inputs, clients);
}
