// Entry point of the bump-prod-tag action (bundled to dist/bump-prod-tag/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { bumpProdTag } from './bump-prod-tag.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { writeSummary } from './summary.ts';

await runAction({
  name: 'bump-prod-tag',
  readInputs: () => readInputs(),
  newReport: () => undefined,
  execute: (inputs) => bumpProdTag(inputs, readEventContext(), productionClients(inputs)),
  toOutputs,
  writeSummary,
});
