// Entry point of the verify-promotion action (bundled to dist/verify-promotion/index.js).
import { runAction } from '../../shared/core/action.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { reportOutputs, toOutputs } from './outputs.ts';
import { failureError, writeSummary } from './summary.ts';
import { newReport, verifyPromotion } from './verify-promotion.ts';

await runAction({
  name: 'verify-promotion',
  readInputs: () => readInputs(),
  newReport,
  execute: (inputs, report) => verifyPromotion(inputs, productionClients(inputs), report),
  toOutputs,
  reportOutputs,
  writeSummary,
  failure: (result) => (result.passed ? undefined : failureError(result)),
});
