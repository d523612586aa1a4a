// The entry of `mode: refresh-template` (the nightly refresh-seed-template workflow): signs in
// as the admin (password, or an Entra token as `admin-user`), rebuilds the template
// (refresh-template.ts), and reports it in the outputs and the job summary.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { repositoryOf } from '../../shared/branch/target.ts';
import { UserError, errorMessage, isUserError } from '../../shared/core/errors.ts';
import { maskSecret } from '../../shared/core/secrets.ts';
import { Summary } from '../../shared/core/summary.ts';
import type { Verdict } from '../../shared/core/verdict.ts';
import { systemClock } from '../../shared/core/clock.ts';
import { azureLogin } from '../../shared/azure/login.ts';
import { adminHost } from '../../shared/azure/postgres-admin.ts';
import { closeQuietly, connectPostgres, entraPassword } from '../../shared/postgres/client.ts';
import { currentUser } from './access.ts';
import { Deadline } from '../../shared/core/deadline.ts';
import type { Inputs } from './inputs.ts';
import type { Clients as Deps } from './clients.ts';
import { refreshTemplate, type RefreshResult } from './refresh-template.ts';
import { loadSeed } from './seed.ts';

/** A refresh as the summary shows it. */
export interface RefreshReport {
  template?: string;
  result?: RefreshResult;
  startedAt: number;
  elapsedMs?: number;
  error?: unknown;
}

/** The admin's password: `admin-password`, else an Entra token for `admin-user` (pg_restore needs it as text). */
async function adminPassword(inputs: Inputs, deps: Deps): Promise<string> {
  if (inputs.adminPassword !== undefined) {
    maskSecret(inputs.adminPassword, deps.setSecret);
    return inputs.adminPassword;
  }
  const login = await azureLogin({
    tenantId: inputs.tenantId,
    clientId: inputs.clientId,
    authorityHost: inputs.authorityHost,
    getIdToken: deps.getIdToken,
    clientOptions: deps.azureClientOptions,
    setSecret: deps.setSecret,
  });
  return entraPassword(login.credential, (token) => maskSecret(token, deps.setSecret))();
}

/** Rebuilds `template-database`; see refresh-template.ts. */
export async function refreshRun(inputs: Inputs, context: EventContext, deps: Deps, report: RefreshReport): Promise<RefreshResult> {
  const clock = deps.clock ?? systemClock;
  const deadline = new Deadline(inputs.timeoutMs, { clock, logger: deps.logger });
  const template = inputs.templateDatabase ?? '';
  report.template = template;
  const seed = await loadSeed(inputs, inputs.workingDirectory);
  if (seed === undefined) throw new Error('refreshRun: the inputs were checked to hold a source');
  if (inputs.adminUser === undefined) {
    throw new UserError('Input `admin-user` is required with `mode: refresh-template`.', {
      fix: 'Give the server administrator login (or the name of an Entra administrator, with no `admin-password`).',
    });
  }
  const host = adminHost(inputs, undefined);
  const admin = {
    host,
    port: inputs.port,
    sslmode: inputs.sslmode,
    ca: inputs.sslRootCert,
    user: inputs.adminUser,
    database: 'postgres',
    password: await adminPassword(inputs, deps),
  };
  const client = await connectPostgres(admin, { retryForMs: Math.min(deadline.remaining(), 60_000), clock, logger: deps.logger, login: 'admin' });
  try {
    const me = await currentUser(client);
    report.result = await refreshTemplate(
      client,
      {
        template,
        seed,
        repository: repositoryOf(context),
        adoptExisting: inputs.adoptExisting,
        charset: inputs.charset,
        collation: inputs.collation,
        admin,
        me,
      },
      deadline,
      deps.logger,
    );
    report.elapsedMs = clock.now() - report.startedAt;
    return report.result;
  } finally {
    await closeQuietly(client);
  }
}

/** The summary's first line, and the failure when there is one. */
export function refreshVerdict(report: RefreshReport, now = Date.now()): Verdict {
  const ms = report.elapsedMs ?? now - report.startedAt;
  const { result, error } = report;
  if (result)
    return {
      action: 'provision-db',
      status: 'success',
      text: `${result.replaced ? 'Refreshed' : 'Built'} seed template ${result.template} from ${result.source}`,
      ms,
    };
  const reason = errorMessage(error).split('\n').join(' ');
  return {
    action: 'provision-db',
    status: 'failure',
    text: `Refresh of seed template ${report.template ?? '?'} failed`,
    ms,
    failures: [{ object: `Database ${report.template ?? '?'}`, reason, ...(isUserError(error) && error.fix ? { fix: error.fix } : {}) }],
  };
}

/** Writes the job summary of a refresh. */
export async function writeRefreshSummary(report: RefreshReport, summary = new Summary()): Promise<void> {
  summary.verdict(refreshVerdict(report));
  if (report.result)
    summary.table(
      ['Name', 'Value'],
      [
        ['Template', report.result.template],
        ['Source', report.result.source],
        ['Replaced an older template', report.result.replaced ? 'yes' : 'no (first build)'],
      ],
    );
  await summary.write();
}
