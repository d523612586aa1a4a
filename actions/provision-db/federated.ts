// The branch namespace's workload identity: a federated identity credential on a
// user-assigned managed identity that trusts `system:serviceaccount:<namespace>:<sa>` tokens
// from the AKS cluster's OIDC issuer, so the branch's pods can read Key Vault as production
// does. Its name is its ownership mark (shared/branch/ownership/azure-marks.ts: prefix, slug, and a hash of the
// repository and exact branch); at most 20 per identity. The list is read to its last page; a
// write that overlaps another on the same identity (409
// ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity, e.g. two branches
// provisioning at once) is retried with backoff under the deadline.
import { ArmRequestError, type ArmRestClient } from '../../shared/azure/arm.ts';
import { TOKEN_EXCHANGE_AUDIENCE, explainArmError } from '../../shared/azure/errors.ts';
import { UserError } from '../../shared/core/errors.ts';
import { credentialNameParts, isSuiteCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { retry } from '../../shared/core/retry.ts';
import type { Budget } from './budget.ts';

/** api-version of Microsoft.ManagedIdentity used here. */
export const MSI_API_VERSION = '2023-01-31';
/** Azure's limit of federated identity credentials per managed identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The credential wanted. */
export interface FederatedSpec {
  subscriptionId: string;
  resourceGroup: string;
  identity: string;
  /** Credential name (the suite's prefix plus the branch slug). */
  name: string;
  issuer: string;
  subject: string;
}

/** What was done. */
export interface FederatedResult {
  name: string;
  subject: string;
  /** `reused`: a credential with another name already trusts this subject (not the suite's; kept as is). */
  result: 'created' | 'updated' | 'unchanged' | 'reused';
  /** Client id of the managed identity (for the service account's `azure.workload.identity/client-id`). */
  identityClientId: string | undefined;
}

interface Credential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

function credentialsOf(value: unknown[]): Credential[] {
  return (value as { name?: unknown; properties?: { issuer?: unknown; subject?: unknown; audiences?: unknown } }[]).map(
    (item: { name?: unknown; properties?: { issuer?: unknown; subject?: unknown; audiences?: unknown } }) => ({
      name: typeof item.name === 'string' ? item.name : '',
      issuer: typeof item.properties?.issuer === 'string' ? item.properties.issuer : '',
      subject: typeof item.properties?.subject === 'string' ? item.properties.subject : '',
      audiences: Array.isArray(item.properties?.audiences) ? item.properties.audiences.filter((a): a is string => typeof a === 'string') : [],
    }),
  );
}

function limitError(spec: FederatedSpec, existing: Credential[], cause?: unknown): UserError {
  const ours = existing.filter((c) => isSuiteCredentialName(c.name)).map((c) => c.name);
  return new UserError(
    `Managed identity ${JSON.stringify(spec.identity)} already has ${existing.length} federated credentials, Azure's limit of ${MAX_FEDERATED_CREDENTIALS}; ${ours.length} of them were made by this suite for branches${ours.length ? ` (${ours.slice(0, 5).join(', ')}${ours.length > 5 ? ', ...' : ''})` : ''}.`,
    {
      fix: 'Remove the credentials of branches that are gone (cleanup-branch with `mode: sweep`), or give this workflow another managed identity in `identity-name`.',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** Creates or updates the credential, leaving it untouched when it already says the same. */
export async function ensureFederatedCredential(arm: ArmRestClient, spec: FederatedSpec, budget: Budget): Promise<FederatedResult> {
  const identityPath = `/subscriptions/${spec.subscriptionId}/resourceGroups/${encodeURIComponent(spec.resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(spec.identity)}`;
  const context = {
    subscriptionId: spec.subscriptionId,
    resourceGroup: spec.resourceGroup,
    resource: `Managed identity ${JSON.stringify(spec.identity)}`,
    notFoundFix: 'Check `identity-name` and `identity-resource-group` (default: `resource-group`).',
    permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write (Managed Identity Contributor)',
  };
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await retry(fn, budget.retry(what));
    } catch (error: unknown) {
      throw explainArmError(error, context);
    }
  };
  const identity = await call(`Reading managed identity ${spec.identity}`, () => arm.request('GET', identityPath, MSI_API_VERSION));
  const clientId = (identity.body as { properties?: { clientId?: unknown } } | undefined)?.properties?.clientId;
  const identityClientId = typeof clientId === 'string' ? clientId : undefined;
  const existing = credentialsOf(
    await call('Listing federated credentials', () => arm.listAll(`${identityPath}/federatedIdentityCredentials`, MSI_API_VERSION)),
  );
  const mine = existing.find((c) => c.name.toLowerCase() === spec.name.toLowerCase());
  const same = (c: Credential) => c.issuer === spec.issuer && c.subject === spec.subject;
  const done = (result: FederatedResult['result'], name = spec.name): FederatedResult => ({ name, subject: spec.subject, result, identityClientId });
  if (mine && same(mine) && mine.audiences.includes(TOKEN_EXCHANGE_AUDIENCE)) return done('unchanged');
  const other = existing.find((c) => c !== mine && same(c));
  if (other) {
    const parts = credentialNameParts(other.name);
    if (parts?.hash !== undefined) {
      // The suite's, for another branch or repository whose names reduce to this namespace.
      throw new UserError(
        `Federated credential ${JSON.stringify(other.name)} on ${JSON.stringify(spec.identity)} already trusts ${spec.subject}, and its name is not ${spec.name}: it was made for another branch (or another repository) whose names reduce to the same namespace. provision-db changed nothing on the identity.`,
        {
          fix: 'Rename one of the branches; remove the other environment with cleanup-branch once its branch is gone.',
        },
      );
    }
    // Made by hand, or by an older version (prefix and slug only): used as it is, never changed.
    return done('reused', other.name);
  }
  if (!mine && existing.length >= MAX_FEDERATED_CREDENTIALS) throw limitError(spec, existing);
  const body = { properties: { issuer: spec.issuer, subject: spec.subject, audiences: [TOKEN_EXCHANGE_AUDIENCE] } };
  try {
    await retry(
      () => arm.request('PUT', `${identityPath}/federatedIdentityCredentials/${encodeURIComponent(spec.name)}`, MSI_API_VERSION, { body }),
      budget.retry(`Writing federated credential ${spec.name}`),
    );
  } catch (error: unknown) {
    if (error instanceof ArmRequestError && error.statusCode === 400 && /too many|maximum|limit/i.test(error.message)) throw limitError(spec, existing, error);
    if (error instanceof ArmRequestError && error.statusCode === 400) {
      throw new UserError(`Azure refused federated credential ${JSON.stringify(spec.name)} on ${JSON.stringify(spec.identity)}: ${error.message}`, {
        fix: 'Check `oidc-issuer` (https, exactly as `az aks show --query oidcIssuerProfile.issuerUrl` prints it) and `service-account`.',
        cause: error,
      });
    }
    throw explainArmError(error, context);
  }
  return done(mine ? 'updated' : 'created');
}
