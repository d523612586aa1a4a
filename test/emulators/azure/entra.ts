// Microsoft Entra ID, as much as a client-assertion (workload identity
// federation) sign-in needs: the tenant's OpenID configuration, its keys, and
// the v2.0 token endpoint. Assertions are accepted only when they are tokens
// from the emulator's GitHub OIDC endpoint, for the right audience, and with a
// subject the app trusts; failures answer Entra's AADSTS errors.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Router, sendJson, type Request } from '../common/http.ts';
import { decodeJwt, nowSeconds, type JwtKey } from './jwt.ts';
import type { AzureState } from './state.ts';

/** The audience Azure requires in a federated assertion. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Resources (scope without `/.default`) the tenant issues tokens for, mapped to the `aud` claim. */
export const KNOWN_RESOURCES: Readonly<Record<string, string>> = {
  'https://management.azure.com': 'https://management.azure.com',
  'https://management.azure.com/': 'https://management.azure.com/',
  'https://management.core.windows.net': 'https://management.core.windows.net',
  'https://management.core.windows.net/': 'https://management.core.windows.net/',
  'https://ossrdbms-aad.database.windows.net': 'https://ossrdbms-aad.database.windows.net',
};

export interface EntraContext {
  state: AzureState;
  /** Signs the access tokens the tenant issues. */
  tokenKey: JwtKey;
  /** Key of the GitHub OIDC issuer, to check assertions. */
  githubKey: JwtKey;
  /** `iss` of GitHub OIDC tokens. */
  githubIssuer: string;
  /** Base URL of the emulator (the authority host). */
  baseUrl: string;
}

function aadError(req: Request, res: http.ServerResponse, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  const header = req.headers['client-request-id'];
  const correlationId = typeof header === 'string' && header ? header : randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

function unknownTenant(req: Request, res: http.ServerResponse, tenant: string, error: string): void {
  aadError(
    req,
    res,
    400,
    error,
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

function hasAudience(aud: unknown, wanted: string): boolean {
  return aud === wanted || (Array.isArray(aud) && aud.includes(wanted));
}

/** Adds the Entra routes to a router. */
export function addEntraRoutes(router: Router, ctx: EntraContext): void {
  const { state } = ctx;
  const isTenant = (tenant: string) => tenant.toLowerCase() === state.ids.tenantId.toLowerCase();

  router.add('GET', '/{tenant}/v2.0/.well-known/openid-configuration', (req, res, { tenant = '' }) => {
    if (!isTenant(tenant)) return unknownTenant(req, res, tenant, 'invalid_tenant');
    const base = `${ctx.baseUrl}/${state.ids.tenantId}`;
    sendJson(res, 200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${ctx.baseUrl}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  });

  router.add('GET', '/{tenant}/discovery/v2.0/keys', (req, res, { tenant = '' }) => {
    if (!isTenant(tenant)) return unknownTenant(req, res, tenant, 'invalid_tenant');
    sendJson(res, 200, ctx.tokenKey.jwks());
  });

  router.add('POST', '/{tenant}/oauth2/v2.0/token', (req, res, { tenant = '' }) => {
    if (!isTenant(tenant)) return unknownTenant(req, res, tenant, 'invalid_request');
    const form = new URLSearchParams(req.body.toString('utf8'));
    const clientId = form.get('client_id') ?? '';
    const grantType = form.get('grant_type');
    if (grantType !== 'client_credentials') {
      return aadError(req, res, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
    }
    if (clientId.toLowerCase() !== state.ids.clientId.toLowerCase()) {
      return aadError(
        req,
        res,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${state.ids.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    const assertion = form.get('client_assertion');
    if (!assertion || form.get('client_assertion_type') !== JWT_BEARER) {
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    const token = decodeJwt(assertion);
    if (!token) return aadError(req, res, 401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
    const { claims } = token;
    if (claims.iss !== ctx.githubIssuer) {
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        700211,
        `No matching federated identity record found for presented assertion issuer '${String(claims.iss)}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
      );
    }
    if (!ctx.githubKey.verifies(token)) {
      return aadError(req, res, 401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    }
    if (!hasAudience(claims.aud, TOKEN_EXCHANGE_AUDIENCE)) {
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        700212,
        `No matching federated identity record found for presented assertion audience '${JSON.stringify(claims.aud)}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
      );
    }
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (state.allowedSubjects && !state.allowedSubjects.includes(subject) && state.allowedSubjects.some((s) => s.toLowerCase() === subject.toLowerCase())) {
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        7002138,
        `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation.`,
      );
    }
    if (state.allowedSubjects && !state.allowedSubjects.includes(subject)) {
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        700213,
        `No matching federated identity record found for presented assertion subject '${subject}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
      );
    }
    const now = nowSeconds();
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    const nbf = typeof claims.nbf === 'number' ? claims.nbf : 0;
    if (exp <= now || nbf > now + 300) {
      const iso = (s: number) =>
        new Date(s * 1000)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, 'Z');
      return aadError(
        req,
        res,
        401,
        'invalid_client',
        700024,
        `Client assertion is not within its valid time range. Current time: ${iso(now)}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
      );
    }
    const scope = (form.get('scope') ?? '').split(' ').find((s) => s.endsWith('/.default'));
    const resource = scope?.slice(0, -'/.default'.length) ?? '';
    // The emulator is also the ARM endpoint of its own "cloud": a client whose
    // `endpoint` is the emulator asks for `${endpoint}/.default`, as in a sovereign cloud.
    const aud = KNOWN_RESOURCES[resource] ?? (resource.replace(/\/$/, '') === ctx.baseUrl ? resource : undefined);
    if (!aud) {
      return aadError(
        req,
        res,
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource || form.get('scope') || '(none)'} was not found in the tenant named ${state.ids.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }
    const lifetime = 3599;
    const accessToken = ctx.tokenKey.sign({
      aud,
      iss: `https://sts.windows.net/${state.ids.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: state.ids.clientId,
      appidacr: '2',
      idp: `https://sts.windows.net/${state.ids.tenantId}/`,
      idtyp: 'app',
      oid: state.ids.clientId,
      sub: state.ids.clientId,
      tid: state.ids.tenantId,
      uti: randomUUID(),
      ver: '1.0',
      xms_fed_sub: subject,
    });
    sendJson(res, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
  });
}
