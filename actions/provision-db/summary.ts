import { formatDuration } from '../../shared/core/duration.ts';
import { errorMessage, isUserError } from '../../shared/core/errors.ts';
import { Summary } from '../../shared/core/summary.ts';
import type { Failure, Verdict } from '../../shared/core/verdict.ts';
import type { Outcome } from '../../shared/core/action.ts';
import { writeRefreshSummary, type RefreshReport } from './refresh-run.ts';
import type { Plan } from './plan.ts';
import { factRows, type PolicyRow, type ServerFacts } from './policy.ts';
import type { ProvisionResult } from './provision-db.ts';

/** What the summary can show; filled as the run goes, so a failed run still shows the server. */
export interface ProvisionReport {
  plan?: Plan;
  server?: ServerFacts;
  policy?: PolicyRow[];
  result?: ProvisionResult;
  /** When the run started (epoch ms), for the time a failed run took. */
  startedAt?: number;
  /** What the run threw, when it failed. */
  error?: unknown;
}

const SOURCE_TEXT = { created: 'new (role created)', recovered: 'kept (read back from the branch Secret)', rotated: 'rotated' } as const;

/** The first line and, on failure, each failure: every requirement the server misses, else the error. */
export function provisionVerdict(report: ProvisionReport, now = Date.now()): Verdict {
  const { plan, result } = report;
  if (result) {
    const server = result.server?.name ?? `${result.host}:${result.port}`;
    const seeded = result.seed?.seeded ? `, seeded from ${result.seed.source}` : '';
    const migrations = `${seeded}${result.migrationsApplied.length > 0 ? `, ${result.migrationsApplied.length} migration(s) applied` : ''}`;
    const changed = result.created || result.passwordSource !== 'recovered' || migrations !== '' || result.federated?.result === 'created';
    const text = result.created
      ? `Created database ${result.plan.database} and role ${result.plan.role} on ${server}${migrations}`
      : `Database ${result.plan.database} and role ${result.plan.role} on ${server} already exist, ${changed ? `password ${SOURCE_TEXT[result.passwordSource]}${migrations}` : 'unchanged'}`;
    return { action: 'provision-db', status: changed ? 'success' : 'unchanged', text, ms: result.elapsedMs };
  }
  const failures: Failure[] = (report.policy ?? [])
    .filter((row) => !row.ok)
    .map((row) => ({
      object: `Server ${report.server?.name ?? ''} ${row.setting}`,
      reason: `required ${row.required}, actual ${row.actual}`,
      fix: 'change the server (az postgres flexible-server update), or relax the requirement inputs for preview environments',
    }));
  const error = report.error;
  if (failures.length === 0 && error !== undefined)
    failures.push({
      object: plan ? `Database ${plan.database}` : 'provision-db',
      reason: errorMessage(error).split('\n').join(' '),
      ...(isUserError(error) && error.fix ? { fix: error.fix } : {}),
    });
  const what = plan ? `Provisioning of database ${plan.database} and role ${plan.role} failed` : 'Provisioning failed before the names were known';
  return { action: 'provision-db', status: 'failure', text: what, ...(report.startedAt === undefined ? {} : { ms: now - report.startedAt }), failures };
}

/** Writes the job summary: the verdict and any failures, the result table (on success), the policy check, the server facts folded. Never a secret. */
export async function writeProvisionSummary(report: ProvisionReport, summary = new Summary()): Promise<void> {
  const { result } = report;
  summary.verdict(provisionVerdict(report));
  if (result) {
    const rows: [string, string][] = [
      ['Server', result.server?.name ?? `${result.host}:${result.port}`],
      ['Database', result.plan.database],
      ['Role', result.plan.role],
      ['Database status', result.created ? 'created' : 'unchanged'],
      ['Password', SOURCE_TEXT[result.passwordSource]],
      ['Migrations applied', result.migrationsApplied.length ? result.migrationsApplied.join(', ') : 'none'],
    ];
    if (result.seed) rows.push(['Seed', `${result.seed.seeded ? 'seeded now' : 'not seeded by this run'}: ${result.seed.note}`]);
    if (result.federated) rows.push(['Federated credential', `${result.federated.name} (${result.federated.result}) for ${result.federated.subject}`]);
    rows.push(['Time taken', formatDuration(result.elapsedMs)]);
    summary.table(['Name', 'Value'], rows);
    summary.paragraph(result.passwordNote);
  }
  if (report.policy && report.policy.length > 0) {
    summary.table(
      ['Requirement', 'Required', 'Actual', 'Met'],
      report.policy.map((row) => [row.setting, row.required, row.actual, row.ok ? '✅ yes' : '❌ no']),
    );
  }
  if (report.server)
    summary.details(
      `Server ${report.server.name}`,
      factRows(report.server)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n'),
    );
  await summary.write();
}

/** What one run of the action reports: a branch provisioning, or (`mode: refresh-template`) a refresh. */
export interface RunReport {
  provision: ProvisionReport;
  refresh?: RefreshReport;
}

/** The report a run starts with, for its mode. */
export function newReport(inputs: { mode: string }): RunReport {
  const startedAt = Date.now();
  return inputs.mode === 'refresh-template' ? { provision: { startedAt }, refresh: { startedAt } } : { provision: { startedAt } };
}

/** The job summary of a run, passed or failed. */
export async function writeSummary(report: RunReport, outcome: Outcome<RunReport>): Promise<void> {
  if (report.refresh) {
    report.refresh.error = outcome.error;
    await writeRefreshSummary(report.refresh);
    return;
  }
  report.provision.error = outcome.error;
  await writeProvisionSummary(report.provision);
}
