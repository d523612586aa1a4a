// Server-side apply of the plan, phase by phase (CRDs, namespace, configuration, workloads),
// objects within a phase in parallel, all under one fixed field manager. Each object's result
// comes from the server's answer: 201 created, the same resourceVersion as before unchanged,
// otherwise configured. Conflicts name the fields and the manager that owns them.
import { UserError } from '../../shared/core/errors.ts';
import { describeKubeError, kubeApiError, type KubeApiError } from '../../shared/kube/errors.ts';
import { watchObjects } from '../../shared/kube/watch.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { FIELD_MANAGER, PHASE_NAMES, displayName, objectKey, phaseOf, type Planned } from './objects.ts';
import { isRecord } from '../../shared/core/json.ts';
import { mapLimit } from '../../shared/core/limit.ts';

/** What happened to one object. */
export type ObjectOutcome =
  'created' | 'configured' | 'unchanged' | 'replaced' | 'pruned' | 'failed' | 'planned' | 'would-create' | 'would-configure' | 'would-replace' | 'would-prune';

/** One line of the `applied` output. */
export interface ObjectResult {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  result: ObjectOutcome;
  /** Overlay (or input) it came from. */
  source: string;
  /** Why it failed. */
  error?: string;
}

/** How {@link applyPlan} runs. */
export interface ApplyContext {
  client: KubeClient;
  logger: Logger;
  dryRun: boolean;
  force: boolean;
  recreateJobs: boolean;
  /** What the cluster held before, by object key (objects of this apply set, and the namespace). */
  existing: ReadonlyMap<string, KubeObject>;
  /** Objects a server dry run cannot send (their namespace or CRD does not exist yet); reported as would-create. */
  unchecked?: (obj: KubeObject) => boolean;
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Told about each object the server accepted (not in a dry run), as the server answered. */
  onApplied?: (live: KubeObject) => void;
}

/** The result entry of an object. */
export function resultOf(obj: KubeObject, source: string, result: ObjectOutcome, error?: string): ObjectResult {
  const entry: ObjectResult = { apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '', name: obj.metadata?.name ?? '', result, source };
  if (obj.metadata?.namespace) entry.namespace = obj.metadata.namespace;
  if (error !== undefined) entry.error = error;
  return entry;
}

/** `Deployment/web: .spec.replicas owned by "kubectl-edit"` from a 409 apply conflict. */
export function describeConflict(obj: KubeObject, api: KubeApiError): string {
  const byManager = new Map<string, string[]>();
  for (const cause of api.causes) {
    if (cause.reason !== 'FieldManagerConflict') continue;
    const manager = /conflict with "([^"]+)"/.exec(cause.message ?? '')?.[1] ?? 'another manager';
    byManager.set(manager, [...(byManager.get(manager) ?? []), cause.field ?? '?']);
  }
  if (byManager.size === 0) return `${displayName(obj)}: ${api.message}`;
  return `${displayName(obj)}: ${[...byManager].map(([manager, fields]) => `${fields.join(', ')} owned by field manager "${manager}"`).join('; ')}`;
}

/** A failure message for one object. */
function describeFailure(obj: KubeObject, error: unknown): string {
  const api = kubeApiError(error);
  if (api?.code === 409 && api.reason === 'Conflict' && api.causes.some((c) => c.reason === 'FieldManagerConflict')) return describeConflict(obj, api);
  if (api?.code === 422 && api.causes.length > 0) {
    return `${displayName(obj)}: 422 Invalid: ${api.causes.map((c) => `${c.field ?? ''} ${c.message ?? ''}`.trim()).join('; ')}`;
  }
  return `${displayName(obj)}: ${describeKubeError(error)}`;
}

function isImmutableJob(obj: KubeObject, error: unknown): boolean {
  const api = kubeApiError(error);
  return obj.kind === 'Job' && api?.code === 422 && /immutable/i.test(`${api.message} ${api.causes.map((c) => c.message ?? '').join(' ')}`);
}

/** Without what changes on every read (resourceVersion, managedFields times): for dry-run comparisons. */
function comparable(obj: KubeObject): string {
  const copy = structuredClone(obj);
  if (copy.metadata) {
    delete copy.metadata.resourceVersion;
    for (const entry of copy.metadata.managedFields ?? []) delete entry.time;
  }
  return JSON.stringify(copy);
}

async function applyOne(item: Planned, ctx: ApplyContext): Promise<{ result: ObjectResult; live?: KubeObject }> {
  const { object, source } = item;
  const before = ctx.existing.get(objectKey(object));
  if (ctx.dryRun && ctx.unchecked?.(object) === true) {
    return { result: resultOf(object, source, 'would-create') };
  }
  const options = { fieldManager: FIELD_MANAGER, force: ctx.force, dryRun: ctx.dryRun };
  let replaced = false;
  let answer: { code: number; object: KubeObject };
  try {
    answer = await ctx.client.apply(object, options);
  } catch (error: unknown) {
    if (!ctx.recreateJobs || !isImmutableJob(object, error)) return { result: resultOf(object, source, 'failed', describeFailure(object, error)) };
    if (ctx.dryRun) return { result: resultOf(object, source, 'would-replace') };
    // A Job's pod template cannot change: delete it (its pods go in the background) and create it again.
    ctx.logger.info(`${displayName(object)}: its pod template is immutable; deleting and creating it again (recreate-jobs).`);
    try {
      await ctx.client.delete(object, { propagationPolicy: 'Background' });
      answer = await ctx.client.apply(object, options);
      replaced = true;
    } catch (retryError: unknown) {
      return { result: resultOf(object, source, 'failed', describeFailure(object, retryError)) };
    }
  }
  if (!ctx.dryRun) ctx.onApplied?.(answer.object);
  let outcome: ObjectOutcome;
  if (ctx.dryRun) {
    outcome = answer.code === 201 ? 'would-create' : before !== undefined && comparable(before) === comparable(answer.object) ? 'unchanged' : 'would-configure';
  } else if (replaced) {
    outcome = 'replaced';
  } else {
    outcome = answer.code === 201 ? 'created' : before?.metadata?.resourceVersion === answer.object.metadata?.resourceVersion ? 'unchanged' : 'configured';
  }
  return { result: resultOf(object, source, outcome), live: answer.object };
}

/** Waits (watching, up to 30 s) until the CRDs just applied are Established, so their kinds can be used. */
async function establishCrds(crds: readonly KubeObject[], ctx: ApplyContext): Promise<void> {
  const established = (obj: KubeObject | undefined): boolean => {
    const conditions = isRecord(obj?.['status']) ? obj['status']['conditions'] : undefined;
    return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && c['type'] === 'Established' && c['status'] === 'True');
  };
  const waiting = new Set(crds.filter((crd) => !established(crd)).map((crd) => crd.metadata?.name ?? ''));
  if (waiting.size === 0 || ctx.dryRun) return;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  await watchObjects(ctx.client, {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    signal: controller.signal,
    onEvent: (_type, obj) => {
      if (established(obj)) waiting.delete(obj.metadata?.name ?? '');
      if (waiting.size === 0) controller.abort();
    },
  });
  clearTimeout(timer);
  if (waiting.size > 0)
    throw new UserError(`The CustomResourceDefinition(s) ${[...waiting].join(', ')} did not become Established within 30s.`, {
      fix: 'Check the CRD with kubectl describe crd.',
    });
}

/** What applying gave: a result per object, the objects as the server answered, and the failure if any. */
export interface ApplyOutcome {
  results: ObjectResult[];
  live: Map<string, KubeObject>;
  failure?: UserError;
}

/**
 * Applies the plan phase by phase. A phase with failures stops the run before the next phase
 * (what was applied stays applied and is reported); conflicts are reported with their fields.
 */
export async function applyPlan(planned: readonly Planned[], ctx: ApplyContext): Promise<ApplyOutcome> {
  const results: ObjectResult[] = [];
  const live = new Map<string, KubeObject>();
  // A namespace that exists already needs no phase of its own: its labels go with the configuration.
  const phaseIn = (obj: KubeObject): number => (phaseOf(obj) === 1 && ctx.existing.has(objectKey(obj)) ? 2 : phaseOf(obj));
  const phases = [...new Set(planned.map((p) => phaseIn(p.object)))].sort((a, b) => a - b);
  for (const phase of phases) {
    const items = planned.filter((p) => phaseIn(p.object) === phase);
    const { results: done } = await mapLimit(items, ctx.concurrency ?? 32, (item) => applyOne(item, ctx));
    for (const { result, live: answer } of done) {
      results.push(result);
      if (answer) live.set(objectKey(answer), answer);
      ctx.logger.info(`${result.kind}/${result.name} ${result.result}${result.error ? `: ${result.error}` : ''}`);
    }
    const failed = done.filter((d) => d.result.result === 'failed').map((d) => d.result.error ?? '');
    if (failed.length > 0) {
      const conflicts = failed.filter((f) => f.includes('owned by field manager'));
      const fix =
        conflicts.length > 0
          ? 'Another field manager owns these fields (someone ran kubectl edit/scale, or another tool manages them). Remove them from the overlay, hand them back, or set `force-conflicts: true` to take them over.'
          : "Fix the objects named above; the server's reason is quoted.";
      return {
        results,
        live,
        failure: new UserError(
          `Applying the ${PHASE_NAMES[phase] ?? 'objects'} failed for ${failed.length} object(s):\n${failed.map((f) => `- ${f}`).join('\n')}\n`,
          { fix },
        ),
      };
    }
    if (phase === 0)
      await establishCrds(
        done.map((d) => d.live).filter((o): o is KubeObject => o !== undefined),
        ctx,
      );
  }
  return { results, live };
}
