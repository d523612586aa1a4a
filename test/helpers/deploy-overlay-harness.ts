// Shared by deploy-overlay's integration and e2e tests and its benchmark: the sample app's
// inputs, a writable copy of the fixture, an in-process run against the emulator, kubectl with
// a fresh cache dir, and a scan of the cluster for leftover placeholders.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { exec } from '../../shared/core/exec.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { createKubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { deployOverlay } from '../../actions/deploy-overlay/deploy-overlay.ts';
import { newReport, type DeployReport } from '../../actions/deploy-overlay/report.ts';
import { readInputs } from '../../actions/deploy-overlay/inputs.ts';
import type { KubeEmulator, KubeObject } from '../emulators/kubernetes/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SAMPLE = path.join(ROOT, 'test', 'fixtures', 'sample-app');
export const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
export const NAMESPACE = 'feature-ex-3-9';
export const TAG = `ex-3-9-${SHA}`;

/** The inputs a feature-branch workflow gives for the sample app (branch ex-3-9). */
export function sampleInputs(kubeconfig: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    overlays: 'overlays/feature',
    'working-directory': SAMPLE,
    kubeconfig,
    branch: 'ex-3-9',
    sha: SHA,
    images: ['api', 'web', 'worker'].map((name) => `registry.example.com/sample/${name}:${TAG}`).join('\n'),
    replacements: 'BRANCH_NAME={slug}\nBRANCH_NAME_DB={database}',
    placeholders: 'PLACEHOLDER',
    secrets: 'PGPASSWORD=Sup3r-secret,pass=word\nPGUSER=ex_3_9_user',
    'environment-url': 'https://{slug}.preview.example.com',
    timeout: '30s',
    ...overrides,
  };
}

/**
 * An overlay of just these objects in a new folder under `parent`, and the sample inputs that
 * deploy it for `branch` (no images, replacements or placeholders; `overrides` last).
 */
export function objectsOverlay(
  parent: string,
  branch: string,
  objects: Record<string, unknown>[],
  overrides: Record<string, string> = {},
): Record<string, string> {
  const dir = mkdtempSync(path.join(parent, 'overlay-'));
  writeFileSync(path.join(dir, 'objects.yaml'), objects.map((o) => yaml.dump(o)).join('---\n'));
  writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - objects.yaml\n');
  return sampleInputs('', { branch, overlays: '.', 'working-directory': dir, images: '', replacements: '', placeholders: '', ...overrides });
}

/** A Deployment `app` (one container `app`, nginx:1.27 on port 8080) with these pod spec and container fields. */
export function appDeployment(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}, replicas = 1): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: { ...spec, containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080 }], ...container }] },
      },
    },
  };
}

/** A writable copy of the sample app (for tests that edit the overlay). */
export function copySample(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-app-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rewrites a file of a copied sample. */
export function writeSampleFile(dir: string, file: string, text: string): void {
  writeFileSync(path.join(dir, file), text);
}

export const CONTEXT: EventContext = {
  eventName: 'push',
  repository: { owner: 'octo-org', repo: 'preview-app' },
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  deleted: false,
};

/** Runs deployOverlay in-process against the emulator; returns the report and the log. */
export async function deployInProcess(
  record: Record<string, string>,
  extra: { context?: EventContext; githubBaseUrl?: string } = {},
): Promise<{ report: DeployReport; logger: RecordingLogger; masked: string[] }> {
  const masked: string[] = [];
  const setSecret = (s: string): void => void masked.push(s);
  const inputs = readInputs(new InputReader(inputsFromRecord(record)), {}, setSecret);
  const logger = new RecordingLogger();
  const connect = async (): Promise<Awaited<ReturnType<typeof createKubeClient>>> => {
    const { connection } = await loadKubeconfig({ input: inputs.kubeconfig ?? '', setSecret });
    return createKubeClient(connection, { retryDeadlineMs: 20_000, setSecret });
  };
  const clients = { logger, exec, connect, setSecret, ...(extra.githubBaseUrl ? { githubBaseUrl: extra.githubBaseUrl } : {}) };
  const report = await deployOverlay(inputs, extra.context ?? CONTEXT, clients, newReport(inputs));
  return { report, logger, masked };
}

/** Every object the emulator holds in a namespace (controllers' objects included). */
export function objectsIn(kube: KubeEmulator, namespace: string): { resource: string; object: KubeObject }[] {
  return kube.store.inNamespace(namespace);
}

/** Places where a token still appears in the namespace's objects (events excluded: they quote images). */
export function leftovers(kube: KubeEmulator, namespace: string, tokens: readonly string[]): string[] {
  return objectsIn(kube, namespace)
    .filter(({ resource }) => resource !== 'events')
    .flatMap(({ resource, object }) => tokens.filter((t) => JSON.stringify(object).includes(t)).map((t) => `${resource}/${object.metadata.name ?? ''}: ${t}`));
}

/** kubectl against the emulator with a fresh cache dir; never throws on a non-zero exit. */
export function kubectl(kubeconfigPath: string, cacheDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      ['--cache-dir', cacheDir, ...args],
      { env: { ...process.env, KUBECONFIG: kubeconfigPath }, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`kubectl ${args.join(' ')} did not run: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
