// Entry point of the deploy-overlay action (bundled to dist/deploy-overlay/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { productionClients } from './clients.ts';
import { deployOverlay } from './deploy-overlay.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { newReport } from './report.ts';
import { writeSummary } from './summary.ts';

await runAction({
  name: 'deploy-overlay',
  readInputs: () => readInputs(),
  newReport,
  execute: (inputs, report) => deployOverlay(inputs, readEventContext(), productionClients(inputs), report),
  toOutputs,
  writeSummary,
  failure: (report) => report.failure,
});
