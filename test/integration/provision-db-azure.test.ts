// shared/azure/login.ts with the real @azure/identity, ARM SDK and core-rest-pipeline against the
// Azure emulator: GitHub OIDC sign-in, every Entra failure explained (the subject GitHub
// presented named for AADSTS700213), tokens masked, ARM clients at a custom endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArmRequestError, ArmRestClient, flexibleServerClient } from '../../shared/azure/arm.ts';
import { azureLogin, type AzureLoginOptions } from '../../shared/azure/login.ts';
import { explainArmError } from '../../shared/azure/errors.ts';
import { UserError } from '../../shared/core/errors.ts';
import { ENTRA_POSTGRES_SCOPE, entraPassword } from '../../shared/postgres/client.ts';
import { fetchOidcToken } from '../emulators/azure/clients.ts';
import { decodeJwt } from '../emulators/azure/jwt.ts';
import { startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';
import { userErrorOf } from '../helpers/provision-db.ts';

let az: AzureEmulator;
beforeAll(async () => {
  az = await startAzureEmulator({ repository: 'octo-org/shop' });
});
afterAll(async () => {
  await az?.close();
});
beforeEach(() => {
  az.setBranch('feature/login');
  az.setAllowedSubjects(undefined);
  az.faults.clear();
});

function options(over: Partial<AzureLoginOptions> = {}, masked: string[] = []): AzureLoginOptions {
  return {
    tenantId: az.tenantId,
    clientId: az.clientId,
    authorityHost: az.authorityHost,
    clientOptions: az.clientOptions,
    getIdToken: (audience) => fetchOidcToken(az, audience),
    setSecret: (value) => masked.push(value),
    ...over,
  };
}

async function signInError(over: Partial<AzureLoginOptions>): Promise<UserError> {
  const { credential } = await azureLogin(options(over));
  return userErrorOf(credential.getToken(`${az.armEndpoint}/.default`));
}

describe('GitHub OIDC sign-in', () => {
  it('gets an ARM token and masks it and the GitHub token', async () => {
    const masked: string[] = [];
    const login = await azureLogin(options({}, masked));
    expect(login.description).toContain(az.clientId);
    const token = await login.credential.getToken(`${az.armEndpoint}/.default`);
    expect(decodeJwt(token!.token)?.claims).toMatchObject({ tid: az.tenantId, xms_fed_sub: 'repo:octo-org/shop:ref:refs/heads/feature/login' });
    expect(masked).toContain(token!.token);
    expect(masked.some((value) => decodeJwt(value)?.claims.aud === 'api://AzureADTokenExchange')).toBe(true);
  });

  it('AADSTS700213 names the subject GitHub presented and where to add it', async () => {
    az.setAllowedSubjects(['repo:octo-org/shop:ref:refs/heads/main']);
    const error = await signInError({});
    expect(error.message).toBe(
      `Microsoft Entra ID has no federated credential on app ${az.clientId} in tenant ${az.tenantId} for the subject GitHub presented: "repo:octo-org/shop:ref:refs/heads/feature/login" (AADSTS700213).`,
    );
    expect(error.fix).toContain(`App registrations > ${az.clientId}`);
  });

  it('explains an unknown client id and an unknown tenant', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    expect((await signInError({ clientId: other })).message).toBe(`App (client-id) ${other} does not exist in tenant ${az.tenantId} (AADSTS700016).`);
    expect((await signInError({ tenantId: other })).message).toContain(`Cannot find tenant ${other} at ${az.authorityHost}`);
  });

  it('explains a job without an OIDC token', async () => {
    const error = await signInError({ getIdToken: () => Promise.reject(new Error('Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable')) });
    expect(error.fix).toContain('id-token: write');
  });

  it('gets a token for Entra sign-in to PostgreSQL', async () => {
    const masked: string[] = [];
    const { credential } = await azureLogin(options({}, masked));
    const password = await entraPassword(credential, (token) => masked.push(`pg:${token}`))();
    expect(decodeJwt(password)?.claims.aud).toBe(ENTRA_POSTGRES_SCOPE.replace('/.default', ''));
    expect(masked).toContain(`pg:${password}`);
  });
});

describe('ARM clients at a custom endpoint', () => {
  it('reads the server with the Flexible Server SDK, and explains a missing one', async () => {
    const { credential } = await azureLogin(options());
    const client = await flexibleServerClient(credential, az.subscriptionId, { endpoint: az.armEndpoint, clientOptions: az.clientOptions });
    expect((await client.servers.get(az.resourceGroup, az.serverName)).name).toBe(az.serverName);
    const ctx = { subscriptionId: az.subscriptionId, resourceGroup: az.resourceGroup, resource: 'Flexible Server "nope"', notFoundFix: 'Check `server`.' };
    const missing = await client.servers.get(az.resourceGroup, 'nope').catch((error: unknown) => explainArmError(error, ctx));
    expect((missing as UserError).message).toContain('Flexible Server "nope" was not found in resource group "rg-preview" (ARM ResourceNotFound');
    const noGroup = await client.servers.get('rg-nope', 'nope').catch((error: unknown) => explainArmError(error, { ...ctx, resourceGroup: 'rg-nope' }));
    expect((noGroup as UserError).message).toBe(`Resource group "rg-nope" does not exist in subscription ${az.subscriptionId} (ARM ResourceGroupNotFound).`);
  });

  it("sends plain ARM requests, retries throttling, and raises ARM's error code", async () => {
    const { credential } = await azureLogin(options());
    const arm = await ArmRestClient.create(credential, { endpoint: az.armEndpoint, clientOptions: az.clientOptions });
    const path = `/subscriptions/${az.subscriptionId}/resourceGroups/${az.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-preview-workload`;
    az.faults.script({ method: 'GET', path: /userAssignedIdentities/, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 });
    const identity = await arm.request('GET', path, '2023-01-31');
    expect(identity.status).toBe(200);
    expect((identity.body as { name: string }).name).toBe('id-preview-workload');
    expect(az.requests.count('GET', /userAssignedIdentities\/id-preview-workload$/)).toBeGreaterThanOrEqual(2);
    expect(await arm.request('GET', `${path}-missing`, '2023-01-31', { allowNotFound: true })).toEqual({ status: 404, body: undefined });
    const error = await arm.request('GET', `${path}-missing`, '2023-01-31').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArmRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });
});
