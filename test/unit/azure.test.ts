// Pure parts of shared/azure/login.ts: input checks, JWT claims, and the explanations of Entra and
// ARM failures (error shapes as @azure/identity and the ARM SDK raise them; the integration
// test provision-db-azure.test.ts gets the same errors from the real libraries).
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { armScope } from '../../shared/azure/arm.ts';
import { azureLogin, httpsUrl } from '../../shared/azure/login.ts';
import { decodeJwtClaims, explainArmError, explainAzureAuthError, type AuthContext } from '../../shared/azure/errors.ts';

const APP = '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f';
const TENANT = '5b6c1e4a-2f3d-4a8b-9c7e-1d2f3a4b5c6d';
const oidc: AuthContext = { method: 'github-oidc', tenantId: TENANT, clientId: APP, authorityHost: 'https://login.microsoftonline.com' };

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

function identityError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

function explained(error: unknown, ctx: AuthContext = oidc): UserError {
  const result = explainAzureAuthError(error, ctx);
  expect(result).toBeInstanceOf(UserError);
  return result as UserError;
}

describe('sign-in inputs', () => {
  it('wants client-id and tenant-id together, as GUIDs (tenant also as a domain)', async () => {
    await expect(azureLogin({ clientId: APP })).rejects.toThrow(/Input `tenant-id` is missing/);
    await expect(azureLogin({ tenantId: TENANT })).rejects.toThrow(/Input `client-id` is missing/);
    await expect(azureLogin({ tenantId: TENANT, clientId: 'my-app' })).rejects.toThrow(/`client-id` must be a GUID, got "my-app"/);
    await expect(azureLogin({ tenantId: 'not a tenant', clientId: APP })).rejects.toThrow(/`tenant-id` must be a GUID or a domain/);
    await expect(azureLogin({ tenantId: 'contoso.onmicrosoft.com', clientId: APP })).resolves.toMatchObject({ method: 'github-oidc' });
  });

  it('wants an https authority host', async () => {
    await expect(azureLogin({ tenantId: TENANT, clientId: APP, authorityHost: 'http://127.0.0.1:1' })).rejects.toThrow(/`authority-host` must be an https URL/);
    expect(httpsUrl('https://login.microsoftonline.us/', 'authority-host', 'x')).toBe('https://login.microsoftonline.us');
    expect(() => httpsUrl('login.microsoftonline.us', 'authority-host', 'x')).toThrow(UserError);
    expect(() => httpsUrl('https://h/?q=1', 'arm-endpoint', 'x')).toThrow(/`arm-endpoint`/);
  });

  it('uses the azure/login chain when no ids are given', async () => {
    const login = await azureLogin({});
    expect(login.method).toBe('azure-login');
  });

  it('derives the ARM scope from the endpoint', () => {
    expect(armScope()).toBe('https://management.azure.com/.default');
    expect(armScope('https://management.usgovcloudapi.net/')).toBe('https://management.usgovcloudapi.net/.default');
  });
});

describe('JWT claims', () => {
  it('decodes the payload without verifying', () => {
    expect(decodeJwtClaims(jwt({ sub: 'repo:o/r:ref:refs/heads/x', exp: 5 }))).toEqual({ sub: 'repo:o/r:ref:refs/heads/x', exp: 5 });
    expect(decodeJwtClaims('not-a-jwt')).toBeUndefined();
    expect(decodeJwtClaims('a.bm90IGpzb24.c')).toBeUndefined();
  });
});

describe('explaining Entra failures', () => {
  const aadsts = (code: number, text: string) =>
    identityError(
      'AuthenticationRequiredError',
      `invalid_client: Error(s): ${code} - Timestamp: 2026-11-22 09:35:07Z - Description: AADSTS${code}: ${text} Trace ID: t Correlation ID: c Timestamp: 2026-11-22 09:35:07Z`,
    );

  it('AADSTS700213 names the subject GitHub presented and where to add it', () => {
    const error = explained(aadsts(700213, "No matching federated identity record found for presented assertion subject 'repo:o/r:ref:refs/heads/x'."), {
      ...oidc,
      subject: 'repo:octo-org/shop:ref:refs/heads/feature/login',
    });
    expect(error.message).toContain('"repo:octo-org/shop:ref:refs/heads/feature/login" (AADSTS700213)');
    expect(error.message).toContain(`app ${APP}`);
    expect(error.fix).toContain(`App registrations > ${APP} > Certificates & secrets > Federated credentials`);
    expect(error.fix).toContain('"subject":"repo:octo-org/shop:ref:refs/heads/feature/login"');
    expect(error.fix).toContain('az ad app federated-credential create');
  });

  it.each([
    ['name form', 'repo:Octo-Org/shop:ref:refs/heads/feature/login', false],
    ['immutable form', 'repo:Octo-Org@1000001/shop@2000002:ref:refs/heads/feature/login', true],
  ])('AADSTS7002138 (%s) gets the same exact-subject help, says only letter case differs, and names the immutable form', (_form, subject, immutable) => {
    const error = explained(
      aadsts(
        7002138,
        `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.`,
      ),
      { ...oidc, subject },
    );
    expect(error.message).toContain(`${JSON.stringify(subject)} (AADSTS7002138)`);
    expect(error.message).toContain('except for letter case');
    expect(error.message.includes('immutable subject form')).toBe(immutable);
    expect(error.fix).toContain('Add one for exactly that subject');
    expect(error.fix).toContain(JSON.stringify(subject).slice(1, -1));
  });

  it("AADSTS700213 falls back to the subject in Entra's message", () => {
    expect(
      explained(aadsts(700213, "No matching federated identity record found for presented assertion subject 'repo:o/r:environment:preview'.")).message,
    ).toContain('"repo:o/r:environment:preview"');
  });

  it.each([
    [700016, "Application with identifier 'x' was not found in the directory 'y'.", /App \(client-id\) .* does not exist in tenant/, /`client-id`/],
    [7000215, 'Invalid client secret provided.', /rejected the client secret/, /azure\/login/],
    [90002, "Tenant 'x' not found.", /Tenant .* was not found at https:\/\/login.microsoftonline.com/, /`authority-host`/],
    [700211, 'No matching federated identity record found for presented assertion issuer.', /do not trust the issuer/, /token.actions.githubusercontent.com/],
    [700212, 'No matching federated identity record found for presented assertion audience.', /audience api:\/\/AzureADTokenExchange/, /audience/],
    [700024, 'Client assertion is not within its valid time range.', /validity period/, /clock/],
    [500011, 'The resource principal named https://x was not found.', /does not know the resource/, /same cloud/],
    [50126, 'Error validating credentials.', /refused the sign-in .*: AADSTS50126: Error validating credentials\.$/, /code=50126/],
  ])('AADSTS%s is explained', (code, text, message, fix) => {
    const error = explained(aadsts(code, text));
    expect(error.message).toMatch(message);
    expect(error.fix).toMatch(fix);
  });

  it("an unknown tenant hidden behind MSAL's endpoints_resolution_error", () => {
    const error = explained(
      identityError('CredentialUnavailableError', 'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details'),
    );
    expect(error.message).toContain(`Cannot find tenant ${TENANT}`);
  });

  it('a job without id-token: write', () => {
    const error = explained(new Error('wrapped'), {
      ...oidc,
      assertionError: new Error('Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable'),
    });
    expect(error.message).toContain('cannot request a GitHub OIDC token');
    expect(error.fix).toContain('id-token: write');
  });

  it('an empty azure/login chain', () => {
    const error = explained(identityError('CredentialUnavailableError', 'ChainedTokenCredential authentication failed.'), {
      method: 'azure-login',
      authorityHost: 'https://login.microsoftonline.com',
    });
    expect(error.message).toContain('No Azure credential is available');
    expect(error.fix).toContain('run azure/login before this step');
  });

  it('leaves transient failures alone, for retry', () => {
    const error = Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    expect(explainAzureAuthError(error, oidc)).toBe(error);
  });
});

describe('explaining ARM failures', () => {
  const ctx = {
    subscriptionId: 'sub',
    resourceGroup: 'rg-x',
    resource: 'Flexible Server "psql-x"',
    notFoundFix: 'Check `server`.',
    permission: 'databases/write',
  };
  const rest = (statusCode: number, code: string, message: string) => Object.assign(new Error(message), { name: 'RestError', statusCode, code });

  it.each([
    [404, 'ResourceGroupNotFound', "Resource group 'rg-x' could not be found.", /Resource group "rg-x" does not exist in subscription sub/, /`resource-group`/],
    [
      404,
      'ResourceNotFound',
      "The Resource 'Microsoft.DBforPostgreSQL/flexibleServers/psql-x' under resource group 'rg-x' was not found.",
      /Flexible Server "psql-x" was not found in resource group "rg-x"/,
      /`server`/,
    ],
    [404, 'SubscriptionNotFound', "The subscription 'sub' could not be found.", /Subscription sub was not found/, /`subscription-id`/],
    [403, 'AuthorizationFailed', 'The client does not have authorization.', /may not do this on Flexible Server/, /databases\/write/],
    [401, 'InvalidAuthenticationTokenAudience', 'The access token has an invalid audience.', /ARM refused the access token/, /same cloud/],
  ])('%s %s', (status, code, message, what, fix) => {
    const error = explainArmError(rest(status, code, message), ctx);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(what);
    expect((error as UserError).fix).toMatch(fix);
  });

  it('leaves busy and throttled answers alone', () => {
    const busy = rest(409, 'ServerBusy', 'busy');
    expect(explainArmError(busy, ctx)).toBe(busy);
    const throttled = rest(429, 'TooManyRequests', 'slow down');
    expect(explainArmError(throttled, ctx)).toBe(throttled);
  });
});
