// Sweep: every environment the suite manages (labelled namespaces, marked databases and roles,
// credentials with the suite's prefix), grouped by the exact branch their marks name (never by
// slug alone: two branches can share one); GitHub says which branches exist and which pull
// requests are open; an environment whose branch is gone and whose last deploy is older than the
// grace period is torn down, a bounded number at a time. Live and recent ones are reported as
// skipped, with the reason. Environments of another repository (on a shared cluster or server),
// and label-only namespaces whose hashed slug proves no branch, are left alone and said.
import { sameRepository } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import { forkPullRequestIdentity } from '../../shared/branch/naming.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import type { Clock } from '../../shared/core/clock.ts';
import { formatDuration } from '../../shared/core/duration.ts';
import type { CleanupReport } from './cleanup-branch.ts';
import { listMarked } from './databases.ts';
import { slugOf, stepContext, type BranchEnvironment, type StepContext } from './environment.ts';
import { credentialSlug, listSuiteCredentials } from './federated.ts';
import { environmentName, findDeployments, liveBranches, type DeploymentInfo } from './github-env.ts';
import type { Inputs } from './inputs.ts';
import { mapLimit } from '../../shared/core/limit.ts';
import { listManagedNamespaces } from './namespaces.ts';
import type { ObjectKind, Recorder } from './report.ts';
import { primaryNamespace, teardown, type Connections } from './teardown.ts';
import { commentIdleRemovals, idleReason } from './ttl.ts';
import { compareText } from '../../shared/core/order.ts';

/** What the sweep decided for one environment. */
export interface EnvironmentDecision {
  slug: string;
  branch: string | undefined;
  /** `removed` (or `would-remove` in a dry run), `kept`, or `failed` (an object could not be removed). */
  decision: 'removed' | 'would-remove' | 'kept' | 'failed';
  reason: string;
  /** Epoch ms of the newest sign of a deploy, when any is known. */
  lastDeploy: number | undefined;
}

interface Group {
  env: BranchEnvironment;
  times: number[];
}

/** Groups by exact branch (`branch:<name>`), or by slug (`slug:<slug>`) where only a slug is known. */
function groupFor(groups: Map<string, Group>, slug: string, branch: string | undefined, repository: string): Group {
  const key = branch === undefined ? `slug:${slug}` : `branch:${branch}`;
  let group = groups.get(key);
  if (!group) {
    group = { env: { slug, branch, repository, namespaces: [], databases: [], roles: [], federatedCredentials: [] }, times: [] };
    groups.set(key, group);
  }
  return group;
}

/** What discovery shares: the groups found so far, and where refusals are noted. */
interface Discovery {
  groups: Map<string, Group>;
  ctx: StepContext;
  recorder: Recorder;
  repository: string;
}

/** Everything managed, grouped by exact branch. */
async function discover(clients: Connections, ctx: StepContext, recorder: Recorder, repository: string): Promise<Map<string, Group>> {
  const found: Discovery = { groups: new Map<string, Group>(), ctx, recorder, repository };
  if (clients.kube) await discoverNamespaces(clients.kube, found);
  if (clients.pg) await discoverDatabases(clients.pg, found);
  if (clients.identity) await discoverCredentials(clients.identity, found);
  return found.groups;
}

/** Namespaces by their marks: another repository's are skipped; a hashed label-only slug proves no branch. */
async function discoverNamespaces(kube: NonNullable<Connections['kube']>, { groups, ctx, recorder, repository }: Discovery): Promise<void> {
  const namespaces = await listManagedNamespaces(kube).catch((error: unknown) => {
    throw new UserError(`Cannot list the namespaces the suite manages: ${describeKubeError(error)}.`, {
      fix: "A sweep lists namespaces by label cluster-wide: allow the kubeconfig's identity to list namespaces, or leave `kubeconfig` empty (and KUBECONFIG unset) to sweep without them.",
      cause: error,
    });
  });
  for (const ns of namespaces) {
    if (ns.branch !== undefined && ns.repository !== undefined && ns.repository !== '' && !sameRepository(ns.repository, repository)) {
      recorder.note('namespace', ns.name, ns.slug, {
        action: 'skipped',
        reason: `its mark names repository ${ns.repository ?? '?'}, not ${repository}: that repository's sweep decides`,
      });
      continue;
    }
    // A label-only mark (made before exact marks) names a branch only through an unhashed slug.
    const branch = ns.branch ?? (slugOf(ns.slug, ctx.naming) === ns.slug ? ns.slug : undefined);
    if (branch === undefined) {
      recorder.note('namespace', ns.name, ns.slug, {
        action: 'skipped',
        reason: `it has no exact branch mark and its slug ${ns.slug} is hashed, so no branch can be proven its owner; remove it by hand if it is stale`,
        warn: true,
      });
      continue;
    }
    const group = groupFor(groups, ns.slug, branch, repository);
    group.env.namespaces.push(ns.name);
    if (ns.lastChange !== undefined) group.times.push(ns.lastChange);
  }
}

/** Databases and roles by their comment marks: another repository's are skipped. */
async function discoverDatabases(pg: NonNullable<Connections['pg']>, { groups, ctx, recorder, repository }: Discovery): Promise<void> {
  const marked = await pg.withClient(listMarked);
  const all = [...marked.databases.map((m) => ({ kind: 'database' as const, ...m })), ...marked.roles.map((m) => ({ kind: 'role' as const, ...m }))];
  for (const { kind, name, mark } of all) {
    if (mark.repository !== undefined && !sameRepository(mark.repository, repository)) {
      recorder.note(kind, name, '', {
        action: 'skipped',
        reason: `its mark names repository ${mark.repository}, not ${repository}: that repository's sweep decides`,
      });
      continue;
    }
    const slug = slugOf(mark.branch, ctx.naming);
    if (slug === undefined) {
      recorder.note(kind, name, '', { action: 'skipped', reason: `its mark names branch ${JSON.stringify(mark.branch)}, which yields no name`, warn: true });
      continue;
    }
    const group = groupFor(groups, slug, mark.branch, repository);
    (kind === 'database' ? group.env.databases : group.env.roles).push(name);
    const created = Date.parse(mark.createdAt);
    if (Number.isFinite(created)) group.times.push(created);
  }
}

/** Federated credentials: a name holds only the slug, so it joins the one environment with that slug, or stands alone. */
async function discoverCredentials(identity: NonNullable<Connections['identity']>, { groups, ctx, repository }: Discovery): Promise<void> {
  for (const credential of await listSuiteCredentials(identity, ctx)) {
    const slug = credentialSlug(credential.name);
    const matches = [...groups.values()].filter((g) => g.env.slug === slug && g.env.branch !== undefined);
    const group = matches.length === 1 && matches[0] ? matches[0] : groupFor(groups, slug, undefined, repository);
    group.env.federatedCredentials.push(credential.name);
  }
}

/**
 * Why each live branch is live, by slug and by full name (a mark's branch is matched by name
 * too, so an environment made under other naming options is still recognised as live).
 */
export function liveReasons(live: { branches: string[]; pulls: { branch: string; number: number }[] }, ctx: StepContext): Map<string, string> {
  const reasons = new Map<string, string>();
  const add = (branch: string, reason: string): void => {
    const slug = slugOf(branch, ctx.naming);
    if (slug !== undefined) reasons.set(`slug:${slug}`, reason);
    reasons.set(`branch:${branch}`, reason);
  };
  for (const pull of live.pulls) {
    add(pull.branch, `pull request #${pull.number} (head ${JSON.stringify(pull.branch)}) is open`);
    // A fork pull request's own environment (fork-pull-requests: isolate) lives while the pull request is open.
    reasons.set(`branch:${forkPullRequestIdentity(pull.number)}`, `pull request #${pull.number} is open`);
  }
  for (const branch of live.branches) add(branch, `branch ${JSON.stringify(branch)} still exists`);
  return reasons;
}

function objectsOf(env: BranchEnvironment): [ObjectKind, string][] {
  return [
    ...env.namespaces.map((n): [ObjectKind, string] => ['namespace', n]),
    ...env.databases.map((n): [ObjectKind, string] => ['database', n]),
    ...env.roles.map((n): [ObjectKind, string] => ['role', n]),
    ...env.federatedCredentials.map((n): [ObjectKind, string] => ['federated-credential', n]),
  ];
}

/** Runs the sweep; outcomes go to `recorder`, decisions and peak concurrency to `report`. */
export async function sweep(
  inputs: Inputs,
  clients: Connections,
  recorder: Recorder,
  deps: { logger: Logger; clock: Clock; report: CleanupReport },
): Promise<void> {
  const { logger, clock, report } = deps;
  const { github } = clients;
  if (!github) throw new UserError('A sweep needs `token`: it asks GitHub which branches still exist.', { fix: 'Pass `token: ${{ github.token }}`.' });
  report.gracePeriodMs = inputs.gracePeriodMs;
  const setup = stepContext(inputs, logger, clock);
  const repository = `${github.owner}/${github.repo}`;
  const groups = await logger.group('Find managed environments', () => discover(clients, setup, recorder, repository));
  const live = await liveBranches(github, setup);
  if (live.branches.length === 0) {
    throw new UserError(`GitHub lists no branches in ${github.owner}/${github.repo}, so every environment would look stale; the sweep removes nothing.`, {
      fix: 'Check `repository` and that the token may read it (`contents: read`).',
    });
  }
  const liveBy = liveReasons(live, setup);
  logger.info(`Found ${groups.size} managed environment(s); ${live.branches.length} branch(es) and ${live.pulls.length} open pull request(s) on GitHub.`);
  const ordered = [...groups.values()].sort((a, b) => compareText(a.env.slug, b.env.slug) || compareText(a.env.branch ?? '', b.env.branch ?? ''));
  const { peak } = await mapLimit(ordered, inputs.concurrency, async (group) => {
    const { env } = group;
    try {
      // An exact branch is live by its name; an environment known only by slug is kept while any live branch has that slug.
      const liveReason = env.branch === undefined ? liveBy.get(`slug:${env.slug}`) : liveBy.get(`branch:${env.branch}`);
      report.environments.push(await decide(group, liveReason, inputs, clients, recorder, { logger, clock }));
    } catch (error: unknown) {
      // Steps never throw; this is a bug, but it must not stop the other environments.
      const [kind, name] = objectsOf(env)[0] ?? ['namespace', env.slug];
      recorder.fail(kind, name, env.slug, error);
      report.environments.push({ slug: env.slug, branch: env.branch, decision: 'failed', reason: 'unexpected error (see the log)', lastDeploy: undefined });
    }
  });
  report.environments.sort((a, b) => compareText(a.slug, b.slug));
  await commentIdleRemovals(report.environments, live.pulls, github, logger);
  report.peakConcurrency = peak;
  logger.info(
    `Sweep done: ${report.environments.filter((e) => e.decision !== 'kept').length} of ${groups.size} environment(s) stale; at most ${peak} torn down at once.`,
  );
}

/** Keeps or tears down one environment. */
async function decide(
  group: Group,
  liveReason: string | undefined,
  inputs: Inputs,
  clients: Connections,
  recorder: Recorder,
  deps: { logger: Logger; clock: Clock },
): Promise<EnvironmentDecision> {
  const { env } = group;
  // A live branch's environment past its time to live is removed too (dry run unless ttl-dry-run: false).
  const idle = liveReason === undefined ? undefined : idleReason(inputs.ttl, group.times.length > 0 ? Math.max(...group.times) : undefined, deps.clock.now());
  const ctx = stepContext(idle ? { ...inputs, dryRun: inputs.dryRun || inputs.ttl.ttlDryRun } : inputs, deps.logger, deps.clock);
  const keep = (reason: string, lastDeploy: number | undefined): EnvironmentDecision => {
    for (const [kind, name] of objectsOf(env)) recorder.note(kind, name, env.slug, { action: 'skipped', reason });
    return { slug: env.slug, branch: env.branch, decision: 'kept', reason, lastDeploy };
  };
  const newest = (times: number[]): number | undefined => (times.length > 0 ? Math.max(...times) : undefined);
  if (liveReason !== undefined && idle === undefined) return keep(liveReason, newest(group.times));
  let deployments: DeploymentInfo[] | undefined;
  if (clients.github) {
    const environment = environmentName(clients.github.environmentTemplate, env, primaryNamespace(env, inputs.namespacePrefix));
    try {
      deployments = await findDeployments(clients.github, env, environment, ctx);
    } catch (error: unknown) {
      recorder.fail('deployment', `deployments of ${env.branch ?? env.slug}`, env.slug, error);
      return {
        slug: env.slug,
        branch: env.branch,
        decision: 'failed',
        reason: 'cannot read its GitHub deployments to date the last deploy',
        lastDeploy: newest(group.times),
      };
    }
  }
  const lastDeploy = newest([...group.times, ...(deployments ?? []).map((d) => d.updatedAt).filter((t) => Number.isFinite(t))]);
  // The branch's GitHub deployments may be newer than the marks: still idle, counting them?
  if (liveReason !== undefined && idleReason(inputs.ttl, lastDeploy, deps.clock.now()) === undefined) return keep(liveReason, lastDeploy);
  if (idle === undefined && lastDeploy !== undefined && deps.clock.now() - lastDeploy < inputs.gracePeriodMs) {
    return keep(
      `branch gone, but last deployed ${new Date(lastDeploy).toISOString()}, within grace-period ${formatDuration(inputs.gracePeriodMs)}`,
      lastDeploy,
    );
  }
  const before = recorder.outcomes.length;
  await teardown(env, clients, ctx, recorder, { namespacePrefix: inputs.namespacePrefix, ...(deployments ? { deployments } : {}) });
  const mine = recorder.outcomes.slice(before).filter((o) => o.slug === env.slug);
  const reason = idle ?? `branch gone${lastDeploy === undefined ? '' : `, last deployed ${new Date(lastDeploy).toISOString()}`}`;
  const decided = (decision: EnvironmentDecision['decision'], why: string): EnvironmentDecision => ({
    slug: env.slug,
    branch: env.branch,
    decision,
    reason: why,
    lastDeploy,
  });
  if (mine.some((o) => o.action === 'failed')) return decided('failed', reason);
  if (mine.every((o) => o.action === 'skipped')) return decided('kept', `${reason}, but nothing of it may be removed (see the skipped objects)`);
  return decided(ctx.dryRun ? 'would-remove' : 'removed', reason);
}
