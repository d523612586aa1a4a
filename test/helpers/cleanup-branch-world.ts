// A world for cleanup-branch's tests and benchmark: the Kubernetes, Azure (ARM, Entra, managed
// identity) and GitHub emulators with a real PostgreSQL behind ARM, ways to seed environments
// exactly as provision-db and deploy-overlay mark them (labels, COMMENT marks, credential names,
// deployments), ways to look at what is left, and an in-process run of the action's logic.
import { getOctokit } from '@actions/github';
import { deploymentPayload } from '../../shared/branch/ownership/deployment-marks.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import type { EventContext } from '../../shared/branch/event-context.ts';
import { ownershipAnnotations } from '../../shared/branch/ownership/kube-marks.ts';
import { branchNames, ownershipLabels, type BranchNames } from '../../shared/branch/naming.ts';
import { federatedCredentialName, formatOwnershipMark, newOwnershipMark, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import { closeQuietly, connectOnce, quoteIdent, quoteLiteral, type PgClient } from '../../shared/postgres/client.ts';
import type { Clock } from '../../shared/core/clock.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary } from '../../shared/core/summary.ts';
import { systemClock } from '../../shared/core/clock.ts';
import { cleanupBranch, newReport, type CleanupReport } from '../../actions/cleanup-branch/cleanup-branch.ts';
import { readInputs } from '../../actions/cleanup-branch/inputs.ts';
import { toOutputs } from '../../actions/cleanup-branch/outputs.ts';
import { writeCleanupSummary } from '../../actions/cleanup-branch/summary.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from '../emulators/kubernetes/index.ts';
import { serviceTarget, startPostgres, type PostgresInfo } from '../emulators/postgres.ts';

export const IDENTITY = 'id-preview-workload';
export const OIDC_ISSUER = 'https://oidc.prod-aks.example.com/tenant/cluster/';
export const DAY_MS = 24 * 3_600_000;
/** The repository the world's GitHub serves and its marks name. */
export const WORLD_REPOSITORY = 'octo-org/preview-app';

/**
 * The emulators, an admin session (`sql`: the server's admin, not a superuser, as provision-db
 * signs in), a superuser session for setup only (`su`), and what the world made (dropped at close).
 */
export interface World {
  kube: KubeEmulator;
  az: AzureEmulator;
  gh: GitHubEmulator;
  pg: PostgresInfo;
  sql: PgClient;
  su: PgClient;
  octokit: ReturnType<typeof getOctokit>;
  /** Added to the GitHub emulator's clock (negative: deployments look older). */
  githubClockOffset: { ms: number };
  /** A short id that keeps names of concurrent test files apart on a shared server. */
  id: string;
  made: { databases: Set<string>; roles: Set<string> };
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The shared PostgreSQL of the vitest run; without it a server of the world's own is started. */
  postgres?: PostgresInfo;
  kube?: KubeEmulatorOptions;
  azureOperationMs?: number;
  githubLatencyMs?: number;
}

/** Starts everything. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const own = options.postgres === undefined ? await startPostgres() : undefined;
  const pg: PostgresInfo = options.postgres ?? own!;
  const githubClockOffset = { ms: 0 };
  const kube = await startKubeEmulator({ readyDelayMs: 20, namespaceDeleteDelayMs: 20, ...options.kube });
  const az = await startAzureEmulator({ operationMs: options.azureOperationMs ?? 20, identities: [IDENTITY], postgres: serviceTarget(pg) });
  const gh = await startGitHubEmulator({
    owner: 'octo-org',
    repo: 'preview-app',
    clock: () => new Date(Date.now() + githubClockOffset.ms),
    ...(options.githubLatencyMs ? { latencyMs: options.githubLatencyMs } : {}),
  });
  const sql = await connectOnce({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres', sslmode: 'disable' });
  const service = serviceTarget(pg);
  const su = await connectOnce({ host: pg.host, port: pg.port, user: service.user, password: service.password, database: 'postgres', sslmode: 'disable' });
  const made = { databases: new Set<string>(), roles: new Set<string>() };
  return {
    kube,
    az,
    gh,
    pg,
    sql,
    su,
    githubClockOffset,
    made,
    octokit: getOctokit(gh.token, { baseUrl: gh.url }),
    id: Math.random().toString(36).slice(2, 7),
    async close() {
      for (const db of made.databases) await su.query(`DROP DATABASE IF EXISTS ${quoteIdent(db)} WITH (FORCE)`).catch(() => undefined);
      for (const role of made.roles) await su.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).catch(() => undefined);
      await closeQuietly(sql);
      await closeQuietly(su);
      await Promise.allSettled([kube.close(), az.close(), gh.close()]);
      await own?.stop();
    },
  };
}

/** Every connection input of the action, pointed at the world (GitHub OIDC to the Azure emulator). */
export function connectionInputs(w: World, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    server: w.az.serverName,
    'resource-group': w.az.resourceGroup,
    'subscription-id': w.az.subscriptionId,
    'tenant-id': w.az.tenantId,
    'client-id': w.az.clientId,
    'arm-endpoint': w.az.armEndpoint,
    'authority-host': w.az.authorityHost,
    host: w.pg.host,
    port: String(w.pg.port),
    'admin-user': w.pg.user,
    'admin-password': w.pg.password,
    sslmode: 'disable',
    kubeconfig: w.kube.kubeconfig(),
    'identity-name': IDENTITY,
    token: w.gh.token,
    repository: 'octo-org/preview-app',
    'poll-interval': '50ms',
    timeout: '30s',
    ...overrides,
  };
}

/** What an in-process run left. */
export interface InProcessRun {
  report: CleanupReport;
  logger: RecordingLogger;
  error: unknown;
  summary: string;
  outputs: ReturnType<typeof toOutputs> | undefined;
  masked: string[];
}

/** Runs the action's logic in this process against the world, as main.ts does. */
export async function cleanupInProcess(
  w: World,
  record: Record<string, string | undefined>,
  options: { context?: Partial<EventContext>; clock?: Clock } = {},
): Promise<InProcessRun> {
  const masked: string[] = [];
  const logger = new RecordingLogger();
  const report = newReport();
  const sink = new MemorySink();
  const context: EventContext = {
    eventName: 'workflow_dispatch',
    repository: { owner: 'octo-org', repo: 'preview-app' },
    serverUrl: 'https://github.com',
    apiUrl: w.gh.url,
    deleted: false,
    ...options.context,
  };
  let error: unknown;
  let outputs: InProcessRun['outputs'];
  try {
    const inputs = readInputs(new InputReader(inputsFromRecord(record)));
    await cleanupBranch(
      inputs,
      context,
      {
        logger,
        clock: options.clock ?? systemClock,
        env: {},
        azureClientOptions: w.az.clientOptions,
        getIdToken: (audience) => Promise.resolve(w.az.mintOidcToken(audience)),
        setSecret: (s) => void masked.push(s),
        githubBaseUrl: w.gh.url,
      },
      report,
    );
    outputs = toOutputs(report);
  } catch (caught: unknown) {
    error = caught;
  }
  await writeCleanupSummary(report, new Summary(sink));
  return { report, logger, error, summary: sink.html, outputs, masked };
}

/** Which parts of an environment to seed. */
export interface SeedParts {
  namespace?: boolean;
  database?: boolean;
  role?: boolean;
  credential?: boolean;
  /** A GitHub deployment of the branch ref into this environment (the branch is created on GitHub). */
  deployment?: string;
  /** Give the role a table in the database (default true; the benchmark skips it for speed). */
  table?: boolean;
  /** When the marks say the environment was made (and the namespace's creation time). */
  createdAt?: Date;
}

/** Seeds a branch environment marked exactly as provision-db and deploy-overlay mark theirs. */
export async function seedBranch(
  w: World,
  branch: string,
  parts: SeedParts = { namespace: true, database: true, role: true, credential: true },
): Promise<BranchNames> {
  const names = branchNames(branch);
  const at = parts.createdAt ?? new Date();
  if (parts.namespace)
    seedNamespace(w, names.namespace, ownershipLabels(names, 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855'), at, {
      annotations: ownershipAnnotations({ branch: names.branch, repository: WORLD_REPOSITORY }),
    });
  if (parts.role)
    await seedRole(w, names.role, formatOwnershipMark(newOwnershipMark(names.branch, { repository: WORLD_REPOSITORY, database: names.database }, at)));
  if (parts.database) {
    await seedDatabase(w, names.database, formatOwnershipMark(newOwnershipMark(names.branch, { repository: WORLD_REPOSITORY, role: names.role }, at)));
    if (parts.role && parts.table !== false) await giveRoleATable(w, names.database, names.role);
  }
  if (parts.credential) seedCredential(w, federatedCredentialName(names, WORLD_REPOSITORY), serviceAccountSubject(names.namespace, 'workload'));
  if (parts.deployment !== undefined) await seedDeployment(w, names.branch, parts.deployment);
  return names;
}

/** A namespace (with a ConfigMap and a Secret in it) with these labels, created at `at`. */
export function seedNamespace(
  w: World,
  name: string,
  labels: Record<string, string> = {},
  at = new Date(),
  extra: { finalizers?: string[]; annotations?: Record<string, string> } = {},
): void {
  const ns = w.kube.store.seed({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...labels, 'kubernetes.io/metadata.name': name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { finalizers: ['kubernetes', ...(extra.finalizers ?? [])] },
    status: { phase: 'Active' },
  });
  w.kube.store.update('namespaces', { ...ns, metadata: { ...ns.metadata, creationTimestamp: at.toISOString().replace(/\.\d+Z$/, 'Z') } });
  w.kube.store.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: name, labels }, data: { A: '1' } });
  w.kube.store.seed({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'database-credentials', namespace: name, labels },
    type: 'Opaque',
    data: { PGPASSWORD: Buffer.from('pw').toString('base64') },
  });
}

/** A database the admin creates (so it owns it, as provision-db's are), with an optional comment (the ownership mark, or any text). */
export async function seedDatabase(w: World, name: string, comment?: string): Promise<void> {
  w.made.databases.add(name);
  await w.sql.query(`CREATE DATABASE ${quoteIdent(name)}`);
  if (comment !== undefined) await w.sql.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(comment)}`);
}

/** A login role with an optional comment. */
export async function seedRole(w: World, name: string, comment?: string): Promise<void> {
  w.made.roles.add(name);
  await w.sql.query(`CREATE ROLE ${quoteIdent(name)} LOGIN PASSWORD 'Pw-${w.id}-secret'`);
  if (comment !== undefined) await w.sql.query(`COMMENT ON ROLE ${quoteIdent(name)} IS ${quoteLiteral(comment)}`);
}

/**
 * Lets the role into the database and makes it own a table there, as a branch app would (the
 * grants as the admin; the table as the role itself, through the superuser's SET ROLE: setup only).
 */
export async function giveRoleATable(w: World, database: string, role: string): Promise<void> {
  await w.sql.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
  await w.sql.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
  const service = serviceTarget(w.pg);
  const asAdmin = await connectOnce({ host: w.pg.host, port: w.pg.port, user: w.pg.user, password: w.pg.password, database, sslmode: 'disable' });
  try {
    await asAdmin.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${quoteIdent(role)}`);
  } finally {
    await closeQuietly(asAdmin);
  }
  const inside = await connectOnce({ host: w.pg.host, port: w.pg.port, user: service.user, password: service.password, database, sslmode: 'disable' });
  try {
    await inside.query(`SET ROLE ${quoteIdent(role)}`);
    await inside.query('CREATE TABLE items (id serial PRIMARY KEY, name text)');
  } finally {
    await closeQuietly(inside);
  }
}

/** A federated credential on the world's identity. */
export function seedCredential(w: World, name: string, subject: string): void {
  w.az.state.identities.get(IDENTITY.toLowerCase())?.set(name.toLowerCase(), { name, issuer: OIDC_ISSUER, subject, audiences: ['api://AzureADTokenExchange'] });
}

/**
 * A successful, transient deployment of `ref` into `environment`, as deploy-overlay makes it
 * (the branch is created first; its payload carries the suite's mark for `ref`, unless another
 * `payload` is given, as another workflow's deployment would have).
 */
export async function seedDeployment(
  w: World,
  ref: string,
  environment: string,
  state: 'success' | 'in_progress' = 'success',
  payload: Record<string, unknown> | string = deploymentPayload(ref, 'octo-org/preview-app'),
): Promise<number> {
  if (w.gh.branchSha(ref) === undefined) w.gh.createBranch(ref);
  const repo = { owner: 'octo-org', repo: 'preview-app' };
  const created = await w.octokit.rest.repos.createDeployment({
    ...repo,
    ref,
    environment,
    payload,
    auto_merge: false,
    required_contexts: [],
    transient_environment: true,
    production_environment: false,
  });
  if (!('id' in created.data)) throw new Error(`no deployment made for ${ref}`);
  await w.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: created.data.id, state });
  return created.data.id;
}

/** What is left of a name in each system. */
export function present(w: World): {
  namespace(name: string): boolean;
  database(name: string): Promise<boolean>;
  role(name: string): Promise<boolean>;
  credential(name: string): boolean;
} {
  return {
    namespace: (name) => w.kube.store.get('namespaces', undefined, name) !== undefined,
    database: async (name) => ((await w.sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0,
    role: async (name) => ((await w.sql.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount ?? 0) > 0,
    credential: (name) => w.az.state.identities.get(IDENTITY.toLowerCase())?.has(name.toLowerCase()) ?? false,
  };
}

/** Whether each part of a branch's environment still exists. */
export async function leftOf(w: World, names: BranchNames): Promise<{ namespace: boolean; database: boolean; role: boolean; credential: boolean }> {
  const p = present(w);
  return {
    namespace: p.namespace(names.namespace),
    database: await p.database(names.database),
    role: await p.role(names.role),
    credential: p.credential(federatedCredentialName(names, WORLD_REPOSITORY)),
  };
}
