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
import { MAX_FEDERATED_CREDENTIALS, ManagedIdentity, type FederatedCredential } from '../../shared/azure/managed-identity.ts';
import { credentialNameParts, isSuiteCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import type { Deadline } from '../../shared/core/deadline.ts';
import { UserError } from '../../shared/core/errors.ts';

/** What provision-db needs on the identity. */
const IDENTITY_PERMISSION = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write (Managed Identity Contributor)';

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

function limitError(spec: FederatedSpec, existing: FederatedCredential[], cause?: unknown): UserError {
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
export async function ensureFederatedCredential(arm: ArmRestClient, spec: FederatedSpec, deadline: Deadline): Promise<FederatedResult> {
  const identity = new ManagedIdentity(arm, spec, IDENTITY_PERMISSION);
  const { clientId: identityClientId } = await identity.read(deadline);
  const existing = await identity.listCredentials(deadline);
  const mine = existing.find((c) => c.name.toLowerCase() === spec.name.toLowerCase());
  const same = (c: FederatedCredential) => c.issuer === spec.issuer && c.subject === spec.subject;
  const done = (result: FederatedResult['result'], name = spec.name): FederatedResult => ({ name, subject: spec.subject, result, identityClientId });
  if (mine && same(mine) && mine.audiences.includes(TOKEN_EXCHANGE_AUDIENCE)) return done('unchanged');
  const other = existing.find((c) => c !== mine && same(c));
  if (other) return done('reused', reusable(other, spec).name);
  if (!mine && existing.length >= MAX_FEDERATED_CREDENTIALS) throw limitError(spec, existing);
  try {
    await identity.putCredential(spec.name, { issuer: spec.issuer, subject: spec.subject, audiences: [TOKEN_EXCHANGE_AUDIENCE] }, deadline);
  } catch (error: unknown) {
    throw explainWriteError(error, spec, existing, identity);
  }
  return done(mine ? 'updated' : 'created');
}

/**
 * Another credential already trusting the subject: made by hand or by an older version (prefix and
 * slug only), used as it is and never changed. @throws UserError when it is the suite's for another
 * branch or repository whose names reduce to this namespace.
 */
function reusable(other: FederatedCredential, spec: FederatedSpec): FederatedCredential {
  if (credentialNameParts(other.name)?.hash === undefined) return other;
  throw new UserError(
    `Federated credential ${JSON.stringify(other.name)} on ${JSON.stringify(spec.identity)} already trusts ${spec.subject}, and its name is not ${spec.name}: it was made for another branch (or another repository) whose names reduce to the same namespace. provision-db changed nothing on the identity.`,
    { fix: 'Rename one of the branches; remove the other environment with cleanup-branch once its branch is gone.' },
  );
}

/** A refused write: the credential limit, a refused issuer or subject, or ARM's own answer. */
function explainWriteError(error: unknown, spec: FederatedSpec, existing: FederatedCredential[], identity: ManagedIdentity): unknown {
  if (error instanceof ArmRequestError && error.statusCode === 400 && /too many|maximum|limit/i.test(error.message)) return limitError(spec, existing, error);
  if (error instanceof ArmRequestError && error.statusCode === 400) {
    return new UserError(`Azure refused federated credential ${JSON.stringify(spec.name)} on ${JSON.stringify(spec.identity)}: ${error.message}`, {
      fix: 'Check `oidc-issuer` (https, exactly as `az aks show --query oidcIssuerProfile.issuerUrl` prints it) and `service-account`.',
      cause: error,
    });
  }
  return explainArmError(error, identity.context);
}
