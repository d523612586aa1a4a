// The GitHub Actions OIDC token endpoint that `core.getIDToken()` calls:
// `GET ${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=...` with the request token as
// a bearer, answering `{"value": "<jwt>"}`. Also the issuer's discovery
// document and keys, so the tokens are verifiable like GitHub's.
import { createHash, randomUUID } from 'node:crypto';
import { Router, sendJson } from '../common/http.ts';
import { nowSeconds, type Claims, type JwtKey } from './jwt.ts';
import type { AzureState } from './state.ts';

export interface GithubOidcContext {
  state: AzureState;
  key: JwtKey;
  /** `iss` of the tokens: `${baseUrl}/oidc`. */
  issuer: string;
  /** The secret `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  requestToken: string;
}

/** The claims of a fresh token, as GitHub issues them for a push to a branch. */
export function githubOidcClaims(ctx: GithubOidcContext, audience: string): Claims {
  const { state } = ctx;
  const now = nowSeconds();
  const [owner = 'octo-org'] = state.repository.split('/');
  const sha = createHash('sha1').update(`${state.repository}@${state.ref}`).digest('hex');
  const workflowRef = `${state.repository}/.github/workflows/preview.yml@${state.ref}`;
  return {
    jti: randomUUID(),
    sub: state.subject,
    aud: audience,
    ref: state.ref,
    sha,
    repository: state.repository,
    repository_owner: owner,
    repository_owner_id: state.ownerId,
    repository_id: state.repositoryId,
    repository_visibility: 'private',
    run_id: '3000003',
    run_number: '7',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'preview',
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    head_ref: '',
    base_ref: '',
    event_name: 'push',
    ref_type: 'branch',
    ref_protected: 'false',
    runner_environment: 'github-hosted',
    iss: ctx.issuer,
    nbf: now - 600,
    iat: now,
    exp: now + 300,
    ...state.extraOidcClaims,
  };
}

/** Adds `/oidc/token` and the issuer's discovery routes. */
export function addGithubOidcRoutes(router: Router, ctx: GithubOidcContext): void {
  router.add('GET', '/oidc/token', (req, res) => {
    if (req.headers.authorization !== `Bearer ${ctx.requestToken}`) {
      sendJson(res, 401, { message: 'Bad credentials: the ID token request token is missing or wrong.' });
      return;
    }
    const [owner = 'octo-org'] = ctx.state.repository.split('/');
    const audience = req.query.get('audience') ?? `https://github.com/${owner}`;
    const value = ctx.key.sign(githubOidcClaims(ctx, audience));
    sendJson(res, 200, { count: value.length, value });
  });
  router.add('GET', '/oidc/.well-known/openid-configuration', (_req, res) => {
    sendJson(res, 200, {
      issuer: ctx.issuer,
      jwks_uri: `${ctx.issuer}/.well-known/jwks`,
      subject_types_supported: ['public', 'pairwise'],
      response_types_supported: ['id_token'],
      claims_supported: [
        'sub',
        'aud',
        'exp',
        'iat',
        'iss',
        'jti',
        'nbf',
        'ref',
        'sha',
        'repository',
        'repository_owner',
        'workflow',
        'event_name',
        'ref_type',
        'job_workflow_ref',
      ],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid'],
    });
  });
  router.add('GET', '/oidc/.well-known/jwks', (_req, res) => sendJson(res, 200, ctx.key.jwks()));
}
