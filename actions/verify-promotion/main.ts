// Entry point of the verify-promotion action (bundled to dist/verify-promotion/index.js).
import { githubClient } from '../../shared/github.ts';
import { createKubeClient, loadKubeconfig } from '../../shared/kube.ts';
import { actionsLogger } from '../../shared/logger.ts';
import { writeOutputs } from '../../shared/outputs.ts';
import { run } from '../../shared/run.ts';
import { setSecret } from '../../shared/runner.ts';
import { readInputs } from './inputs.ts';
import { failureError, toOutputs, writePromotionSummary } from './report.ts';
import { verifyPromotion } from './verify-promotion.ts';

await run(async () => {
  const inputs = readInputs();
  const result = await verifyPromotion(inputs, {
    logger: actionsLogger,
    setSecret,
    kube: async () => createKubeClient((await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), setSecret })).connection, { setSecret }),
    github: () => githubClient(inputs.token),
  });
  writeOutputs(toOutputs(result));
  await writePromotionSummary(result, inputs);
  if (!result.passed) throw failureError(result);
});
