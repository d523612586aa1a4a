// Ready-made real clients pointed at a running emulator, for tests in this
// process: the GitHub OIDC token fetch (node:https trusting the emulator's
// certificate), a ClientAssertionCredential built on it, and the Flexible
// Server ARM client. All pass the certificate explicitly (`tlsOptions.ca`),
// so nothing process-wide changes.
import https from 'node:https';
import { ClientAssertionCredential, type ClientAssertionCredentialOptions, type TokenCredential } from '@azure/identity';
import { PostgreSQLManagementFlexibleServerClient, type PostgreSQLManagementFlexibleServerClientOptionalParams } from '@azure/arm-postgresql-flexible';
import type { AzureEmulator } from './index.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from './entra.ts';

/** GETs a GitHub OIDC token from the emulator as `core.getIDToken(audience)` would. */
export function fetchOidcToken(az: AzureEmulator, audience = TOKEN_EXCHANGE_AUDIENCE, requestToken = az.oidcRequestToken): Promise<string> {
  const url = `${az.oidcRequestUrl}&audience=${encodeURIComponent(audience)}`;
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca: az.caPem, headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`OIDC token request failed with ${res.statusCode ?? '?'}: ${text}`));
          return;
        }
        const body = JSON.parse(text) as { value?: unknown };
        if (typeof body.value !== 'string') reject(new Error(`OIDC token answer has no value: ${text}`));
        else resolve(body.value);
      });
    });
    req.on('error', reject);
  });
}

/**
 * A ClientAssertionCredential for the emulator's tenant and app, whose
 * assertion comes from the emulator's GitHub OIDC endpoint on every call.
 */
export function emulatorCredential(
  az: AzureEmulator,
  overrides: { tenantId?: string; clientId?: string; getAssertion?: () => Promise<string>; options?: ClientAssertionCredentialOptions } = {},
): ClientAssertionCredential {
  return new ClientAssertionCredential(
    overrides.tenantId ?? az.tenantId,
    overrides.clientId ?? az.clientId,
    overrides.getAssertion ?? (() => fetchOidcToken(az)),
    {
      authorityHost: az.authorityHost,
      disableInstanceDiscovery: true,
      ...az.clientOptions,
      ...overrides.options,
    },
  );
}

/** The Flexible Server ARM client with `endpoint` set to the emulator. */
export function flexibleServerClient(
  az: AzureEmulator,
  credential: TokenCredential = emulatorCredential(az),
  options: PostgreSQLManagementFlexibleServerClientOptionalParams = {},
): PostgreSQLManagementFlexibleServerClient {
  return new PostgreSQLManagementFlexibleServerClient(credential, az.subscriptionId, { endpoint: az.armEndpoint, ...az.clientOptions, ...options });
}
