// Entry point of the build-tag action (bundled to dist/build-tag/index.js).
import { readEventContext } from '../../shared/branch/event-context.ts';
import { exec } from '../../shared/core/exec.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { summarizeFailure } from '../../shared/core/summary.ts';
import { buildTag, toOutputs } from './build-tag.ts';
import { readInputs } from './inputs.ts';
import { writeBuildTagSummary } from './summary.ts';

await run(() =>
  summarizeFailure('build-tag', 'Naming the branch', async () => {
    const inputs = readInputs();
    const result = await buildTag(inputs, readEventContext(), {
      git: (args) => exec('git', args, { cwd: inputs.workingDirectory, allowFailure: true }),
      logger: actionsLogger,
    });
    writeOutputs(toOutputs(result));
    await writeBuildTagSummary(result);
  }),
);
