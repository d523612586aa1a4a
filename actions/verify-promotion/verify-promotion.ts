// The action's work: wait for Argo CD to report the promotion synced and healthy, prove the new
// version answers in production, and on failure (when asked) open the rollback pull request.
import { formatDuration } from '../../shared/core/duration.ts';
import { runVerification } from '../../shared/endpoints/run-verification.ts';
import { headline } from '../../shared/endpoints/report.ts';
import type { VerifyResult } from '../../shared/endpoints/verify.ts';
import { errorMessage } from '../../shared/core/errors.ts';
import type { KubeClient, KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { explainGitHubError } from '../../shared/github/client.ts';
import type { Clients } from './clients.ts';
import type { Inputs } from './inputs.ts';
import { findPromotionPull, openRollback, type RollbackResult } from './rollback.ts';
import { waitForApplication, type AppVerdict, type ResourceRow } from './wait.ts';

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

/** What a run knows as it goes, so a run that fails half way (the rollback could not be opened) still reports what it found. */
export interface PromotionReport {
  application: string;
  revision: string;
  /** Argo CD's (and the endpoints') verdict, once judged; the rollback is not tried yet. */
  judged?: PromotionResult;
}

/** The report of a run, made before the work starts. */
export function newReport(inputs: Inputs): PromotionReport {
  return { application: inputs.application, revision: inputs.revision };
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

/**
 * Runs the action: wait for Argo CD, judge what it reports, prove production's endpoints, and
 * (when asked) open the rollback pull request for a promotion that did not converge.
 */
export async function verifyPromotion(inputs: Inputs, clients: Clients, report: PromotionReport = newReport(inputs)): Promise<PromotionResult> {
  const kube = await clients.kube();
  const { app, waitedMs } = await waitForArgo(kube, inputs, clients.logger);
  let verdict = await judgeArgo(kube, inputs, app, waitedMs, clients.logger);
  let endpoints: VerifyResult | undefined;
  if (verdict.passed && inputs.endpoints) {
    endpoints = await runVerification(inputs.endpoints, { logger: clients.logger, setSecret: clients.setSecret });
    verdict = judgeEndpoints(endpoints);
  }
  report.judged = { ...verdict, app, waitedMs, endpoints, rollback: undefined };
  const rollback = verdict.passed ? undefined : await rollBack(inputs, verdict.reason, clients);
  return { ...report.judged, rollback };
}

/** Whether the promotion passed so far, and one line saying why. */
interface Verdict {
  passed: boolean;
  reason: string;
}

/** Watches the Application until Argo CD decides (or the time runs out), logging each change of its status. */
async function waitForArgo(kube: KubeClient, inputs: Inputs, logger: Logger): Promise<{ app: AppVerdict; waitedMs: number }> {
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
      const line = statusLine(object);
      if (line !== lastLine) logger.info(line);
      lastLine = line;
    },
  });
  return { app, waitedMs: app.seenAt - started };
}

/** One log line of an Application's status: revision, sync, operation, health. */
function statusLine(object: KubeObject): string {
  const status = (object['status'] ?? {}) as {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    operationState?: { phase?: string };
  };
  return `  revision ${status.sync?.revision?.slice(0, 7) ?? '—'}, sync ${status.sync?.status ?? '—'}, operation ${status.operationState?.phase ?? '—'}, health ${status.health?.status ?? '—'}`;
}

/** What Argo CD's verdict means; for a failure, the workloads' live health is read in too. */
async function judgeArgo(kube: KubeClient, inputs: Inputs, app: AppVerdict, waitedMs: number, logger: Logger): Promise<Verdict> {
  const reason = WORDS[app.outcome];
  if (app.outcome === 'healthy') {
    logger.info(`Application ${inputs.application} is synced to ${inputs.revision.slice(0, 7)} and Healthy (after ${formatDuration(waitedMs)}).`);
    return { passed: true, reason };
  }
  await liveHealth(kube, app.resources);
  logger.info(`${reason}${app.message ? `: ${app.message}` : ''}`);
  return { passed: false, reason };
}

/** What production's endpoint checks mean: an old version answering is said as such. */
function judgeEndpoints(endpoints: VerifyResult): Verdict {
  if (endpoints.passed) return { passed: true, reason: WORDS.healthy };
  const old = endpoints.results.find((r) => r.verdict === 'old-version');
  if (old) return { passed: false, reason: `an old version still answers in production (${old.reason ?? ''})` };
  return { passed: false, reason: `production's endpoints failed: ${headline(endpoints)}` };
}

/** Opens (or updates) the rollback pull request when `rollback` is on; undefined otherwise or when nothing differs. */
async function rollBack(inputs: Inputs, reason: string, clients: Clients): Promise<RollbackResult | undefined> {
  if (!inputs.rollback || !inputs.kustomization) return undefined;
  try {
    const octokit = await clients.github();
    const promotionPull = inputs.promotionPull ?? (await findPromotionPull(octokit, inputs.repository, inputs.base, inputs.revision));
    const request = {
      repo: inputs.repository,
      base: inputs.base,
      kustomization: inputs.kustomization,
      revision: inputs.revision,
      labels: inputs.rollbackLabels,
      reason,
      promotionPull,
    };
    return await openRollback(octokit, request, clients.logger);
  } catch (error: unknown) {
    const explained = explainGitHubError(error, 'opening the rollback pull request');
    clients.logger.error(`The rollback pull request could not be opened: ${errorMessage(explained)}`);
    throw explained;
  }
}
