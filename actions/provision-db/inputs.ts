import { InputReader } from '../../shared/core/inputs.ts';
import { readTargetInputs, type TargetInputs } from '../../shared/branch/target.ts';
import { UserError } from '../../shared/core/errors.ts';
import { httpsUrl } from '../../shared/azure/login.ts';
import { matching as check, readAzureTarget, readPostgresAdmin, type AzureTargetInputs, type PostgresAdminInputs } from '../../shared/azure/inputs.ts';
import { readSeedInputs, type SeedInputs } from './seed-inputs.ts';

/** Everything provision-db reads from its inputs (names mirror action.yml). */
export interface Inputs extends AzureTargetInputs, PostgresAdminInputs, SeedInputs, TargetInputs {
  /** Explicit database name; undefined means the naming function's. */
  database: string | undefined;
  /** Encoding of a new database (`charset`, default UTF8). */
  charset: string;
  /** Collation of a new database (`collation`, default en_US.utf8). */
  collation: string;
  /**
   * How a new database is made with `server`: `arm` (a management-plane create), `sql`
   * (CREATE DATABASE as the admin), or `auto`: ARM when it would give the database to the
   * signed-in admin (the server's password admin), SQL otherwise (an Entra admin).
   */
  createMethod: 'auto' | 'arm' | 'sql';
  /** Databases never created or touched, besides the built-in protected names. */
  protectedDatabases: string[];
  /** Take over an existing database or role that carries no ownership mark. */
  adoptExisting: boolean;
  /** Refuse a server without high availability (`require-high-availability`). */
  requireHighAvailability: boolean;
  /** 0 means no check. */
  minBackupRetentionDays: number;
  /** Refuse a server with public network access (`require-private-access`). */
  requirePrivateAccess: boolean;
  /** Set a new role password even when the stored one works (`rotate-password`). */
  rotatePassword: boolean;
  /** Kubeconfig YAML text from the `kubeconfig` input. */
  kubeconfig: string | undefined;
  /** Path from the `KUBECONFIG` environment variable (e.g. set by azure/aks-set-context). */
  kubeconfigPath: string | undefined;
  /** Secret in the branch namespace holding the role's password (written by deploy-overlay). */
  passwordSecret: string;
  /** Key of the password in that Secret (`password-secret-key`). */
  passwordSecretKey: string;
  /** SQL files or directories of them, in order. */
  migrations: string[];
  /** Where relative migration and seed paths start (`working-directory`, default the workspace). */
  workingDirectory: string;
  /** Kubernetes service account the federated credential trusts (`service-account`). */
  serviceAccount: string | undefined;
  /** OIDC issuer URL of the AKS cluster (for the federated credential). */
  oidcIssuer: string | undefined;
  /** Explicit namespace; undefined means the naming function's. */
  namespace: string | undefined;
  /** The whole run's deadline (`timeout`), in ms. */
  timeoutMs: number;
  /** How often a long-running ARM operation is polled (`poll-interval`), in ms. */
  pollIntervalMs: number;
}

const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** Reads and checks every input; nothing is contacted. */
export function readInputs(reader = new InputReader(), env: NodeJS.ProcessEnv = process.env): Inputs {
  const azure = readAzureTarget(reader);
  const { server, identityName } = azure;
  const postgres = readPostgresAdmin(reader);
  if (server === undefined && postgres.host === undefined) {
    throw new UserError('Give `server` (an Azure Flexible Server, managed through ARM) or `host` (any PostgreSQL server, managed through SQL only).', {
      fix: 'For Azure set `server`, `resource-group` and `subscription-id`; for a local server set `host` (and `sslmode: disable` if it has no TLS).',
    });
  }
  const serviceAccount = check('service-account', reader.optional('service-account'), K8S_NAME, 'a Kubernetes service account name');
  const oidcIssuer = reader.optional('oidc-issuer');
  if (identityName !== undefined && (serviceAccount === undefined || oidcIssuer === undefined)) {
    reader.required(
      serviceAccount === undefined ? 'service-account' : 'oidc-issuer',
      "It is needed with `identity-name`: the federated credential trusts service account `service-account` of the branch namespace, as tokens from the AKS cluster's OIDC issuer (`az aks show --query oidcIssuerProfile.issuerUrl`).",
    );
  }
  const protectedDatabases = reader.list('protected-databases');
  return {
    ...readSeedInputs(reader, protectedDatabases),
    ...readTargetInputs(reader),
    ...azure,
    ...postgres,
    database: reader.optional('database'),
    charset: check('charset', reader.string('charset', 'UTF8'), /^[A-Za-z0-9_-]{1,32}$/, 'a PostgreSQL encoding such as UTF8') ?? 'UTF8',
    collation: check('collation', reader.string('collation', 'en_US.utf8'), /^[\w.@-]{1,128}$/, 'a collation such as en_US.utf8') ?? 'en_US.utf8',
    createMethod: reader.choice<'auto' | 'arm' | 'sql'>('create-method', ['auto', 'arm', 'sql'], 'auto'),
    protectedDatabases,
    adoptExisting: reader.boolean('adopt-existing', false),
    requireHighAvailability: reader.boolean('require-high-availability', false),
    minBackupRetentionDays: reader.integer('min-backup-retention-days', { fallback: 0, min: 0, max: 35 }),
    requirePrivateAccess: reader.boolean('require-private-access', false),
    rotatePassword: reader.boolean('rotate-password', false),
    kubeconfig: reader.optional('kubeconfig'),
    kubeconfigPath: env['KUBECONFIG'] || undefined,
    passwordSecret:
      check('password-secret', reader.string('password-secret', 'database-credentials'), K8S_NAME, 'a Kubernetes Secret name') ?? 'database-credentials',
    passwordSecretKey:
      check('password-secret-key', reader.string('password-secret-key', 'PGPASSWORD'), SECRET_KEY, 'a Secret key (letters, digits, `-`, `_`, `.`)') ??
      'PGPASSWORD',
    migrations: reader.list('migrations', { commas: false }),
    workingDirectory: reader.string('working-directory', env['GITHUB_WORKSPACE'] ?? process.cwd()),
    serviceAccount,
    oidcIssuer: issuer(oidcIssuer),
    namespace: check('namespace', reader.optional('namespace'), /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a Kubernetes namespace name'),
    timeoutMs: reader.duration('timeout', '10m'),
    pollIntervalMs: reader.duration('poll-interval', '1s', 60_000),
  };
}

/** The issuer exactly as given (its trailing slash is part of the `iss` claim), once checked. */
function issuer(value: string | undefined): string | undefined {
  if (value !== undefined) httpsUrl(value, 'oidc-issuer', 'https://westeurope.oic.prod-aks.azure.com/<tenant-id>/<guid>/');
  return value;
}
