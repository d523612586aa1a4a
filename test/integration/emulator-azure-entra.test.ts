// Fidelity of the emulator's GitHub OIDC endpoint and Entra token endpoint,
// proven with the real @azure/identity ClientAssertionCredential.
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorCredential, fetchOidcToken } from '../emulators/azure/clients.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { JwtKey, decodeJwt, nowSeconds } from '../emulators/azure/jwt.ts';

let az: AzureEmulator;

beforeAll(async () => {
  az = await startAzureEmulator({ repository: 'octo-org/shop' });
});
afterAll(async () => {
  await az?.close();
});
beforeEach(() => {
  az.setBranch('main');
  az.setAllowedSubjects(undefined);
  az.setOidcClaims({});
  az.faults.clear();
});

function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: az.caPem }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      })
      .on('error', reject);
  });
}

function claimsOf(token: string): Record<string, unknown> {
  const decoded = decodeJwt(token);
  if (!decoded) throw new Error(`not a JWT: ${token}`);
  return decoded.claims;
}

describe('GitHub Actions OIDC endpoint', () => {
  it('issues a token for the requested audience, verifiable with the issuer keys', async () => {
    az.setBranch('feature/login');
    const token = await fetchOidcToken(az, 'api://AzureADTokenExchange');
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      sub: 'repo:octo-org/shop:ref:refs/heads/feature/login',
      aud: 'api://AzureADTokenExchange',
      repository: 'octo-org/shop',
      ref: 'refs/heads/feature/login',
      iss: az.oidcIssuer,
    });
    expect(claims.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(claims.exp).toBeGreaterThan(nowSeconds());

    const discovery = await getJson(`${az.oidcIssuer}/.well-known/openid-configuration`);
    expect(discovery.body.issuer).toBe(az.oidcIssuer);
    const jwks = await getJson(String(discovery.body.jwks_uri));
    const [jwk] = jwks.body.keys as JsonWebKey[];
    const [head = '', body = '', signature = ''] = token.split('.');
    const ok = verify('sha256', Buffer.from(`${head}.${body}`), createPublicKey({ key: jwk!, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    expect(ok).toBe(true);
  });

  it('answers 401 to a wrong request token', async () => {
    await expect(fetchOidcToken(az, 'api://AzureADTokenExchange', 'not-the-token')).rejects.toThrow(/401/);
  });
});

describe('Entra token endpoint through ClientAssertionCredential', () => {
  it('serves the OpenID configuration MSAL needs, with an issuer on the authority host', async () => {
    const { status, body } = await getJson(`${az.authorityHost}/${az.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body.token_endpoint).toBe(`${az.authorityHost}/${az.tenantId}/oauth2/v2.0/token`);
    expect(String(body.issuer).startsWith(az.authorityHost)).toBe(true);
    expect(body).toHaveProperty('authorization_endpoint');
    expect(body).toHaveProperty('jwks_uri');
  });

  it('exchanges the GitHub token for ARM and PostgreSQL access tokens', async () => {
    const credential = emulatorCredential(az);
    const arm = await credential.getToken('https://management.azure.com/.default');
    expect(claimsOf(arm.token)).toMatchObject({ aud: 'https://management.azure.com', tid: az.tenantId, appid: az.clientId });
    expect(arm.expiresOnTimestamp).toBeGreaterThan(Date.now());
    const pg = await credential.getToken('https://ossrdbms-aad.database.windows.net/.default');
    expect(claimsOf(pg.token).aud).toBe('https://ossrdbms-aad.database.windows.net');
    expect(az.requests.count('POST', /\/oauth2\/v2\.0\/token$/)).toBeGreaterThanOrEqual(2);
  });

  it('surfaces AADSTS700213 when no federated credential matches the subject', async () => {
    az.setAllowedSubjects(['repo:octo-org/shop:ref:refs/heads/main']);
    az.setBranch('x');
    const attempt = emulatorCredential(az).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(
      /AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org\/shop:ref:refs\/heads\/x'/,
    );
    az.setBranch('main');
    const token = await emulatorCredential(az).getToken('https://management.azure.com/.default');
    expect(claimsOf(token.token).xms_fed_sub).toBe('repo:octo-org/shop:ref:refs/heads/main');
  });

  it('issues the immutable sub form on request, and answers AADSTS7002138 for a subject that differs only in letter case', async () => {
    try {
      az.setSubjectForm('immutable');
      az.setBranch('feature/x');
      const claims = claimsOf(await fetchOidcToken(az));
      expect(claims.sub).toBe(`repo:octo-org@${String(claims.repository_owner_id)}/shop@${String(claims.repository_id)}:ref:refs/heads/feature/x`);
      az.setAllowedSubjects([String(claims.sub).replace('octo-org', 'Octo-Org')]);
      const attempt = emulatorCredential(az).getToken('https://management.azure.com/.default');
      await expect(attempt).rejects.toThrow(
        /AADSTS7002138: No matching federated identity record found for presented assertion subject 'repo:octo-org@\d+\/shop@\d+:ref:refs\/heads\/feature\/x'\. The subject matches with case-insensitive comparison, but not with case-sensitive comparison\./,
      );
      az.setAllowedSubjects([String(claims.sub)]);
      expect(claimsOf((await emulatorCredential(az).getToken('https://management.azure.com/.default')).token).xms_fed_sub).toBe(claims.sub);
    } finally {
      az.setSubjectForm('name');
      az.setAllowedSubjects(undefined);
      az.setBranch('main');
    }
  });

  it('rejects an unknown client id with AADSTS700016', async () => {
    const attempt = emulatorCredential(az, { clientId: '11111111-2222-4333-8444-555555555555' }).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(/AADSTS700016: Application with identifier '11111111-2222-4333-8444-555555555555' was not found/);
  });

  it('rejects an unknown tenant (AADSTS90002 at the discovery document)', async () => {
    const tenant = '99999999-8888-4777-8666-555555555555';
    const { status, body } = await getJson(`${az.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(400);
    expect(body.error_codes).toEqual([90002]);
    // MSAL reports a discovery failure without the server's reason, as with the real cloud.
    const attempt = emulatorCredential(az, { tenantId: tenant }).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(/endpoints_resolution_error/);
  });

  it('rejects an expired assertion with AADSTS700024', async () => {
    const expired = az.mintOidcToken(undefined, { exp: nowSeconds() - 60 });
    const attempt = emulatorCredential(az, { getAssertion: () => Promise.resolve(expired) }).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(/AADSTS700024: Client assertion is not within its valid time range/);
  });

  it('rejects an assertion for another audience with AADSTS700212', async () => {
    const token = az.mintOidcToken('https://github.com/octo-org');
    const attempt = emulatorCredential(az, { getAssertion: () => Promise.resolve(token) }).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(/AADSTS700212/);
  });

  it('rejects an assertion the OIDC endpoint did not sign', async () => {
    const claims = claimsOf(az.mintOidcToken());
    const forged = new JwtKey().sign(claims);
    const attempt = emulatorCredential(az, { getAssertion: () => Promise.resolve(forged) }).getToken('https://management.azure.com/.default');
    await expect(attempt).rejects.toThrow(/AADSTS700027/);
    const foreign = new JwtKey().sign({ ...claims, iss: 'https://token.actions.githubusercontent.com' });
    const attempt2 = emulatorCredential(az, { getAssertion: () => Promise.resolve(foreign) }).getToken('https://management.azure.com/.default');
    await expect(attempt2).rejects.toThrow(/AADSTS700211/);
  });

  it('rejects a scope for an unknown resource with AADSTS500011', async () => {
    const attempt = emulatorCredential(az).getToken('https://vault.azure.net/.default');
    await expect(attempt).rejects.toThrow(/AADSTS500011/);
  });
});
