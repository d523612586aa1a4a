// Entry point of the verify-endpoints action (bundled to dist/verify-endpoints/index.js).
import { actionsLogger } from '../../shared/logger.ts';
import { writeOutputs } from '../../shared/outputs.ts';
import { run } from '../../shared/run.ts';
import { setSecret } from '../../shared/runner.ts';
import { readInputs } from '../../shared/endpoints/inputs.ts';
import { failureError, toOutputs } from '../../shared/endpoints/report.ts';
import { writeVerifySummary } from './summary.ts';
import { runVerification } from '../../shared/endpoints/verify-endpoints.ts';

await run(async () => {
  const inputs = readInputs();
  const result = await runVerification(inputs, { logger: actionsLogger, setSecret });
  // Outputs and summary are written for a completed verification, passed or not, so a later
  // step (with `continue-on-error`) can read which check failed; bad input writes nothing.
  writeOutputs(toOutputs(result));
  await writeVerifySummary(result, inputs.expectVersion);
  if (!result.passed) throw failureError(result, inputs.timeoutMs);
});
