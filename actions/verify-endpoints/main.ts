// Entry point of the verify-endpoints action (bundled to dist/verify-endpoints/index.js).
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { setSecret } from '../../shared/core/workflow-commands.ts';
import { summarizeFailure } from '../../shared/core/summary.ts';
import { readInputs } from '../../shared/endpoints/inputs.ts';
import { failureError, toOutputs } from '../../shared/endpoints/report.ts';
import { writeVerifySummary } from './summary.ts';
import { runVerification } from '../../shared/endpoints/verify-endpoints.ts';

await run(async () => {
  // Bad input (or a verification that cannot start) still gets a verdict-first summary.
  const { inputs, result } = await summarizeFailure('verify-endpoints', 'Checking the endpoints', async () => {
    const read = readInputs();
    return { inputs: read, result: await runVerification(read, { logger: actionsLogger, setSecret }) };
  });
  // Outputs and summary are written for a completed verification, passed or not, so a later
  // step (with `continue-on-error`) can read which check failed.
  writeOutputs(toOutputs(result));
  await writeVerifySummary(result, inputs.expectVersion);
  if (!result.passed) throw failureError(result, inputs.timeoutMs);
});
