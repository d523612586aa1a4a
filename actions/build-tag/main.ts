// Entry point of the build-tag action (bundled to dist/build-tag/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { buildTag } from './build-tag.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { writeSummary } from './summary.ts';

await runAction({
  name: 'build-tag',
  readInputs: () => readInputs(),
  newReport: () => undefined,
  execute: (inputs) => buildTag(inputs, readEventContext(), productionClients(inputs)),
  toOutputs,
  writeSummary,
});
