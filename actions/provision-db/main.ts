// Entry point of the provision-db action (bundled to dist/provision-db/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { runOutputs } from './outputs.ts';
import { runProvisionDb } from './provision-db.ts';
import { newReport, writeSummary } from './summary.ts';

await runAction({
  name: 'provision-db',
  readInputs: () => readInputs(),
  newReport: (inputs) => newReport(inputs),
  execute: (inputs, report) => runProvisionDb(inputs, readEventContext(), productionClients(), report),
  toOutputs: (_result, report) => runOutputs(report),
  writeSummary,
});
