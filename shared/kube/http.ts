// HTTP to the Kubernetes API server with Node's own http/https (nothing to load at start-up):
// keep-alive connections, the cluster's CA or `insecure-skip-tls-verify`, `tls-server-name`,
// client certificates, the kubeconfig's `proxy-url` or the usual proxy variables, a deadline per
// request, and one more try with fresh credentials after a 401. Non-2xx answers become a
// {@link KubeApiException} carrying the status code and the Status body, as client-node's does.
import http from 'node:http';
import https from 'node:https';
import { UserError, quoteValue } from '../core/errors.ts';
import { clusterCa, type Authenticator, type Credentials } from './auth.ts';
import type { KubeConnection } from './config.ts';

/** A non-2xx answer of the API server (`code` and `body` as client-node's ApiException has them). */
export class KubeApiException extends Error {
  readonly code: number;
  /** The response body (a Status JSON document, usually). */
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;

  constructor(code: number, body: string, headers: Record<string, string | string[] | undefined>, what: string) {
    super(`HTTP ${code} from ${what}`);
    this.name = 'KubeApiException';
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
}

/** Query parameters; undefined ones are left out. */
export type Query = Record<string, string | undefined>;

/** One request. */
export interface RequestOptions {
  query?: Query;
  /** Accept header (default: JSON, then anything, as client-go sends it; pod logs answer text/plain). */
  accept?: string;
  body?: unknown;
  contentType?: string;
}

/** A 2xx answer. */
export interface HttpResponse {
  code: number;
  text: string;
  contentType: string;
}

/** Requests to one API server. */
export interface KubeHttp {
  request(method: 'GET' | 'PATCH' | 'DELETE' | 'POST' | 'PUT', path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** A streaming GET: each line of the body to `onLine` until the server ends it or `signal` aborts. */
  stream(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<void>;
}

/** Options of {@link createKubeHttp}. */
export interface KubeHttpOptions {
  /** Deadline of one request (not of a stream), in ms. Default 60 s. */
  requestTimeoutMs?: number;
  /** Idle time after which a stream is considered dead, in ms. Default 330 s. */
  streamIdleMs?: number;
  /** Environment for the proxy variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Cancels every request of this client (streams have their own signal). */
  signal?: AbortSignal;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Builds the HTTP client for a resolved kubeconfig context. */
export function createKubeHttp(connection: KubeConnection, auth: Authenticator, options: KubeHttpOptions = {}): KubeHttp {
  let base: URL;
  try {
    base = new URL(connection.server);
  } catch {
    throw new UserError(`The kubeconfig's server ${quoteValue(connection.server)} (context ${quoteValue(connection.context)}) is not a URL.`, {
      fix: 'Set `clusters[].cluster.server` to the API server URL, e.g. https://my-aks-dns.hcp.westeurope.azmk8s.io:443.',
    });
  }
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') {
    throw new UserError(`The kubeconfig's server ${quoteValue(connection.server)} uses ${base.protocol}, which is not http or https.`, {
      fix: 'Use the https:// URL of the API server.',
    });
  }
  const proxyUrl = connection.cluster['proxy-url'];
  if (typeof proxyUrl === 'string' && proxyUrl !== '' && !/^https?:\/\//.test(proxyUrl)) {
    throw new UserError(`The kubeconfig's proxy-url ${quoteValue(proxyUrl)} is not an http(s) proxy; only http:// and https:// proxies are supported.`, {
      fix: 'Use an HTTP CONNECT proxy URL, or reach the API server directly.',
    });
  }
  const proxyEnv = typeof proxyUrl === 'string' && proxyUrl !== '' ? { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl } : (options.env ?? process.env);
  const ca = secure ? clusterCa(connection) : undefined;
  const insecure = connection.cluster['insecure-skip-tls-verify'] === true;
  const servername = typeof connection.cluster['tls-server-name'] === 'string' ? connection.cluster['tls-server-name'] : undefined;
  const basePath = base.pathname.replace(/\/+$/, '');
  const agents = new Map<string, http.Agent>();
  const agentFor = (credentials: Credentials): http.Agent => {
    const id = `${credentials.cert ?? ''}\0${credentials.key ?? ''}`;
    let agent = agents.get(id);
    if (!agent) {
      agent = secure
        ? new https.Agent({
            keepAlive: true,
            ca,
            cert: credentials.cert,
            key: credentials.key,
            rejectUnauthorized: !insecure,
            ...(servername ? { servername } : {}),
            proxyEnv,
          })
        : new http.Agent({ keepAlive: true, proxyEnv });
      agents.set(id, agent);
    }
    return agent;
  };
  const send = (
    method: string,
    path: string,
    query: Query | undefined,
    credentials: Credentials,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): http.ClientRequest =>
    (secure ? https : http).request({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: base.port || undefined,
      method,
      path: `${basePath}${path}${queryString(query)}`,
      headers: { ...headers, ...credentials.headers, 'User-Agent': 'branch-env' },
      agent: agentFor(credentials),
      ...(signal ? { signal } : {}),
    });
  const what = (method: string, path: string): string => `${method} ${path}`;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const clientSignal = options.signal;

  const once = async (method: string, path: string, options: RequestOptions): Promise<{ code: number; text: string; headers: http.IncomingHttpHeaders }> => {
    const credentials = await auth.credentials();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, */*' };
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = send(method, path, options.query, credentials, headers, clientSignal);
      req.setTimeout(requestTimeoutMs, () =>
        req.destroy(Object.assign(new Error(`no answer to ${what(method, path)} within ${requestTimeoutMs} ms`), { code: 'ETIMEDOUT' })),
      );
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      });
      req.end(body);
    });
  };

  return {
    async request(method, path, options = {}) {
      let answer = await once(method, path, options);
      if (answer.code === 401 && auth.invalidate()) answer = await once(method, path, options);
      if (answer.code < 200 || answer.code > 299) throw new KubeApiException(answer.code, answer.text, answer.headers, what(method, path));
      return { code: answer.code, text: answer.text, contentType: answer.headers['content-type'] ?? '' };
    },
    async stream(path, query, onLine, signal) {
      const credentials = await auth.credentials();
      await new Promise<void>((resolve, reject) => {
        if (signal.aborted) return resolve();
        const req = send('GET', path, query, credentials, { Accept: 'application/json' });
        const abort = (): void => void req.destroy();
        signal.addEventListener('abort', abort, { once: true });
        const done = (error?: unknown): void => {
          signal.removeEventListener('abort', abort);
          if (error === undefined || signal.aborted) resolve();
          else reject(error instanceof Error ? error : new Error('the stream failed'));
        };
        req.setTimeout(options.streamIdleMs ?? 330_000, () => req.destroy(Object.assign(new Error(`watch ${path} idle too long`), { code: 'ETIMEDOUT' })));
        req.on('error', done);
        req.on('response', (res) => {
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              if (res.statusCode === 401) auth.invalidate();
              done(new KubeApiException(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), res.headers, what('GET', path)));
            });
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            let newline = buffered.indexOf('\n');
            while (newline >= 0) {
              const line = buffered.slice(0, newline).trim();
              buffered = buffered.slice(newline + 1);
              if (line !== '') onLine(line);
              newline = buffered.indexOf('\n');
            }
          });
          res.on('error', done);
          res.on('end', () => {
            if (buffered.trim() !== '') onLine(buffered.trim());
            done();
          });
          res.on('close', () => done());
        });
        req.end();
      });
    },
  };
}
