// The branch's federated identity credential on the user-assigned managed identity. A credential
// has no free-text field, so its name is the ownership mark: the suite's prefix, the branch slug and
// a hash of the repository and the exact branch (shared/branch/ownership/azure-marks.ts). It is removed only when its
// name is exactly the one this branch of this repository computes (a slug match proves nothing),
// and the service account it trusts is not in a protected namespace. Names of older versions
// (prefix and slug only) prove nothing and are left alone, with a note. Writes to one identity go
// one at a time (Azure refuses overlapping ones with 409
// ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity, which is also retried when
// another run causes it); the list is read to its last page.
import { ManagedIdentity } from '../../shared/azure/managed-identity.ts';
import { isProtectedNamespace } from '../../shared/branch/ownership/protected.ts';
import { credentialNameParts, federatedCredentialName, isSuiteCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import type { Owner, StepContext } from './environment.ts';
import type { StepResult } from './report.ts';

/** What cleanup-branch needs on the identity: delete its federated credentials. */
export const IDENTITY_PERMISSION = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete (Managed Identity Contributor)';

/** A credential as listed. */
export interface CredentialInfo {
  name: string;
  subject: string;
}

/** Reads the identity once, so a wrong `identity-name` fails clearly instead of every credential looking gone. */
export async function checkIdentity(t: ManagedIdentity, ctx: StepContext): Promise<void> {
  await t.read(ctx.deadline);
}

/** Every credential on the identity (every page) whose name carries the suite's prefix. */
export async function listSuiteCredentials(t: ManagedIdentity, ctx: StepContext): Promise<CredentialInfo[]> {
  const all = await t.listCredentials(ctx.deadline);
  return all.filter((c) => isSuiteCredentialName(c.name)).map(({ name, subject }) => ({ name, subject }));
}

/** The slug a suite credential name carries (the hash, when there is one, left off). */
export function credentialSlug(name: string): string {
  return credentialNameParts(name)?.slug ?? name.toLowerCase();
}

/** The credential name this owner's branch of its repository computes, when the exact branch is known. */
export function ownerCredentialName(owner: Owner): string | undefined {
  return owner.branch === undefined ? undefined : federatedCredentialName({ slug: owner.slug, branch: owner.branch }, owner.repository);
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
export async function removeCredential(t: ManagedIdentity, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  const refusal = nameRefusal(name, owner);
  const found = await t.getCredential(name, ctx.deadline);
  if (found === undefined) return { action: 'already-gone' };
  if (refusal) return refusal;
  const subject = found.subject;
  const namespace = /^system:serviceaccount:([^:]+):/.exec(subject)?.[1];
  if (namespace !== undefined && isProtectedNamespace(namespace, ctx.productionNamespaces)) {
    return { action: 'skipped', reason: `it trusts ${subject}, in a protected namespace`, warn: true };
  }
  if (ctx.dryRun) return { action: 'would-remove', ...(subject ? { reason: `trusts ${subject}` } : {}) };
  const deleted = await t.deleteCredential(name, ctx.deadline);
  return deleted === 'gone' ? { action: 'already-gone' } : { action: 'removed', ...(subject ? { reason: `trusted ${subject}` } : {}) };
}
