// provision-db's outputs, by the names in action.yml.
import type { OutputValue } from '../../shared/core/outputs.ts';
import type { ProvisionResult } from './provision-db.ts';
import type { RefreshResult } from './refresh-template.ts';
import type { RunReport } from './summary.ts';

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
    seeded: result.seed?.seeded ?? false,
    'seed-source': result.seed?.source ?? '',
    'federated-credential': result.federated?.name ?? '',
    'identity-client-id': result.federated?.identityClientId ?? '',
  };
}

/** The outputs of a refresh (mirrors action.yml). */
export function refreshOutputs(result: RefreshResult): Record<string, OutputValue> {
  return { database: result.template, seeded: true, 'seed-source': result.source };
}

/** The outputs of a run, from its report: a provisioning's or a refresh's; none before either finished. */
export function runOutputs(report: RunReport): Record<string, OutputValue> {
  if (report.refresh?.result) return refreshOutputs(report.refresh.result);
  return report.provision.result ? toOutputs(report.provision.result) : {};
}
