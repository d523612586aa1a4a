// Entry point of the provision-db action (bundled to dist/provision-db/index.js).
import { readEventContext } from '../../shared/context.ts';
import { actionsLogger } from '../../shared/logger.ts';
import { writeOutputs } from '../../shared/outputs.ts';
import { run } from '../../shared/run.ts';
import { readInputs } from './inputs.ts';
import { provisionDb } from './provision.ts';
import { toOutputs, writeProvisionSummary, type ProvisionReport } from './summary.ts';

await run(async () => {
  const inputs = readInputs();
  const report: ProvisionReport = { startedAt: Date.now() };
  try {
    report.result = await provisionDb(inputs, readEventContext(), { logger: actionsLogger, report });
    writeOutputs(toOutputs(report.result));
  } catch (error: unknown) {
    report.error = error;
    throw error;
  } finally {
    await writeProvisionSummary(report);
  }
});
