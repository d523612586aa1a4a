// What the Azure emulator knows: the tenant and app registration, the preset
// subscription, resource group and Flexible Server, the databases ARM created,
// the managed identities with their federated credentials, and what the GitHub
// OIDC endpoint presents. Plain data; behaviour lives in the route files.

/** JSON object as ARM serialises it. */
export type Json = Record<string, unknown>;

/** A database as ARM reports it (the requested charset and collation). */
export interface DatabaseRecord {
  name: string;
  charset: string;
  collation: string;
}

/** A preset Flexible Server. */
export interface ServerRecord {
  name: string;
  location: string;
  sku: Json;
  tags: Record<string, string>;
  /** The `properties` object GET returns; tests may edit it. */
  properties: Json;
  /** Microsoft Entra administrators (principal names), in the order they were added; the first owns ARM-created databases on an Entra-only server. */
  entraAdmins: string[];
}

/** A federated identity credential on a user-assigned managed identity. */
export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description?: string;
}

/** Databases every Flexible Server has; ARM never creates or drops them. */
export const RESERVED_DATABASES: readonly string[] = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'];

/** Databases a LIST shows on a fresh server (template databases are hidden). */
export const SYSTEM_DATABASES: readonly DatabaseRecord[] = [
  { name: 'azure_maintenance', charset: 'UTF8', collation: 'en_US.utf8' },
  { name: 'postgres', charset: 'UTF8', collation: 'en_US.utf8' },
  { name: 'azure_sys', charset: 'UTF8', collation: 'en_US.utf8' },
];

/** The real per-identity limit of federated identity credentials. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The default properties of the preset server, shaped like api-version 2025-08-01. */
export function defaultServerProperties(name: string, adminLogin: string, subscriptionId: string, resourceGroup: string, tenantId: string): Json {
  return {
    administratorLogin: adminLogin,
    version: '16',
    minorVersion: '8',
    state: 'Ready',
    fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
    storage: { storageSizeGB: 128, autoGrow: 'Enabled', tier: 'P10', iops: 500, type: 'Premium_LRS' },
    authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled', tenantId },
    dataEncryption: { type: 'SystemManaged' },
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled', earliestRestoreDate: new Date(Date.now() - 86_400_000).toISOString() },
    network: {
      publicNetworkAccess: 'Disabled',
      delegatedSubnetResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-preview/subnets/snet-postgres`,
      privateDnsZoneArmResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/privateDnsZones/${name}.private.postgres.database.azure.com`,
    },
    highAvailability: { mode: 'ZoneRedundant', state: 'Healthy', standbyAvailabilityZone: '2' },
    maintenanceWindow: { customWindow: 'Disabled', startHour: 0, startMinute: 0, dayOfWeek: 0 },
    availabilityZone: '1',
    replicationRole: 'Primary',
    replicaCapacity: 5,
  };
}

/** Identity of the preset tenant, app, subscription and server. */
export interface AzureIds {
  tenantId: string;
  clientId: string;
  subscriptionId: string;
  resourceGroup: string;
  serverName: string;
  /** Managed identity names that exist in the resource group. */
  identities: string[];
}

/** The emulator's mutable world. */
export class AzureState {
  readonly ids: AzureIds;
  /** Resource groups that exist in the subscription. */
  readonly resourceGroups = new Set<string>();
  /** Flexible Servers by name (case-insensitive key: lower case). */
  readonly servers = new Map<string, ServerRecord>();
  /** Databases ARM created, by server (lower-case name) then database name. */
  readonly databases = new Map<string, Map<string, DatabaseRecord>>();
  /** Federated credentials by identity (lower-case name) then credential name (lower case). */
  readonly identities = new Map<string, Map<string, FederatedCredential>>();
  /** Subjects the app's federated credentials accept; undefined accepts any. */
  allowedSubjects: string[] | undefined;
  /** The `sub` claim the GitHub OIDC endpoint presents. */
  subject: string;
  /** Which `sub` form `setBranch` makes: `name` (`repo:owner/repo:...`) or `immutable` (`repo:owner@id/repo@id:...`). */
  subjectForm: 'name' | 'immutable' = 'name';
  /** Numeric ids GitHub gives the owner and the repository (the immutable `sub` form carries them). */
  readonly ownerId = '1000001';
  readonly repositoryId = '2000002';
  /** Identities (lower case) with a federated credential write in flight. */
  readonly writingIdentities = new Set<string>();
  /** Writes refused with ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity. */
  concurrentWriteRefusals = 0;
  /** The repository the GitHub OIDC token names (`owner/repo`). */
  repository: string;
  /** The branch the GitHub OIDC token names. */
  ref: string;
  /** Extra or overriding claims for the next GitHub OIDC tokens. */
  extraOidcClaims: Record<string, unknown> = {};

  constructor(ids: AzureIds, repository: string, allowedSubjects: string[] | undefined) {
    this.ids = ids;
    this.repository = repository;
    this.ref = 'refs/heads/main';
    this.subject = this.subjectFor(this.ref);
    this.allowedSubjects = allowedSubjects;
    this.resourceGroups.add(ids.resourceGroup.toLowerCase());
    for (const identity of ids.identities) this.identities.set(identity.toLowerCase(), new Map());
  }

  /** GitHub's `sub` for a push to `ref`, in the current form. */
  subjectFor(ref: string): string {
    if (this.subjectForm === 'name') return `repo:${this.repository}:ref:${ref}`;
    const [owner = '', repo = ''] = this.repository.split('/');
    return `repo:${owner}@${this.ownerId}/${repo}@${this.repositoryId}:ref:${ref}`;
  }

  /** The server, when it exists in the preset resource group. */
  server(resourceGroup: string, name: string): ServerRecord | undefined {
    if (resourceGroup.toLowerCase() !== this.ids.resourceGroup.toLowerCase()) return undefined;
    return this.servers.get(name.toLowerCase());
  }

  /** The databases ARM created on a server. */
  databasesOf(server: string): Map<string, DatabaseRecord> {
    const key = server.toLowerCase();
    let map = this.databases.get(key);
    if (!map) {
      map = new Map();
      this.databases.set(key, map);
    }
    return map;
  }
}
