// Entry point of the bump-prod-tag action (bundled to dist/bump-prod-tag/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { summarizeFailure } from '../../shared/core/summary.ts';
import { bumpProdTag, toOutputs } from './bump-prod-tag.ts';
import { readInputs } from './inputs.ts';
import { writeBumpSummary } from './summary.ts';

await run(() =>
  summarizeFailure('bump-prod-tag', 'The promotion', async () => {
    const inputs = readInputs();
    const result = await bumpProdTag(inputs, readEventContext(), { logger: actionsLogger });
    writeOutputs(toOutputs(result));
    await writeBumpSummary(result);
  }),
);
