// provision-db from start to end: names and files checked first, then sign-in and the
// server (policy), the admin session, ownership checks, role, database, grants, password,
// a sign-in as the role (with migrations), and the federated credential. Clients are made
// from the inputs; tests pass options that point them at the emulators.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { ArmRestClient, armScope, flexibleServerClient } from '../../shared/azure/arm.ts';
import { azureLogin, type AzureClientOptions, type AzureLogin } from '../../shared/azure/login.ts';
import { federatedCredentialName, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import {
  closeQuietly,
  connectPostgres,
  connectionUrl,
  databaseExists,
  entraPassword,
  sqlState,
  type PgClient,
  type PgTarget,
} from '../../shared/postgres/client.ts';
import { retry } from '../../shared/core/retry.ts';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import { maskSecret, maskUrl, type SetSecret } from '../../shared/core/secrets.ts';
import {
  checkCharsetAndCollation,
  checkOwnership,
  createDatabaseSql,
  currentUser,
  databaseOwner,
  ensureRole,
  grantDatabase,
  grantSchema,
  inspect,
  lockBranch,
  notOwnerError,
  setPassword,
  type Inspection,
} from './access.ts';
import { createDatabase, findDatabase, readServer, type ArmTarget } from './arm-database.ts';
import { Budget } from './budget.ts';
import { generatePassword, scramVerifier } from './credentials.ts';
import { ensureFederatedCredential, type FederatedResult } from './federated.ts';
import type { Inputs } from './inputs.ts';
import { applyMigrations, loadMigrations } from './migrations.ts';
import { SeedRun, loadSeed, type SeedOutcome } from './seed.ts';
import { settlePassword, type PasswordSource } from './password.ts';
import { planNames, type Plan } from './plan.ts';
import { assertPolicy, assertUsable, evaluatePolicy, serverFacts, type PolicyRow, type ServerFacts } from './policy.ts';
import { kubeSecretStore, type PasswordStore } from './secret-store.ts';
import { ownerOf } from '../../shared/branch/ownership/kube-marks.ts';

/** Clients and hooks; everything but `logger` has a production default. */
export interface Deps {
  logger: Logger;
  clock?: Clock;
  now?: () => Date;
  /** Options for every Azure SDK client (tests: `{ tlsOptions: { ca } }`). */
  azureClientOptions?: AzureClientOptions;
  /** GitHub OIDC token source (default `core.getIDToken`). */
  getIdToken?: (audience: string) => Promise<string>;
  setSecret?: SetSecret;
  /** Replaces the Secret reader (`null`: none); default from `kubeconfig`/`KUBECONFIG`. */
  passwordStore?: PasswordStore | null;
  /** Filled as the run goes, so the summary can show the server even when the run fails. */
  report?: { plan?: Plan; server?: ServerFacts; policy?: PolicyRow[] };
}

/** What the run made or found. */
export interface ProvisionResult {
  plan: Plan;
  host: string;
  port: number;
  sslmode: Inputs['sslmode'];
  server: ServerFacts | undefined;
  policy: PolicyRow[];
  /** True when this run created the database. */
  created: boolean;
  password: string;
  passwordSource: PasswordSource;
  passwordNote: string;
  databaseUrl: string;
  migrationsApplied: string[];
  /** What seeding did (undefined when no seed was asked). */
  seed?: SeedOutcome | undefined;
  federated: FederatedResult | undefined;
  elapsedMs: number;
}

/** The SQLSTATE anywhere in an error's cause chain. */
function causeState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth += 1) {
    const state = sqlState(e);
    if (state !== undefined) return state;
  }
  return undefined;
}

/** Provisions the branch database and role; see the file comment and README for the order. */
export async function provisionDb(inputs: Inputs, context: EventContext, deps: Deps): Promise<ProvisionResult> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const now = deps.now ?? (() => new Date(clock.now()));
  const started = clock.now();
  const budget = new Budget(inputs.timeoutMs, logger, clock);
  const masked = new Set<string>();
  const mask = (value: string): void => {
    if (!masked.has(value)) maskSecret(value, deps.setSecret);
    masked.add(value);
  };
  if (inputs.adminPassword !== undefined) mask(inputs.adminPassword);
  const report = deps.report ?? {};
  const plan = planNames(inputs, context);
  report.plan = plan;
  const migrations = await loadMigrations(inputs.migrations, inputs.workingDirectory);
  const seedRun = new SeedRun(await loadSeed(inputs, inputs.workingDirectory), { database: plan.database, role: plan.role, budget, logger });
  logger.info(`Branch ${JSON.stringify(plan.branch)}: database ${plan.database}, role ${plan.role}, namespace ${plan.namespace}.`);

  const needsAzure = plan.mode === 'arm' || inputs.identityName !== undefined || inputs.adminPassword === undefined;
  const login: AzureLogin | undefined = needsAzure
    ? await azureLogin({
        tenantId: inputs.tenantId,
        clientId: inputs.clientId,
        authorityHost: inputs.authorityHost,
        getIdToken: deps.getIdToken,
        clientOptions: deps.azureClientOptions,
        setSecret: deps.setSecret,
      })
    : undefined;
  let arm: ArmTarget | undefined;
  let facts: ServerFacts | undefined;
  let policy: PolicyRow[] = [];
  if (login) {
    await logger.group('Sign in to Azure', async () => {
      logger.info(`Signing in with ${login.description}.`);
      await retry(() => login.credential.getToken(armScope(inputs.armEndpoint)), budget.retry('Signing in to Azure'));
    });
  }
  if (login && plan.mode === 'arm' && inputs.server && inputs.subscriptionId && inputs.resourceGroup) {
    const client = await flexibleServerClient(login.credential, inputs.subscriptionId, {
      endpoint: inputs.armEndpoint,
      clientOptions: deps.azureClientOptions,
    });
    arm = { client, subscriptionId: inputs.subscriptionId, resourceGroup: inputs.resourceGroup, server: inputs.server };
    const target = arm;
    facts = await logger.group(`Server ${inputs.server}`, async () => {
      const found = serverFacts(await readServer(target, budget));
      logger.info(
        `PostgreSQL ${found.version}, ${found.state}, high availability ${found.highAvailability}, backups kept ${found.backupRetentionDays ?? '?'} days, public network access ${found.publicNetworkAccess}.`,
      );
      return found;
    });
    report.server = facts;
    policy = evaluatePolicy(facts, inputs);
    report.policy = policy;
    assertPolicy(facts.name, policy);
    assertUsable(facts, inputs.adminPassword !== undefined);
  }

  const host = inputs.host ?? facts?.fqdn ?? `${inputs.server ?? ''}.postgres.database.azure.com`;
  const adminUser = inputs.adminUser ?? (inputs.adminPassword !== undefined ? facts?.administratorLogin : undefined);
  if (adminUser === undefined) {
    throw new UserError('Input `admin-user` is required here.', {
      fix:
        inputs.adminPassword === undefined
          ? "With no `admin-password` the admin signs in with a Microsoft Entra token: give the name of an Entra administrator of the server (e.g. the app registration's display name)."
          : 'Give the server administrator login (without `server`, it cannot be read from ARM).',
    });
  }
  const base = { host, port: inputs.port, sslmode: inputs.sslmode, ca: inputs.sslRootCert };
  const adminTarget: PgTarget = {
    ...base,
    user: adminUser,
    database: 'postgres',
    password: inputs.adminPassword ?? entraPassword(requireLogin(login).credential, mask),
  };
  const connectFor = (ms: number) => ({ retryForMs: Math.min(budget.remaining(), ms), clock, logger });
  const admin = await connectPostgres(adminTarget, { ...connectFor(60_000), login: 'admin' });
  let created = false;
  let roleCreated = false;
  let newPassword: string | undefined;
  try {
    await lockBranch(admin, plan.role, budget.remaining());
    const found = await inspect(admin, plan);
    checkOwnership(found, plan, inputs.adoptExisting);
    const me = await currentUser(admin);
    const method = await prepareDatabase(admin, found, plan, inputs, { arm, facts, me, logger, copies: seedRun.copies });
    await logger.group(`Role ${plan.role}`, async () => {
      newPassword = found.role.exists ? undefined : generatePassword();
      if (newPassword !== undefined) mask(newPassword);
      roleCreated = await ensureRole(admin, plan, found.role, newPassword === undefined ? undefined : scramVerifier(newPassword), now());
      logger.info(roleCreated ? `Created role ${plan.role}.` : `Role ${plan.role} exists; kept.`);
    });
    await logger.group(`Database ${plan.database}`, async () => {
      if (seedRun.copies && !found.database.exists) {
        created = await seedRun.createDatabase(admin, me);
      } else if (arm && method === 'sql') {
        created = await createDatabaseSql(admin, plan.database, inputs.charset, inputs.collation);
      } else if (arm) {
        const existing = await findDatabase(arm, plan.database, budget);
        if (existing === undefined) {
          await createDatabase(arm, plan.database, { charset: inputs.charset, collation: inputs.collation, pollIntervalMs: inputs.pollIntervalMs }, budget);
          created = true;
          const owner = await databaseOwner(admin, plan.database);
          if (owner && !owner.ownedByMe) {
            throw notOwnerError(
              plan.database,
              owner.owner,
              me,
              'ARM created it with that owner; nothing else was changed (the branch role exists, unmarked database left for a re-run with the right admin or `create-method: sql` after dropping it).',
            );
          }
        } else if (existing.charset?.toUpperCase() !== inputs.charset.toUpperCase() || existing.collation?.toLowerCase() !== inputs.collation.toLowerCase()) {
          logger.warning(
            `Database ${plan.database} exists with charset ${existing.charset ?? '?'} and collation ${existing.collation ?? '?'}, not ${inputs.charset}/${inputs.collation}; it is kept as it is.`,
          );
        }
        if (!(await databaseExists(admin, plan.database))) {
          throw new UserError(`ARM reports database ${plan.database} on server ${arm.server}, but PostgreSQL at ${host} does not have it.`, {
            fix: `Check \`host\`: it must point at server ${arm.server}.`,
          });
        }
      } else {
        created = await createDatabaseSql(admin, plan.database, inputs.charset, inputs.collation);
      }
      logger.info(created ? `Created database ${plan.database}.` : `Database ${plan.database} exists; kept.`);
      seedRun.noteCreated(created);
      await grantDatabase(admin, plan, found.database, now());
      const inDatabase = await connectPostgres(
        { ...adminTarget, database: plan.database },
        { ...connectFor(120_000), retrySqlStates: ['3D000'], login: 'admin' },
      );
      try {
        await grantSchema(inDatabase, plan.role);
        await seedRun.afterGrants(inDatabase, me);
      } finally {
        await closeQuietly(inDatabase);
      }
      logger.info(`Only ${plan.role} (and the admin) may connect to ${plan.database}; it may create in schema public.`);
    });
    const roleTarget = { ...base, user: plan.role, database: plan.database };
    const store =
      deps.passwordStore !== undefined
        ? (deps.passwordStore ?? undefined)
        : await kubeSecretStore(
            {
              namespace: plan.namespace,
              name: inputs.passwordSecret,
              key: inputs.passwordSecretKey,
              kubeconfig: inputs.kubeconfig,
              kubeconfigPath: inputs.kubeconfigPath,
              owner: ownerOf(plan.names, plan.repository),
            },
            budget,
            mask,
          );
    const decision = await settlePassword({
      createdWith: roleCreated ? newPassword : undefined,
      rotate: inputs.rotatePassword,
      store,
      verify: async (password) => {
        try {
          await closeQuietly(await connectPostgres({ ...roleTarget, password }, { ...connectFor(60_000), retrySqlStates: ['3D000'], login: 'role' }));
          return true;
        } catch (error: unknown) {
          if (causeState(error) === '28P01') return false;
          throw error;
        }
      },
      setPassword: (password) => setPassword(admin, plan.role, scramVerifier(password)),
      generate: generatePassword,
      mask,
    });
    if (decision.warn) logger.warning(decision.note);
    else logger.info(decision.note);
    const roleClient = await connectPostgres(
      { ...roleTarget, password: decision.password },
      { ...connectFor(120_000), retrySqlStates: ['3D000'], login: 'role' },
    );
    let migrationsApplied: string[];
    let seed: SeedOutcome | undefined;
    try {
      logger.info(`Role ${plan.role} signs in to ${plan.database}.`);
      if (seedRun.seed) seed = await logger.group('Seed', () => seedRun.apply(roleClient, { ...roleTarget, password: decision.password }));
      migrationsApplied = await logger.group('Migrations', () => applyMigrations(roleClient, migrations, plan.role, logger));
    } finally {
      await closeQuietly(roleClient);
    }
    const federated =
      inputs.identityName === undefined
        ? undefined
        : await logger.group('Federated identity credential', () => federate(inputs, plan, requireLogin(login), deps, budget));
    const databaseUrl = connectionUrl({
      user: plan.role,
      password: decision.password,
      host,
      port: inputs.port,
      database: plan.database,
      sslmode: inputs.sslmode,
    });
    maskUrl(databaseUrl, deps.setSecret);
    return {
      plan,
      host,
      port: inputs.port,
      sslmode: inputs.sslmode,
      server: facts,
      policy,
      created,
      password: decision.password,
      passwordSource: decision.source,
      passwordNote: decision.note,
      databaseUrl,
      migrationsApplied,
      seed,
      federated,
      elapsedMs: clock.now() - started,
    };
  } catch (error: unknown) {
    throw await seedRun.undo(admin, error);
  } finally {
    await closeQuietly(admin);
  }
}

async function federate(inputs: Inputs, plan: Plan, login: AzureLogin, deps: Deps, budget: Budget): Promise<FederatedResult> {
  const rest = await ArmRestClient.create(login.credential, { endpoint: inputs.armEndpoint, clientOptions: deps.azureClientOptions });
  const result = await ensureFederatedCredential(
    rest,
    {
      subscriptionId: inputs.subscriptionId ?? '',
      resourceGroup: inputs.identityResourceGroup ?? inputs.resourceGroup ?? '',
      identity: inputs.identityName ?? '',
      name: federatedCredentialName(plan.names, plan.repository),
      issuer: inputs.oidcIssuer ?? '',
      subject: serviceAccountSubject(plan.namespace, inputs.serviceAccount ?? ''),
    },
    budget,
  );
  deps.logger.info(`Federated credential ${result.name} for ${result.subject}: ${result.result}.`);
  return result;
}

/**
 * Decides how a missing database is made and refuses, before anything changes, what the
 * signed-in admin could not finish: an existing database another login owns (GRANT, REVOKE and
 * COMMENT ON DATABASE need its owner), ARM asked to create a database it would give to another
 * admin, or a charset/collation the server does not know (checked in pg_collation, since Azure
 * answers those with a bare InternalServerError).
 */
async function prepareDatabase(
  admin: PgClient,
  found: Inspection,
  plan: Plan,
  inputs: Inputs,
  ctx: { arm: ArmTarget | undefined; facts: ServerFacts | undefined; me: string; logger: Logger; copies: boolean },
): Promise<'arm' | 'sql'> {
  const { me } = ctx;
  if (found.database.exists) {
    if (found.database.owner !== undefined && found.database.ownedByMe === false) {
      throw notOwnerError(plan.database, found.database.owner, me, 'provision-db changed nothing.');
    }
    return ctx.arm ? 'arm' : 'sql';
  }
  // ARM's Databases PUT has no template: a seeded copy is always CREATE DATABASE ... TEMPLATE as the admin.
  if (!ctx.arm || ctx.copies) return 'sql';
  const facts = ctx.facts;
  // Who ARM would make the owner: the password admin when password sign-in is on; else the first
  // Entra admin, or azuresu while the server has none (neither can be read here).
  const armOwner = facts?.passwordAuth !== 'Disabled' ? facts?.administratorLogin : undefined;
  const armGivesItToMe = armOwner !== undefined && armOwner === me;
  if (inputs.createMethod === 'sql' || (inputs.createMethod === 'auto' && !armGivesItToMe)) {
    ctx.logger.info(
      armOwner !== undefined && !armGivesItToMe
        ? `Database ${plan.database} will be created with CREATE DATABASE as ${me}: ARM would give it to the password admin ${armOwner}, and the branch grants need its owner.`
        : `Database ${plan.database} will be created with CREATE DATABASE as ${me}.`,
    );
    return 'sql';
  }
  if (armOwner !== undefined && !armGivesItToMe) {
    throw notOwnerError(plan.database, armOwner, me, 'ARM would create it owned by the password admin (`create-method: arm`); provision-db changed nothing.');
  }
  await checkCharsetAndCollation(admin, inputs.charset, inputs.collation);
  return 'arm';
}

function requireLogin(login: AzureLogin | undefined): AzureLogin {
  if (login === undefined) throw new Error('provision-db: Azure sign-in was needed but not made');
  return login;
}
