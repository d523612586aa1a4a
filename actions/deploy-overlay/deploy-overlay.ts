// deploy-overlay from end to end, as a list of named stages (Flux's reconcile is the model):
// target → render (while the cluster is reached) → plan against the cluster → check ownership →
// apply (watching the workloads) → record the inventory and prune → wait for the rollouts
// (diagnosing failures) → record the GitHub deployment. Each stage fills the report it is given.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { externalRefs, formatExternalRef } from '../../shared/branch/ownership/outside-objects.ts';
import type { KubeClient, KubeObject } from '../../shared/kube/client.ts';
import { describeConnection } from '../../shared/kube/config.ts';
import { isWaitedFor } from '../../shared/kube/readiness/registry.ts';
import { applyPlan, resultOf, type ObjectResult } from './apply.ts';
import type { Clients } from './clients.ts';
import { diagnose, failedWorkloads, rolloutFailure } from './diagnose.ts';
import { startDeployment, type GitHubDeployment } from './github-deployment.ts';
import type { Inputs } from './inputs.ts';
import { objectKey, offlineNamespaced, typeKey, type Planned } from './objects.ts';
import { completePlan, renderPlan, type RenderedPlan } from './plan.ts';
import { planExternal, planInventory, pruneCandidates, pruneExternal, pruneObjects, readInventory, writeInventory } from './prune.ts';
import { connectEarly, listAll, type Reach, type Reached } from './reach.ts';
import { finishReport, type DeployReport } from './report.ts';
import { checkNamespace, checkOutsideObjects } from './safety.ts';
import { resolveScopes, typesToList, type Scopes } from './scopes.ts';
import { environmentUrl, resolveTarget, type Target } from './target.ts';
import { fillTemplate } from './transform.ts';
import { watchRollouts, type RolloutWatch } from './wait.ts';

/** What every stage reads: the inputs, the event, the clients and where the deploy goes. */
interface Run {
  inputs: Inputs;
  context: EventContext;
  clients: Clients;
  target: Target;
}

/** The plan completed against the cluster, and what the cluster holds of it. */
interface Live {
  client: KubeClient;
  /** The branch namespace as it was read (undefined: it does not exist). */
  liveNamespace: KubeObject | undefined;
  scopes: Scopes;
  planned: Planned[];
  /** The namespace exists and is this branch's. */
  exists: boolean;
  /** The kinds the apply set's inventory recorded before this run. */
  inventory: string[];
  /** The apply set's objects as they are, by {@link objectKey}. */
  existing: Map<string, KubeObject>;
}

/** The workloads waited for, watched from before they are applied. */
interface Watching {
  targets: KubeObject[];
  watch: RolloutWatch;
}

/**
 * Renders, applies, prunes and waits, filling `report` as it goes. A problem found before anything
 * is applied (input, render, ownership) is thrown; a failed apply or rollout is `report.failure`
 * and the report is returned. Whatever happens, the report keeps what was done (for the summary).
 */
export async function deployOverlay(inputs: Inputs, context: EventContext, clients: Clients, report: DeployReport): Promise<DeployReport> {
  const startedAt = Date.now();
  try {
    const run: Run = { inputs, context, clients, target: resolveTarget(inputs, context) };
    describeTarget(run, report);
    const { rendered, reached } = await renderWhileReaching(run, report, startedAt);
    if (!reached) return planOffline(run, rendered, report);
    const live = await planOnCluster(run, rendered, await reached);
    await checkOwnership(run, live);
    const github = startGitHubDeployment(run);
    const watching = watchWorkloads(run, live);
    if (!(await applyObjects(run, live, watching, report))) {
      await watching?.watch.cancel();
      await recordDeployment(github, report, ['failure', 'Applying the manifests failed']);
      return report;
    }
    // The inventory is written while the rollouts are waited for (one round trip off the critical path).
    const external = externalChange(run, live);
    const recorded = settled(recordInventory(run, live, external));
    await pruneStale(run, live, external, report);
    if (watching) await waitForRollouts(run, live, watching, report);
    const recordError = await recorded;
    if (recordError !== undefined) throw recordError;
    await recordDeployment(
      github,
      report,
      report.failure ? ['failure', `Rollout failed in ${run.target.namespace}`] : ['success', `Deployed to ${run.target.namespace}`, report.url],
    );
    return report;
  } finally {
    finishReport(report, startedAt);
  }
}

/** Names the branch, namespace, commit and URL in the report. */
function describeTarget(run: Run, report: DeployReport): void {
  const { names, namespace, sha, values } = run.target;
  Object.assign(report, { branch: names.branch, slug: names.slug, namespace, sha, url: environmentUrl(run.inputs, values) });
}

/** What reaching the cluster early needs (see reach.ts). */
function reachOf(run: Run, signal: AbortSignal): Reach {
  const { namespace, owner, selector } = run.target;
  return { clients: run.clients, namespace, owner, selector, applySet: run.inputs.applySet, signal };
}

/**
 * Renders the overlays while the cluster is reached (connect, read the namespace, discover, list
 * on a re-deploy: only reads). A render error comes first and stops that work. No cluster for
 * `dry-run: client` (`reached` undefined).
 */
async function renderWhileReaching(run: Run, report: DeployReport, startedAt: number): Promise<{ rendered: RenderedPlan; reached?: Promise<Reached> }> {
  const stopEarly = new AbortController();
  const reached = run.inputs.dryRun === 'client' ? undefined : connectEarly(reachOf(run, stopEarly.signal));
  reached?.catch(() => undefined);
  const rendered = await run.clients.logger
    .group('Render', () => renderPlan(run.inputs, run.target.values, run.clients))
    .catch((error: unknown) => {
      stopEarly.abort(error);
      throw error;
    });
  report.timings.renderMs = Date.now() - startedAt;
  return reached ? { rendered, reached } : { rendered };
}

/** `dry-run: client`: the plan with scopes from the render alone; the cluster is not contacted. */
function planOffline(run: Run, rendered: RenderedPlan, report: DeployReport): DeployReport {
  const { inputs, target } = run;
  const crds = rendered.planned.map((p) => p.object).filter((o) => o.kind === 'CustomResourceDefinition');
  const planned = completePlan(rendered, {
    inputs,
    namespace: target.namespace,
    ownershipLabels: target.labels,
    ownershipAnnotations: target.marks,
    namespaced: (obj) => offlineNamespaced(obj, crds),
  });
  report.objects = planned.map((p) => resultOf(p.object, p.source, 'planned'));
  run.clients.logger.info(`Dry run (client): ${planned.length} object(s) would be applied to namespace ${target.namespace}; the cluster was not contacted.`);
  return report;
}

/**
 * Completes the plan with the kinds' scopes from discovery, checks that the namespace is absent or
 * this branch's, and lists what the apply set holds (using what was listed while rendering).
 */
async function planOnCluster(run: Run, rendered: RenderedPlan, reached: Reached): Promise<Live> {
  const { inputs, target } = run;
  const { client, liveNamespace, prelisted } = reached;
  run.clients.logger.info(describeConnection(client.connection));
  const scopes = await resolveScopes(
    client,
    rendered.planned.map((p) => p.object),
  );
  const planned = completePlan(rendered, {
    inputs,
    namespace: target.namespace,
    ownershipLabels: target.labels,
    ownershipAnnotations: target.marks,
    namespaced: scopes.namespaced,
  });
  const exists = checkNamespace(target.namespace, liveNamespace, target.owner);
  const inventory = readInventory(liveNamespace, inputs.applySet);
  const reach = { clients: run.clients, namespace: target.namespace, selector: target.selector };
  const existing = exists
    ? await listAll(client, typesToList(planned, inventory, target.namespace, scopes.namespaced), reach, prelisted)
    : new Map<string, KubeObject>();
  if (liveNamespace) existing.set(objectKey({ ...liveNamespace, apiVersion: 'v1', kind: 'Namespace' }), liveNamespace);
  return { client, liveNamespace, scopes, planned, exists, inventory, existing };
}

/** Refuses objects outside the namespace that are not this branch's (unless `adopt-existing`), and says what will happen to the namespace. */
async function checkOwnership(run: Run, live: Live): Promise<void> {
  const { inputs, target, clients } = run;
  const adopted = await checkOutsideObjects(live.client, live.planned, target.namespace, target.owner, {
    adopt: inputs.adoptExisting,
    namespaced: live.scopes.namespaced,
    existing: live.existing,
  });
  if (adopted.length > 0)
    clients.logger.warning(
      `adopt-existing: ${adopted.length} existing object(s) outside the branch namespace are taken over by branch ${JSON.stringify(target.owner.branch)}:\n${adopted.join('\n')}`,
    );
  const state = live.exists
    ? 'exists and belongs to this branch'
    : inputs.dryRun === 'server'
      ? 'does not exist (it would be created)'
      : 'does not exist yet: creating it';
  clients.logger.info(`Namespace ${target.namespace} ${state}.`);
}

/** Starts the GitHub deployment alongside the apply (with `github-token`, not on a dry run); awaited before its status is set. */
function startGitHubDeployment(run: Run): Promise<GitHubDeployment | undefined> | undefined {
  const { inputs, context, clients, target } = run;
  if (!inputs.githubToken || inputs.dryRun === 'server' || !context.repository) return undefined;
  const runId = process.env['GITHUB_RUN_ID'];
  const { owner, repo } = context.repository;
  return startDeployment(
    {
      token: inputs.githubToken,
      owner,
      repo,
      environment: fillTemplate(inputs.environment, target.values),
      ref: target.names.branch,
      description: `Deploying ${target.sha?.slice(0, 7) ?? target.names.branch} to ${target.namespace}`,
      ...(runId ? { logUrl: `${context.serverUrl}/${owner}/${repo}/actions/runs/${runId}` } : {}),
      ...(clients.githubBaseUrl ? { baseUrl: clients.githubBaseUrl } : {}),
    },
    clients.logger,
  );
}

/** The objects of the branch namespace waited for: those with a readiness rule (shared/kube/readiness/registry.ts). */
function rolloutTargets(planned: readonly Planned[], namespace: string): KubeObject[] {
  return planned.map((p) => p.object).filter((o) => isWaitedFor(o) && o.metadata?.namespace === namespace);
}

/** Watches the workloads from before they are applied, so an early one's readiness is noticed at once (none with `wait: false` or a dry run). */
function watchWorkloads(run: Run, live: Live): Watching | undefined {
  const { inputs, target, clients } = run;
  const targets = rolloutTargets(live.planned, target.namespace);
  if (!inputs.wait || inputs.dryRun === 'server' || targets.length === 0) return undefined;
  const watch = watchRollouts(targets, {
    client: live.client,
    namespace: target.namespace,
    selector: target.selector,
    failFast: inputs.failFast,
    logger: clients.logger,
  });
  return { targets, watch };
}

/** Server-side apply of the plan in phases; false (and `report.failure`) when an object failed. */
async function applyObjects(run: Run, live: Live, watching: Watching | undefined, report: DeployReport): Promise<boolean> {
  const { inputs, target, clients } = run;
  const dryRun = inputs.dryRun === 'server';
  const started = Date.now();
  const applied = await clients.logger.group(`Apply (server-side${dryRun ? ', dry run' : ''})`, () =>
    applyPlan(live.planned, {
      client: live.client,
      logger: clients.logger,
      dryRun,
      force: inputs.forceConflicts,
      recreateJobs: inputs.recreateJobs,
      existing: live.existing,
      unchecked: (obj) => (!live.exists && obj.metadata?.namespace === target.namespace) || live.scopes.unserved.has(typeKey(obj)),
      ...(watching ? { onApplied: (object: KubeObject) => watching.watch.arm(object) } : {}),
    }),
  );
  report.objects = applied.results;
  report.timings.applyMs = Date.now() - started;
  report.failure = applied.failure;
  return applied.failure === undefined;
}

/** Resolves when `work` settles: to undefined, or to what it threw (so it can run alongside other stages). */
function settled(work: Promise<unknown>): Promise<Error | undefined> {
  return work.then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

/** The objects outside the namespace this deploy holds (`external`) and those the namespace recorded before. */
interface ExternalChange {
  external: string[];
  externalBefore: string[];
}

/** Reads the {@link ExternalChange} once, for the inventory and the prune. */
function externalChange(run: Run, live: Live): ExternalChange {
  const { inputs, target } = run;
  return {
    external: planExternal(live.planned, target.namespace, live.scopes.namespaced),
    externalBefore: externalRefs(live.liveNamespace, inputs.applySet).map(formatExternalRef).sort(),
  };
}

/** Records on the namespace what this deploy applied (kinds, outside objects), for the next deploy's prune and for cleanup. */
async function recordInventory(run: Run, live: Live, { external, externalBefore }: ExternalChange): Promise<void> {
  const { inputs, target } = run;
  if (inputs.dryRun === 'server') return;
  const inventory = { kinds: planInventory(live.planned, target.namespace), kindsBefore: live.inventory, external, externalBefore };
  await writeInventory(live.client, target.namespace, inputs.applySet, inventory);
}

/** With `prune`: removes what the apply set held before and this deploy no longer renders. */
async function pruneStale(run: Run, live: Live, { external, externalBefore }: ExternalChange, report: DeployReport): Promise<void> {
  const started = Date.now();
  if (run.inputs.prune) {
    const staleExternal = externalBefore.filter((line) => !external.includes(line));
    report.objects.push(...(await prune(run, live, staleExternal)));
  }
  report.timings.pruneMs = Date.now() - started;
}

/** Removes the apply set's objects this deploy no longer renders, inside the namespace and (`staleExternal`) outside it. */
async function prune(run: Run, live: Live, staleExternal: string[]): Promise<ObjectResult[]> {
  const { inputs, target, clients } = run;
  const dryRun = inputs.dryRun === 'server';
  const candidates = pruneCandidates(live.existing, live.planned, target.namespace);
  if (candidates.length === 0 && staleExternal.length === 0) return [];
  const owner = { owner: target.owner, applySet: inputs.applySet, productionNamespaces: inputs.productionNamespaces };
  return clients.logger.group('Prune', async () => [
    ...(await pruneObjects(live.client, candidates, dryRun, clients.logger)),
    ...(await pruneExternal(live.client, staleExternal, owner, dryRun, clients.logger)),
  ]);
}

/** Waits for every watched workload; a failed or timed-out one is diagnosed and fails the run (`report.failure`). */
async function waitForRollouts(run: Run, live: Live, watching: Watching, report: DeployReport): Promise<void> {
  const started = Date.now();
  const outcome = await run.clients.logger.group(`Wait for ${watching.targets.length} rollout(s)`, () => watching.watch.wait(run.inputs.timeoutMs));
  report.rollouts = outcome.results;
  report.timings.waitMs = Date.now() - started;
  const failed = outcome.results.filter((r) => r.state === 'failed' || r.state === 'timeout');
  if (failed.length === 0) return;
  await diagnoseFailures(run, live, failedWorkloads(failed, outcome, watching.targets), report);
  report.failure = rolloutFailure(run.target.namespace, failed);
}

/** Pods, container states, recent events and log lines of the failed workloads, to the log and the report. */
async function diagnoseFailures(run: Run, live: Live, workloads: KubeObject[], report: DeployReport): Promise<void> {
  const { logger } = run.clients;
  report.diagnosis = await diagnose(live.client, run.target.namespace, run.target.selector, workloads);
  await logger.group('Diagnosis', () => {
    for (const lines of report.diagnosis.values()) for (const line of lines) logger.info(line);
    return Promise.resolve();
  });
}

/** Sets the GitHub deployment's final status (when one was started) and records its id. */
async function recordDeployment(
  starting: Promise<GitHubDeployment | undefined> | undefined,
  report: DeployReport,
  status: Parameters<GitHubDeployment['finish']>,
): Promise<void> {
  const deployment = await starting;
  report.deploymentId = deployment?.id;
  await deployment?.finish(...status);
}
