// The branch's federated identity credential on the user-assigned managed identity. A credential
// has no free-text field, so its name is the ownership mark: the suite's prefix, the branch slug and
// a hash of the repository and the exact branch (shared/branch/ownership/azure-marks.ts). It is removed only when its
// name is exactly the one this branch of this repository computes (a slug match proves nothing),
// and the service account it trusts is not in a protected namespace. Names of older versions
// (prefix and slug only) prove nothing and are left alone, with a note. Writes to one identity go
// one at a time (Azure refuses overlapping ones with 409
// ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity, which is also retried when
// another run causes it); the list is read to its last page.
import { ArmRequestError, type ArmRestClient } from '../../shared/azure/arm.ts';
import { explainArmError } from '../../shared/azure/errors.ts';
import { isProtectedNamespace } from '../../shared/kube/client.ts';
import { credentialNameParts, federatedCredentialName, isSuiteCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import { retry } from '../../shared/core/retry.ts';
import { retryUntilDeadline, type Owner, type StepContext } from './environment.ts';
import type { StepResult } from './report.ts';

/** api-version of Microsoft.ManagedIdentity used here (the same as provision-db's). */
export const MSI_API_VERSION = '2023-01-31';

/** The managed identity holding the branches' federated credentials. */
export interface IdentityTarget {
  arm: ArmRestClient;
  subscriptionId: string;
  resourceGroup: string;
  identity: string;
}

/** A credential as listed. */
export interface CredentialInfo {
  name: string;
  subject: string;
}

function identityPath(t: IdentityTarget): string {
  return `/subscriptions/${t.subscriptionId}/resourceGroups/${encodeURIComponent(t.resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(t.identity)}`;
}

function armContext(t: IdentityTarget) {
  return {
    subscriptionId: t.subscriptionId,
    resourceGroup: t.resourceGroup,
    resource: `Managed identity ${JSON.stringify(t.identity)}`,
    notFoundFix: 'Check `identity-name` and `identity-resource-group` (default: `resource-group`).',
    permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete (Managed Identity Contributor)',
  };
}

async function call<T>(t: IdentityTarget, ctx: StepContext, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await retry(fn, retryUntilDeadline(ctx, what));
  } catch (error: unknown) {
    throw explainArmError(error, armContext(t));
  }
}

/** Reads the identity once, so a wrong `identity-name` fails clearly instead of every credential looking gone. */
export async function checkIdentity(t: IdentityTarget, ctx: StepContext): Promise<void> {
  await call(t, ctx, `Reading managed identity ${t.identity}`, () => t.arm.request('GET', identityPath(t), MSI_API_VERSION));
}

function subjectOf(body: unknown): string {
  const subject = (body as { properties?: { subject?: unknown } } | undefined)?.properties?.subject;
  return typeof subject === 'string' ? subject : '';
}

/** Every credential on the identity (every page) whose name carries the suite's prefix. */
export async function listSuiteCredentials(t: IdentityTarget, ctx: StepContext): Promise<CredentialInfo[]> {
  const items = (await call(t, ctx, 'Listing federated credentials', () =>
    t.arm.listAll(`${identityPath(t)}/federatedIdentityCredentials`, MSI_API_VERSION),
  )) as { name?: unknown }[];
  return items.map((item) => ({ name: typeof item.name === 'string' ? item.name : '', subject: subjectOf(item) })).filter((c) => isSuiteCredentialName(c.name));
}

/** The slug a suite credential name carries (the hash, when there is one, left off). */
export function credentialSlug(name: string): string {
  return credentialNameParts(name)?.slug ?? name.toLowerCase();
}

/** The credential name this owner's branch of its repository computes, when the exact branch is known. */
export function ownerCredentialName(owner: Owner): string | undefined {
  return owner.branch === undefined ? undefined : federatedCredentialName({ slug: owner.slug, branch: owner.branch }, owner.repository);
}

const identityWrites = new Map<string, Promise<unknown>>();

/** Runs `write` after every earlier write to the same identity in this process has settled. */
async function oneWriteAtATime<T>(t: IdentityTarget, write: () => Promise<T>): Promise<T> {
  const key = identityPath(t).toLowerCase();
  const before = identityWrites.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(write);
  identityWrites.set(key, mine);
  try {
    return await mine;
  } finally {
    if (identityWrites.get(key) === mine) identityWrites.delete(key);
  }
}

/** Why a credential name is not this owner's, or undefined when it is. */
function nameRefusal(name: string, owner: Owner): StepResult | undefined {
  const parts = credentialNameParts(name);
  if (parts === undefined) return { action: 'skipped', reason: 'not a name the suite makes (no branch-env- prefix)', warn: true };
  if (parts.hash === undefined) {
    return {
      action: 'skipped',
      reason: `named by an older version of the suite (prefix and slug only), which cannot prove the branch or repository it belongs to; once the branch that made it is gone, delete it by hand (az identity federated-credential delete --name ${name} ...)`,
      warn: true,
    };
  }
  const expected = ownerCredentialName(owner);
  if (expected === undefined) {
    return {
      action: 'skipped',
      reason: 'no mark names the exact branch of this environment, so nothing proves the credential is its own (its name holds only a hash of the branch)',
      warn: true,
    };
  }
  if (name.toLowerCase() !== expected.toLowerCase()) {
    return {
      action: 'skipped',
      reason: `its name is not ${expected}, the one branch ${JSON.stringify(owner.branch)} of ${owner.repository || 'this repository'} makes: it belongs to another branch with the same slug, or to another repository`,
      warn: true,
    };
  }
  return undefined;
}

/** Removes the branch's credential (see the file comment). */
export async function removeCredential(t: IdentityTarget, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  const path = `${identityPath(t)}/federatedIdentityCredentials/${encodeURIComponent(name)}`;
  const refusal = nameRefusal(name, owner);
  if (refusal) {
    const found = await call(t, ctx, `Reading federated credential ${name}`, () => t.arm.request('GET', path, MSI_API_VERSION, { allowNotFound: true }));
    return found.status === 404 ? { action: 'already-gone' } : refusal;
  }
  const found = await call(t, ctx, `Reading federated credential ${name}`, () => t.arm.request('GET', path, MSI_API_VERSION, { allowNotFound: true }));
  if (found.status === 404) return { action: 'already-gone' };
  const subject = subjectOf(found.body);
  const namespace = /^system:serviceaccount:([^:]+):/.exec(subject)?.[1];
  if (namespace !== undefined && isProtectedNamespace(namespace, ctx.productionNamespaces)) {
    return { action: 'skipped', reason: `it trusts ${subject}, in a protected namespace`, warn: true };
  }
  if (ctx.dryRun) return { action: 'would-remove', ...(subject ? { reason: `trusts ${subject}` } : {}) };
  try {
    const deleted = await call(t, ctx, `Deleting federated credential ${name}`, () =>
      oneWriteAtATime(t, () => t.arm.request('DELETE', path, MSI_API_VERSION, { allowNotFound: true })),
    );
    return deleted.status === 204 || deleted.status === 404
      ? { action: 'already-gone' }
      : { action: 'removed', ...(subject ? { reason: `trusted ${subject}` } : {}) };
  } catch (error: unknown) {
    if (error instanceof ArmRequestError && error.statusCode === 404) return { action: 'already-gone' };
    throw error;
  }
}
