// cleanup-branch from start to end. Branch mode: the names come from the naming function, plus
// any namespace labelled and any database or role marked for the branch under another name; then
// the environment is torn down. Sweep mode lives in sweep.ts. Either way every object's outcome
// is recorded, and the run fails at the end (never half-way) when any object failed.
import type { EventContext } from '../../shared/context.ts';
import { UserError, errorMessage } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { branchNames, type BranchNames } from '../../shared/naming.ts';
import { federatedCredentialName } from '../../shared/ownership.ts';
import { systemClock, type Clock } from '../../shared/retry.ts';
import { connect, type ConnectDeps, type Connected } from './connect.ts';
import { listMarked } from './databases.ts';
import { markBelongs, stepContext, type BranchEnvironment } from './environment.ts';
import type { Inputs } from './inputs.ts';
import { listManagedNamespaces } from './namespaces.ts';
import { Recorder, describeObject, type Outcome } from './report.ts';
import { sweep, type EnvironmentDecision } from './sweep.ts';
import { teardown } from './teardown.ts';

/** What cleanupBranch is given; everything but `logger` has a default. */
export interface Deps extends Partial<Omit<ConnectDeps, 'logger'>> {
  logger: Logger;
  clock?: Clock;
  /** Filled as the run goes, so the summary shows what happened even when the run fails. */
  report?: CleanupReport;
}

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
export async function cleanupBranch(inputs: Inputs, context: EventContext, deps: Deps): Promise<CleanupReport> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const report = deps.report ?? newReport();
  report.mode = inputs.mode;
  report.dryRun = inputs.dryRun;
  const names = inputs.mode === 'branch' ? resolveBranch(inputs, context) : undefined;
  report.names = names;
  if (inputs.dryRun) logger.info('Dry run: nothing is removed; the log and summary say what would be.');
  const recorder = new Recorder(logger, clock);
  report.outcomes = recorder.outcomes;
  const connected = await connect(inputs, { ...deps, clock, repository: deps.repository ?? context.repository }, stepContext(inputs, logger, clock));
  report.notCleaned = connected.notCleaned;
  try {
    if (names) await cleanOne(inputs, names, connected, recorder, logger, clock);
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

function resolveBranch(inputs: Inputs, context: EventContext): BranchNames {
  const branch = inputs.branch ?? context.branch;
  if (!branch) {
    throw new UserError(`No branch to clean up. ${context.note ?? `The ${context.eventName || 'current'} event does not name a branch.`}`, {
      fix: 'Pass the `branch` input (e.g. `branch: ${{ github.event.ref }}` on a delete event), or use `mode: sweep`.',
    });
  }
  return branchNames(branch, { namespacePrefix: inputs.namespacePrefix, maxSlugLength: inputs.maxSlugLength });
}

/** Branch mode: the derived names plus anything labelled or marked for the branch under another name. */
async function cleanOne(inputs: Inputs, names: BranchNames, connected: Connected, recorder: Recorder, logger: Logger, clock: Clock): Promise<void> {
  const { kube, pg, identity } = connected.clients;
  const env: BranchEnvironment = {
    slug: names.slug,
    branch: names.branch,
    namespaces: [names.namespace],
    databases: [names.database],
    roles: [names.role],
    federatedCredentials: identity ? [federatedCredentialName(names)] : [],
  };
  const ctx = stepContext(inputs, logger, clock);
  logger.info(`Branch ${JSON.stringify(names.branch)}: namespace ${names.namespace}, database ${names.database}, role ${names.role}.`);
  const add = (list: string[], name: string, what: string): void => {
    if (list.includes(name)) return;
    list.push(name);
    logger.info(`Also found ${what} ${name}, marked for this branch.`);
  };
  try {
    if (kube) for (const ns of await listManagedNamespaces(kube, names.slug)) add(env.namespaces, ns.name, 'namespace');
  } catch (error: unknown) {
    logger.warning(`Could not list namespaces by label (${errorMessage(error)}); only ${names.namespace} is looked at.`);
  }
  if (pg) {
    const marked = await pg.withClient(listMarked);
    for (const db of marked.databases) if (markBelongs(db.mark, env, ctx.naming)) add(env.databases, db.name, 'database');
    for (const role of marked.roles) if (markBelongs(role.mark, env, ctx.naming)) add(env.roles, role.name, 'role');
  }
  await teardown(env, connected.clients, ctx, recorder, { namespacePrefix: inputs.namespacePrefix });
}
