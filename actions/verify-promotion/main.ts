// Entry point of the verify-promotion action (bundled to dist/verify-promotion/index.js).
import { githubClient } from '../../shared/github/client.ts';
import { createKubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { actionsLogger } from '../../shared/core/logger.ts';
import { writeOutputs } from '../../shared/core/outputs.ts';
import { run } from '../../shared/core/run.ts';
import { setSecret } from '../../shared/core/workflow-commands.ts';
import { readInputs } from './inputs.ts';
import { failureError, toOutputs, writePromotionSummary } from './report.ts';
import { verifyPromotion } from './verify-promotion.ts';

await run(async () => {
  const inputs = readInputs();
  const result = await verifyPromotion(inputs, {
    logger: actionsLogger,
    setSecret,
    kube: async () =>
      createKubeClient((await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), setSecret })).connection, { setSecret }),
    github: () => githubClient(inputs.token),
  });
  writeOutputs(toOutputs(result));
  await writePromotionSummary(result, inputs);
  if (!result.passed) throw failureError(result);
});
