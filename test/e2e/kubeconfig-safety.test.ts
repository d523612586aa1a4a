// A kubeconfig that does not parse, or that needs a legacy auth-provider, through the bundles as
// the runner runs them with debug logging on (ACTIONS_STEP_DEBUG, RUNNER_DEBUG=1): the step fails
// saying where and how to fix it, and no part of its content, no credential and no fragment of
// one, reaches the log, the outputs or the summary (issue 12 item 10: js-yaml's message quoted
// the lines around the fault, cutting a long token mid-value so its mask no longer matched).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type RunResult } from '../helpers/run-action.ts';
import { SAMPLE, sampleInputs } from '../helpers/deploy-overlay-harness.ts';

const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${'c2VjcmV0LXBheWxvYWQ'.repeat(6)}.sig-${'Zm9vYmFy'.repeat(4)}`;
const PASSWORD = 'pa55-word-that-is-long-enough';
const DEBUG = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };

/** Token-bearing kubeconfigs that js-yaml refuses, each fault next to a credential. */
const MALFORMED: Record<string, string> = {
  'bad indentation after the token': `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${TOKEN}\n   password: ${PASSWORD}\n  x: [\n`,
  'unterminated quoted token': `apiVersion: v1\nusers:\n- name: u\n  user: {token: "${TOKEN}, password: ${PASSWORD}\n`,
  'flow mapping cut short': `{apiVersion: v1, users: [{name: u, user: {token: ${TOKEN}, password: ${PASSWORD}}]\n`,
  'duplicated key': `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${TOKEN}\n    token: ${TOKEN}x\n`,
  'unknown tag on the token': `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: !secret ${TOKEN}\n`,
};

/** Every 8-character piece of each secret that shows outside the runner's ::add-mask:: commands. */
function leaks(run: RunResult): string[] {
  const shown = [
    run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    run.stderr,
    run.outputFile,
    run.summary,
  ].join('\n');
  const found = new Set<string>();
  for (const secret of [TOKEN, PASSWORD]) {
    for (let i = 0; i + 8 <= secret.length; i += 1) if (shown.includes(secret.slice(i, i + 8))) found.add(secret.slice(i, i + 8));
  }
  return [...found];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeconfig-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deploy(kubeconfig: string, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction('deploy-overlay', { inputs: sampleInputs(kubeconfig, { 'working-directory': SAMPLE, timeout: '5s' }), env: { ...DEBUG, ...env } });
}

describe('a kubeconfig that does not parse, with debug on', () => {
  it.each(Object.entries(MALFORMED))('deploy-overlay, `kubeconfig` input (%s): fails naming the line, shows none of it', async (_name, text) => {
    const run = await deploy(text);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::The kubeconfig from input `kubeconfig` cannot be read: [a-z ]+ at line \d+, column \d+\./);
    expect(leaks(run)).toEqual([]);
  });

  it('deploy-overlay and cleanup-branch, KUBECONFIG list with a broken file, and the input naming it: the same', async () => {
    const good = path.join(dir, 'good');
    const broken = path.join(dir, 'broken');
    writeFileSync(good, 'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\n');
    writeFileSync(broken, MALFORMED['bad indentation after the token'] ?? '');
    const env = { KUBECONFIG: `${good}${path.delimiter}${broken}` };
    const runs = [await deploy('', env), await runAction('cleanup-branch', { inputs: { branch: 'ex-3-9' }, env: { ...DEBUG, ...env } })];
    for (const run of runs) {
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/::error::The kubeconfig from KUBECONFIG cannot be read: [a-z ]+ at line \d+, column \d+\./);
      expect(leaks(run)).toEqual([]);
    }
    // The `kubeconfig` input naming that file.
    const byPath = await deploy(broken);
    expect(byPath.exitCode).toBe(1);
    expect(byPath.stdout).toMatch(/::error::The kubeconfig from input `kubeconfig` cannot be read: [a-z ]+ at line \d+, column \d+\./);
    expect(leaks(byPath)).toEqual([]);
  });
});

describe('a legacy auth-provider user', () => {
  it('is refused once, before any request, with the way to kubelogin; its tokens stay masked', async () => {
    const kubeconfig = [
      'apiVersion: v1',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]',
      `users: [{name: u, user: {auth-provider: {name: azure, config: {access-token: ${TOKEN}, tenant-id: t}}}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n');
    const file = path.join(dir, 'auth-provider');
    writeFileSync(file, kubeconfig);
    for (const run of [await deploy(kubeconfig), await runAction('cleanup-branch', { inputs: { branch: 'ex-3-9' }, env: { ...DEBUG, KUBECONFIG: file } })]) {
      expect(run.exitCode).toBe(1);
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('legacy auth-provider "azure"');
      expect(errors[0]).toContain('kubelogin convert-kubeconfig');
      expect(leaks(run)).toEqual([]);
    }
  });
});
