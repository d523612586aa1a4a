// The server as ARM describes it (the facts the job summary shows) and the optional policy
// check (high availability, backup retention, private access). Pure: no I/O.
import type { Server } from '@azure/arm-postgresql-flexible';
import { UserError } from '../../shared/core/errors.ts';

/** What the summary shows about the server. */
export interface ServerFacts {
  name: string;
  location: string;
  version: string;
  state: string;
  sku: string;
  /** `Disabled`, `SameZone` or `ZoneRedundant` (with the standby state when known). */
  highAvailability: string;
  backupRetentionDays: number | undefined;
  geoRedundantBackup: string;
  publicNetworkAccess: string;
  /** True when public network access is disabled (VNet integration or private endpoints). */
  privateAccess: boolean;
  fqdn: string | undefined;
  administratorLogin: string | undefined;
  passwordAuth: string;
  entraAuth: string;
}

/** The server's facts from an ARM `Server`. */
export function serverFacts(server: Server): ServerFacts {
  const ha = server.highAvailability;
  const mode = ha?.mode ?? 'Disabled';
  return {
    name: server.name ?? '',
    location: server.location,
    version: [server.version, server.minorVersion].filter(Boolean).join('.') || 'unknown',
    state: server.state ?? 'unknown',
    sku: [server.sku?.name, server.sku?.tier].filter(Boolean).join(' / ') || 'unknown',
    highAvailability: mode !== 'Disabled' && ha?.state ? `${mode} (${ha.state})` : mode,
    backupRetentionDays: server.backup?.backupRetentionDays,
    geoRedundantBackup: server.backup?.geoRedundantBackup ?? 'unknown',
    publicNetworkAccess: server.network?.publicNetworkAccess ?? 'unknown',
    privateAccess: server.network?.publicNetworkAccess === 'Disabled',
    fqdn: server.fullyQualifiedDomainName,
    administratorLogin: server.administratorLogin,
    passwordAuth: server.authConfig?.passwordAuth ?? 'Enabled',
    entraAuth: server.authConfig?.activeDirectoryAuth ?? 'Disabled',
  };
}

/** The facts as summary rows. */
export function factRows(facts: ServerFacts): [string, string][] {
  return [
    ['Server', facts.name],
    ['Location', facts.location],
    ['PostgreSQL version', facts.version],
    ['State', facts.state],
    ['SKU', facts.sku],
    ['High availability', facts.highAvailability],
    ['Backup retention', facts.backupRetentionDays === undefined ? 'unknown' : `${facts.backupRetentionDays} days`],
    ['Geo-redundant backup', facts.geoRedundantBackup],
    ['Public network access', facts.publicNetworkAccess],
    ['Host name', facts.fqdn ?? 'unknown'],
    ['Password sign-in', facts.passwordAuth],
    ['Entra sign-in', facts.entraAuth],
  ];
}

/** The optional requirements (inputs). */
export interface Requirements {
  requireHighAvailability: boolean;
  /** 0: no check. */
  minBackupRetentionDays: number;
  requirePrivateAccess: boolean;
}

/** One checked requirement. */
export interface PolicyRow {
  setting: string;
  required: string;
  actual: string;
  ok: boolean;
}

/** Checks each requirement that is switched on. */
export function evaluatePolicy(facts: ServerFacts, required: Requirements): PolicyRow[] {
  const rows: PolicyRow[] = [];
  if (required.requireHighAvailability) {
    rows.push({
      setting: 'High availability (`require-high-availability`)',
      required: 'SameZone or ZoneRedundant',
      actual: facts.highAvailability,
      ok: !facts.highAvailability.startsWith('Disabled'),
    });
  }
  if (required.minBackupRetentionDays > 0) {
    const days = facts.backupRetentionDays;
    rows.push({
      setting: 'Backup retention (`min-backup-retention-days`)',
      required: `at least ${required.minBackupRetentionDays} days`,
      actual: days === undefined ? 'unknown' : `${days} days`,
      ok: days !== undefined && days >= required.minBackupRetentionDays,
    });
  }
  if (required.requirePrivateAccess) {
    rows.push({
      setting: 'Private access (`require-private-access`)',
      required: 'public network access Disabled',
      actual: `public network access ${facts.publicNetworkAccess}`,
      ok: facts.privateAccess,
    });
  }
  return rows;
}

/** Fails with a plain-text table of the requirements the server does not meet; nothing when all pass. */
export function assertPolicy(server: string, rows: PolicyRow[]): void {
  const failed = rows.filter((row) => !row.ok);
  if (failed.length === 0) return;
  const table = failed.map((row) => `  ${row.setting}: required ${row.required}, actual ${row.actual}`).join('\n');
  throw new UserError(
    `Server ${JSON.stringify(server)} does not meet ${failed.length === 1 ? 'a requirement' : `${failed.length} requirements`}:\n${table}\n`,
    {
      fix: 'Change the server (az postgres flexible-server update), or relax the requirement inputs for preview environments.',
    },
  );
}

/** Refuses servers that cannot serve a branch: stopped, or without password sign-in (the branch role uses a password). */
export function assertUsable(facts: ServerFacts, adminByPassword: boolean): void {
  if (/^(Stopped|Stopping|Disabled|Dropping)$/i.test(facts.state)) {
    throw new UserError(`Server ${JSON.stringify(facts.name)} is ${facts.state}.`, {
      fix: `Start it (az postgres flexible-server start --name ${facts.name}) and re-run.`,
    });
  }
  if (facts.passwordAuth === 'Disabled') {
    throw new UserError(
      `Server ${JSON.stringify(facts.name)} has password sign-in disabled, but the branch role signs in with a password${adminByPassword ? ' (and so does `admin-password`)' : ''}.`,
      {
        fix: 'Enable password authentication on the server (authConfig.passwordAuth: Enabled) alongside Entra authentication.',
      },
    );
  }
}
