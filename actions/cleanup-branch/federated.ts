// The branch's federated identity credential on the user-assigned managed identity: its name is
// the suite's prefix plus the branch slug (the ownership mark). It is removed only when the name
// is exactly the branch's and the service account it trusts is not in a protected namespace.
import { ArmRequestError, explainArmError, type ArmRestClient } from '../../shared/azure.ts';
import { isProtectedNamespace } from '../../shared/kube.ts';
import { FEDERATED_CREDENTIAL_PREFIX, federatedCredentialName, isSuiteCredentialName } from '../../shared/ownership.ts';
import { retry } from '../../shared/retry.ts';
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

/** Every credential on the identity whose name carries the suite's prefix. */
export async function listSuiteCredentials(t: IdentityTarget, ctx: StepContext): Promise<CredentialInfo[]> {
  const list = await call(t, ctx, 'Listing federated credentials', () => t.arm.request('GET', `${identityPath(t)}/federatedIdentityCredentials`, MSI_API_VERSION));
  const value = (list.body as { value?: unknown } | undefined)?.value;
  const items = Array.isArray(value) ? (value as { name?: unknown }[]) : [];
  return items
    .map((item) => ({ name: typeof item.name === 'string' ? item.name : '', subject: subjectOf(item) }))
    .filter((c) => isSuiteCredentialName(c.name));
}

/** The slug a suite credential name carries. */
export function credentialSlug(name: string): string {
  return name.slice(FEDERATED_CREDENTIAL_PREFIX.length).toLowerCase();
}

/** Removes the branch's credential (see the file comment). */
export async function removeCredential(t: IdentityTarget, name: string, owner: Owner, ctx: StepContext): Promise<StepResult> {
  if (!isSuiteCredentialName(name) || name.toLowerCase() !== federatedCredentialName(owner).toLowerCase()) {
    return { action: 'skipped', reason: `not named ${federatedCredentialName(owner)} (the suite's prefix plus the branch slug)`, warn: true };
  }
  const path = `${identityPath(t)}/federatedIdentityCredentials/${encodeURIComponent(name)}`;
  const found = await call(t, ctx, `Reading federated credential ${name}`, () => t.arm.request('GET', path, MSI_API_VERSION, { allowNotFound: true }));
  if (found.status === 404) return { action: 'already-gone' };
  const subject = subjectOf(found.body);
  const namespace = /^system:serviceaccount:([^:]+):/.exec(subject)?.[1];
  if (namespace !== undefined && isProtectedNamespace(namespace, ctx.productionNamespaces)) {
    return { action: 'skipped', reason: `it trusts ${subject}, in a protected namespace`, warn: true };
  }
  if (ctx.dryRun) return { action: 'would-remove', ...(subject ? { reason: `trusts ${subject}` } : {}) };
  try {
    const deleted = await call(t, ctx, `Deleting federated credential ${name}`, () => t.arm.request('DELETE', path, MSI_API_VERSION, { allowNotFound: true }));
    return deleted.status === 204 || deleted.status === 404 ? { action: 'already-gone' } : { action: 'removed', ...(subject ? { reason: `trusted ${subject}` } : {}) };
  } catch (error: unknown) {
    if (error instanceof ArmRequestError && error.statusCode === 404) return { action: 'already-gone' };
    throw error;
  }
}
