// The Azure emulator: one HTTPS server (self-signed certificate made at
// start-up) that serves Microsoft Entra ID (authority host), the GitHub
// Actions OIDC token endpoint, and ARM for Microsoft.DBforPostgreSQL
// flexibleServers/databases and Microsoft.ManagedIdentity federated
// credentials. See README.md beside this file.
import { randomBytes } from 'node:crypto';
import { FaultInjector, RequestCounter } from '../common/faults.ts';
import { Router, startServer } from '../common/http.ts';
import { checkArmToken } from './arm-auth.ts';
import { ArmRoutes } from './arm-http.ts';
import type { ArmContext } from './arm-scope.ts';
import { addDatabaseRoutes } from './databases.ts';
import { createListener } from './dispatch.ts';
import { addEntraRoutes } from './entra.ts';
import { addFlexibleServerRoutes } from './flexible-servers.ts';
import { addGithubOidcRoutes, githubOidcClaims, type GithubOidcContext } from './github-oidc.ts';
import { addIdentityRoutes } from './identities.ts';
import { JwtKey } from './jwt.ts';
import { Operations, type BusyPolicy, type OperationFailure } from './operations.ts';
import { PostgresBackend, type PostgresTarget } from './pg-backend.ts';
import { createAzureAdmin } from '../postgres/azure-model.ts';
import { AzureState, defaultServerProperties, type Json } from './state.ts';
import { makeTlsIdentity } from './tls.ts';

export { trustCaInProcess } from './tls.ts';
export { TOKEN_EXCHANGE_AUDIENCE } from './entra.ts';
export { MAX_FEDERATED_CREDENTIALS, RESERVED_DATABASES } from './state.ts';
export type { BusyPolicy, OperationFailure } from './operations.ts';
export type { PostgresTarget } from './pg-backend.ts';

/** How to start the emulator; every field has a working default. */
export interface AzureEmulatorOptions {
  /** How long a database PUT/DELETE stays InProgress (ms, default 300). */
  operationMs?: number;
  /** Retry-After seconds on 202 answers (default: operationMs rounded to seconds, so 0 for short tests). */
  retryAfterSeconds?: number;
  /** Databases per LIST page before a nextLink (default 100). */
  listPageSize?: number;
  /** Federated credentials per LIST page before a nextLink (default 10, so a full identity takes two pages). */
  credentialPageSize?: number;
  /** How long one federated credential write holds its identity, in ms (default 40); overlapping writes get 409. */
  credentialWriteMs?: number;
  /** How a database operation overlapping another on the server is refused (default `alternate`). */
  busyPolicy?: BusyPolicy;
  /** Microsoft Entra administrators of the preset server, in order (default none). */
  entraAdmins?: string[];
  /**
   * The real PostgreSQL behind the preset server, as its superuser (ARM acts as `azuresu`),
   * with the password admin in `adminLogin`: database PUT/DELETE then really CREATE/DROP.
   * `serviceTarget(info)` in test/emulators/postgres.ts builds it.
   */
  postgres?: PostgresTarget;
  tenantId?: string;
  /** The app registration (client id) that GitHub workflows sign in as. */
  clientId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** Name of the preset Flexible Server. */
  serverName?: string;
  /** Overrides of the preset server's `properties` (shallow merge). */
  serverProperties?: Json;
  /** User-assigned managed identities in the resource group (default `['id-preview-workload']`). */
  identities?: string[];
  /** `owner/repo` the GitHub OIDC tokens name (default `octo-org/preview-app`). */
  repository?: string;
  /** Subjects the app's federated credentials accept; absent accepts any. */
  allowedSubjects?: string[];
  /** Port to listen on (default: a free one). */
  port?: number;
}

/** A running emulator. */
export interface AzureEmulator {
  /** `https://127.0.0.1:<port>`: the authority host and the ARM endpoint at once. */
  url: string;
  /** PEM certificate to trust (write it to a file for NODE_EXTRA_CA_CERTS). */
  caPem: string;
  /** For `ClientAssertionCredential`'s `authorityHost` (same as `url`). */
  authorityHost: string;
  /** For the ARM clients' `endpoint` (same as `url`). */
  armEndpoint: string;
  /** `ACTIONS_ID_TOKEN_REQUEST_URL`; already contains `?`. */
  oidcRequestUrl: string;
  /** `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  oidcRequestToken: string;
  /** `iss` of the GitHub OIDC tokens. */
  oidcIssuer: string;
  tenantId: string;
  clientId: string;
  subscriptionId: string;
  resourceGroup: string;
  serverName: string;
  /** `owner/repo` of the GitHub OIDC tokens. */
  repository: string;
  /** Managed identity names in the resource group. */
  identities: string[];
  /** Options for Azure SDK clients in this process: `{ tlsOptions: { ca } }` makes them trust the emulator. */
  clientOptions: { tlsOptions: { ca: string } };
  faults: FaultInjector;
  requests: RequestCounter;
  /** Operation-status polls served so far. */
  readonly operationPolls: number;
  /** The emulator's world, for assertions (databases, federated credentials, server properties). */
  state: AzureState;
  /** Sets the `sub` claim GitHub OIDC tokens carry. */
  setSubject(subject: string): void;
  /** Sets ref `refs/heads/<branch>` and the subject for it, in the current form (see `setSubjectForm`). */
  setBranch(branch: string): void;
  /** `name` (`repo:owner/repo:ref:...`, the default) or `immutable` (`repo:owner@<id>/repo@<id>:ref:...`, repositories made since 2026-07). */
  setSubjectForm(form: 'name' | 'immutable'): void;
  /** Subjects the app trusts; undefined accepts any. */
  setAllowedSubjects(subjects: string[] | undefined): void;
  /** Extra or overriding claims for later GitHub OIDC tokens (`{}` resets). */
  setOidcClaims(claims: Json): void;
  /** A GitHub OIDC token as the endpoint would issue it, with optional claim overrides. */
  mintOidcToken(audience?: string, claims?: Json): string;
  /** The next `times` long-running operations end Failed with this error (e.g. ServerBusy). */
  failOperations(failure: OperationFailure, times?: number): void;
  /** Changes how long operations run. */
  setOperationMs(ms: number): void;
  /** Shallow-merges into the preset server's properties. */
  updateServer(properties: Json): void;
  /**
   * Makes `name` a Microsoft Entra administrator of the server (added last): with PostgreSQL
   * behind, a login in azure_pg_admin with CREATEDB/CREATEROLE and this password (this
   * PostgreSQL cannot check Entra tokens, so tests sign in as it with the password).
   */
  addEntraAdmin(name: string, password: string): Promise<void>;
  /** Password sign-in on or off (`authConfig.passwordAuth`); off, ARM-created databases go to the first Entra admin, or azuresu. */
  setPasswordAuth(enabled: boolean): void;
  /** How overlapping database operations are refused. */
  setBusyPolicy(policy: BusyPolicy): void;
  /** Overlapping database operations refused so far. */
  readonly busyRefusals: number;
  /** The environment a workflow step would see (`AZURE_*`, `ARM_ENDPOINT`, `ACTIONS_ID_TOKEN_REQUEST_*`). */
  env(): Record<string, string>;
  /** Waits until every started operation has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1. */
export async function startAzureEmulator(options: AzureEmulatorOptions = {}): Promise<AzureEmulator> {
  const ids = {
    tenantId: options.tenantId ?? '5b6c1e4a-2f3d-4a8b-9c7e-1d2f3a4b5c6d',
    clientId: options.clientId ?? '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
    subscriptionId: options.subscriptionId ?? '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    resourceGroup: options.resourceGroup ?? 'rg-preview',
    serverName: options.serverName ?? 'psql-preview-shared',
    identities: options.identities ?? ['id-preview-workload'],
  };
  const repository = options.repository ?? 'octo-org/preview-app';
  const state = new AzureState(ids, repository, options.allowedSubjects);
  state.servers.set(ids.serverName.toLowerCase(), {
    name: ids.serverName,
    location: 'westeurope',
    sku: { name: 'Standard_D2ds_v5', tier: 'GeneralPurpose' },
    tags: {},
    entraAdmins: [...(options.entraAdmins ?? [])],
    properties: {
      ...defaultServerProperties(
        ids.serverName,
        options.postgres?.adminLogin ?? options.postgres?.user ?? 'pgadmin',
        ids.subscriptionId,
        ids.resourceGroup,
        ids.tenantId,
      ),
      ...options.serverProperties,
    },
  });

  const tls = await makeTlsIdentity();
  const tokenKey = new JwtKey();
  const githubKey = new JwtKey();
  const operations = new Operations(options.operationMs ?? 300);
  operations.busyPolicy = options.busyPolicy ?? 'alternate';
  const backend = options.postgres ? new PostgresBackend(options.postgres) : undefined;
  const faults = new FaultInjector();
  const requests = new RequestCounter();
  const router = new Router();
  const armRoutes = new ArmRoutes();
  const requestToken = randomBytes(24).toString('base64url');
  let baseUrl = '';

  const handle = await startServer(
    createListener({
      router,
      armRoutes,
      faults,
      requests,
      checkArmToken: (req, res) => checkArmToken(req, res, tokenKey, ids.tenantId, baseUrl),
      serverName: () => ids.serverName,
    }),
    { tls: { key: tls.key, cert: tls.cert }, ...(options.port === undefined ? {} : { port: options.port }) },
  );
  baseUrl = handle.url;
  const oidc: GithubOidcContext = { state, key: githubKey, issuer: `${baseUrl}/oidc`, requestToken };
  addEntraRoutes(router, { state, tokenKey, githubKey, githubIssuer: oidc.issuer, baseUrl });
  addGithubOidcRoutes(router, oidc);
  const arm: ArmContext = {
    state,
    operations,
    backend,
    baseUrl,
    retryAfterSeconds: options.retryAfterSeconds,
    listPageSize: options.listPageSize ?? 100,
    credentialPageSize: options.credentialPageSize ?? 10,
    credentialWriteMs: options.credentialWriteMs ?? 40,
  };
  addFlexibleServerRoutes(armRoutes, arm);
  addDatabaseRoutes(armRoutes, arm);
  addIdentityRoutes(armRoutes, arm);

  const oidcRequestUrl = `${baseUrl}/oidc/token?api-version=2.0`;
  let closed = false;
  return {
    url: baseUrl,
    caPem: tls.cert,
    authorityHost: baseUrl,
    armEndpoint: baseUrl,
    oidcRequestUrl,
    oidcRequestToken: requestToken,
    oidcIssuer: oidc.issuer,
    ...ids,
    repository,
    clientOptions: { tlsOptions: { ca: tls.cert } },
    faults,
    requests,
    get operationPolls() {
      return operations.polls;
    },
    state,
    setSubject(subject) {
      state.subject = subject;
    },
    setBranch(branch) {
      state.ref = `refs/heads/${branch}`;
      state.subject = state.subjectFor(state.ref);
    },
    setSubjectForm(form) {
      state.subjectForm = form;
      state.subject = state.subjectFor(state.ref);
    },
    setAllowedSubjects(subjects) {
      state.allowedSubjects = subjects;
    },
    setOidcClaims(claims) {
      state.extraOidcClaims = { ...claims };
    },
    mintOidcToken(audience = 'api://AzureADTokenExchange', claims = {}) {
      return githubKey.sign({ ...githubOidcClaims(oidc, audience), ...claims });
    },
    failOperations(failure, times = 1) {
      operations.failNext(failure, times);
    },
    setOperationMs(ms) {
      operations.operationMs = ms;
    },
    updateServer(properties) {
      const server = state.servers.get(ids.serverName.toLowerCase());
      if (server) server.properties = { ...server.properties, ...properties };
    },
    async addEntraAdmin(name, password) {
      if (options.postgres) await createAzureAdmin(options.postgres, name, password);
      state.servers.get(ids.serverName.toLowerCase())?.entraAdmins.push(name);
    },
    setPasswordAuth(enabled) {
      const server = state.servers.get(ids.serverName.toLowerCase());
      if (server)
        server.properties = { ...server.properties, authConfig: { ...(server.properties.authConfig as Json), passwordAuth: enabled ? 'Enabled' : 'Disabled' } };
    },
    setBusyPolicy(policy) {
      operations.busyPolicy = policy;
    },
    get busyRefusals() {
      return operations.busyRefusals;
    },
    env() {
      return {
        AZURE_AUTHORITY_HOST: baseUrl,
        ARM_ENDPOINT: baseUrl,
        AZURE_TENANT_ID: ids.tenantId,
        AZURE_CLIENT_ID: ids.clientId,
        AZURE_SUBSCRIPTION_ID: ids.subscriptionId,
        AZURE_RESOURCE_GROUP: ids.resourceGroup,
        AZURE_PG_SERVER: ids.serverName,
        ACTIONS_ID_TOKEN_REQUEST_URL: oidcRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      };
    },
    drain: () => operations.drain(),
    async close() {
      if (closed) return;
      closed = true;
      await operations.close();
      await backend?.close();
      await handle.close();
    },
  };
}
