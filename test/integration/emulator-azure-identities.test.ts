// Federated identity credentials on a user-assigned managed identity, driven
// through the real @azure/core-rest-pipeline (bearer policy, retries) as an
// action without a dedicated SDK would: create, update, read, list, delete,
// the limit of 20 per identity, the name rules, the paged list (nextLink) and the 409 Azure
// answers to overlapping writes on one identity.
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredential } from '../emulators/azure/clients.ts';
import { MAX_FEDERATED_CREDENTIALS, startAzureEmulator, type AzureEmulator } from '../emulators/azure/index.ts';

let az: AzureEmulator;
let pipeline: Pipeline;
let httpClient: HttpClient;

beforeAll(async () => {
  az = await startAzureEmulator({ identities: ['id-preview-workload'] });
  pipeline = createPipelineFromOptions({ ...az.clientOptions });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: emulatorCredential(az), scopes: 'https://management.azure.com/.default' }));
  httpClient = createDefaultHttpClient();
});
afterAll(async () => {
  await az?.close();
});

function credentialUrl(name?: string, identity = 'id-preview-workload'): string {
  const base = `${az.armEndpoint}/subscriptions/${az.subscriptionId}/resourceGroups/${az.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity}/federatedIdentityCredentials`;
  return `${base}${name ? `/${name}` : ''}?api-version=2023-01-31`;
}

async function send(method: 'GET' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const request = createPipelineRequest({
    url,
    method,
    headers: createHttpHeaders({ 'content-type': 'application/json', accept: 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await pipeline.sendRequest(httpClient, request);
  return { status: response.status, json: response.bodyAsText ? (JSON.parse(response.bodyAsText) as Record<string, unknown>) : undefined };
}

function fic(subject: string): unknown {
  return { properties: { issuer: 'https://oidc.prod-aks.azure.com/tenant/issuer/', subject, audiences: ['api://AzureADTokenExchange'] } };
}

describe('managed identity federated credentials', () => {
  it('creates (201), updates (200), reads and deletes (200, then 204)', async () => {
    const created = await send('PUT', credentialUrl('fic-feature-a'), fic('system:serviceaccount:feature-a:app'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'fic-feature-a',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      properties: { subject: 'system:serviceaccount:feature-a:app', audiences: ['api://AzureADTokenExchange'] },
    });
    expect((await send('PUT', credentialUrl('fic-feature-a'), fic('system:serviceaccount:feature-a:web'))).status).toBe(200);
    expect((await send('GET', credentialUrl('fic-feature-a'))).json).toMatchObject({ properties: { subject: 'system:serviceaccount:feature-a:web' } });
    expect((await send('DELETE', credentialUrl('fic-feature-a'))).status).toBe(200);
    expect((await send('DELETE', credentialUrl('fic-feature-a'))).status).toBe(204);
    expect((await send('GET', credentialUrl('fic-feature-a'))).status).toBe(404);
  });

  it('refuses a credential without issuer, subject and audiences', async () => {
    const bad = await send('PUT', credentialUrl('fic-incomplete'), { properties: { issuer: 'https://issuer.example' } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining("must specify 'issuer', 'subject' and 'audience'") } });
  });

  it(`stops at ${MAX_FEDERATED_CREDENTIALS} credentials per identity`, async () => {
    for (let i = 0; i < MAX_FEDERATED_CREDENTIALS; i += 1) {
      expect((await send('PUT', credentialUrl(`fic-branch-${i}`), fic(`system:serviceaccount:ns-${i}:app`))).status).toBe(201);
    }
    const first = await send('GET', credentialUrl());
    expect((first.json?.value as unknown[]).length).toBe(10);
    expect(first.json?.nextLink).toMatch(/\$skiptoken=10/);
    const second = await send('GET', String(first.json?.nextLink));
    expect((second.json?.value as unknown[]).length).toBe(10);
    expect(second.json?.nextLink).toBeUndefined();
    const names = [...(first.json?.value as { name: string }[]), ...(second.json?.value as { name: string }[])].map((c) => c.name);
    expect(new Set(names).size).toBe(MAX_FEDERATED_CREDENTIALS);
    const over = await send('PUT', credentialUrl('fic-branch-over'), fic('system:serviceaccount:ns-over:app'));
    expect(over.status).toBe(400);
    expect(over.json).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining('maximum allowed is 20') } });
    // Updating an existing one at the limit is still allowed; freeing one makes room.
    expect((await send('PUT', credentialUrl('fic-branch-0'), fic('system:serviceaccount:ns-0:web'))).status).toBe(200);
    expect((await send('DELETE', credentialUrl('fic-branch-1'))).status).toBe(200);
    expect((await send('PUT', credentialUrl('fic-branch-over'), fic('system:serviceaccount:ns-over:app'))).status).toBe(201);
    expect(az.state.identities.get('id-preview-workload')?.size).toBe(MAX_FEDERATED_CREDENTIALS);
  });

  it('refuses names outside 3-120 letters, digits, - and _ starting with a letter or digit, and a second credential for one issuer and subject', async () => {
    for (const name of ['ab', '-lead', 'has.dot', 'x'.repeat(121)]) {
      const bad = await send('PUT', credentialUrl(name), fic(`system:serviceaccount:names:${name.length}`));
      expect(bad.status, name).toBe(400);
    }
    az.state.identities.get('id-preview-workload')?.clear();
    expect((await send('PUT', credentialUrl('dup-a'), fic('system:serviceaccount:dup:app'))).status).toBe(201);
    const dup = await send('PUT', credentialUrl('dup-b'), fic('system:serviceaccount:dup:app'));
    expect(dup.json).toMatchObject({ error: { code: 'BadRequest', message: 'Issuer and subject combination already exists for this Managed Identity.' } });
    expect((await send('DELETE', credentialUrl('dup-a'))).status).toBe(200);
  });

  it('refuses a write that overlaps another on the same identity with the real 409, and not one on another identity', async () => {
    const other = await startAzureEmulator({ identities: ['id-a', 'id-b'], credentialWriteMs: 150 });
    const p = createPipelineFromOptions({ ...other.clientOptions });
    p.addPolicy(bearerTokenAuthenticationPolicy({ credential: emulatorCredential(other), scopes: 'https://management.azure.com/.default' }));
    const put = async (identity: string, name: string) => {
      const url = `${other.armEndpoint}/subscriptions/${other.subscriptionId}/resourceGroups/${other.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity}/federatedIdentityCredentials/${name}?api-version=2023-01-31`;
      const request = createPipelineRequest({
        url,
        method: 'PUT',
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify(fic(`system:serviceaccount:${name}:app`)),
      });
      const response = await p.sendRequest(httpClient, request);
      return { status: response.status, body: response.bodyAsText ?? '' };
    };
    try {
      const [a, b, c] = await Promise.all([put('id-a', 'one'), put('id-a', 'two'), put('id-b', 'three')]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([201, 409]);
      expect([a, b].find((r) => r.status === 409)?.body).toContain('ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity');
      expect([a, b].find((r) => r.status === 409)?.body).toContain(
        'Concurrent Federated Identity Credentials writes under the same managed identity are not supported.',
      );
      expect(c.status).toBe(201);
      expect(other.state.concurrentWriteRefusals).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('answers ResourceNotFound for an identity that does not exist', async () => {
    const missing = await send('GET', credentialUrl(undefined, 'id-missing'));
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });
});
