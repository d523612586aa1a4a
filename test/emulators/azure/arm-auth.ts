// Bearer-token checks at the ARM front door: only access tokens this
// emulator's tenant issued for the management audience pass, with ARM's own
// 401 bodies and WWW-Authenticate challenge otherwise.
import type http from 'node:http';
import type { Request } from '../common/http.ts';
import { armError } from './arm-http.ts';
import { decodeJwt, nowSeconds, type JwtKey } from './jwt.ts';

/** Audiences ARM accepts. */
export const ARM_AUDIENCES: readonly string[] = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];

function challenge(authorityHost: string, tenantId: string, description: string): Record<string, string> {
  return {
    'www-authenticate': `Bearer authorization_uri="${authorityHost}/${tenantId}", error="invalid_token", error_description="${description}"`,
  };
}

/**
 * True when the request carries a valid ARM token; otherwise answers 401 in
 * ARM's shape and returns false.
 */
export function checkArmToken(req: Request, res: http.ServerResponse, key: JwtKey, tenantId: string, authorityHost: string): boolean {
  const header = req.headers.authorization;
  if (!header) {
    armError(
      res,
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      challenge(authorityHost, tenantId, "The authentication failed because of missing 'Authorization' header."),
    );
    return false;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) {
    armError(
      res,
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      challenge(authorityHost, tenantId, "The authentication failed because of invalid 'Authorization' header."),
    );
    return false;
  }
  const token = decodeJwt(m[1]!);
  if (!token || !key.verifies(token)) {
    armError(res, 401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge(authorityHost, tenantId, 'The access token is invalid.'));
    return false;
  }
  const { claims } = token;
  const audiences = [...ARM_AUDIENCES, authorityHost, `${authorityHost}/`];
  if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
    armError(
      res,
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences '${audiences.join("','")}'.`,
      challenge(authorityHost, tenantId, 'The access token has been obtained for wrong audience.'),
    );
    return false;
  }
  if (typeof claims.tid !== 'string' || claims.tid.toLowerCase() !== tenantId.toLowerCase()) {
    armError(
      res,
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${String(claims.iss)}'. It must match the tenant 'https://sts.windows.net/${tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenantId}' to get the token.`,
      challenge(authorityHost, tenantId, 'The access token is from the wrong issuer.'),
    );
    return false;
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  if (exp <= nowSeconds()) {
    const iso = (s: number) => new Date(s * 1000).toISOString();
    armError(
      res,
      401,
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${iso(exp)}' is earlier than current UTC time '${iso(nowSeconds())}'.`,
      challenge(authorityHost, tenantId, 'The access token expiry UTC time is earlier than current UTC time.'),
    );
    return false;
  }
  return true;
}
