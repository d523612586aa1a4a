/**
 * Signing in to Azure and talking to ARM, for every action that needs Azure.
 *
 * - {@link azureLogin}: GitHub OIDC straight to Microsoft Entra ID (a `ClientAssertionCredential`
 *   fed by `core.getIDToken('api://AzureADTokenExchange')`, `@actions/core` imported only then)
 *   when `client-id` and `tenant-id` are given; otherwise the credential a preceding
 *   `azure/login` step left (Azure CLI first, then the `DefaultAzureCredential` chain).
 *   Sovereign clouds and emulators: `authorityHost` (instance discovery is turned off for
 *   hosts other than the public clouds'). Every token is masked; every Entra failure the user
 *   can fix becomes a {@link UserError} that says what to change ({@link explainAzureAuthError}).
 * - {@link flexibleServerClient} and {@link ArmRestClient}: ARM clients for an `arm-endpoint`,
 *   and {@link explainArmError} for missing resource groups, resources and permissions.
 *
 * Heavy libraries (`@azure/*`, `@actions/core`) are imported when first needed.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { UserError, errorMessage } from './errors.ts';
import { maskSecret, type SetSecret } from './secrets.ts';


/** The audience Azure requires in a GitHub OIDC token it exchanges. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** ARM of the public cloud. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
/** Entra authority host of the public cloud. */
export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Authority hosts MSAL can discover by itself; any other needs `disableInstanceDiscovery`. */
const KNOWN_AUTHORITY_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.microsoftonline.de']);

/** Options for Azure SDK clients that the suite passes through (tests add a CA here). */
export interface AzureClientOptions {
  tlsOptions?: { ca?: string };
}

/** How to sign in. */
export interface AzureLoginOptions {
  /** Directory (tenant) id or domain; with `clientId`, selects GitHub OIDC. */
  tenantId?: string;
  /** Application (client) id of the app registration or managed identity to sign in as. */
  clientId?: string;
  /** Entra authority host, `https://...` (default the public cloud). */
  authorityHost?: string;
  /** Returns a GitHub OIDC token for an audience (default `core.getIDToken`). */
  getIdToken?: (audience: string) => Promise<string>;
  clientOptions?: AzureClientOptions;
  /** Masks tokens (default the runner's `add-mask`). */
  setSecret?: SetSecret;
}

/** A signed-in credential. */
export interface AzureLogin {
  /** Masks every token and explains failures. */
  credential: TokenCredential;
  method: 'github-oidc' | 'azure-login';
  /** For the log, e.g. `GitHub OIDC as app 0f1e... in tenant 5b6c...`. */
  description: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i;

/** Checks an `https://` URL input and returns it without a trailing slash. */
export function httpsUrl(value: string, input: string, example: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
    throw new UserError(`Input \`${input}\` must be an https URL, got ${JSON.stringify(value)}.`, { fix: `Give e.g. ${example}.` });
  }
  return value.replace(/\/+$/, '');
}

/** Checks the OIDC identity inputs: both or neither, a GUID client id, a GUID or domain tenant. */
function checkIds(tenantId: string | undefined, clientId: string | undefined): void {
  if ((tenantId === undefined) !== (clientId === undefined)) {
    const missing = tenantId === undefined ? 'tenant-id' : 'client-id';
    throw new UserError(`Input \`${missing}\` is missing: \`client-id\` and \`tenant-id\` go together (GitHub OIDC sign-in).`, {
      fix: 'Give both (the app registration\'s Application (client) ID and Directory (tenant) ID), or neither to use the credential of a preceding azure/login step.',
    });
  }
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new UserError(`Input \`client-id\` must be a GUID, got ${JSON.stringify(clientId)}.`, { fix: "Use the app registration's Application (client) ID." });
  }
  if (tenantId !== undefined && !TENANT.test(tenantId)) {
    throw new UserError(`Input \`tenant-id\` must be a GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenantId)}.`, { fix: 'Use the Directory (tenant) ID.' });
  }
}

/** `core.getIDToken(audience)`, with `@actions/core` imported only now (it loads an HTTP stack). */
export async function githubIdToken(audience: string): Promise<string> {
  const core = await import('@actions/core');
  return core.getIDToken(audience);
}

/**
 * Signs in (see the file comment). Inputs are checked before anything is contacted; the
 * first token request happens on first use.
 * @throws UserError for inconsistent or malformed ids or authority host.
 */
export async function azureLogin(options: AzureLoginOptions = {}): Promise<AzureLogin> {
  const { tenantId, clientId } = options;
  checkIds(tenantId, clientId);
  const authorityHost = options.authorityHost === undefined ? undefined : httpsUrl(options.authorityHost, 'authority-host', PUBLIC_AUTHORITY_HOST);
  const setSecret = options.setSecret;
  const masked = new Set<string>();
  const mask = (value: string): void => {
    if (masked.has(value)) return; // a cached token comes back on every call; register it once
    masked.add(value);
    maskSecret(value, setSecret);
  };
  const identity = await import('@azure/identity');
  const hostOptions = authorityHost === undefined ? {} : { authorityHost, disableInstanceDiscovery: !KNOWN_AUTHORITY_HOSTS.has(new URL(authorityHost).host) };
  const context = { tenantId, clientId, authorityHost: authorityHost ?? PUBLIC_AUTHORITY_HOST, method: tenantId && clientId ? ('github-oidc' as const) : ('azure-login' as const) };

  if (tenantId !== undefined && clientId !== undefined) {
    const fetchToken = options.getIdToken ?? githubIdToken;
    let cached: { token: string; until: number } | undefined;
    let assertionError: unknown;
    const getAssertion = async (): Promise<string> => {
      if (cached && Date.now() < cached.until) return cached.token;
      try {
        const token = await fetchToken(TOKEN_EXCHANGE_AUDIENCE);
        mask(token);
        const exp = decodeJwtClaims(token)?.['exp'];
        // Reuse a token until a minute before it expires: MSAL asks for one on every sign-in.
        cached = { token, until: typeof exp === 'number' ? exp * 1000 - 60_000 : Date.now() };
        return token;
      } catch (error: unknown) {
        assertionError = error;
        throw error;
      }
    };
    const inner = new identity.ClientAssertionCredential(tenantId, clientId, getAssertion, { ...options.clientOptions, ...hostOptions });
    const subject = (): string | undefined => {
      const sub = cached ? decodeJwtClaims(cached.token)?.['sub'] : undefined;
      return typeof sub === 'string' ? sub : undefined;
    };
    return {
      credential: explaining(inner, () => ({ ...context, subject: subject(), assertionError }), mask),
      method: 'github-oidc',
      description: `GitHub OIDC as app ${clientId} in tenant ${tenantId}`,
    };
  }
  const inner = new identity.ChainedTokenCredential(
    new identity.AzureCliCredential({ ...options.clientOptions }),
    new identity.DefaultAzureCredential({ ...options.clientOptions, ...hostOptions }),
  );
  return { credential: explaining(inner, () => context, mask), method: 'azure-login', description: 'the Azure CLI / default credential chain (azure/login)' };
}

/** A credential that masks each token and turns failures into explained errors. */
function explaining(inner: TokenCredential, context: () => Parameters<typeof explainAzureAuthError>[1], mask: (value: string) => void): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      try {
        const token = await inner.getToken(scopes, options);
        if (token) mask(token.token);
        return token;
      } catch (error: unknown) {
        throw explainAzureAuthError(error, { ...context(), scopes: Array.isArray(scopes) ? scopes : [scopes] });
      }
    },
  };
}

/** The `.default` scope of an ARM endpoint (`https://management.azure.com/.default`). */
export function armScope(endpoint: string = PUBLIC_ARM_ENDPOINT): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}

/** Where ARM is. */
export interface ArmOptions {
  /** ARM endpoint (default the public cloud's). */
  endpoint?: string;
  clientOptions?: AzureClientOptions;
}

/** The Flexible Server management client for `subscriptionId` at `endpoint`. */
export async function flexibleServerClient(credential: TokenCredential, subscriptionId: string, options: ArmOptions = {}): Promise<PostgreSQLManagementFlexibleServerClient> {
  const { PostgreSQLManagementFlexibleServerClient } = await import('@azure/arm-postgresql-flexible');
  const endpoint = (options.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
  return new PostgreSQLManagementFlexibleServerClient(credential, subscriptionId, {
    endpoint,
    credentialScopes: [armScope(endpoint)],
    userAgentOptions: { userAgentPrefix: 'branch-env-actions' },
    ...options.clientOptions,
  });
}

/** An ARM answer with status >= 400, shaped like the SDK's RestError (`statusCode`, `code`). */
export class ArmRequestError extends Error {
  readonly statusCode: number;
  readonly code: string;
  /** The answer's headers (lower-case names), e.g. `retry-after`. */
  readonly headers: Record<string, string>;

  constructor(statusCode: number, code: string, message: string, headers: Record<string, string>) {
    super(message);
    this.name = 'ArmRequestError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * Plain ARM JSON requests for resource types without an SDK in the suite (managed identity
 * federated credentials), over the Azure pipeline: bearer token for the endpoint's scope,
 * retries of 429/5xx and dropped connections, TLS options.
 */
export class ArmRestClient {
  private readonly send: (method: string, url: string, body: string | undefined) => Promise<{ status: number; text: string; headers: Record<string, string> }>;
  /** The ARM endpoint, without a trailing slash. */
  readonly endpoint: string;

  private constructor(endpoint: string, send: ArmRestClient['send']) {
    this.endpoint = endpoint;
    this.send = send;
  }

  /** A client for `endpoint` (default the public cloud) signed in with `credential`. */
  static async create(credential: TokenCredential, options: ArmOptions = {}): Promise<ArmRestClient> {
    const rest = await import('@azure/core-rest-pipeline');
    const endpoint = (options.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
    const pipeline = rest.createPipelineFromOptions({ ...options.clientOptions, userAgentOptions: { userAgentPrefix: 'branch-env-actions' } });
    pipeline.addPolicy(rest.bearerTokenAuthenticationPolicy({ credential, scopes: armScope(endpoint) }));
    const http = rest.createDefaultHttpClient();
    return new ArmRestClient(endpoint, async (method, url, body) => {
      const request = rest.createPipelineRequest({
        url,
        method: method as 'GET',
        headers: rest.createHttpHeaders({ accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }),
        ...(body === undefined ? {} : { body }),
      });
      const response = await pipeline.sendRequest(http, request);
      return { status: response.status, text: response.bodyAsText ?? '', headers: response.headers.toJSON() };
    });
  }

  /**
   * Sends `method` to `path` (starting `/subscriptions/...`) with `api-version`; returns the
   * status and parsed JSON body. 404 is returned (`body` undefined) when `allowNotFound`.
   * @throws ArmRequestError for any other status >= 400, with ARM's error code and message.
   */
  async request(method: 'GET' | 'PUT' | 'DELETE', path: string, apiVersion: string, options: { body?: unknown; allowNotFound?: boolean } = {}): Promise<{ status: number; body: unknown }> {
    const url = `${this.endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`;
    const response = await this.send(method, url, options.body === undefined ? undefined : JSON.stringify(options.body));
    let body: unknown;
    try {
      body = response.text ? JSON.parse(response.text) : undefined;
    } catch {
      body = response.text;
    }
    if (response.status === 404 && options.allowNotFound) return { status: 404, body: undefined };
    if (response.status >= 400) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof error?.code === 'string' ? error.code : `HTTP${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : errorMessage(body ?? `HTTP ${response.status}`);
      throw new ArmRequestError(response.status, code, message, response.headers);
    }
    return { status: response.status, body };
  }
}

/** The claims of a JWT (not verified), or undefined when `token` is not one. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link explainAzureAuthError} knows about the sign-in. */
export interface AuthContext {
  method: 'github-oidc' | 'azure-login';
  tenantId?: string | undefined;
  clientId?: string | undefined;
  authorityHost: string;
  /** The `sub` claim of the GitHub OIDC token presented, when one was fetched. */
  subject?: string | undefined;
  /** The failure of the last GitHub OIDC token request, if it failed. */
  assertionError?: unknown;
  scopes?: string[];
}

/** Messages of an error, its causes and aggregated errors, joined. */
function allMessages(error: unknown): string {
  const parts: string[] = [];
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < 16; i += 1) {
    const current = queue[i];
    parts.push(errorMessage(current));
    if (current instanceof Error && current.cause !== undefined) queue.push(current.cause);
    const errors = (current as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return parts.join(' | ');
}

/** The first sentence of the AADSTS description, without trace and correlation ids. */
function aadstsText(text: string, code: string): string {
  const at = text.indexOf(`AADSTS${code}:`);
  const rest = at < 0 ? text : text.slice(at);
  return rest.split(/ Trace ID:| Timestamp:|\r?\n/)[0]?.trim() ?? rest;
}

/**
 * Turns a sign-in failure into a {@link UserError} that says what to change, or returns the
 * error unchanged when it is not the user's to fix (a transient fault). Covers the GitHub OIDC
 * token request (missing `id-token: write`), AADSTS700213 (no federated credential for the
 * subject GitHub presented: the subject is named, with where to add it), 700016 (unknown
 * client id), 7000215 (wrong client secret), 90002 and MSAL's `endpoints_resolution_error`
 * (unknown tenant or wrong authority host), 700211/700212 (issuer/audience), 700024
 * (expired assertion), 500011 (resource unknown in the cloud), any other AADSTS code, and an
 * empty Azure CLI / default credential chain.
 */
export function explainAzureAuthError(error: unknown, ctx: AuthContext): unknown {
  if (error instanceof UserError) return error;
  const text = allMessages(error);
  const app = ctx.clientId ?? '(unknown)';
  const tenant = ctx.tenantId ?? '(unknown)';
  const explained = (message: string, fix: string): UserError => new UserError(message, { fix, cause: error });
  const oidcFailure = ctx.assertionError === undefined ? '' : errorMessage(ctx.assertionError);
  if (/ACTIONS_ID_TOKEN_REQUEST_URL|ACTIONS_ID_TOKEN_REQUEST_TOKEN/.test(`${oidcFailure} ${text}`)) {
    return explained('This job cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set.', "Add `permissions: id-token: write` to the job (workflows from forks never get one), or leave `client-id` and `tenant-id` empty to use a preceding azure/login step's credential.");
  }
  if (oidcFailure !== '' && /Failed to get ID Token/i.test(oidcFailure)) {
    return explained(`GitHub refused the OIDC token request: ${oidcFailure.replace(/\s+/g, ' ').trim()}.`, 'Check `permissions: id-token: write` on the job; re-run if GitHub had an outage.');
  }
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  const where = `app ${app} in tenant ${tenant}`;
  switch (code) {
    case '700213': {
      const subject = ctx.subject ?? /subject '([^']*)'/.exec(text)?.[1] ?? '(unknown)';
      const params = JSON.stringify({ name: 'github-<branch>', issuer: 'https://token.actions.githubusercontent.com', subject, audiences: [TOKEN_EXCHANGE_AUDIENCE] });
      return explained(
        `Microsoft Entra ID has no federated credential on ${where} for the subject GitHub presented: ${JSON.stringify(subject)} (AADSTS700213).`,
        `Add one for exactly that subject: Entra ID > App registrations > ${app} > Certificates & secrets > Federated credentials > Add (GitHub Actions), or \`az ad app federated-credential create --id ${app} --parameters '${params}'\`. The subject names the branch, pull request, tag or \`environment:\` of the job, so add one per branch pattern you deploy from, or use an environment.`,
      );
    }
    case '700016':
      return explained(`App (client-id) ${app} does not exist in tenant ${tenant} (AADSTS700016).`, "Check `client-id` (the app registration's Application (client) ID) and `tenant-id` (its Directory (tenant) ID).");
    case '7000215':
      return explained(`Microsoft Entra ID rejected the client secret of ${where} (AADSTS7000215: invalid client secret).`, 'Update the secret used by azure/login (it may have expired), or sign in with GitHub OIDC: give `client-id` and `tenant-id` and grant `id-token: write`.');
    case '90002':
      return explained(`Tenant ${tenant} was not found at ${ctx.authorityHost} (AADSTS90002).`, 'Check `tenant-id`, and `authority-host` for a sovereign cloud (e.g. https://login.microsoftonline.us).');
    case '700211':
      return explained(`The federated credentials of ${where} do not trust the issuer GitHub presented (AADSTS700211).`, 'Set the federated credential\'s issuer to https://token.actions.githubusercontent.com (or your GitHub Enterprise issuer).');
    case '700212':
      return explained(`The federated credentials of ${where} do not accept the audience ${TOKEN_EXCHANGE_AUDIENCE} (AADSTS700212).`, `Set the federated credential's audience to ${TOKEN_EXCHANGE_AUDIENCE}.`);
    case '700024':
      return explained(`The GitHub OIDC token was outside its validity period when Entra ID checked it (AADSTS700024).`, "Re-run the job; check the runner's clock if it keeps happening.");
    case '500011':
      return explained(`Tenant ${tenant} does not know the resource asked for (${(ctx.scopes ?? []).join(' ')}) (AADSTS500011).`, '`arm-endpoint` and `authority-host` must belong to the same cloud (e.g. https://management.usgovcloudapi.net with https://login.microsoftonline.us).');
    case undefined:
      break;
    default:
      return explained(`Microsoft Entra ID refused the sign-in of ${where}: ${aadstsText(text, code)}`, 'See https://login.microsoftonline.com/error?code=' + code + ' for this code.');
  }
  if (/endpoints_resolution_error/.test(text)) {
    return explained(`Cannot find tenant ${tenant} at ${ctx.authorityHost}: Entra ID did not serve its OpenID configuration (unknown tenant, or the wrong authority host).`, 'Check `tenant-id`, and `authority-host` (only for sovereign clouds or emulators; https and reachable from the runner).');
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (ctx.method === 'azure-login' && (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError')) {
    return explained(`No Azure credential is available: ${text.split(' | ')[0] ?? text}`, 'Give `client-id` and `tenant-id` to sign in with GitHub OIDC (the job needs `permissions: id-token: write`), or run azure/login before this step.');
  }
  return error;
}

/** What {@link explainArmError} says about the request that failed. */
export interface ArmErrorContext {
  subscriptionId: string;
  resourceGroup: string;
  /** The resource asked for, e.g. `Flexible Server "psql-x"`. */
  resource: string;
  /** What to check when the resource does not exist, e.g. "Check the `server` input.". */
  notFoundFix: string;
  /** The permission needed, for 403 answers, e.g. `Microsoft.DBforPostgreSQL/flexibleServers/databases/write`. */
  permission?: string;
}

/**
 * Turns ARM's permanent answers into {@link UserError}s: a missing subscription, resource
 * group or resource (404), a missing role assignment (403 AuthorizationFailed), a refused
 * token (401). Other errors (throttling, busy, 5xx) are returned unchanged.
 */
export function explainArmError(error: unknown, ctx: ArmErrorContext): unknown {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : errorMessage(error);
  const explained = (text: string, fix: string): UserError => new UserError(text, { fix, cause: error });
  if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') {
    return explained(`Subscription ${ctx.subscriptionId} was not found (ARM ${code}: ${message}).`, 'Check `subscription-id`, and that the signed-in identity has a role in it.');
  }
  if (code === 'ResourceGroupNotFound') {
    return explained(`Resource group ${JSON.stringify(ctx.resourceGroup)} does not exist in subscription ${ctx.subscriptionId} (ARM ResourceGroupNotFound).`, 'Check `resource-group` and `subscription-id`.');
  }
  if (status === 404 || code === 'ResourceNotFound' || code === 'NotFound') {
    return explained(`${ctx.resource} was not found in resource group ${JSON.stringify(ctx.resourceGroup)} (ARM ${code || status}: ${message}).`, ctx.notFoundFix);
  }
  if (status === 403 || code === 'AuthorizationFailed' || code === 'LinkedAuthorizationFailed') {
    return explained(`The signed-in identity may not do this on ${ctx.resource} (ARM ${code || status}: ${message}).`, `Give it a role assignment that allows ${ctx.permission ?? 'the operation'} on the resource (e.g. Contributor on the resource group).`);
  }
  if (status === 401) {
    return explained(`ARM refused the access token (${code || 401}: ${message}).`, '`arm-endpoint` and `authority-host` must belong to the same cloud, and `tenant-id` must own `subscription-id`.');
  }
  return error;
}
