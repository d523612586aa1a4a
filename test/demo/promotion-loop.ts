// The demo's closed loop of a promotion: a good promotion merged, synced by the Argo CD stand-in
// and verified in production; then a bad one (an image that crashes) found Degraded and rolled
// back by pull request, whose merge brings production back to the good version.
import { summaryToText } from '../../actions/cli/text.ts';
import { startPromotionWorld } from '../helpers/promotion-world.ts';

export interface LoopCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export async function runPromotionLoop(print: (text: string) => void): Promise<LoopCheck[]> {
  const world = await startPromotionWorld();
  const checks: LoopCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): void => void checks.push({ name, ok, detail });
  try {
    print('\n=== production promotion (Argo CD) ===');
    const good = await world.promote('v2');
    world.answer('v2');
    print(`\n--- promotion #${good.number} merged (todo-api v1 -> v2, ${good.sha.slice(0, 7)}); verify-promotion:`);
    const ok = await world.verify(good.sha, { 'expect-version': 'v2' });
    print(summaryToText(ok.summary));
    check('good promotion verified in production', ok.exitCode === 0 && ok.outputs['passed'] === 'true', `outcome ${ok.outputs['outcome'] ?? '?'}`);

    const bad = await world.promote('crashloop-v3');
    print(`\n--- promotion #${bad.number} merged (todo-api v2 -> crashloop-v3, an image that crashes); verify-promotion:`);
    const failed = await world.verify(bad.sha, { 'expect-version': 'crashloop-v3' });
    print(summaryToText(failed.summary));
    const rollback = Number(failed.outputs['rollback-pull-request-number'] ?? 0);
    check('bad promotion found Degraded', failed.exitCode === 1 && failed.outputs['outcome'] === 'degraded', failed.outputs['reason'] ?? '');
    check('one rollback pull request opened', world.openRollbacks().length === 1 && rollback > 0, `#${rollback}`);
    const back = world.gh.mergePull(rollback);
    print(`\n--- rollback #${rollback} merged (${back.slice(0, 7)}); verify-promotion:`);
    const again = await world.verify(back, { 'expect-version': 'v2', rollback: 'false' });
    print(summaryToText(again.summary));
    check('rollback converged production on v2', again.exitCode === 0, `outcome ${again.outputs['outcome'] ?? '?'}`);
  } finally {
    await world.close();
  }
  return checks;
}
