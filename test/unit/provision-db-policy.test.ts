// Server facts from an ARM Server (shaped as the SDK returns it) and the policy check.
import type { Server } from '@azure/arm-postgresql-flexible';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { assertPolicy, assertUsable, evaluatePolicy, factRows, serverFacts } from '../../actions/provision-db/policy.ts';

const server: Server = {
  name: 'psql-preview',
  location: 'westeurope',
  sku: { name: 'Standard_D2ds_v5', tier: 'GeneralPurpose' },
  version: '16',
  minorVersion: '8',
  state: 'Ready',
  fullyQualifiedDomainName: 'psql-preview.postgres.database.azure.com',
  administratorLogin: 'pgadmin',
  authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled' },
  backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
  network: { publicNetworkAccess: 'Enabled' },
  highAvailability: { mode: 'Disabled' },
};

const off = { requireHighAvailability: false, minBackupRetentionDays: 0, requirePrivateAccess: false };
const all = { requireHighAvailability: true, minBackupRetentionDays: 14, requirePrivateAccess: true };

describe('server facts', () => {
  it('reads what the summary shows', () => {
    const facts = serverFacts(server);
    expect(facts).toMatchObject({
      name: 'psql-preview',
      version: '16.8',
      state: 'Ready',
      sku: 'Standard_D2ds_v5 / GeneralPurpose',
      highAvailability: 'Disabled',
      backupRetentionDays: 7,
      privateAccess: false,
      administratorLogin: 'pgadmin',
    });
    expect(Object.fromEntries(factRows(facts))).toMatchObject({
      'Backup retention': '7 days',
      'Public network access': 'Enabled',
      'Host name': 'psql-preview.postgres.database.azure.com',
    });
    expect(serverFacts({ ...server, highAvailability: { mode: 'ZoneRedundant' } }).highAvailability).toBe('ZoneRedundant');
  });

  it('copes with a server that reports little', () => {
    const facts = serverFacts({ location: 'x' });
    expect(facts).toMatchObject({
      version: 'unknown',
      state: 'unknown',
      highAvailability: 'Disabled',
      passwordAuth: 'Enabled',
      backupRetentionDays: undefined,
    });
    expect(Object.fromEntries(factRows(facts))['Backup retention']).toBe('unknown');
  });
});

describe('policy check', () => {
  it('checks nothing unless asked', () => {
    expect(evaluatePolicy(serverFacts(server), off)).toEqual([]);
  });

  it('lists every requirement the server misses, in one error', () => {
    const rows = evaluatePolicy(serverFacts(server), all);
    expect(rows.map((row) => row.ok)).toEqual([false, false, false]);
    let error: unknown;
    try {
      assertPolicy('psql-preview', rows);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const text = (error as UserError).describe();
    expect(text).toContain('does not meet 3 requirements');
    expect(text).toContain('High availability (`require-high-availability`): required SameZone or ZoneRedundant, actual Disabled');
    expect(text).toContain('required at least 14 days, actual 7 days');
    expect(text).toContain('required public network access Disabled, actual public network access Enabled');
  });

  it('passes a server that meets them', () => {
    const good = serverFacts({
      ...server,
      highAvailability: { mode: 'SameZone', state: 'Healthy' },
      backup: { backupRetentionDays: 35 },
      network: { publicNetworkAccess: 'Disabled' },
    });
    const rows = evaluatePolicy(good, all);
    expect(rows.every((row) => row.ok)).toBe(true);
    expect(() => assertPolicy('psql-preview', rows)).not.toThrow();
  });
});

describe('usable server', () => {
  it('refuses a stopped server and one without password sign-in', () => {
    expect(() => assertUsable(serverFacts({ ...server, state: 'Stopped' }), true)).toThrow(/is Stopped.*/);
    expect(() => assertUsable(serverFacts({ ...server, authConfig: { passwordAuth: 'Disabled' } }), false)).toThrow(/password sign-in disabled/);
    expect(() => assertUsable(serverFacts(server), true)).not.toThrow();
  });
});
