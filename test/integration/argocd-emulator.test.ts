// The Argo CD stand-in seen by kubectl: the Application CRD is served (short names, printer
// columns), and after a push the controller reports the commit with Argo CD's field values.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl } from '../helpers/deploy-overlay-harness.ts';
import { overlay, KUSTOMIZATION, startPromotionWorld, type PromotionWorld } from '../helpers/promotion-world.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

let world: PromotionWorld;
let dir: string;

beforeAll(async () => {
  world = await startPromotionWorld();
  dir = await mkdtemp(path.join(tmpdir(), 'argocd-kubectl-'));
  await world.kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
});

afterAll(async () => {
  await world.close();
  await rm(dir, { recursive: true, force: true });
});

const k = (...args: string[]): ReturnType<typeof kubectl> => kubectl(path.join(dir, 'kubeconfig'), path.join(dir, 'cache'), ...args);

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Argo CD stand-in', () => {
  it('serves the Application CRD and reports a pushed commit Synced, Succeeded and Healthy', async () => {
    const sha = world.gh.commitFiles({ [KUSTOMIZATION]: overlay('v9') }, { message: 'v9' });
    const status = await until(
      async () =>
        JSON.parse((await k('get', 'app', 'production', '-n', 'argocd', '-o', 'json')).stdout || '{}') as {
          status?: Record<string, { status?: string; revision?: string; phase?: string }>;
        },
      (app) => app.status?.['sync']?.revision === sha && app.status['health']?.status === 'Healthy',
    );
    expect(status.status?.['sync']).toMatchObject({ status: 'Synced', revision: sha });
    expect(status.status?.['operationState']).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)' });
    expect(status.status?.['health']?.status).toBe('Healthy');
    const table = await k('get', 'applications.argoproj.io', '-n', 'argocd');
    expect(table.stdout).toMatch(/NAME\s+SYNC STATUS\s+HEALTH STATUS\s*\nproduction\s+Synced\s+Healthy/);
    const image = await k('get', 'deployment', 'todo-api', '-n', 'production', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    expect(image.stdout).toBe('acme.azurecr.io/todo-api:v9');
  }, 60_000);

  it('reports a scripted sync error as a Failed operation with the resource SyncFailed', async () => {
    world.argocd.script('production', { kind: 'sync-error', message: 'the server rejected our request' });
    const sha = world.gh.commitFiles({ [KUSTOMIZATION]: overlay('v10') }, { message: 'v10' });
    const app = await until(
      async () =>
        JSON.parse((await k('get', 'app', 'production', '-n', 'argocd', '-o', 'json')).stdout || '{}') as {
          status?: {
            operationState?: {
              phase?: string;
              message?: string;
              syncResult?: { resources?: { status?: string }[] };
              operation?: { sync?: { revision?: string } };
            };
          };
        },
      (a) => a.status?.operationState?.operation?.sync?.revision === sha && a.status.operationState.phase !== 'Running',
    );
    world.argocd.script('production', undefined);
    expect(app.status?.operationState?.phase).toBe('Failed');
    expect(app.status?.operationState?.message).toBe('one or more objects failed to apply, reason: the server rejected our request');
    expect(app.status?.operationState?.syncResult?.resources?.map((r) => r.status)).toContain('SyncFailed');
  }, 60_000);
});
