// The PostgreSQL admin session of provision-db and cleanup-branch: host, login and password from
// the inputs, with what ARM says about the server filling the gaps (its FQDN, its password
// administrator), and a Microsoft Entra token when no password is given.
import type { TokenCredential } from '@azure/identity';
import { UserError } from '../core/errors.ts';
import { entraPassword, type PgTarget } from '../postgres/client.ts';
import type { PostgresAdminInputs } from './inputs.ts';

/** What ARM said about the server, when it was read. */
export interface ServerAnswer {
  fqdn?: string | undefined;
  administratorLogin?: string | undefined;
}

/** The admin inputs, plus the server name (for its default host). */
export type AdminInputs = PostgresAdminInputs & { server: string | undefined };

/** The host: the `host` input, else the server's FQDN from ARM, else `<server>.postgres.database.azure.com`. */
export function adminHost(inputs: AdminInputs, facts: ServerAnswer | undefined): string {
  return inputs.host ?? facts?.fqdn ?? `${inputs.server ?? ''}.postgres.database.azure.com`;
}

/**
 * The admin login: `admin-user`, else (password sign-in only) the server's administrator login.
 * @throws UserError naming `admin-user` when neither is known.
 */
export function adminUser(inputs: AdminInputs, facts: ServerAnswer | undefined): string {
  const user = inputs.adminUser ?? (inputs.adminPassword !== undefined ? facts?.administratorLogin : undefined);
  if (user !== undefined) return user;
  throw new UserError('Input `admin-user` is required here.', {
    fix:
      inputs.adminPassword === undefined
        ? "With no `admin-password` the admin signs in with a Microsoft Entra token: give the name of an Entra administrator of the server (e.g. the app registration's display name)."
        : 'Give the server administrator login (without `server`, it cannot be read from ARM).',
  });
}

/**
 * The admin session's target, on database `postgres`. Without `admin-password`, the password is
 * an Entra token from `credential` (each token is masked with `mask`).
 */
export function adminTarget(
  inputs: AdminInputs,
  facts: ServerAnswer | undefined,
  credential: TokenCredential | undefined,
  mask: (token: string) => void,
): PgTarget {
  const user = adminUser(inputs, facts);
  const password = inputs.adminPassword ?? (credential ? entraPassword(credential, mask) : undefined);
  if (password === undefined) throw new Error('an Entra admin sign-in needs the Azure credential');
  return {
    host: adminHost(inputs, facts),
    port: inputs.port,
    user,
    password,
    database: 'postgres',
    sslmode: inputs.sslmode,
    ...(inputs.sslRootCert ? { ca: inputs.sslRootCert } : {}),
  };
}
