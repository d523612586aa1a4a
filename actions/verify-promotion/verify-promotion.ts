// The action's work: wait for Argo CD to report the promotion synced and healthy, prove the new
// version answers in production, and on failure (when asked) open the rollback pull request.
import { formatDuration } from '../../shared/core/duration.ts';
import { runVerification } from '../../shared/endpoints/verify-endpoints.ts';
import { headline } from '../../shared/endpoints/report.ts';
import type { VerifyResult } from '../../shared/endpoints/verify.ts';
import { errorMessage } from '../../shared/core/errors.ts';
import type { Octokit } from '../../shared/github/client.ts';
import type { KubeClient } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import type { SetSecret } from '../../shared/core/secrets.ts';
import type { Inputs } from './inputs.ts';
import { findPromotionPull, openRollback, type RollbackResult } from './rollback.ts';
import { waitForApplication, type AppVerdict, type ResourceRow } from './wait.ts';

export interface Deps {
  kube: () => Promise<KubeClient>;
  github: () => Promise<Octokit>;
  logger: Logger;
  setSecret: SetSecret;
}

export interface PromotionResult {
  passed: boolean;
  /** One line: what happened. */
  reason: string;
  app: AppVerdict;
  /** Time from the wait's start to the verdict, ms. */
  waitedMs: number;
  endpoints: VerifyResult | undefined;
  rollback: RollbackResult | undefined;
}

const WORDS: Record<AppVerdict['outcome'], string> = {
  healthy: 'synced and healthy',
  'sync-failed': 'the sync failed',
  degraded: 'production is Degraded',
  timeout: 'Argo CD did not report the revision synced and healthy in time',
  missing: 'the Application was not found',
};

/** The resources table (Kind, Namespace, Name, Sync, Health, Message). */
export const RESOURCE_HEADER = ['Kind', 'Namespace', 'Name', 'Sync', 'Health', 'Message'];
export const resourceRows = (rows: readonly ResourceRow[]): string[][] => rows.map((r) => [r.kind, r.namespace, r.name, r.sync, r.health || '—', r.message]);

/** Fills in the health of workloads Argo CD 3.x does not persist in status.resources, from their conditions. */
async function liveHealth(kube: KubeClient, rows: ResourceRow[]): Promise<void> {
  const apis: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1' };
  for (const row of rows) {
    const apiVersion = apis[row.kind];
    if (row.health !== '' || apiVersion === undefined) continue;
    const live = await kube.get({ apiVersion, kind: row.kind, metadata: { name: row.name, namespace: row.namespace } }).catch(() => undefined);
    const conditions =
      (live?.['status'] as { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] } | undefined)?.conditions ?? [];
    const bad = conditions.find(
      (c) =>
        (c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded') ||
        (c.type === 'Available' && c.status === 'False') ||
        c.type === 'ReplicaFailure',
    );
    if (bad) {
      row.health = bad.reason === 'ProgressDeadlineExceeded' ? 'Degraded' : 'Progressing';
      row.message = [row.message, `${bad.type ?? ''} ${bad.reason ?? ''}: ${bad.message ?? ''}`].filter(Boolean).join('; ');
    }
  }
}

export async function verifyPromotion(inputs: Inputs, deps: Deps): Promise<PromotionResult> {
  const { logger } = deps;
  const kube = await deps.kube();
  logger.info(
    `Waiting up to ${formatDuration(inputs.syncTimeoutMs)} for Application ${inputs.argocdNamespace}/${inputs.application} to report ${inputs.revision} synced and healthy.`,
  );
  const started = performance.now();
  let lastLine = '';
  const app = await waitForApplication(kube, {
    application: inputs.application,
    namespace: inputs.argocdNamespace,
    revision: inputs.revision,
    timeoutMs: inputs.syncTimeoutMs,
    degradedGraceMs: inputs.degradedGraceMs,
    onChange: (object) => {
      const status = (object['status'] ?? {}) as {
        sync?: { status?: string; revision?: string };
        health?: { status?: string };
        operationState?: { phase?: string };
      };
      const line = `  revision ${status.sync?.revision?.slice(0, 7) ?? '—'}, sync ${status.sync?.status ?? '—'}, operation ${status.operationState?.phase ?? '—'}, health ${status.health?.status ?? '—'}`;
      if (line !== lastLine) logger.info(line);
      lastLine = line;
    },
  });
  const waitedMs = app.seenAt - started;
  let passed = app.outcome === 'healthy';
  let reason = WORDS[app.outcome];
  if (!passed) {
    await liveHealth(kube, app.resources);
    logger.info(`${reason}${app.message ? `: ${app.message}` : ''}`);
  } else logger.info(`Application ${inputs.application} is synced to ${inputs.revision.slice(0, 7)} and Healthy (after ${formatDuration(waitedMs)}).`);
  let endpoints: VerifyResult | undefined;
  if (passed && inputs.endpoints) {
    endpoints = await runVerification(inputs.endpoints, { logger, setSecret: deps.setSecret });
    if (!endpoints.passed) {
      passed = false;
      reason = `production's endpoints failed: ${headline(endpoints)}`;
      const old = endpoints.results.find((r) => r.verdict === 'old-version');
      if (old) reason = `an old version still answers in production (${old.reason ?? ''})`;
    }
  }
  let rollback: RollbackResult | undefined;
  if (!passed && inputs.rollback && inputs.kustomization) {
    try {
      const octokit = await deps.github();
      const promotionPull = inputs.promotionPull ?? (await findPromotionPull(octokit, inputs.repository, inputs.base, inputs.revision));
      rollback = await openRollback(
        octokit,
        {
          repo: inputs.repository,
          base: inputs.base,
          kustomization: inputs.kustomization,
          revision: inputs.revision,
          labels: inputs.rollbackLabels,
          reason,
          promotionPull,
        },
        logger,
      );
    } catch (error: unknown) {
      logger.error(`The rollback pull request could not be opened: ${errorMessage(error)}`);
      throw error;
    }
  }
  return { passed, reason, app, waitedMs, endpoints, rollback };
}
