// Entry point of the deploy-overlay action (bundled to dist/deploy-overlay/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { exec } from '../../shared/core/exec.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { connectWith, deployOverlay } from './deploy.ts';
import { readInputs } from './inputs.ts';
import { toOutputs, writeDeploySummary } from './summary.ts';

await run(async () => {
  const inputs = readInputs();
  const report = await deployOverlay(inputs, { logger: actionsLogger, exec, context: readEventContext(), connect: connectWith(inputs, actionsLogger) });
  await writeDeploySummary(report);
  if (report.failure) throw report.failure;
  writeOutputs(toOutputs(report));
});
