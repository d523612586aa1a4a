// Shared by the provision-db tests: the inputs that point the action at the emulators and the
// shared PostgreSQL server, catching the UserError a call must fail with, and dropping what a
// test file made on the shared server.
import { expect } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { quoteIdent, type PgClient } from '../../shared/postgres/client.ts';
import type { AzureEmulator } from '../emulators/azure/index.ts';
import type { PostgresInfo } from '../emulators/postgres.ts';

/** The inputs of a run against the Azure emulator (OIDC sign-in) and a real server without TLS. */
export function emulatorInputs(az: AzureEmulator, pg: Pick<PostgresInfo, 'host' | 'port' | 'password'>): Record<string, string> {
  return {
    server: az.serverName,
    'resource-group': az.resourceGroup,
    'subscription-id': az.subscriptionId,
    'tenant-id': az.tenantId,
    'client-id': az.clientId,
    'arm-endpoint': az.armEndpoint,
    'authority-host': az.authorityHost,
    host: pg.host,
    port: String(pg.port),
    'admin-password': pg.password,
    sslmode: 'disable',
  };
}

/** The inputs of a SQL-only run (no `server`) as the server's admin, without TLS, collation C, files from `workingDirectory`. */
export function sqlOnlyInputs(pg: Pick<PostgresInfo, 'host' | 'port' | 'user' | 'password'>, workingDirectory: string): Record<string, string> {
  return {
    host: pg.host,
    port: String(pg.port),
    'admin-user': pg.user,
    'admin-password': pg.password,
    sslmode: 'disable',
    collation: 'C',
    'working-directory': workingDirectory,
  };
}

/** The UserError `work` fails with; fails the test when it succeeds or throws anything else. */
export async function userErrorOf(work: Promise<unknown>): Promise<UserError> {
  try {
    await work;
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError, but it succeeded');
}

/** Databases and roles a test file made on the shared server. */
export interface Made {
  databases: Set<string>;
  roles: Set<string>;
}

/** Drops what a test file made (databases first, then roles). */
export async function dropMade(sql: PgClient | undefined, made: Made): Promise<void> {
  if (!sql) return;
  for (const db of made.databases) await sql.query(`DROP DATABASE IF EXISTS ${quoteIdent(db)} WITH (FORCE)`);
  for (const role of made.roles) await sql.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
}
