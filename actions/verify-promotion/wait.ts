// Waiting for Argo CD: watch the Application (argoproj.io/v1alpha1) through the Kubernetes API
// until it reports the promoted revision as synced, its last operation Succeeded and its health
// Healthy, or until it is clearly failing (a Failed/Error operation on that revision, a Degraded
// health) or the deadline passes. Every change is seen as the watch delivers it; nothing polls.
import { watchObjects } from '../../shared/kube/watch.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { recordOr } from '../../shared/core/json.ts';

/** One row of the report: a resource as the Application's status gives it. */
export interface ResourceRow {
  kind: string;
  namespace: string;
  name: string;
  sync: string;
  health: string;
  message: string;
}

/** How the wait ended. */
export interface AppVerdict {
  outcome: 'healthy' | 'sync-failed' | 'degraded' | 'timeout' | 'missing';
  /** The revision the Application last reported (status.sync.revision). */
  revision: string | undefined;
  syncStatus: string | undefined;
  phase: string | undefined;
  health: string | undefined;
  /** operationState.message (or a condition's message). */
  message: string;
  resources: ResourceRow[];
  /** When the verdict was seen (ms, performance.now()). */
  seenAt: number;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => recordOr(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

/** Whether a reported revision is the one asked for (a short sha matches the full one). */
export function sameRevision(reported: string | undefined, wanted: string): boolean {
  if (!reported) return false;
  const [a, b] = [reported.toLowerCase(), wanted.toLowerCase()];
  return a === b || (b.length >= 7 && /^[0-9a-f]+$/.test(b) && a.startsWith(b));
}

/** Reads an Application's status into a verdict for `revision` (undefined: not decided yet). */
export function judgeApplication(app: KubeObject, revision: string): AppVerdict | undefined {
  const status = rec(app['status']);
  const sync = rec(status['sync']);
  const op = rec(status['operationState']);
  const opRevision = str(rec(rec(op['operation'])['sync'])['revision']) ?? str(rec(op['syncResult'])['revision']);
  const health = str(rec(status['health'])['status']);
  const phase = str(op['phase']);
  const syncResults = list(rec(op['syncResult'])['resources']);
  const failedApply = new Map(
    syncResults.filter((r) => r['status'] === 'SyncFailed').map((r) => [`${str(r['kind']) ?? ''}/${str(r['name']) ?? ''}`, str(r['message']) ?? '']),
  );
  const resources = list(status['resources']).map((r) => {
    const h = rec(r['health']);
    const key = `${str(r['kind']) ?? ''}/${str(r['name']) ?? ''}`;
    return {
      kind: str(r['kind']) ?? '',
      namespace: str(r['namespace']) ?? '',
      name: str(r['name']) ?? '',
      sync: failedApply.has(key) ? 'SyncFailed' : (str(r['status']) ?? ''),
      health: str(h['status']) ?? '',
      message: failedApply.get(key) || (str(h['message']) ?? ''),
    };
  });
  for (const r of syncResults) {
    const key = `${str(r['kind']) ?? ''}/${str(r['name']) ?? ''}`;
    if (r['status'] === 'SyncFailed' && !resources.some((x) => `${x.kind}/${x.name}` === key)) {
      resources.push({
        kind: str(r['kind']) ?? '',
        namespace: str(r['namespace']) ?? '',
        name: str(r['name']) ?? '',
        sync: 'SyncFailed',
        health: '',
        message: str(r['message']) ?? '',
      });
    }
  }
  const conditions = list(status['conditions']).map((c) => `${str(c['type']) ?? ''}: ${str(c['message']) ?? ''}`);
  const verdict = (outcome: AppVerdict['outcome']): AppVerdict => ({
    outcome,
    revision: str(sync['revision']),
    syncStatus: str(sync['status']),
    phase,
    health,
    message: [str(op['message']) ?? '', ...conditions].filter(Boolean).join('; '),
    resources,
    seenAt: performance.now(),
  });
  const onRevision = sameRevision(opRevision, revision);
  if (onRevision && (phase === 'Failed' || phase === 'Error')) return verdict('sync-failed');
  if (!sameRevision(str(sync['revision']), revision) || !onRevision) return undefined;
  if (phase === 'Succeeded' && sync['status'] === 'Synced' && health === 'Healthy') return verdict('healthy');
  if (phase === 'Succeeded' && health === 'Degraded') return verdict('degraded');
  return undefined;
}

/** The state the Application was last seen in, for a timeout's report. */
export function lastSeen(app: KubeObject | undefined, revision: string): AppVerdict {
  if (!app)
    return {
      outcome: 'missing',
      revision: undefined,
      syncStatus: undefined,
      phase: undefined,
      health: undefined,
      message: 'the Application was not found',
      resources: [],
      seenAt: performance.now(),
    };
  const probe = judgeApplication(app, revision);
  if (probe) return probe;
  const status = rec(app['status']);
  const fake = { ...app, status: { ...status, operationState: { ...rec(status['operationState']), phase: 'Failed', operation: { sync: { revision } } } } };
  const seen = judgeApplication(fake, revision) as AppVerdict;
  return {
    ...seen,
    outcome: 'timeout',
    phase: str(rec(status['operationState'])['phase']),
    message: str(rec(status['operationState'])['message']) ?? seen.message,
  };
}

export interface WaitOptions {
  application: string;
  namespace: string;
  revision: string;
  timeoutMs: number;
  /** Degraded is final only once it has lasted this long (a new rollout can pass through it). Default 0. */
  degradedGraceMs?: number;
  onChange?: (app: KubeObject) => void;
}

/** Watches the Application until it decides or the deadline passes. */
export async function waitForApplication(kube: KubeClient, options: WaitOptions): Promise<AppVerdict> {
  const controller = new AbortController();
  let last: KubeObject | undefined;
  let decided: AppVerdict | undefined;
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let grace: NodeJS.Timeout | undefined;
  try {
    await watchObjects(kube, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      namespace: options.namespace,
      signal: controller.signal,
      onEvent: (type, object) => {
        if (object.metadata?.name !== options.application) return;
        last = type === 'DELETED' ? undefined : object;
        if (!last) return;
        options.onChange?.(last);
        const verdict = judgeApplication(last, options.revision);
        if (verdict?.outcome !== 'degraded') {
          clearTimeout(grace);
          grace = undefined;
          decided = verdict;
          if (decided) controller.abort();
        } else {
          grace ??= setTimeout(() => {
            decided = verdict;
            controller.abort();
          }, options.degradedGraceMs ?? 0);
        }
      },
    });
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
  }
  return decided ?? lastSeen(last, options.revision);
}
