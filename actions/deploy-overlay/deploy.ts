// deploy-overlay from end to end: names → render and transform → safety checks → apply →
// inventory and prune → wait for rollouts (diagnosing failures) → GitHub deployment status.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { externalRefs, formatExternalRef } from '../../shared/branch/ownership/outside-objects.ts';
import { createKubeClient, ownershipSelector, type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { describeConnection, loadKubeconfig } from '../../shared/kube/config.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { resolveBranchTarget } from '../../shared/branch/target.ts';
import { ownerOf, ownershipAnnotations, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import { isValidDnsLabel, normalizeSha, ownershipLabels, type BranchNames } from '../../shared/branch/naming.ts';
import type { SetSecret } from '../../shared/core/secrets.ts';
import { applyPlan, resultOf, type ObjectResult } from './apply.ts';
import { diagnose } from './diagnose.ts';
import { startDeployment, type GitHubDeployment } from './github-deployment.ts';
import type { DryRun, Inputs } from './inputs.ts';
import { APPLY_SET_LABEL, WAITED_KINDS, crdServes, displayName, groupOf, isWorkload, objectKey, offlineNamespaced, typeKey, type Planned } from './objects.ts';
import { completePlan, renderPlan } from './plan.ts';
import {
  inventoryTypes,
  planExternal,
  planInventory,
  pruneCandidates,
  pruneExternal,
  pruneObjects,
  readInventory,
  writeInventory,
  type TypeRef,
} from './prune.ts';
import { connectEarly, listAll } from './reach.ts';
import type { Exec } from './render.ts';
import { assertUsableNamespace, checkNamespace, checkOutsideObjects } from './safety.ts';
import { applyReplacements, fillTemplate, type TemplateValues } from './transform.ts';
import { watchRollouts, type RolloutResult } from './wait.ts';

/** What the run did, for outputs and the summary. */
export interface DeployReport {
  branch: string;
  slug: string;
  namespace: string;
  sha: string | undefined;
  dryRun: DryRun;
  url: string | undefined;
  objects: ObjectResult[];
  rollouts: RolloutResult[];
  /** Diagnosis lines of each workload that failed, by `Kind/name`. */
  diagnosis: Map<string, string[]>;
  timings: { renderMs: number; applyMs: number; pruneMs: number; waitMs: number; totalMs: number };
  deploymentId: number | undefined;
  /** Anything created, configured, replaced or pruned. */
  changed: boolean;
  /** Set when the run failed after it started changing the cluster; the summary is still written. */
  failure: UserError | undefined;
}

/** What deployOverlay is given. */
export interface Deps {
  logger: Logger;
  exec: Exec;
  context: EventContext;
  /** The cluster client (not called for `dry-run: client`); `signal` stops its calls when the run fails first. */
  connect: (signal?: AbortSignal) => Promise<KubeClient>;
  setSecret?: SetSecret;
  /** GitHub API base URL (default GITHUB_API_URL). */
  githubBaseUrl?: string;
}

interface Names {
  names: BranchNames;
  owner: EnvironmentOwner;
  sha: string | undefined;
  namespace: string;
  values: TemplateValues;
}

function resolveNames(inputs: Inputs, context: EventContext): Names {
  const { names, repository } = resolveBranchTarget({
    input: inputs.branch,
    context,
    forks: inputs.forks,
    doing: 'deploy',
    naming: { namespacePrefix: inputs.namespacePrefix, maxSlugLength: inputs.maxSlugLength },
  });
  const rawSha = inputs.sha ?? context.sha;
  const sha = rawSha === undefined ? undefined : normalizeSha(rawSha);
  const namespace = inputs.namespace ?? names.namespace;
  if (!isValidDnsLabel(namespace))
    throw new UserError(`Input \`namespace\` is ${quoteValue(namespace)}, not a valid namespace name.`, {
      fix: 'Use lower-case letters, digits and `-`, at most 63 characters.',
    });
  assertUsableNamespace(namespace, inputs.namespace === undefined ? 'branch' : 'namespace', inputs.productionNamespaces);
  const values: TemplateValues = {
    branch: names.branch,
    slug: names.slug,
    namespace,
    database: names.database,
    role: names.role,
    sha: sha ?? '',
    'short-sha': sha?.slice(0, 7) ?? '',
  };
  return { names, owner: ownerOf(names, repository), sha, namespace, values };
}

/** Kinds of the plan, resolved through discovery; kinds only a CRD of the render defines are taken from it. */
async function resolveScopes(client: KubeClient, objects: readonly KubeObject[]): Promise<{ namespaced: (obj: KubeObject) => boolean; unserved: Set<string> }> {
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
  const types = new Map(objects.map((o) => [typeKey(o), o]));
  const scope = new Map<string, boolean>();
  const unserved = new Set<string>();
  const unknown: string[] = [];
  await Promise.all(
    [...types].map(async ([key, sample]) => {
      const info = await client.resource(sample.apiVersion ?? '', sample.kind ?? '');
      if (info) return void scope.set(key, info.namespaced);
      if (crds.some((crd) => crdServes(crd, sample))) {
        unserved.add(key);
        return void scope.set(key, offlineNamespaced(sample, crds));
      }
      unknown.push(`${sample.kind ?? '?'} (${sample.apiVersion ?? '?'}), e.g. ${displayName(sample)}`);
    }),
  );
  if (unknown.length > 0) {
    throw new UserError(`The cluster does not serve ${unknown.length} kind(s) the overlays use:\n${unknown.map((u) => `- ${u}`).join('\n')}\n`, {
      fix: 'Install their CustomResourceDefinitions first (or include them in an overlay with `allow-cluster-scoped: CustomResourceDefinition`), or check the apiVersion.',
    });
  }
  return { namespaced: (obj) => scope.get(typeKey(obj)) ?? offlineNamespaced(obj, crds), unserved };
}

function typesToList(planned: readonly Planned[], inventory: readonly string[], namespace: string, namespaced: (obj: KubeObject) => boolean): TypeRef[] {
  const types = new Map<string, TypeRef>();
  for (const { object } of planned) {
    if (object.kind === 'Namespace' || (namespaced(object) && object.metadata?.namespace !== namespace)) continue;
    types.set(typeKey(object), { apiVersion: object.apiVersion ?? '', kind: object.kind ?? '', namespaced: namespaced(object) });
  }
  for (const type of inventoryTypes(inventory)) {
    const key = `${type.apiVersion} ${type.kind}`;
    if (!types.has(key)) types.set(key, type);
  }
  return [...types.values()];
}

function rolloutFailure(namespace: string, failed: readonly RolloutResult[]): UserError {
  const lines = failed.map((r) => `- ${r.kind}/${r.name}: ${r.message}`);
  return new UserError(`${failed.length} workload(s) did not become ready in namespace ${namespace}:\n${lines.join('\n')}\n`, {
    fix: 'The diagnosis above shows the pods, their container states, recent events and log lines. Fix the image or configuration and push again, or raise `timeout` if the rollout is only slow.',
  });
}

/** Renders, applies, prunes and waits; never throws after changing the cluster (see `failure`). */
export async function deployOverlay(inputs: Inputs, deps: Deps): Promise<DeployReport> {
  const started = Date.now();
  const { logger } = deps;
  const { names, owner, sha, namespace, values } = resolveNames(inputs, deps.context);
  const ownership = ownershipLabels(names, sha);
  const marks = ownershipAnnotations(owner);
  // Reach the cluster while kustomize renders (reach.ts: connect, read the namespace, discover,
  // list on a re-deploy). Only reads; a render error still comes first and stops that work.
  const stopEarly = new AbortController();
  const selector = `${ownershipSelector(names)},${APPLY_SET_LABEL}=${inputs.applySet}`;
  const reach = { deps, namespace, owner, selector, applySet: inputs.applySet, signal: stopEarly.signal };
  const early = inputs.dryRun === 'client' ? undefined : connectEarly(reach);
  early?.catch(() => undefined);
  const rendered = await logger
    .group('Render', () => renderPlan(inputs, values, deps))
    .catch((error: unknown) => {
      stopEarly.abort(error);
      throw error;
    });
  const renderMs = Date.now() - started;
  const url = inputs.environmentUrl === undefined ? undefined : urlFor(inputs, values);
  const report: DeployReport = {
    branch: names.branch,
    slug: names.slug,
    namespace,
    sha,
    dryRun: inputs.dryRun,
    url,
    objects: [],
    rollouts: [],
    diagnosis: new Map(),
    timings: { renderMs, applyMs: 0, pruneMs: 0, waitMs: 0, totalMs: 0 },
    deploymentId: undefined,
    changed: false,
    failure: undefined,
  };
  const finish = (): DeployReport => {
    report.timings.totalMs = Date.now() - started;
    report.changed = report.objects.some((o) => ['created', 'configured', 'replaced', 'pruned'].includes(o.result));
    return report;
  };
  if (inputs.dryRun === 'client') {
    const crds = rendered.planned.map((p) => p.object).filter((o) => o.kind === 'CustomResourceDefinition');
    const planned = completePlan(rendered, {
      inputs,
      namespace,
      ownershipLabels: ownership,
      ownershipAnnotations: marks,
      namespaced: (obj) => offlineNamespaced(obj, crds),
    });
    report.objects = planned.map((p) => resultOf(p.object, p.source, 'planned'));
    logger.info(`Dry run (client): ${planned.length} object(s) would be applied to namespace ${namespace}; the cluster was not contacted.`);
    return finish();
  }

  const { client, liveNamespace, prelisted } = await (early ?? connectEarly(reach));
  logger.info(describeConnection(client.connection));
  const scopes = await resolveScopes(
    client,
    rendered.planned.map((p) => p.object),
  );
  const planned = completePlan(rendered, { inputs, namespace, ownershipLabels: ownership, ownershipAnnotations: marks, namespaced: scopes.namespaced });
  const exists = checkNamespace(namespace, liveNamespace, owner);
  const inventory = readInventory(liveNamespace, inputs.applySet);
  const existing = exists
    ? await listAll(client, typesToList(planned, inventory, namespace, scopes.namespaced), reach, prelisted)
    : new Map<string, KubeObject>();
  if (liveNamespace) existing.set(objectKey({ ...liveNamespace, apiVersion: 'v1', kind: 'Namespace' }), liveNamespace);
  const adopted = await checkOutsideObjects(client, planned, namespace, owner, { adopt: inputs.adoptExisting, namespaced: scopes.namespaced, existing });
  if (adopted.length > 0)
    logger.warning(
      `adopt-existing: ${adopted.length} existing object(s) outside the branch namespace are taken over by branch ${JSON.stringify(owner.branch)}:\n${adopted.join('\n')}`,
    );
  const dryRun = inputs.dryRun === 'server';
  logger.info(
    `Namespace ${namespace} ${exists ? 'exists and belongs to this branch' : dryRun ? 'does not exist (it would be created)' : 'does not exist yet: creating it'}.`,
  );

  // The GitHub deployment is started alongside the apply and awaited before its status is set.
  let starting: Promise<GitHubDeployment | undefined> | undefined;
  if (inputs.githubToken && !dryRun && deps.context.repository) {
    const run = process.env['GITHUB_RUN_ID'];
    starting = startDeployment(
      {
        token: inputs.githubToken,
        ...deps.context.repository,
        environment: fillTemplate(inputs.environment, values),
        ref: names.branch,
        description: `Deploying ${sha?.slice(0, 7) ?? names.branch} to ${namespace}`,
        ...(run ? { logUrl: `${deps.context.serverUrl}/${deps.context.repository.owner}/${deps.context.repository.repo}/actions/runs/${run}` } : {}),
        ...(deps.githubBaseUrl ? { baseUrl: deps.githubBaseUrl } : {}),
      },
      logger,
    );
  }
  const deployment = async (): Promise<GitHubDeployment | undefined> => {
    const started = await starting;
    report.deploymentId = started?.id;
    return started;
  };

  const targets = planned
    .map((p) => p.object)
    .filter((o) => WAITED_KINDS.has(o.kind ?? '') && isWorkload(o) && o.metadata?.namespace === namespace && ['apps', 'batch'].includes(groupOf(o.apiVersion)));
  // Watch from before the workloads are applied, so an early one's readiness is noticed at once.
  const rollouts =
    inputs.wait && !dryRun && targets.length > 0 ? watchRollouts(targets, { client, namespace, selector, failFast: inputs.failFast, logger }) : undefined;
  const applyStart = Date.now();
  const applied = await logger.group(`Apply (server-side${dryRun ? ', dry run' : ''})`, () =>
    applyPlan(planned, {
      client,
      logger,
      dryRun,
      force: inputs.forceConflicts,
      recreateJobs: inputs.recreateJobs,
      existing,
      unchecked: (obj) => (!exists && obj.metadata?.namespace === namespace) || scopes.unserved.has(typeKey(obj)),
      ...(rollouts ? { onApplied: (live: KubeObject) => rollouts.arm(live) } : {}),
    }),
  );
  report.objects = applied.results;
  report.timings.applyMs = Date.now() - applyStart;
  if (applied.failure) {
    await rollouts?.cancel();
    report.failure = applied.failure;
    await (await deployment())?.finish('failure', 'Applying the manifests failed');
    return finish();
  }

  const pruneStart = Date.now();
  const external = planExternal(planned, namespace, scopes.namespaced);
  const externalBefore = externalRefs(liveNamespace, inputs.applySet).map(formatExternalRef).sort();
  if (!dryRun)
    await writeInventory(client, namespace, inputs.applySet, { kinds: planInventory(planned, namespace), kindsBefore: inventory, external, externalBefore });
  if (inputs.prune) {
    const candidates = pruneCandidates(existing, planned, namespace);
    const staleExternal = externalBefore.filter((line) => !external.includes(line));
    if (candidates.length > 0 || staleExternal.length > 0) {
      report.objects.push(
        ...(await logger.group('Prune', async () => [
          ...(await pruneObjects(client, candidates, dryRun, logger)),
          ...(await pruneExternal(
            client,
            staleExternal,
            { owner, applySet: inputs.applySet, productionNamespaces: inputs.productionNamespaces },
            dryRun,
            logger,
          )),
        ])),
      );
    }
  }
  report.timings.pruneMs = Date.now() - pruneStart;

  if (rollouts) {
    const waitStart = Date.now();
    const outcome = await logger.group(`Wait for ${targets.length} rollout(s)`, () => rollouts.wait(inputs.timeoutMs));
    report.rollouts = outcome.results;
    report.timings.waitMs = Date.now() - waitStart;
    const failed = outcome.results.filter((r) => r.state === 'failed' || r.state === 'timeout');
    if (failed.length > 0) {
      const workloads = failed
        .map((r) => outcome.workloads.get(`${r.kind}/${r.name}`) ?? targets.find((t) => t.kind === r.kind && t.metadata?.name === r.name))
        .filter((w): w is KubeObject => w !== undefined);
      report.diagnosis = await diagnose(client, namespace, selector, workloads);
      await logger.group('Diagnosis', () => {
        for (const lines of report.diagnosis.values()) for (const line of lines) logger.info(line);
        return Promise.resolve();
      });
      report.failure = rolloutFailure(namespace, failed);
    }
  }
  const github = await deployment();
  if (report.failure) await github?.finish('failure', `Rollout failed in ${namespace}`);
  else await github?.finish('success', `Deployed to ${namespace}`, url);
  return finish();
}

/** The environment URL: {tokens} filled and replacement tokens replaced. */
function urlFor(inputs: Inputs, values: TemplateValues): string {
  const holder: KubeObject = { url: fillTemplate(inputs.environmentUrl ?? '', values) };
  applyReplacements([holder], new Map([...inputs.replacements].map(([token, value]) => [token, fillTemplate(value, values)])));
  return String(holder['url']);
}

/** The default cluster client: kubeconfig from the input or KUBECONFIG, retries logged. */
export function connectWith(inputs: Inputs, logger: Logger, setSecret?: SetSecret): (signal?: AbortSignal) => Promise<KubeClient> {
  return async (signal) => {
    const loaded = await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), ...(setSecret ? { setSecret } : {}) });
    return createKubeClient(loaded.connection, {
      ...(setSecret ? { setSecret } : {}),
      ...(signal ? { signal } : {}),
      retryDeadlineMs: Math.min(30_000, inputs.timeoutMs),
      onRetry: (what, reason, delayMs) => logger.info(`Retrying ${what} in ${delayMs} ms: ${reason}`),
    });
  };
}
