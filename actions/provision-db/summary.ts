import { formatDuration } from '../../shared/duration.ts';
import { Summary } from '../../shared/summary.ts';
import type { OutputValue } from '../../shared/outputs.ts';
import type { Plan } from './plan.ts';
import { factRows, type PolicyRow, type ServerFacts } from './policy.ts';
import type { ProvisionResult } from './provision.ts';

/** What the summary can show; filled as the run goes, so a failed run still shows the server. */
export interface ProvisionReport {
  plan?: Plan;
  server?: ServerFacts;
  policy?: PolicyRow[];
  result?: ProvisionResult;
}

const SOURCE_TEXT = { created: 'new (role created)', recovered: 'kept (read back from the branch Secret)', rotated: 'rotated' } as const;

/** Writes the job summary: the result table (on success), the server facts and the policy check. Never a secret. */
export async function writeProvisionSummary(report: ProvisionReport, summary = new Summary()): Promise<void> {
  const { plan, result } = report;
  summary.heading(`provision-db: ${plan?.branch ?? 'no branch'}`, 3);
  if (result) {
    const rows: [string, string][] = [
      ['Server', result.server?.name ?? `${result.host}:${result.port}`],
      ['Database', result.plan.database],
      ['Role', result.plan.role],
      ['Database status', result.created ? 'created' : 'reused'],
      ['Password', SOURCE_TEXT[result.passwordSource]],
      ['Migrations applied', result.migrationsApplied.length ? result.migrationsApplied.join(', ') : 'none'],
    ];
    if (result.federated) rows.push(['Federated credential', `${result.federated.name} (${result.federated.result}) for ${result.federated.subject}`]);
    rows.push(['Time taken', formatDuration(result.elapsedMs)]);
    summary.table(['Name', 'Value'], rows);
    summary.paragraph(result.passwordNote);
  } else {
    summary.paragraph(plan ? `Failed for database ${plan.database} and role ${plan.role}; see the log for the reason.` : 'Failed before the names were known; see the log for the reason.');
  }
  if (report.server) summary.details(`Server ${report.server.name}`, factRows(report.server).map(([k, v]) => `${k}: ${v}`).join('\n'));
  if (report.policy && report.policy.length > 0) {
    summary.table(['Requirement', 'Required', 'Actual', 'Met'], report.policy.map((row) => [row.setting, row.required, row.actual, row.ok ? 'yes' : 'NO']));
  }
  await summary.write();
}

/** The action's outputs, by output name (mirrors action.yml). */
export function toOutputs(result: ProvisionResult): Record<string, OutputValue> {
  return {
    database: result.plan.database,
    host: result.host,
    port: result.port,
    user: result.plan.role,
    password: result.password,
    'database-url': result.databaseUrl,
    created: result.created,
    'password-source': result.passwordSource,
    namespace: result.plan.namespace,
    'migrations-applied': result.migrationsApplied,
    'federated-credential': result.federated?.name ?? '',
    'identity-client-id': result.federated?.identityClientId ?? '',
  };
}
