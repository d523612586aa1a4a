// Entry point of the verify-promotion action (bundled to dist/verify-promotion/index.js).
import { runAction } from '../../shared/core/action.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { failureError, newReport, writeSummary } from './summary.ts';
import { verifyPromotion } from './verify-promotion.ts';

await runAction({
  name: 'verify-promotion',
  readInputs: () => readInputs(),
  newReport,
  execute: (inputs) => verifyPromotion(inputs, productionClients(inputs)),
  toOutputs,
  writeSummary,
  failure: (result) => (result.passed ? undefined : failureError(result)),
});
