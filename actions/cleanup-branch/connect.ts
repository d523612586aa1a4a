// The clients of the parts the inputs configure, each checked once before anything is removed:
// the cluster (kubeconfig input or KUBECONFIG), the database server (admin sessions; ARM for the
// drop and for the admin login and host when not given), the managed identity, and GitHub.
// A part whose inputs are absent is not cleaned, and the log says so.
import { armOperation } from '../../shared/azure/arm-call.ts';
import { ArmRestClient } from '../../shared/azure/arm.ts';
import { explainArmError } from '../../shared/azure/errors.ts';
import { databaseResource, openFlexibleServer, readServer, serverContext, type FlexibleServer } from '../../shared/azure/flexible-server.ts';
import { signInToAzure, type AzureClientOptions, type AzureLogin } from '../../shared/azure/login.ts';
import { ManagedIdentity } from '../../shared/azure/managed-identity.ts';
import { adminTarget } from '../../shared/azure/postgres-admin.ts';
import type { Clock } from '../../shared/core/clock.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { maskSecret, type SetSecret } from '../../shared/core/secrets.ts';
import { githubClient, parseRepository } from '../../shared/github/client.ts';
import { createKubeClient } from '../../shared/kube/client.ts';
import { describeConnection, loadKubeconfig } from '../../shared/kube/config.ts';
import { connectPostgres } from '../../shared/postgres/client.ts';
import { dropWithSql, type PgAccess } from './databases.ts';
import type { StepContext } from './environment.ts';
import { IDENTITY_PERMISSION, checkIdentity } from './federated.ts';
import type { Inputs } from './inputs.ts';
import { PgPool } from './pg-pool.ts';
import type { Connections } from './teardown.ts';
import { Limiter } from '../../shared/core/limit.ts';

/** Hooks for tests; production uses the defaults. */
export interface ConnectDeps {
  logger: Logger;
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  azureClientOptions?: AzureClientOptions;
  getIdToken?: (audience: string) => Promise<string>;
  setSecret?: SetSecret;
  /** GitHub API base URL (default GITHUB_API_URL). */
  githubBaseUrl?: string;
  /** `owner/repo` from the event context, used when the `repository` input is empty. */
  repository?: { owner: string; repo: string } | undefined;
}

/** The clients, and how to close them. */
export interface Connected {
  clients: Connections;
  /** What is not cleaned and why, for the log and summary. */
  notCleaned: string[];
  close(): Promise<void>;
}

/** Opens every configured part; `setup` is a context whose deadline bounds the checks. */
export async function connect(inputs: Inputs, deps: ConnectDeps, setup: StepContext): Promise<Connected> {
  if (inputs.adminPassword !== undefined) maskSecret(inputs.adminPassword, deps.setSecret);
  const clients: Connections = {};
  const notCleaned: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(closers.map((c) => c()));
  };
  const skip = (part: string): undefined => void notCleaned.push(part);
  try {
    clients.kube = (await connectKube(inputs, deps)) ?? skip('namespaces (no `kubeconfig` input and no KUBECONFIG)');
    const login = await signIn(inputs, deps, setup);
    if (inputs.server !== undefined || inputs.host !== undefined) {
      const pg = await connectDatabase(inputs, deps, setup, login);
      clients.pg = pg.access;
      closers.push(pg.close);
    } else skip('databases and roles (no `server` or `host`)');
    clients.identity = (await connectIdentity(inputs, deps, setup, login)) ?? skip('federated credentials (no `identity-name`)');
    clients.github = (await connectGitHub(inputs, deps)) ?? skip('GitHub deployments and environments (no `token`)');
  } catch (error: unknown) {
    await close();
    throw error;
  }
  for (const part of notCleaned) deps.logger.info(`Not cleaned: ${part}.`);
  return { clients, notCleaned, close };
}

/** The cluster client, from the `kubeconfig` input or KUBECONFIG; undefined when neither is given. */
async function connectKube(inputs: Inputs, deps: ConnectDeps): Promise<Connections['kube']> {
  const env = deps.env ?? process.env;
  if (inputs.kubeconfig === undefined && !env['KUBECONFIG']) return undefined;
  const setSecret = deps.setSecret ? { setSecret: deps.setSecret } : {};
  const loaded = await loadKubeconfig({ ...(inputs.kubeconfig ? { input: inputs.kubeconfig } : {}), env, ...setSecret });
  deps.logger.info(describeConnection(loaded.connection));
  return createKubeClient(loaded.connection, {
    ...setSecret,
    retryDeadlineMs: Math.min(30_000, inputs.timeoutMs),
    onRetry: (what, reason, delayMs) => deps.logger.info(`Retrying ${what} in ${delayMs} ms: ${reason}`),
  });
}

/** Signs in to Azure when a part needs it: an ARM drop, an Entra admin login, or the identity. */
async function signIn(inputs: Inputs, deps: ConnectDeps, setup: StepContext): Promise<AzureLogin | undefined> {
  const databasePart = inputs.server !== undefined || inputs.host !== undefined;
  const needsAzure = (databasePart && (inputs.dropMethod === 'arm' || inputs.adminPassword === undefined)) || inputs.identityName !== undefined;
  if (!needsAzure) return undefined;
  const { tenantId, clientId, authorityHost, armEndpoint } = inputs;
  const options = { getIdToken: deps.getIdToken, clientOptions: deps.azureClientOptions, setSecret: deps.setSecret };
  return signInToAzure({ tenantId, clientId, authorityHost, armEndpoint, ...options }, setup.deadline, deps.logger);
}

/** The managed identity (read once to prove `identity-name`); undefined without `identity-name`. */
async function connectIdentity(inputs: Inputs, deps: ConnectDeps, setup: StepContext, login: AzureLogin | undefined): Promise<ManagedIdentity | undefined> {
  if (inputs.identityName === undefined || !login) return undefined;
  const arm = await ArmRestClient.create(login.credential, { endpoint: inputs.armEndpoint, clientOptions: deps.azureClientOptions });
  const resourceGroup = inputs.identityResourceGroup ?? inputs.resourceGroup ?? '';
  const identity = new ManagedIdentity(arm, { subscriptionId: inputs.subscriptionId ?? '', resourceGroup, identity: inputs.identityName }, IDENTITY_PERMISSION);
  await checkIdentity(identity, setup);
  return identity;
}

/** The GitHub client for deployments and environments; undefined without `token`. */
async function connectGitHub(inputs: Inputs, deps: ConnectDeps): Promise<Connections['github']> {
  if (inputs.token === undefined) return undefined;
  const repository = inputs.repository !== undefined ? parseRepository(inputs.repository) : deps.repository;
  if (repository === undefined) {
    throw new UserError('No repository to clean GitHub deployments in: GITHUB_REPOSITORY is not set.', { fix: 'Pass `repository: owner/repo`.' });
  }
  const octokit = await githubClient(inputs.token, { userAgent: 'cleanup-branch', ...(deps.githubBaseUrl ? { baseUrl: deps.githubBaseUrl } : {}) });
  return { octokit, ...repository, environmentTemplate: inputs.environment };
}

const DELETE_PERMISSION = 'Microsoft.DBforPostgreSQL/flexibleServers/databases/delete';

/** The admin pool (checked by opening one session) and the drop method. */
async function connectDatabase(
  inputs: Inputs,
  deps: ConnectDeps,
  setup: StepContext,
  login: AzureLogin | undefined,
): Promise<{ access: PgAccess; close: () => Promise<void> }> {
  const { logger } = deps;
  const arm =
    login && inputs.server !== undefined && inputs.subscriptionId !== undefined && inputs.resourceGroup !== undefined
      ? await openFlexibleServer(
          login.credential,
          { subscriptionId: inputs.subscriptionId, resourceGroup: inputs.resourceGroup, server: inputs.server, armEndpoint: inputs.armEndpoint },
          deps.azureClientOptions,
        )
      : undefined;
  const readsServer = arm && (inputs.host === undefined || (inputs.adminUser === undefined && inputs.adminPassword !== undefined));
  const facts = readsServer ? await readServer(arm, setup.deadline, DELETE_PERMISSION) : undefined;
  const target = adminTarget(
    inputs,
    facts && { fqdn: facts.fullyQualifiedDomainName, administratorLogin: facts.administratorLogin },
    login?.credential,
    (token) => maskSecret(token, deps.setSecret),
  );
  const open = () => connectPostgres(target, { retryForMs: Math.min(30_000, inputs.timeoutMs), clock: deps.clock, logger, login: 'admin' });
  const pool = new PgPool(open, inputs.concurrency);
  await pool.withClient(() => Promise.resolve()); // fails now, explained, when the server cannot be reached
  logger.info(
    `PostgreSQL ${target.host}:${target.port} as ${target.user}; databases are dropped ${inputs.dropMethod === 'arm' ? `through ARM (server ${inputs.server ?? ''})` : 'with DROP DATABASE ... WITH (FORCE)'}.`,
  );
  const drop: PgAccess['drop'] =
    inputs.dropMethod === 'arm' && arm ? armDrop(arm, inputs.pollIntervalMs) : (name) => pool.withClient((client) => dropWithSql(client, name));
  return {
    access: {
      withClient: (fn) => pool.withClient(fn),
      adminUser: target.user,
      protectedDatabases: inputs.protectedDatabases,
      drop,
      dropText: inputs.dropMethod === 'arm' ? 'The ARM delete' : 'DROP DATABASE',
      dropsAnyOwner: inputs.dropMethod === 'arm' && arm !== undefined,
    },
    close: () => pool.close(),
  };
}

/**
 * Drops through ARM. A Flexible Server runs one database operation at a time and refuses the
 * others (ServerBusy): this run's drops queue behind each other instead of knocking; a refusal
 * caused by someone else is waited out (Retry-After or backoff) under the environment's deadline.
 */
function armDrop(arm: FlexibleServer, pollIntervalMs: number): PgAccess['drop'] {
  const oneAtATime = new Limiter(1);
  return async (name, ctx) => {
    const what = `Deleting database ${name} through ARM`;
    try {
      await oneAtATime.run(() =>
        armOperation(ctx.deadline, what, {
          begin: (options) => arm.client.databases.beginDelete(arm.resourceGroup, arm.server, name, { updateIntervalInMs: pollIntervalMs, ...options }),
        }),
      );
    } catch (error: unknown) {
      throw explainArmError(error, serverContext(arm, databaseResource(arm, name), DELETE_PERMISSION));
    }
  };
}
