// verify-images: asks each image's registry whether the manifest exists (OCI distribution
// API, `HEAD /v2/<repository>/manifests/<tag or digest>`), answering the registry's auth
// challenge with a given bearer token, a username/password at its token service, or the
// Azure Container Registry exchange of an Entra ID access token.
import { UserError, errorMessage, quoteValue } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { retry } from '../../shared/core/retry.ts';
import { maskSecret } from '../../shared/core/secrets.ts';
import { splitReference } from '../../shared/kustomize-images/image-spec.ts';
import type { Deadline } from '../../shared/core/deadline.ts';

/** Credentials for the registries (all optional: public images need none). */
export interface RegistryAuth {
  /** Sent as `Authorization: Bearer` to the registry as is. */
  token?: string;
  /** For a Basic challenge, or for the token service of a Bearer challenge. */
  username?: string;
  password?: string;
  /** An Entra ID access token, exchanged at ACR's `/oauth2/exchange` for a refresh token. */
  azureAccessToken?: string;
}

/** What {@link verifyImages} needs. */
export interface RegistryDeps {
  logger: Logger;
  fetch?: typeof fetch;
  /** The run's deadline; each image gets at most 60 s of it, retries included. */
  deadline: Deadline;
}

/** Where an image lives. */
export interface ImageLocation {
  /** `https://host[:port]` (`http://` for localhost and loopback addresses, as Docker allows). */
  origin: string;
  registry: string;
  repository: string;
  /** Tag or digest. */
  reference: string;
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Splits `registry/repository:tag` (Docker Hub when the first part is not a host). */
export function locateImage(image: string): ImageLocation {
  const { name, tag, digest } = splitReference(image);
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let registry = isHost ? first : 'registry-1.docker.io';
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = 'registry-1.docker.io';
  if (registry === 'registry-1.docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const host = registry.replace(/:\d+$/, '');
  const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
  return { origin: `${loopback ? 'http' : 'https'}://${registry}`, registry, repository, reference: digest ?? tag ?? 'latest' };
}

/** An HTTP failure carrying its status, so retry() can tell transient from permanent. */
class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(message: string, status: number, headers: Headers) {
    super(message);
    this.status = status;
    this.headers = Object.fromEntries(headers.entries());
  }
}

/** `Bearer realm="...",service="...",scope="..."` as scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = /^\s*(\S+)/.exec(header)?.[1] ?? '';
  const params: Record<string, string> = {};
  for (const [, key = '', value = ''] of header.slice(scheme.length).matchAll(/(\w+)="([^"]*)"/g)) params[key.toLowerCase()] = value;
  return { scheme: scheme.toLowerCase(), params };
}

/** Talks to registries, caching tokens per realm, service and scope. */
export class RegistryClient {
  private readonly auth: RegistryAuth;
  private readonly fetch: typeof fetch;
  private readonly tokens = new Map<string, string>();

  constructor(auth: RegistryAuth, fetchImpl: typeof fetch = globalThis.fetch) {
    this.auth = auth;
    this.fetch = fetchImpl;
    for (const secret of [auth.token, auth.password, auth.azureAccessToken]) maskSecret(secret);
  }

  /** Whether the manifest exists; its digest when the registry says. */
  async exists(image: string): Promise<{ exists: boolean; digest?: string }> {
    const where = locateImage(image);
    const url = `${where.origin}/v2/${where.repository}/manifests/${where.reference}`;
    let authorization = this.auth.token ? `Bearer ${this.auth.token}` : this.tokens.get(`${where.registry}/${where.repository}`);
    for (let round = 0; round < 2; round += 1) {
      const headers: Record<string, string> = { accept: ACCEPT };
      if (authorization) headers['authorization'] = authorization;
      const response = await this.fetch(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(30_000) });
      if (response.ok) {
        const digest = response.headers.get('docker-content-digest');
        return digest ? { exists: true, digest } : { exists: true };
      }
      if (response.status === 404) return { exists: false };
      if (response.status === 401 && round === 0) {
        authorization = await this.authorize(response.headers.get('www-authenticate') ?? '', where, image, authorization !== undefined);
        this.tokens.set(`${where.registry}/${where.repository}`, authorization);
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new UserError(`The registry ${where.registry} refused to show ${image} (HTTP ${response.status}).`, {
          fix: 'Give credentials that can pull it: `registry-token`, `registry-username`/`registry-password`, or `azure-access-token` for ACR.',
        });
      }
      throw new HttpError(`HEAD ${url} answered HTTP ${response.status}`, response.status, response.headers);
    }
    throw new Error('unreachable');
  }

  private async authorize(header: string, where: ImageLocation, image: string, hadToken: boolean): Promise<string> {
    const { scheme, params } = parseChallenge(header);
    const { username, password } = this.auth;
    if (hadToken && this.auth.token) {
      throw new UserError(`The registry ${where.registry} rejected \`registry-token\` while checking ${image}.`, {
        fix: 'Pass a valid registry token (it may have expired).',
      });
    }
    if (scheme === 'basic') {
      if (username === undefined || password === undefined) {
        throw new UserError(`The registry ${where.registry} asks for a username and password to check ${image}.`, {
          fix: 'Set `registry-username` and `registry-password`.',
        });
      }
      return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    if (scheme !== 'bearer' || !params['realm']) {
      throw new UserError(`The registry ${where.registry} answered 401 with an auth challenge this action does not understand: ${quoteValue(header)}.`, {
        fix: 'Pass `registry-token` with a bearer token for the registry.',
      });
    }
    const realm = params['realm'];
    const service = params['service'] ?? where.registry;
    const scope = params['scope'] ?? `repository:${where.repository}:pull`;
    const token = this.auth.azureAccessToken ? await this.acrToken(realm, service, scope, where) : await this.serviceToken(realm, service, scope, where);
    maskSecret(token);
    return `Bearer ${token}`;
  }

  /** Docker token service: GET realm?service&scope, with Basic credentials when given. */
  private async serviceToken(realm: string, service: string, scope: string, where: ImageLocation): Promise<string> {
    const url = new URL(realm);
    url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    const { username, password } = this.auth;
    if (username !== undefined && password !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const body = await this.json(url.href, { headers }, where, username === undefined ? 'anonymous access' : '`registry-username`/`registry-password`');
    const token = body['token'] ?? body['access_token'];
    if (typeof token !== 'string') throw new Error(`the token service ${url.origin} answered without a token`);
    return token;
  }

  /** ACR: Entra access token -> refresh token (/oauth2/exchange) -> access token for the scope. */
  private async acrToken(realm: string, service: string, scope: string, where: ImageLocation): Promise<string> {
    const origin = new URL(realm).origin;
    const form = (fields: Record<string, string>): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const exchanged = await this.json(
      `${origin}/oauth2/exchange`,
      form({ grant_type: 'access_token', service, access_token: this.auth.azureAccessToken ?? '' }),
      where,
      '`azure-access-token`',
    );
    const refresh = exchanged['refresh_token'];
    if (typeof refresh !== 'string') throw new Error(`${origin}/oauth2/exchange answered without a refresh_token`);
    maskSecret(refresh);
    const issued = await this.json(realm, form({ grant_type: 'refresh_token', service, scope, refresh_token: refresh }), where, '`azure-access-token`');
    const token = issued['access_token'];
    if (typeof token !== 'string') throw new Error(`${realm} answered without an access_token`);
    return token;
  }

  private async json(url: string, init: RequestInit, where: ImageLocation, credential: string): Promise<Record<string, unknown>> {
    const response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    if (response.status === 401 || response.status === 403) {
      throw new UserError(`The registry ${where.registry} refused ${credential} (HTTP ${response.status} from ${new URL(url).pathname}).`, {
        fix: 'Check the registry credentials and that they may pull from this repository.',
      });
    }
    if (!response.ok) throw new HttpError(`${init.method ?? 'GET'} ${url} answered HTTP ${response.status}`, response.status, response.headers);
    return (await response.json()) as Record<string, unknown>;
  }
}

/**
 * Confirms every image exists in its registry; transient failures are retried.
 * @throws UserError naming every missing image (nothing is promoted then).
 */
export async function verifyImages(images: readonly string[], auth: RegistryAuth, deps: RegistryDeps): Promise<Map<string, string | undefined>> {
  const client = new RegistryClient(auth, deps.fetch);
  const found = new Map<string, string | undefined>();
  const missing: string[] = [];
  for (const image of new Set(images)) {
    const result = await retry(() => client.exists(image), {
      deadlineMs: deps.deadline.within(60_000),
      clock: deps.deadline.clock,
      initialDelayMs: 500,
      what: `checking ${image} in its registry`,
      onRetry: ({ reason, delayMs }) => deps.logger.info(`Registry check of ${image} failed (${reason}); retrying in ${delayMs} ms.`),
    }).catch((error: unknown) => {
      if (error instanceof UserError) throw error;
      throw new UserError(`Could not check ${image} in its registry: ${errorMessage(error)}.`, {
        fix: 'Check the image name and that the registry is reachable.',
        cause: error,
      });
    });
    if (result.exists) {
      found.set(image, result.digest);
      deps.logger.info(`Found ${image}${result.digest ? ` (${result.digest})` : ''}.`);
    } else {
      missing.push(image);
    }
  }
  if (missing.length > 0) {
    throw new UserError(`Not in the registry: ${missing.map((image) => quoteValue(image, 200)).join(', ')}.`, {
      fix: 'Push the image first (or correct the tag); nothing was promoted.',
    });
  }
  return found;
}
