// Entry point of the cleanup-branch action (bundled to dist/cleanup-branch/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { cleanupBranch, newReport } from './cleanup-branch.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { writeSummary } from './summary.ts';

await runAction({
  name: 'cleanup-branch',
  readInputs: () => readInputs(),
  newReport,
  execute: (inputs, report) => cleanupBranch(inputs, readEventContext(), productionClients(), report),
  toOutputs: (_result, report) => toOutputs(report),
  reportOutputs: toOutputs,
  writeSummary,
});
