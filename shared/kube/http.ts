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

/** The API server's URL, checked: http or https, and a proxy the agents can use. */
function serverUrl(connection: KubeConnection): URL {
  let base: URL;
  try {
    base = new URL(connection.server);
  } catch {
    throw new UserError(`The kubeconfig's server ${quoteValue(connection.server)} (context ${quoteValue(connection.context)}) is not a URL.`, {
      fix: 'Set `clusters[].cluster.server` to the API server URL, e.g. https://my-aks-dns.hcp.westeurope.azmk8s.io:443.',
    });
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new UserError(`The kubeconfig's server ${quoteValue(connection.server)} uses ${base.protocol}, which is not http or https.`, {
      fix: 'Use the https:// URL of the API server.',
    });
  }
  return base;
}

/** The proxy variables the agents use: the kubeconfig's `proxy-url` (http(s) only), else the environment's. */
function proxyEnvironment(connection: KubeConnection, env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const proxyUrl = connection.cluster['proxy-url'];
  if (typeof proxyUrl !== 'string' || proxyUrl === '') return env ?? process.env;
  if (!/^https?:\/\//.test(proxyUrl)) {
    throw new UserError(`The kubeconfig's proxy-url ${quoteValue(proxyUrl)} is not an http(s) proxy; only http:// and https:// proxies are supported.`, {
      fix: 'Use an HTTP CONNECT proxy URL, or reach the API server directly.',
    });
  }
  return { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl };
}

/** Splits a streamed body into lines (each trimmed, empty ones skipped). */
class LineSplitter {
  #buffered = '';
  readonly #onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  /** Hands every complete line of `chunk` (with what was buffered) to `onLine`. */
  push(chunk: string): void {
    this.#buffered += chunk;
    let newline = this.#buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffered.slice(0, newline).trim();
      this.#buffered = this.#buffered.slice(newline + 1);
      if (line !== '') this.#onLine(line);
      newline = this.#buffered.indexOf('\n');
    }
  }

  /** Hands the last line, if the body did not end with a newline. */
  end(): void {
    if (this.#buffered.trim() !== '') this.#onLine(this.#buffered.trim());
    this.#buffered = '';
  }
}

/** The whole body of an answer. */
function readBody(res: http.IncomingMessage, onEnd: (text: string) => void, onError?: (error: Error) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (onError) res.on('error', onError);
  res.on('end', () => onEnd(Buffer.concat(chunks).toString('utf8')));
}

/** A raw answer (any status). */
interface RawAnswer {
  code: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** {@link KubeHttp} over Node's http/https, one keep-alive agent per client certificate. */
export class NodeKubeHttp implements KubeHttp {
  readonly #base: URL;
  readonly #secure: boolean;
  readonly #basePath: string;
  readonly #proxyEnv: NodeJS.ProcessEnv;
  readonly #ca: string | undefined;
  readonly #insecure: boolean;
  readonly #servername: string | undefined;
  readonly #agents = new Map<string, http.Agent>();
  readonly #requestTimeoutMs: number;
  readonly #auth: Authenticator;
  readonly #options: KubeHttpOptions;

  constructor(connection: KubeConnection, auth: Authenticator, options: KubeHttpOptions = {}) {
    this.#auth = auth;
    this.#options = options;
    this.#base = serverUrl(connection);
    this.#secure = this.#base.protocol === 'https:';
    this.#proxyEnv = proxyEnvironment(connection, options.env);
    this.#ca = this.#secure ? clusterCa(connection) : undefined;
    this.#insecure = connection.cluster['insecure-skip-tls-verify'] === true;
    const servername = connection.cluster['tls-server-name'];
    this.#servername = typeof servername === 'string' ? servername : undefined;
    this.#basePath = this.#base.pathname.replace(/\/+$/, '');
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  /** One request; a 401 is tried once more with fresh credentials; a non-2xx answer throws {@link KubeApiException}. */
  async request(method: 'GET' | 'PATCH' | 'DELETE' | 'POST' | 'PUT', path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    let answer = await this.#once(method, path, options);
    if (answer.code === 401 && this.#auth.invalidate()) answer = await this.#once(method, path, options);
    if (answer.code < 200 || answer.code > 299) throw new KubeApiException(answer.code, answer.text, answer.headers, `${method} ${path}`);
    return { code: answer.code, text: answer.text, contentType: answer.headers['content-type'] ?? '' };
  }

  /** A streaming GET: each line of the body to `onLine` until the server ends it or `signal` aborts. */
  async stream(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
    const credentials = await this.#auth.credentials();
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return resolve();
      const req = this.#send('GET', path, query, credentials, { Accept: 'application/json' });
      const abort = (): void => void req.destroy();
      signal.addEventListener('abort', abort, { once: true });
      const done = (error?: unknown): void => {
        signal.removeEventListener('abort', abort);
        if (error === undefined || signal.aborted) resolve();
        else reject(error instanceof Error ? error : new Error('the stream failed'));
      };
      const idleMs = this.#options.streamIdleMs ?? 330_000;
      req.setTimeout(idleMs, () => req.destroy(Object.assign(new Error(`watch ${path} idle too long`), { code: 'ETIMEDOUT' })));
      req.on('error', done);
      req.on('response', (res) => this.#readStream(res, path, onLine, done));
      req.end();
    });
  }

  /** Reads a stream's answer: lines to `onLine`, or (non-2xx) the status as a {@link KubeApiException}. */
  #readStream(res: http.IncomingMessage, path: string, onLine: (line: string) => void, done: (error?: unknown) => void): void {
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) {
      readBody(res, (text) => {
        if (code === 401) this.#auth.invalidate();
        done(new KubeApiException(code, text, res.headers, `GET ${path}`));
      });
      return;
    }
    const lines = new LineSplitter(onLine);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => lines.push(chunk));
    res.on('error', done);
    res.on('end', () => {
      lines.end();
      done();
    });
    res.on('close', () => done());
  }

  /** One request with the current credentials, under the request deadline; any status. */
  async #once(method: string, path: string, options: RequestOptions): Promise<RawAnswer> {
    const credentials = await this.#auth.credentials();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, */*' };
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = this.#send(method, path, options.query, credentials, headers, this.#options.signal);
      const timeoutMs = this.#requestTimeoutMs;
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.on('response', (res) => readBody(res, (text) => resolve({ code: res.statusCode ?? 0, text, headers: res.headers }), reject));
      req.end(body);
    });
  }

  /** Starts a request to the API server (the caller ends it). */
  #send(
    method: string,
    path: string,
    query: Query | undefined,
    credentials: Credentials,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): http.ClientRequest {
    return (this.#secure ? https : http).request({
      protocol: this.#base.protocol,
      hostname: this.#base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: this.#base.port || undefined,
      method,
      path: `${this.#basePath}${path}${queryString(query)}`,
      headers: { ...headers, ...credentials.headers, 'User-Agent': 'branch-env' },
      agent: this.#agentFor(credentials),
      ...(signal ? { signal } : {}),
    });
  }

  /** The keep-alive agent for these credentials' client certificate (made once). */
  #agentFor(credentials: Credentials): http.Agent {
    const id = `${credentials.cert ?? ''}\0${credentials.key ?? ''}`;
    let agent = this.#agents.get(id);
    if (!agent) {
      agent = this.#secure
        ? new https.Agent({
            keepAlive: true,
            ca: this.#ca,
            cert: credentials.cert,
            key: credentials.key,
            rejectUnauthorized: !this.#insecure,
            ...(this.#servername ? { servername: this.#servername } : {}),
            proxyEnv: this.#proxyEnv,
          })
        : new http.Agent({ keepAlive: true, proxyEnv: this.#proxyEnv });
      this.#agents.set(id, agent);
    }
    return agent;
  }
}

/** Builds the HTTP client for a resolved kubeconfig context. */
export function createKubeHttp(connection: KubeConnection, auth: Authenticator, options: KubeHttpOptions = {}): KubeHttp {
  return new NodeKubeHttp(connection, auth, options);
}
