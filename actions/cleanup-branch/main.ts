// Entry point of the cleanup-branch action (bundled to dist/cleanup-branch/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { cleanupBranch, newReport } from './cleanup.ts';
import { readInputs } from './inputs.ts';
import { toOutputs, writeCleanupSummary } from './summary.ts';

await run(async () => {
  const inputs = readInputs();
  const report = newReport();
  let failure: unknown;
  try {
    await cleanupBranch(inputs, readEventContext(), { logger: actionsLogger, report });
    writeOutputs(toOutputs(report));
  } catch (error: unknown) {
    failure = error;
    throw error;
  } finally {
    await writeCleanupSummary(report, undefined, failure);
  }
});
