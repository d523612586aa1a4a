// Entry point of the pr-comment action (bundled to dist/pr-comment/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { runAction } from '../../shared/core/action.ts';
import { productionClients } from './clients.ts';
import { readInputs } from './inputs.ts';
import { toOutputs } from './outputs.ts';
import { prComment } from './pr-comment.ts';
import { writeSummary } from './summary.ts';

await runAction({
  name: 'pr-comment',
  readInputs: () => readInputs(),
  newReport: () => undefined,
  execute: (inputs) => prComment(inputs, readEventContext(), productionClients(inputs)),
  toOutputs,
  writeSummary,
});
