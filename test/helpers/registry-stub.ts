// A small OCI registry stand-in for verify-images tests: answers
// `HEAD /v2/<repo>/manifests/<tag|digest>` behind the auth flow a real registry uses
// (Docker token service with a Bearer challenge, Basic, or Azure Container Registry's
// /oauth2/exchange + /oauth2/token), with scripted faults. Plain HTTP on 127.0.0.1, which
// the action reaches over http like Docker does for loopback registries.
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { FaultInjector, RequestCounter } from '../emulators/common/faults.ts';
import { readBody, sendJson, startServer } from '../emulators/common/http.ts';

/** How the stub wants clients to authenticate. */
export type RegistryAuthMode = 'anonymous' | 'token-service' | 'basic' | 'acr';

export interface RegistryStubOptions {
  /** Present manifests as `repo:tag` or `repo@sha256:...`. */
  images: string[];
  auth: RegistryAuthMode;
  /** Credentials the token service (or Basic) accepts. */
  username?: string;
  password?: string;
  /** Entra access token ACR's /oauth2/exchange accepts. */
  azureToken?: string;
  /** A pre-issued bearer token the registry accepts as is. */
  staticToken?: string;
}

export interface RegistryStub {
  /** `127.0.0.1:<port>`: the registry part of image names. */
  host: string;
  url: string;
  faults: FaultInjector;
  requests: RequestCounter;
  /** Every Authorization header seen on /v2 requests. */
  authorizations: string[];
  /** Adds a manifest (`repo:tag` or `repo@digest`). */
  push(image: string): void;
  close(): Promise<void>;
}

function digestOf(image: string): string {
  return `sha256:${createHash('sha256').update(image).digest('hex')}`;
}

/** Starts the stub on a free port. */
export async function startRegistryStub(options: RegistryStubOptions): Promise<RegistryStub> {
  const manifests = new Set(options.images);
  const issued = new Set<string>(options.staticToken ? [options.staticToken] : []);
  const refreshTokens = new Set<string>();
  const faults = new FaultInjector();
  const requests = new RequestCounter();
  const authorizations: string[] = [];
  let host = '';
  const basic = options.username !== undefined ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` : undefined;

  const issue = (res: http.ServerResponse, field: 'token' | 'access_token'): void => {
    const token = `tok-${randomUUID()}`;
    issued.add(token);
    sendJson(res, 200, { [field]: token, expires_in: 300 });
  };

  const listener = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    requests.record(req.method ?? 'GET', url.pathname);
    const fault = faults.pick(req.method ?? 'GET', url.pathname);
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(res, fault.status, { errors: [{ code: fault.code ?? 'UNAVAILABLE', message: fault.message ?? 'injected' }] }, headers);
      return;
    }
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const body = (await readBody(req)).toString('utf8');
    if (url.pathname === '/token' && req.method === 'GET') {
      if (basic && req.headers.authorization !== basic) return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
      return issue(res, 'token');
    }
    if (url.pathname === '/oauth2/exchange' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'access_token' || form.get('access_token') !== options.azureToken || form.get('service') !== host) {
        return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'exchange refused' }] });
      }
      const refresh = `refresh-${randomUUID()}`;
      refreshTokens.add(refresh);
      return sendJson(res, 200, { refresh_token: refresh });
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token' || !refreshTokens.has(form.get('refresh_token') ?? '') || !form.get('scope')?.endsWith(':pull')) {
        return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'token refused' }] });
      }
      return issue(res, 'access_token');
    }
    const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (!match || (req.method !== 'HEAD' && req.method !== 'GET')) return sendJson(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    const [, repository = '', reference = ''] = match;
    const authorization = req.headers.authorization ?? '';
    authorizations.push(authorization);
    const bearerOk = authorization.startsWith('Bearer ') && issued.has(authorization.slice(7));
    const allowed = options.auth === 'anonymous' || bearerOk || (options.auth === 'basic' && authorization === basic);
    if (!allowed) {
      const realm = options.auth === 'acr' ? `http://${host}/oauth2/token` : `http://${host}/token`;
      const challenge = options.auth === 'basic' ? 'Basic realm="stub"' : `Bearer realm="${realm}",service="${host}",scope="repository:${repository}:pull"`;
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' });
      res.end();
      return;
    }
    const image = reference.startsWith('sha256:') ? `${repository}@${reference}` : `${repository}:${reference}`;
    if (!manifests.has(image)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end();
      return;
    }
    res.writeHead(200, {
      'docker-content-digest': reference.startsWith('sha256:') ? reference : digestOf(image),
      'content-type': 'application/vnd.oci.image.index.v1+json',
    });
    res.end();
  };

  const server = await startServer((req, res) => void listener(req, res));
  host = `127.0.0.1:${server.port}`;
  return {
    host,
    url: server.url,
    faults,
    requests,
    authorizations,
    push: (image) => manifests.add(image),
    close: () => server.close(),
  };
}
