// Entry point of the verify-endpoints action (bundled to dist/verify-endpoints/index.js).
import { runAction } from '../../shared/core/action.ts';
import { readInputs } from '../../shared/endpoints/inputs.ts';
import { failureError } from '../../shared/endpoints/report.ts';
import { productionClients } from './clients.ts';
import { toOutputs } from './outputs.ts';
import { writeSummary } from './summary.ts';
import { newReport, verifyEndpoints } from './verify-endpoints.ts';

await runAction({
  name: 'verify-endpoints',
  readInputs: () => readInputs(),
  newReport,
  execute: (inputs) => verifyEndpoints(inputs, productionClients()),
  toOutputs,
  writeSummary,
  failure: (result, report) => (result.passed ? undefined : failureError(result, report.timeoutMs)),
});
