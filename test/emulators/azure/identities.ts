// Microsoft.ManagedIdentity/userAssignedIdentities/{id}/federatedIdentityCredentials:
// PUT (201 created / 200 updated), GET, LIST (paged with nextLink, `$top` and
// `$skiptoken`) and DELETE (200, or 204 when absent), with the real limit of 20
// credentials per identity and the real name rules. Synchronous, as the real API
// is, but a write takes `credentialWriteMs`, and a second write to the same
// identity meanwhile is refused as Azure refuses it: 409
// ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity.
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { parseJson, sendJson } from '../common/http.ts';
import { armError, checkApiVersion, type ArmRoutes } from './arm-http.ts';
import { checkResourceGroup, type ArmContext } from './arm-scope.ts';
import { MAX_FEDERATED_CREDENTIALS, type FederatedCredential } from './state.ts';

/** api-versions served for Microsoft.ManagedIdentity. */
export const IDENTITY_API_VERSIONS: readonly string[] = ['2023-01-31', '2023-07-31-preview', '2024-11-30', '2025-01-31-preview', '2022-01-31-preview'];
const PROVIDER = 'Microsoft.ManagedIdentity';
const IDENTITIES = `/subscriptions/{sub}/resourceGroups/{rg}/providers/${PROVIDER}/userAssignedIdentities`;
const CREDENTIAL_NAME = /^[a-zA-Z0-9][\w-]{2,119}$/;

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function badRequest(res: http.ServerResponse, message: string): void {
  armError(res, 400, 'BadRequest', message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Adds the managed-identity routes. */
export function addIdentityRoutes(routes: ArmRoutes, ctx: ArmContext): void {
  const { state } = ctx;
  const identityId = (name: string) =>
    `/subscriptions/${state.ids.subscriptionId}/resourcegroups/${state.ids.resourceGroup}/providers/${PROVIDER}/userAssignedIdentities/${name}`;

  /** Resolves the identity after the common checks, or answers the error. */
  const resolve = (req: Parameters<typeof checkApiVersion>[0], res: http.ServerResponse, params: Record<string, string>) => {
    const type = 'userAssignedIdentities';
    if (!checkApiVersion(req, res, type, IDENTITY_API_VERSIONS)) return undefined;
    const { sub = '', rg = '', identity = '' } = params;
    if (!checkResourceGroup(ctx, res, sub, rg)) return undefined;
    const credentials = rg.toLowerCase() === state.ids.resourceGroup.toLowerCase() ? state.identities.get(identity.toLowerCase()) : undefined;
    const name = state.ids.identities.find((n) => n.toLowerCase() === identity.toLowerCase());
    if (!credentials || !name) {
      armError(
        res,
        404,
        'ResourceNotFound',
        `The Resource '${PROVIDER}/userAssignedIdentities/${identity}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
      return undefined;
    }
    return { name, credentials };
  };

  const credentialBody = (identity: string, fic: FederatedCredential) => ({
    id: `${identityId(identity)}/federatedIdentityCredentials/${fic.name}`,
    name: fic.name,
    type: `${PROVIDER}/userAssignedIdentities/federatedIdentityCredentials`,
    properties: { issuer: fic.issuer, subject: fic.subject, audiences: fic.audiences, ...(fic.description ? { description: fic.description } : {}) },
  });

  routes.add('GET', `${IDENTITIES}/{identity}`, (req, res, params) => {
    const found = resolve(req, res, params);
    if (!found) return;
    sendJson(res, 200, {
      location: 'westeurope',
      tags: {},
      properties: { tenantId: state.ids.tenantId, principalId: uuidFrom(`principal:${found.name}`), clientId: uuidFrom(`client:${found.name}`) },
      id: identityId(found.name),
      name: found.name,
      type: `${PROVIDER}/userAssignedIdentities`,
    });
  });

  routes.add('GET', `${IDENTITIES}/{identity}/federatedIdentityCredentials`, (req, res, params) => {
    const found = resolve(req, res, params);
    if (!found) return;
    const all = [...found.credentials.values()];
    const top = Number(req.query.get('$top') ?? ctx.credentialPageSize) || ctx.credentialPageSize;
    const size = Math.max(1, Math.min(top, ctx.credentialPageSize));
    const skip = Number(req.query.get('$skiptoken') ?? '0') || 0;
    const page = all.slice(skip, skip + size).map((fic) => credentialBody(found.name, fic));
    const next = skip + size;
    const nextLink = next < all.length ? `${ctx.baseUrl}${req.path}?api-version=${req.query.get('api-version') ?? ''}&$skiptoken=${next}` : undefined;
    sendJson(res, 200, nextLink ? { value: page, nextLink } : { value: page });
  });

  /** Holds the identity's write slot for the write's duration, or answers the real 409 when it is taken. */
  const exclusive = async (res: http.ServerResponse, identity: string, write: () => void): Promise<void> => {
    const key = identity.toLowerCase();
    if (state.writingIdentities.has(key)) {
      state.concurrentWriteRefusals += 1;
      return armError(
        res,
        409,
        'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
        `Too many Federated Identity Credentials are written concurrently for the managed identity '${identityId(identity).toLowerCase()}'. Concurrent Federated Identity Credentials writes under the same managed identity are not supported.`,
      );
    }
    state.writingIdentities.add(key);
    try {
      await sleep(ctx.credentialWriteMs);
      write();
    } finally {
      state.writingIdentities.delete(key);
    }
  };

  routes.add('GET', `${IDENTITIES}/{identity}/federatedIdentityCredentials/{fic}`, (req, res, params) => {
    const found = resolve(req, res, params);
    if (!found) return;
    const fic = found.credentials.get((params.fic ?? '').toLowerCase());
    if (!fic) {
      return armError(
        res,
        404,
        'NotFound',
        `Federated Identity Credential '${params.fic ?? ''}' was not found on the managed identity '${identityId(found.name)}'.`,
      );
    }
    sendJson(res, 200, credentialBody(found.name, fic));
  });

  routes.add('PUT', `${IDENTITIES}/{identity}/federatedIdentityCredentials/{fic}`, async (req, res, params) => {
    const found = resolve(req, res, params);
    if (!found) return;
    const name = params.fic ?? '';
    if (!CREDENTIAL_NAME.test(name)) {
      return badRequest(
        res,
        `The federated identity credential name '${name}' is invalid. It must be 3 to 120 characters of letters, digits, '-' or '_', and start with a letter or digit.`,
      );
    }
    let body: unknown;
    try {
      body = parseJson(req);
    } catch {
      return badRequest(res, 'The request format was unexpected: the body is not valid JSON.');
    }
    const props = (body && typeof body === 'object' && 'properties' in body ? body.properties : undefined) as Record<string, unknown> | undefined;
    const issuer = props?.issuer;
    const subject = props?.subject;
    const audiences = props?.audiences;
    if (
      typeof issuer !== 'string' ||
      !issuer ||
      typeof subject !== 'string' ||
      !subject ||
      !Array.isArray(audiences) ||
      audiences.length === 0 ||
      !audiences.every((a) => typeof a === 'string')
    ) {
      return badRequest(res, "The request format was unexpected. Federated Identity Credential must specify 'issuer', 'subject' and 'audience'.");
    }
    if (!issuer.startsWith('https://')) {
      return badRequest(res, `The issuer '${issuer}' of the Federated Identity Credential is invalid: it must be an https URL.`);
    }
    const key = name.toLowerCase();
    await exclusive(res, found.name, () => {
      const existing = found.credentials.get(key);
      const clash = [...found.credentials.values()].find((f) => f.name.toLowerCase() !== key && f.issuer === issuer && f.subject === subject);
      if (clash) return badRequest(res, 'Issuer and subject combination already exists for this Managed Identity.');
      if (!existing && found.credentials.size >= MAX_FEDERATED_CREDENTIALS) {
        return badRequest(
          res,
          `Too many Federated Identity Credentials: the managed identity '${identityId(found.name)}' already has ${found.credentials.size}, the maximum allowed is ${MAX_FEDERATED_CREDENTIALS}. Delete unused credentials or use another managed identity.`,
        );
      }
      const description = typeof props?.description === 'string' ? props.description : undefined;
      const fic: FederatedCredential = { name: existing?.name ?? name, issuer, subject, audiences, ...(description ? { description } : {}) };
      found.credentials.set(key, fic);
      sendJson(res, existing ? 200 : 201, credentialBody(found.name, fic));
    });
  });

  routes.add('DELETE', `${IDENTITIES}/{identity}/federatedIdentityCredentials/{fic}`, async (req, res, params) => {
    const found = resolve(req, res, params);
    if (!found) return;
    await exclusive(res, found.name, () => {
      const deleted = found.credentials.delete((params.fic ?? '').toLowerCase());
      res.writeHead(deleted ? 200 : 204, { 'content-length': 0 });
      res.end();
    });
  });
}
