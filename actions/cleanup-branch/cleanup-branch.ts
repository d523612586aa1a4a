// cleanup-branch from start to end. Branch mode: the names come from the naming function, plus
// any namespace labelled and any database or role marked for the branch under another name; then
// the environment is torn down. Sweep mode lives in sweep.ts. Either way every object's outcome
// is recorded, and the run fails at the end (never half-way) when any object failed.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError, errorMessage } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { targetOf } from '../../shared/branch/target.ts';
import { checkMark } from '../../shared/branch/ownership/kube-marks.ts';
import type { BranchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import type { Clients } from './clients.ts';
import { connect, type Connected } from './connect.ts';
import { listMarked } from './databases.ts';
import { kubeOwner, markBelongs, stepContext, type BranchEnvironment } from './environment.ts';
import type { Inputs } from './inputs.ts';
import { listManagedNamespaces } from './namespaces.ts';
import { Recorder, describeObject, type Outcome } from './report.ts';
import { sweep, type EnvironmentDecision } from './sweep.ts';
import { teardown } from './teardown.ts';

/** What the run did. */
export interface CleanupReport {
  mode?: Inputs['mode'];
  dryRun?: boolean;
  /** Branch mode: the branch and its names. */
  names?: BranchNames;
  outcomes: Outcome[];
  /** Parts not cleaned for lack of inputs. */
  notCleaned: string[];
  /** Sweep: what was decided for each environment found. */
  environments: EnvironmentDecision[];
  /** Sweep: most environments torn down at once. */
  peakConcurrency: number;
  gracePeriodMs?: number;
  elapsedMs: number;
}

/** An empty report. */
export function newReport(): CleanupReport {
  return { outcomes: [], notCleaned: [], environments: [], peakConcurrency: 0, elapsedMs: 0 };
}

/** Runs the cleanup (see the file comment). @throws UserError when inputs are wrong, a part cannot be reached, or any object failed. */
export async function cleanupBranch(inputs: Inputs, context: EventContext, deps: Clients, report: CleanupReport = newReport()): Promise<CleanupReport> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  report.mode = inputs.mode;
  report.dryRun = inputs.dryRun;
  const target = inputs.mode === 'branch' ? resolveBranch(inputs, context) : undefined;
  const names = target?.names;
  report.names = names;
  if (inputs.dryRun) logger.info('Dry run: nothing is removed; the log and summary say what would be.');
  const recorder = new Recorder(logger, clock);
  report.outcomes = recorder.outcomes;
  const connected = await connect(inputs, { ...deps, clock, repository: deps.repository ?? context.repository }, stepContext(inputs, logger, clock));
  report.notCleaned = connected.notCleaned;
  try {
    if (target) await cleanOne(inputs, target, connected, recorder, logger, clock);
    else await sweep(inputs, connected.clients, recorder, { logger, clock, report });
  } finally {
    await connected.close();
    report.elapsedMs = clock.now() - started;
  }
  const failed = recorder.with('failed');
  if (failed.length > 0) {
    const lines = failed.map((o) => `- ${describeObject(o.kind, o.name)}: ${o.reason ?? ''}`);
    throw new UserError(`${failed.length} object(s) could not be removed (the others were handled, see the summary):\n${lines.join('\n')}\n`, {
      fix: 'Fix what the messages name and re-run: what is gone stays gone, and the rest is finished.',
    });
  }
  return report;
}

/** Events whose branch is gone (or whose pull request is closed): the only ones cleanup acts on without a `branch` input. */
function branchIsGone(context: EventContext): boolean {
  if (context.eventName === 'delete' || (context.eventName === 'push' && context.deleted)) return true;
  return (context.eventName === 'pull_request' || context.eventName === 'pull_request_target') && context.action === 'closed';
}

function resolveBranch(inputs: Inputs, context: EventContext): { names: BranchNames; repository: string } {
  if (inputs.branch === undefined && !branchIsGone(context)) {
    const event = context.eventName === '' ? 'this run (no GITHUB_EVENT_NAME)' : `a ${context.eventName}${context.action ? ` (${context.action})` : ''} event`;
    throw new UserError(
      `cleanup-branch was started by ${event}, which does not mean a branch is gone, and no \`branch\` input names one; nothing is removed.`,
      {
        fix: 'Run it on `delete` (branches) or `pull_request: types: [closed]`, as the cleanup template does, or pass the branch to remove in `branch`, or use `mode: sweep`.',
      },
    );
  }
  const { names, repository } = targetOf(inputs, context, 'clean up', inputs.repository);
  return { names, repository };
}

/** Branch mode: the derived names plus anything marked for exactly this branch under another name. */
async function cleanOne(
  inputs: Inputs,
  target: { names: BranchNames; repository: string },
  connected: Connected,
  recorder: Recorder,
  logger: Logger,
  clock: Clock,
): Promise<void> {
  const { names, repository } = target;
  const { kube, pg, identity } = connected.clients;
  const env: BranchEnvironment = {
    slug: names.slug,
    branch: names.branch,
    repository,
    namespaces: [names.namespace],
    databases: [names.database],
    roles: [names.role],
    federatedCredentials: identity ? [federatedCredentialName(names, repository)] : [],
  };
  const ctx = stepContext(inputs, logger, clock);
  logger.info(
    `Branch ${JSON.stringify(names.branch)}${repository ? ` of ${repository}` : ''}: namespace ${names.namespace}, database ${names.database}, role ${names.role}.`,
  );
  const add = (list: string[], name: string, what: string): void => {
    if (list.includes(name)) return;
    list.push(name);
    logger.info(`Also found ${what} ${name}, marked for this branch.`);
  };
  const owner = kubeOwner(env, ctx.naming);
  try {
    if (kube && owner) {
      for (const ns of await listManagedNamespaces(kube, names.slug)) if (checkMark(ns.live, owner).state === 'ours') add(env.namespaces, ns.name, 'namespace');
    }
  } catch (error: unknown) {
    logger.warning(`Could not list namespaces by label (${errorMessage(error)}); only ${names.namespace} is looked at.`);
  }
  if (pg) {
    const marked = await pg.withClient(listMarked);
    for (const db of marked.databases) if (markBelongs(db.mark, env)) add(env.databases, db.name, 'database');
    for (const role of marked.roles) if (markBelongs(role.mark, env)) add(env.roles, role.name, 'role');
  }
  await teardown(env, connected.clients, ctx, recorder, { namespacePrefix: inputs.namespacePrefix });
}
