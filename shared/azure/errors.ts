// Azure failures the user can fix, explained: Entra sign-in errors (AADSTS codes, the GitHub
// OIDC subject a federated credential must match) and ARM's permanent answers (missing
// subscription, resource group or resource, missing permissions), as UserErrors with the fix.
import { UserError, errorMessage } from '../core/errors.ts';
import { isRecord } from '../core/json.ts';

/** The audience Azure requires in a GitHub OIDC token it exchanges. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** The claims of a JWT (not verified), or undefined when `token` is not one. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isRecord(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link explainAzureAuthError} knows about the sign-in. */
export interface AuthContext {
  method: 'github-oidc' | 'azure-login';
  tenantId?: string | undefined;
  clientId?: string | undefined;
  authorityHost: string;
  /** The `sub` claim of the GitHub OIDC token presented, when one was fetched. */
  subject?: string | undefined;
  /** The failure of the last GitHub OIDC token request, if it failed. */
  assertionError?: unknown;
  scopes?: string[];
}

/** Messages of an error, its causes and aggregated errors, joined. */
function allMessages(error: unknown): string {
  const parts: string[] = [];
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < 16; i += 1) {
    const current = queue[i];
    parts.push(errorMessage(current));
    if (current instanceof Error && current.cause !== undefined) queue.push(current.cause);
    const errors = (current as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return parts.join(' | ');
}

/** The first sentence of the AADSTS description, without trace and correlation ids. */
function aadstsText(text: string, code: string): string {
  const at = text.indexOf(`AADSTS${code}:`);
  const rest = at < 0 ? text : text.slice(at);
  return rest.split(/ Trace ID:| Timestamp:|\r?\n/)[0]?.trim() ?? rest;
}

/**
 * Turns a sign-in failure into a {@link UserError} that says what to change, or returns the
 * error unchanged when it is not the user's to fix (a transient fault). Covers the GitHub OIDC
 * token request (missing `id-token: write`), AADSTS700213 and 7002138 (no federated credential
 * for the subject GitHub presented, or one differing only in letter case: the subject is named,
 * in whichever form GitHub presented it, with where to add it), 700016 (unknown
 * client id), 7000215 (wrong client secret), 90002 and MSAL's `endpoints_resolution_error`
 * (unknown tenant or wrong authority host), 700211/700212 (issuer/audience), 700024
 * (expired assertion), 500011 (resource unknown in the cloud), any other AADSTS code, and an
 * empty Azure CLI / default credential chain.
 */
export function explainAzureAuthError(error: unknown, ctx: AuthContext): unknown {
  if (error instanceof UserError) return error;
  const text = allMessages(error);
  const found = oidcRequestFailure(ctx, text) ?? aadstsFailure(ctx, text) ?? otherFailure(error, ctx, text);
  return found ? new UserError(found[0], { fix: found[1], cause: error }) : error;
}

/** A message and its fix. */
type Explanation = [message: string, fix: string];

/** Who was signing in, as the explanations name it. */
interface Signer {
  app: string;
  tenant: string;
  where: string;
  ctx: AuthContext;
}

/** The job could not get a GitHub OIDC token (no `id-token: write`, or GitHub refused). */
function oidcRequestFailure(ctx: AuthContext, text: string): Explanation | undefined {
  const oidcFailure = ctx.assertionError === undefined ? '' : errorMessage(ctx.assertionError);
  if (/ACTIONS_ID_TOKEN_REQUEST_URL|ACTIONS_ID_TOKEN_REQUEST_TOKEN/.test(`${oidcFailure} ${text}`)) {
    return [
      'This job cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set.',
      "Add `permissions: id-token: write` to the job (workflows from forks never get one), or leave `client-id` and `tenant-id` empty to use a preceding azure/login step's credential.",
    ];
  }
  if (oidcFailure !== '' && /Failed to get ID Token/i.test(oidcFailure)) {
    return [
      `GitHub refused the OIDC token request: ${oidcFailure.replace(/\s+/g, ' ').trim()}.`,
      'Check `permissions: id-token: write` on the job; re-run if GitHub had an outage.',
    ];
  }
  return undefined;
}

/** No federated credential for the subject GitHub presented (AADSTS700213, or 7002138 for a case-only difference). */
function subjectMismatch(s: Signer, code: string, text: string): Explanation {
  const subject = s.ctx.subject ?? /subject '([^']*)'/.exec(text)?.[1] ?? '(unknown)';
  const params = JSON.stringify({
    name: 'github-<branch>',
    issuer: 'https://token.actions.githubusercontent.com',
    subject,
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
  });
  const caseOnly =
    code === '7002138'
      ? ' One credential matches it except for letter case: Entra compares subjects case-sensitively, so its subject must be spelled exactly like this (owner, repository, branch or environment).'
      : '';
  const immutable = /^repo:[^/:]+@\d+\/[^:]+@\d+:/.test(subject)
    ? ' This repository presents the immutable subject form (owner and repository with their numeric ids, the default for repositories created or renamed since July 2026): a credential written as `repo:owner/repo:...` does not match it.'
    : '';
  return [
    `Microsoft Entra ID has no federated credential on ${s.where} for the subject GitHub presented: ${JSON.stringify(subject)} (AADSTS${code}).${caseOnly}${immutable}`,
    `Add one for exactly that subject (copy it from here; never build it by hand): Entra ID > App registrations > ${s.app} > Certificates & secrets > Federated credentials > Add (GitHub Actions), or \`az ad app federated-credential create --id ${s.app} --parameters '${params}'\`. The subject names the branch, pull request, tag or \`environment:\` of the job, so add one per branch pattern you deploy from, or use an environment.`,
  ];
}

/** What each AADSTS code means, with its fix. */
const AADSTS: Readonly<Record<string, (s: Signer) => Explanation>> = {
  '700016': (s) => [
    `App (client-id) ${s.app} does not exist in tenant ${s.tenant} (AADSTS700016).`,
    "Check `client-id` (the app registration's Application (client) ID) and `tenant-id` (its Directory (tenant) ID).",
  ],
  '7000215': (s) => [
    `Microsoft Entra ID rejected the client secret of ${s.where} (AADSTS7000215: invalid client secret).`,
    'Update the secret used by azure/login (it may have expired), or sign in with GitHub OIDC: give `client-id` and `tenant-id` and grant `id-token: write`.',
  ],
  '90002': (s) => [
    `Tenant ${s.tenant} was not found at ${s.ctx.authorityHost} (AADSTS90002).`,
    'Check `tenant-id`, and `authority-host` for a sovereign cloud (e.g. https://login.microsoftonline.us).',
  ],
  '700211': (s) => [
    `The federated credentials of ${s.where} do not trust the issuer GitHub presented (AADSTS700211).`,
    "Set the federated credential's issuer to https://token.actions.githubusercontent.com (or your GitHub Enterprise issuer).",
  ],
  '700212': (s) => [
    `The federated credentials of ${s.where} do not accept the audience ${TOKEN_EXCHANGE_AUDIENCE} (AADSTS700212).`,
    `Set the federated credential's audience to ${TOKEN_EXCHANGE_AUDIENCE}.`,
  ],
  '700024': () => [
    `The GitHub OIDC token was outside its validity period when Entra ID checked it (AADSTS700024).`,
    "Re-run the job; check the runner's clock if it keeps happening.",
  ],
  '500011': (s) => [
    `Tenant ${s.tenant} does not know the resource asked for (${(s.ctx.scopes ?? []).join(' ')}) (AADSTS500011).`,
    '`arm-endpoint` and `authority-host` must belong to the same cloud (e.g. https://management.usgovcloudapi.net with https://login.microsoftonline.us).',
  ],
};

/** An AADSTS answer from Microsoft Entra ID, explained by its code. */
function aadstsFailure(ctx: AuthContext, text: string): Explanation | undefined {
  const code = /AADSTS(\d+)/.exec(text)?.[1];
  if (code === undefined) return undefined;
  const app = ctx.clientId ?? '(unknown)';
  const tenant = ctx.tenantId ?? '(unknown)';
  const signer: Signer = { app, tenant, where: `app ${app} in tenant ${tenant}`, ctx };
  if (code === '700213' || code === '7002138') return subjectMismatch(signer, code, text);
  const known = AADSTS[code];
  if (known) return known(signer);
  return [
    `Microsoft Entra ID refused the sign-in of ${signer.where}: ${aadstsText(text, code)}`,
    'See https://login.microsoftonline.com/error?code=' + code + ' for this code.',
  ];
}

/** An unknown tenant or authority host, or no credential at all in the azure/login chain. */
function otherFailure(error: unknown, ctx: AuthContext, text: string): Explanation | undefined {
  if (/endpoints_resolution_error/.test(text)) {
    return [
      `Cannot find tenant ${ctx.tenantId ?? '(unknown)'} at ${ctx.authorityHost}: Entra ID did not serve its OpenID configuration (unknown tenant, or the wrong authority host).`,
      'Check `tenant-id`, and `authority-host` (only for sovereign clouds or emulators; https and reachable from the runner).',
    ];
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (ctx.method === 'azure-login' && (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError')) {
    return [
      `No Azure credential is available: ${text.split(' | ')[0] ?? text}`,
      'Give `client-id` and `tenant-id` to sign in with GitHub OIDC (the job needs `permissions: id-token: write`), or run azure/login before this step.',
    ];
  }
  return undefined;
}

/** What {@link explainArmError} says about the request that failed. */
export interface ArmErrorContext {
  subscriptionId: string;
  resourceGroup: string;
  /** The resource asked for, e.g. `Flexible Server "psql-x"`. */
  resource: string;
  /** What to check when the resource does not exist, e.g. "Check the `server` input.". */
  notFoundFix: string;
  /** The permission needed, for 403 answers, e.g. `Microsoft.DBforPostgreSQL/flexibleServers/databases/write`. */
  permission?: string;
}

/**
 * Turns ARM's permanent answers into {@link UserError}s: a missing subscription, resource
 * group or resource (404), a missing role assignment (403 AuthorizationFailed), a refused
 * token (401). Other errors (throttling, busy, 5xx) are returned unchanged.
 */
export function explainArmError(error: unknown, ctx: ArmErrorContext): unknown {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : errorMessage(error);
  const explained = (text: string, fix: string): UserError => new UserError(text, { fix, cause: error });
  if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') {
    return explained(
      `Subscription ${ctx.subscriptionId} was not found (ARM ${code}: ${message}).`,
      'Check `subscription-id`, and that the signed-in identity has a role in it.',
    );
  }
  if (code === 'ResourceGroupNotFound') {
    return explained(
      `Resource group ${JSON.stringify(ctx.resourceGroup)} does not exist in subscription ${ctx.subscriptionId} (ARM ResourceGroupNotFound).`,
      'Check `resource-group` and `subscription-id`.',
    );
  }
  if (status === 404 || code === 'ResourceNotFound' || code === 'NotFound') {
    return explained(
      `${ctx.resource} was not found in resource group ${JSON.stringify(ctx.resourceGroup)} (ARM ${code || status}: ${message}).`,
      ctx.notFoundFix,
    );
  }
  if (status === 403 || code === 'AuthorizationFailed' || code === 'LinkedAuthorizationFailed') {
    return explained(
      `The signed-in identity may not do this on ${ctx.resource} (ARM ${code || status}: ${message}).`,
      `Give it a role assignment that allows ${ctx.permission ?? 'the operation'} on the resource (e.g. Contributor on the resource group).`,
    );
  }
  if (status === 401) {
    return explained(
      `ARM refused the access token (${code || 401}: ${message}).`,
      '`arm-endpoint` and `authority-host` must belong to the same cloud, and `tenant-id` must own `subscription-id`.',
    );
  }
  return error;
}
