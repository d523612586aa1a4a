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
 * - `flexibleServerClient` and `ArmRestClient` (shared/azure/arm.ts): ARM clients for an
 *   `arm-endpoint`; `explainArmError` (shared/azure/errors.ts) for missing resource groups,
 *   resources and permissions. Both are re-exported here.
 *
 * Heavy libraries (`@azure/*`, `@actions/core`) are imported when first needed.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { TOKEN_EXCHANGE_AUDIENCE, decodeJwtClaims, explainAzureAuthError } from './errors.ts';
import { UserError } from '../core/errors.ts';
import { maskSecret, type SetSecret } from '../core/secrets.ts';
import { GUID, TENANT } from './ids.ts';
import type { Deadline } from '../core/deadline.ts';
import type { Logger } from '../core/logger.ts';
import { retry } from '../core/retry.ts';
import { armScope } from './arm.ts';

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
      fix: "Give both (the app registration's Application (client) ID and Directory (tenant) ID), or neither to use the credential of a preceding azure/login step.",
    });
  }
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new UserError(`Input \`client-id\` must be a GUID, got ${JSON.stringify(clientId)}.`, { fix: "Use the app registration's Application (client) ID." });
  }
  if (tenantId !== undefined && !TENANT.test(tenantId)) {
    throw new UserError(`Input \`tenant-id\` must be a GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenantId)}.`, {
      fix: 'Use the Directory (tenant) ID.',
    });
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
  const context = {
    tenantId,
    clientId,
    authorityHost: authorityHost ?? PUBLIC_AUTHORITY_HOST,
    method: tenantId && clientId ? ('github-oidc' as const) : ('azure-login' as const),
  };

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

/** What {@link signInToAzure} needs besides the login options. */
export interface SignInOptions extends AzureLoginOptions {
  /** The ARM endpoint the first token is asked for (proves the sign-in before any work). */
  armEndpoint: string;
}

/**
 * Signs in and asks for one ARM token at once, retried under `deadline`, so a refused sign-in
 * fails the run before anything is changed, explained (see {@link azureLogin}).
 */
export async function signInToAzure(options: SignInOptions, deadline: Deadline, logger: Logger): Promise<AzureLogin> {
  const login = await azureLogin(options);
  logger.info(`Signing in to Azure with ${login.description}.`);
  await retry(() => login.credential.getToken(armScope(options.armEndpoint)), deadline.retry('Signing in to Azure'));
  return login;
}
