// Entry point of the provision-db action (bundled to dist/provision-db/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { readInputs, type Inputs } from './inputs.ts';
import { provisionDb } from './provision.ts';
import { refreshOutputs, refreshRun, writeRefreshSummary, type RefreshReport } from './refresh-run.ts';
import { toOutputs, writeProvisionSummary, type ProvisionReport } from './summary.ts';

/** `mode: refresh-template`: the nightly rebuild of the seed template. */
async function refresh(inputs: Inputs): Promise<void> {
  const report: RefreshReport = { startedAt: Date.now() };
  try {
    writeOutputs(refreshOutputs(await refreshRun(inputs, readEventContext(), { logger: actionsLogger }, report)));
  } catch (error: unknown) {
    report.error = error;
    throw error;
  } finally {
    await writeRefreshSummary(report);
  }
}

await run(async () => {
  const inputs = readInputs();
  if (inputs.mode === 'refresh-template') return refresh(inputs);
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
