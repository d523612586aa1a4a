// What a person sees first in the job summary, through the bundles on the Kubernetes emulator and
// rendered by a GitHub-flavoured Markdown renderer: a successful deploy, an unchanged re-deploy,
// and deploys that fail (an image the registry lacks, a crash loop, a ConfigMap nobody creates),
// each failure in one line right below the verdict, visible without unfolding anything.
// With SUMMARY_SHOTS=<dir>, each summary is also written there (for the README's screenshots).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { visibleLines } from '../helpers/render-summary.ts';
import { appDeployment, objectsOverlay, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

let kube: KubeEmulator;
let dir: string;

beforeAll(async () => {
  kube = await startKubeEmulator({ readyDelayMs: 30 });
  dir = mkdtempSync(path.join(tmpdir(), 'summaries-e2e-'));
  await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
});
afterAll(async () => {
  await kube.close();
  rmSync(dir, { recursive: true, force: true });
});

function keep(name: string, run: RunResult): void {
  const shots = process.env['SUMMARY_SHOTS'];
  if (shots) writeFileSync(path.join(shots, `${name}.md`), run.summary);
}

const env = (): Record<string, string> => ({ KUBECONFIG: path.join(dir, 'kubeconfig') });

/** A Deployment `app` with these container fields, and its Service, alone in an overlay. */
async function deployApp(branch: string, container: Record<string, unknown>): Promise<RunResult> {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app' }, spec: { selector: { app: 'app' }, ports: [{ port: 80 }] } };
  const inputs = objectsOverlay(dir, branch, [appDeployment({}, container), service], { kubeconfig: '', timeout: '60s' });
  return runAction('deploy-overlay', { inputs, env: env() });
}

describe('deploy-overlay summaries lead with the verdict', () => {
  it('a successful deploy, then an unchanged re-deploy in one line', async () => {
    const first = await runAction('deploy-overlay', { inputs: sampleInputs('', { kubeconfig: '' }), env: env() });
    expect(first.exitCode, first.stdout).toBe(0);
    keep('deploy-success', first);
    const lines = visibleLines(first.summary);
    expect(lines[0]).toMatch(/^✅ deploy-overlay: Deployed ex-3-9 to feature-ex-3-9, (\d+) of \1 workload\(s\) ready in \d/);
    expect(lines[1]).toBe('Environment: https://ex-3-9.preview.example.com');
    expect(lines[2]).toBe('Workload | Result | Rollout | Time');
    expect(lines.find((l) => l.startsWith('Other objects: '))).toMatch(/^Other objects: \d+ created(, \d+ \w+)*: \d+ \w+/);
    expect(first.outputs['verdict']).toBe(lines[0]);

    const again = await runAction('deploy-overlay', { inputs: sampleInputs('', { kubeconfig: '' }), env: env() });
    expect(again.exitCode, again.stdout).toBe(0);
    const unchanged = visibleLines(again.summary);
    expect(unchanged[0]).toMatch(/^➖ deploy-overlay: Re-deployed ex-3-9 to feature-ex-3-9, nothing changed, (\d+) of \1 workload\(s\) ready in \d/);
    expect(unchanged.some((l) => l.startsWith('Workload |'))).toBe(false);
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    [
      'an image the registry does not have',
      'sum-pull',
      { image: 'registry.example.com/sample/web:fail-pull' },
      /^❌ Deployment\/app: pod app-\S+: container app is in ImagePullBackOff \(.*not found\)\. Fix: push registry\.example\.com\/sample\/web:fail-pull/,
    ],
    [
      'a crash loop',
      'sum-crash',
      { command: ['sh', '-c', 'echo "cannot reach database"; exit 3'] },
      /^❌ Deployment\/app: pod app-\S+: container app is in CrashLoopBackOff \(.*last exit code 3.*\)\. Fix: /,
    ],
    [
      'a ConfigMap nobody creates',
      'sum-config',
      { envFrom: [{ configMapRef: { name: 'settings' } }] },
      /^❌ Deployment\/app: pod app-\S+: container app is in CreateContainerConfigError \(configmap "settings" not found\)\. Fix: add ConfigMap "settings" to the overlay/,
    ],
  ])('a failed deploy (%s): the reason in one line under the verdict', async (_what, branch, container, reason) => {
    const run = await deployApp(branch, container);
    expect(run.exitCode).toBe(1);
    keep(`deploy-${branch}`, run);
    const lines = visibleLines(run.summary);
    expect(lines[0]).toMatch(new RegExp(`^❌ deploy-overlay: Deploy of ${branch} to feature-${branch} failed, 1 of 1 workload\\(s\\) not ready in \\d`));
    expect(lines[1]).toMatch(reason);
    expect(lines.filter((l) => l.endsWith(':'))).toEqual([]);
    // The verdict output carries the same lines, for the pull request comment.
    expect(run.outputs['verdict']?.split('\n')).toEqual([lines[0], `- ${(lines[1] ?? '').slice('❌ '.length)}`]);
  });
});
