// The connection inputs provision-db and cleanup-branch share (same names, same checks): the
// Azure target (server, subscription, resource group, identity, sign-in) and the PostgreSQL admin
// login. Read here once so both actions accept and refuse exactly the same values.
import { PUBLIC_ARM_ENDPOINT } from './arm.ts';
import { AZURE_NAME, GUID, SERVER_NAME } from './ids.ts';
import { PUBLIC_AUTHORITY_HOST, httpsUrl } from './login.ts';
import { UserError, quoteValue } from '../core/errors.ts';
import type { InputReader } from '../core/inputs.ts';
import { SSL_MODES, type SslMode } from '../postgres/client.ts';

/** `value` when it is absent or matches; else a UserError naming the input and the expected form. */
export function matching(name: string, value: string | undefined, pattern: RegExp, expected: string): string | undefined {
  if (value !== undefined && !pattern.test(value)) {
    throw new UserError(`Input \`${name}\` must be ${expected}, got ${quoteValue(value)}.`, { fix: `Give ${expected}.` });
  }
  return value;
}

/** Where the Azure resources are and how to sign in. */
export interface AzureTargetInputs {
  /** Flexible Server name; undefined means no ARM part (SQL only, `host` required). */
  server: string | undefined;
  /** Resource group of the server (and, by default, of the identity). */
  resourceGroup: string | undefined;
  /** Subscription of the server and identity (a GUID). */
  subscriptionId: string | undefined;
  /** User-assigned managed identity holding the branch's federated credential. */
  identityName: string | undefined;
  /** Its resource group; default `resource-group`. */
  identityResourceGroup: string | undefined;
  /** With `client-id`: GitHub OIDC straight to Entra; without: the azure/login credential. */
  tenantId: string | undefined;
  /** Application (client) ID to sign in as with GitHub OIDC. */
  clientId: string | undefined;
  /** ARM endpoint without a trailing slash (sovereign clouds, emulators). */
  armEndpoint: string;
  /** Entra authority host; undefined means the public cloud. */
  authorityHost: string | undefined;
}

/** Reads and checks `server`, `subscription-id`, `resource-group`, `identity-name`, ... (nothing contacted). */
export function readAzureTarget(reader: InputReader): AzureTargetInputs {
  const server = matching('server', reader.optional('server'), SERVER_NAME, 'a Flexible Server name (3-63 lower-case letters, digits and hyphens)');
  const subscriptionId = matching('subscription-id', reader.optional('subscription-id'), GUID, 'a subscription id (a GUID)');
  const resourceGroup = matching('resource-group', reader.optional('resource-group'), AZURE_NAME, 'a resource group name');
  const identityName = matching('identity-name', reader.optional('identity-name'), AZURE_NAME, 'a user-assigned managed identity name');
  if (server !== undefined || identityName !== undefined) {
    const what = server !== undefined ? '`server`' : '`identity-name`';
    if (subscriptionId === undefined) reader.required('subscription-id', `It is needed with ${what}: the subscription of the resources (a GUID).`);
    if (resourceGroup === undefined) reader.required('resource-group', `It is needed with ${what}: the resource group of the server.`);
  }
  const authorityHost = reader.optional('authority-host');
  return {
    server,
    resourceGroup,
    subscriptionId,
    identityName,
    identityResourceGroup: matching('identity-resource-group', reader.optional('identity-resource-group'), AZURE_NAME, 'a resource group name'),
    tenantId: reader.optional('tenant-id'),
    clientId: reader.optional('client-id'),
    armEndpoint: httpsUrl(reader.string('arm-endpoint', PUBLIC_ARM_ENDPOINT), 'arm-endpoint', PUBLIC_ARM_ENDPOINT),
    authorityHost: authorityHost === undefined ? undefined : httpsUrl(authorityHost, 'authority-host', PUBLIC_AUTHORITY_HOST),
  };
}

/** The PostgreSQL admin login. */
export interface PostgresAdminInputs {
  /** Host; undefined means the server's FQDN from ARM (`<server>.postgres.database.azure.com`). */
  host: string | undefined;
  /** PostgreSQL port (default 5432). */
  port: number;
  /** Admin login; undefined means the server's `administratorLogin` read from ARM. */
  adminUser: string | undefined;
  /** Admin password; undefined means a Microsoft Entra token. */
  adminPassword: string | undefined;
  /** TLS: `verify-full` (default), `require`, or `disable`. */
  sslmode: SslMode;
  /** Extra CA (PEM text) for `verify-full`. */
  sslRootCert: string | undefined;
}

/** Reads `host`, `port`, `admin-user`, `admin-password`, `sslmode`, `ssl-root-cert`. */
export function readPostgresAdmin(reader: InputReader): PostgresAdminInputs {
  return {
    host: reader.optional('host'),
    port: reader.integer('port', { fallback: 5432, min: 1, max: 65_535 }),
    adminUser: reader.optional('admin-user'),
    adminPassword: reader.optional('admin-password'),
    sslmode: reader.choice<SslMode>('sslmode', SSL_MODES, 'verify-full'),
    sslRootCert: reader.optional('ssl-root-cert'),
  };
}
