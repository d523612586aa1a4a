// provision-db from start to end, as a list of named stages: names and files checked first
// (start), then sign-in and the server with its policy (azureStage), the admin session
// (openAdmin), ownership checks, role, database and grants (branchStage), the role's password
// (passwordStage), a sign-in as the role for the seed and migrations (roleStage), and the
// federated credential (federate). Tests pass their own clients (clients.ts).
import type { EventContext } from '../../shared/branch/event-context.ts';
import { federatedCredentialName, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import { ownerOf } from '../../shared/branch/ownership/kube-marks.ts';
import { ArmRestClient } from '../../shared/azure/arm.ts';
import { openFlexibleServer, readServer } from '../../shared/azure/flexible-server.ts';
import { signInToAzure, type AzureLogin } from '../../shared/azure/login.ts';
import { adminTarget } from '../../shared/azure/postgres-admin.ts';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import { Deadline } from '../../shared/core/deadline.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { maskSecret, maskUrl } from '../../shared/core/secrets.ts';
import { closeQuietly, connectPostgres, connectionUrl, sqlState, type PgClient, type PgTarget } from '../../shared/postgres/client.ts';
import {
  checkCharsetAndCollation,
  checkOwnership,
  currentUser,
  ensureRole,
  grantDatabase,
  grantSchema,
  inspect,
  lockBranch,
  notOwnerError,
  setPassword,
  type Inspection,
} from './access.ts';
import { DATABASE_PERMISSION, createBranchDatabase, type ArmTarget } from './arm-database.ts';
import type { Clients } from './clients.ts';
import { generatePassword, scramVerifier } from './credentials.ts';
import { ensureFederatedCredential, type FederatedResult } from './federated.ts';
import type { Inputs } from './inputs.ts';
import { applyMigrations, loadMigrations, type Migration } from './migrations.ts';
import { settlePassword, type PasswordDecision, type PasswordSource } from './password.ts';
import { planNames, type Plan } from './plan.ts';
import { assertPolicy, assertUsable, evaluatePolicy, serverFacts, type PolicyRow, type ServerFacts } from './policy.ts';
import { kubeSecretStore } from './secret-store.ts';
import { SeedRun, loadSeed, type SeedOutcome } from './seed.ts';
import { refreshRun } from './refresh-run.ts';
import type { ProvisionReport, RunReport } from './summary.ts';

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

/** What every stage shares: the inputs, the names, the deadline and the clients. */
interface Run {
  inputs: Inputs;
  clients: Clients;
  logger: Logger;
  clock: Clock;
  now: () => Date;
  deadline: Deadline;
  /** When the run started, by `clock`. */
  started: number;
  plan: Plan;
  migrations: Migration[];
  seedRun: SeedRun;
  /** Masks a secret once (the runner's add-mask, or the test's). */
  mask: (value: string) => void;
  report: ProvisionReport;
}

/** Azure as the run sees it: the sign-in, the server and its facts (each absent when not used). */
interface Azure {
  login: AzureLogin | undefined;
  arm: ArmTarget | undefined;
  facts: ServerFacts | undefined;
  policy: PolicyRow[];
}

/** What the branch stage made: the role's new password, whether the database is new, the admin's name. */
interface Branch {
  created: boolean;
  roleCreated: boolean;
  newPassword: string | undefined;
}

/** Provisions the branch database and role; see the file comment and README for the order. */
export async function provisionDb(inputs: Inputs, context: EventContext, clients: Clients, report: ProvisionReport = {}): Promise<ProvisionResult> {
  const run = await start(inputs, context, clients, report);
  const azure = await azureStage(run);
  const target = adminTarget(inputs, azure.facts, azure.login?.credential, run.mask);
  const admin = await connectPostgres(target, { ...connectFor(run, 60_000), login: 'admin' });
  try {
    const branch = await branchStage(run, azure, admin, target);
    const password = await passwordStage(run, admin, target, branch);
    const roleTarget = { ...target, user: run.plan.role, database: run.plan.database, password: password.password };
    const { seed, migrationsApplied } = await roleStage(run, roleTarget);
    const federated = inputs.identityName === undefined ? undefined : await run.logger.group('Federated identity credential', () => federate(run, azure));
    return resultOf(run, azure, { branch, password, seed, migrationsApplied, federated, host: target.host });
  } catch (error: unknown) {
    throw await run.seedRun.undo(admin, error);
  } finally {
    await closeQuietly(admin);
  }
}

/** The run for the mode: a branch's database and role, or (`mode: refresh-template`) the seed template. */
export async function runProvisionDb(inputs: Inputs, context: EventContext, clients: Clients, report: RunReport): Promise<RunReport> {
  if (report.refresh) report.refresh.result = await refreshRun(inputs, context, clients, report.refresh);
  else report.provision.result = await provisionDb(inputs, context, clients, report.provision);
  return report;
}

/** Names, migrations and seed files, all checked before anything is contacted. */
async function start(inputs: Inputs, context: EventContext, clients: Clients, report: ProvisionReport): Promise<Run> {
  const { logger } = clients;
  const clock = clients.clock ?? systemClock;
  const deadline = new Deadline(inputs.timeoutMs, { clock, logger });
  const masked = new Set<string>();
  const mask = (value: string): void => {
    if (!masked.has(value)) maskSecret(value, clients.setSecret);
    masked.add(value);
  };
  if (inputs.adminPassword !== undefined) mask(inputs.adminPassword);
  const plan = planNames(inputs, context);
  report.plan = plan;
  const migrations = await loadMigrations(inputs.migrations, inputs.workingDirectory);
  const seedRun = new SeedRun(await loadSeed(inputs, inputs.workingDirectory), { database: plan.database, role: plan.role, deadline, logger });
  logger.info(`Branch ${JSON.stringify(plan.branch)}: database ${plan.database}, role ${plan.role}, namespace ${plan.namespace}.`);
  const now = clients.now ?? (() => new Date(clock.now()));
  return { inputs, clients, logger, clock, now, deadline, started: clock.now(), plan, migrations, seedRun, mask, report };
}

/** Signs in when anything needs Azure, reads the server and holds it to the policy. */
async function azureStage(run: Run): Promise<Azure> {
  const { inputs, clients, logger, plan } = run;
  const needsAzure = plan.mode === 'arm' || inputs.identityName !== undefined || inputs.adminPassword === undefined;
  if (!needsAzure) return { login: undefined, arm: undefined, facts: undefined, policy: [] };
  const { tenantId, clientId, authorityHost, armEndpoint } = inputs;
  const options = { getIdToken: clients.getIdToken, clientOptions: clients.azureClientOptions, setSecret: clients.setSecret };
  const login = await logger.group('Sign in to Azure', () =>
    signInToAzure({ tenantId, clientId, authorityHost, armEndpoint, ...options }, run.deadline, logger),
  );
  if (plan.mode !== 'arm' || !inputs.server || !inputs.subscriptionId || !inputs.resourceGroup) return { login, arm: undefined, facts: undefined, policy: [] };
  const ref = { subscriptionId: inputs.subscriptionId, resourceGroup: inputs.resourceGroup, server: inputs.server, armEndpoint };
  const arm = await openFlexibleServer(login.credential, ref, clients.azureClientOptions);
  const facts = await logger.group(`Server ${inputs.server}`, async () => {
    const found = serverFacts(await readServer(arm, run.deadline, DATABASE_PERMISSION));
    logger.info(
      `PostgreSQL ${found.version}, ${found.state}, high availability ${found.highAvailability}, backups kept ${found.backupRetentionDays ?? '?'} days, public network access ${found.publicNetworkAccess}.`,
    );
    return found;
  });
  run.report.server = facts;
  const policy = evaluatePolicy(facts, inputs);
  run.report.policy = policy;
  assertPolicy(facts.name, policy);
  assertUsable(facts, inputs.adminPassword !== undefined);
  return { login, arm, facts, policy };
}

/** Connection retries: at most `ms`, never past the deadline. */
function connectFor(run: Run, ms: number) {
  return { retryForMs: run.deadline.within(ms), clock: run.clock, logger: run.logger };
}

/** Under the branch lock: ownership checks, the role, the database (copied, ARM or SQL) and its grants. */
async function branchStage(run: Run, azure: Azure, admin: PgClient, target: PgTarget): Promise<Branch> {
  const { plan, inputs, logger } = run;
  await lockBranch(admin, plan.role, run.deadline.remaining());
  const found = await inspect(admin, plan);
  checkOwnership(found, plan, inputs.adoptExisting);
  const me = await currentUser(admin);
  const method = await prepareDatabase(admin, found, plan, inputs, { ...azure, me, logger, copies: run.seedRun.copies });
  const role = await logger.group(`Role ${plan.role}`, async () => {
    const newPassword = found.role.exists ? undefined : generatePassword();
    if (newPassword !== undefined) run.mask(newPassword);
    const roleCreated = await ensureRole(admin, plan, found.role, newPassword === undefined ? undefined : scramVerifier(newPassword), run.now());
    logger.info(roleCreated ? `Created role ${plan.role}.` : `Role ${plan.role} exists; kept.`);
    return { newPassword, roleCreated };
  });
  const created = await logger.group(`Database ${plan.database}`, async () => {
    const made = await createStage(run, azure, admin, { found, me, method, host: target.host });
    await grantStage(run, admin, target, found, me);
    return made;
  });
  return { created, ...role };
}

/** Creates the database when it is missing: a copy of the seed template, through ARM, or with SQL. */
async function createStage(
  run: Run,
  azure: Azure,
  admin: PgClient,
  ctx: { found: Inspection; me: string; method: 'arm' | 'sql'; host: string },
): Promise<boolean> {
  const { plan, inputs, logger, seedRun } = run;
  let created: boolean;
  if (seedRun.copies && !ctx.found.database.exists) created = await seedRun.createDatabase(admin, ctx.me);
  else
    created = await createBranchDatabase(admin, azure.arm && ctx.method === 'arm' ? azure.arm : undefined, plan.database, {
      inputs,
      me: ctx.me,
      host: ctx.host,
      deadline: run.deadline,
      logger,
    });
  logger.info(created ? `Created database ${plan.database}.` : `Database ${plan.database} exists; kept.`);
  seedRun.noteCreated(created);
  return created;
}

/** CONNECT for the branch role only, schema rights, and what the seed copy hands over. */
async function grantStage(run: Run, admin: PgClient, target: PgTarget, found: Inspection, me: string): Promise<void> {
  const { plan } = run;
  await grantDatabase(admin, plan, found.database, run.now());
  const inDatabase = await connectPostgres({ ...target, database: plan.database }, { ...connectFor(run, 120_000), retrySqlStates: ['3D000'], login: 'admin' });
  try {
    await grantSchema(inDatabase, plan.role);
    await run.seedRun.afterGrants(inDatabase, me);
  } finally {
    await closeQuietly(inDatabase);
  }
  run.logger.info(`Only ${plan.role} (and the admin) may connect to ${plan.database}; it may create in schema public.`);
}

/** The role's password: new, read back from the branch Secret (and proven), or rotated. */
async function passwordStage(run: Run, admin: PgClient, target: PgTarget, branch: Branch): Promise<PasswordDecision> {
  const { inputs, plan, clients } = run;
  const roleTarget = { ...target, user: plan.role, database: plan.database };
  const secret = { namespace: plan.namespace, name: inputs.passwordSecret, key: inputs.passwordSecretKey, kubeconfig: inputs.kubeconfig };
  const store =
    clients.passwordStore !== undefined
      ? (clients.passwordStore ?? undefined)
      : await kubeSecretStore({ ...secret, kubeconfigPath: inputs.kubeconfigPath, owner: ownerOf(plan.names, plan.repository) }, run.deadline, run.mask);
  const decision = await settlePassword({
    createdWith: branch.roleCreated ? branch.newPassword : undefined,
    rotate: inputs.rotatePassword,
    store,
    verify: (password) => signsIn(run, { ...roleTarget, password }),
    setPassword: (password) => setPassword(admin, plan.role, scramVerifier(password)),
    generate: generatePassword,
    mask: run.mask,
  });
  if (decision.warn) run.logger.warning(decision.note);
  else run.logger.info(decision.note);
  return decision;
}

/** Whether the role signs in with this password (false only for a refused password). */
async function signsIn(run: Run, target: PgTarget): Promise<boolean> {
  try {
    await closeQuietly(await connectPostgres(target, { ...connectFor(run, 60_000), retrySqlStates: ['3D000'], login: 'role' }));
    return true;
  } catch (error: unknown) {
    if (causeState(error) === '28P01') return false;
    throw error;
  }
}

/** As the branch role: the seed (once) and the migrations. */
async function roleStage(run: Run, roleTarget: PgTarget & { password: string }): Promise<{ seed: SeedOutcome | undefined; migrationsApplied: string[] }> {
  const { plan, logger } = run;
  const roleClient = await connectPostgres(roleTarget, { ...connectFor(run, 120_000), retrySqlStates: ['3D000'], login: 'role' });
  try {
    logger.info(`Role ${plan.role} signs in to ${plan.database}.`);
    const seed = run.seedRun.seed ? await logger.group('Seed', () => run.seedRun.apply(roleClient, roleTarget)) : undefined;
    const migrationsApplied = await logger.group('Migrations', () => applyMigrations(roleClient, run.migrations, plan.role, logger));
    return { seed, migrationsApplied };
  } finally {
    await closeQuietly(roleClient);
  }
}

/** The branch's federated credential on `identity-name`. */
async function federate(run: Run, azure: Azure): Promise<FederatedResult> {
  const { inputs, plan } = run;
  if (azure.login === undefined) throw new Error('provision-db: Azure sign-in was needed but not made');
  const rest = await ArmRestClient.create(azure.login.credential, { endpoint: inputs.armEndpoint, clientOptions: run.clients.azureClientOptions });
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
    run.deadline,
  );
  run.logger.info(`Federated credential ${result.name} for ${result.subject}: ${result.result}.`);
  return result;
}

/** The result, with the connection URL (masked) built for the role. */
function resultOf(
  run: Run,
  azure: Azure,
  parts: {
    branch: Branch;
    password: PasswordDecision;
    seed: SeedOutcome | undefined;
    migrationsApplied: string[];
    federated: FederatedResult | undefined;
    host: string;
  },
): ProvisionResult {
  const { inputs, plan } = run;
  const { password } = parts;
  const databaseUrl = connectionUrl({
    user: plan.role,
    password: password.password,
    host: parts.host,
    port: inputs.port,
    database: plan.database,
    sslmode: inputs.sslmode,
  });
  maskUrl(databaseUrl, run.clients.setSecret);
  return {
    plan,
    host: parts.host,
    port: inputs.port,
    sslmode: inputs.sslmode,
    server: azure.facts,
    policy: azure.policy,
    created: parts.branch.created,
    password: password.password,
    passwordSource: password.source,
    passwordNote: password.note,
    databaseUrl,
    migrationsApplied: parts.migrationsApplied,
    seed: parts.seed,
    federated: parts.federated,
    elapsedMs: run.clock.now() - run.started,
  };
}

/** The SQLSTATE anywhere in an error's cause chain. */
function causeState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth += 1) {
    const state = sqlState(e);
    if (state !== undefined) return state;
  }
  return undefined;
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
