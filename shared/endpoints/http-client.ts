// Sends one check request with undici (the client inside Node's own fetch; Node's global
// fetch cannot take an undici 8 Agent, so the package's `request` is used with its Agent):
// a per-request deadline covering connect, headers and body; insecure TLS or an extra CA;
// redirects followed by hand so credentials never travel to another origin.
import tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { isCredentialHeader } from './redact.ts';

/** A request as a check sends it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What came back (after any redirects). */
export interface HttpAnswer {
  status: number;
  /** Response headers, lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body as text, at most `maxBodyBytes`. */
  body: string;
  /** Whether the body was cut at `maxBodyBytes`. */
  truncated: boolean;
  /** The URL that answered. */
  url: string;
  /** Each URL redirected to, in order. */
  redirects: string[];
}

/** One attempt: an answer or the error that prevented one, with the time it took. */
export type Outcome = { kind: 'answer'; answer: HttpAnswer; latencyMs: number } | { kind: 'error'; error: unknown; latencyMs: number };

/** Sends a request with a time limit; never rejects (failures come back as `kind: 'error'`). */
export type Sender = (request: HttpRequest, timeoutMs: number) => Promise<Outcome>;

/** How the client connects. */
export interface HttpClientOptions {
  /** Accept any certificate (self-signed, wrong name). */
  insecureTls: boolean;
  /** Extra CA certificates (PEM) to trust besides the default ones. */
  caCertificate?: string | undefined;
  /** Follow 3xx answers with a Location (up to {@link MAX_REDIRECTS}). */
  followRedirects: boolean;
  /** Largest body kept for evaluation (default 1 MiB). */
  maxBodyBytes?: number;
  /** Header names (lower-case) the user marked as credentials, dropped like Authorization on a cross-origin redirect. */
  markedHeaders?: ReadonlySet<string>;
}

/** The client's sender and a way to close its connections. */
export interface HttpClient {
  /** Sends one request (call it as `client.send(...)`: it may be a method). */
  send: Sender;
  /** Destroys every connection (including ones a hanging server holds open). */
  close(): Promise<void>;
}

/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The per-request deadline passed. */
export class RequestTimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** A redirect that cannot be followed (too many, or to a non-http URL). */
export class RedirectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedirectError';
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function readBody(body: Dispatcher.ResponseData['body'], max: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size > max) {
      truncated = true;
      break; // ends the iteration, which destroys the stream
    }
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max)), truncated };
}

/** Headers for the next hop: credentials dropped when the origin changes; the body's headers when the body is. */
function nextHeaders(headers: Record<string, string>, crossOrigin: boolean, dropBody: boolean, marked: ReadonlySet<string>): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host') continue;
    if (crossOrigin && isCredentialHeader(lower, marked)) continue;
    if (dropBody && (lower === 'content-type' || lower === 'content-length')) continue;
    next[name] = value;
  }
  return next;
}

/** What the client uses of undici (imported when the client is made). */
type Undici = Pick<typeof import('undici'), 'Agent' | 'request'>;

/** Where a request stands while redirects are followed. */
interface Hop {
  url: URL;
  method: string;
  body: string | undefined;
  headers: Record<string, string>;
}

/** {@link HttpClient} over an undici Agent: keep-alive connections, the TLS settings, redirects followed by hand. */
class UndiciHttpClient implements HttpClient {
  readonly #request: Undici['request'];
  readonly #agent: InstanceType<Undici['Agent']>;
  readonly #options: HttpClientOptions;
  readonly #maxBody: number;

  constructor(undici: Undici, options: HttpClientOptions) {
    this.#request = undici.request;
    this.#options = options;
    const ca = options.caCertificate ? [...tls.getCACertificates('default'), options.caCertificate] : undefined;
    this.#agent = new undici.Agent({
      connect: { rejectUnauthorized: !options.insecureTls, ...(ca ? { ca } : {}) },
      keepAliveTimeout: 4000,
    });
    this.#maxBody = options.maxBodyBytes ?? 1024 * 1024;
  }

  /** Sends a request with a time limit; never rejects (failures come back as `kind: 'error'`). Call it as a method. */
  async send(req: HttpRequest, timeoutMs: number): Promise<Outcome> {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeoutError(timeoutMs)), timeoutMs);
    try {
      const answer = await this.#exchange(req, controller.signal, timeoutMs);
      return { kind: 'answer', answer, latencyMs: performance.now() - started };
    } catch (error: unknown) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      return { kind: 'error', error: reason, latencyMs: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Destroys every connection (including ones a hanging server holds open). */
  close(): Promise<void> {
    return this.#agent.destroy();
  }

  /** The request and the redirects it is sent on, up to the answer. */
  async #exchange(req: HttpRequest, signal: AbortSignal, timeoutMs: number): Promise<HttpAnswer> {
    const hop: Hop = { url: new URL(req.url), method: req.method, body: req.body, headers: req.headers };
    const redirects: string[] = [];
    for (;;) {
      const response = await this.#request(hop.url, {
        dispatcher: this.#agent,
        method: hop.method,
        headers: hop.headers,
        body: hop.body ?? null,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const location = response.headers['location'];
      const target = Array.isArray(location) ? location[0] : location;
      if (!this.#options.followRedirects || !REDIRECT_STATUSES.has(response.statusCode) || target === undefined) {
        const read = hop.method === 'HEAD' ? { text: '', truncated: false } : await readBody(response.body, this.#maxBody);
        return {
          status: response.statusCode,
          headers: flatHeaders(response.headers),
          body: read.text,
          truncated: read.truncated,
          url: hop.url.href,
          redirects,
        };
      }
      await response.body.dump();
      if (redirects.length >= MAX_REDIRECTS) throw new RedirectError(`more than ${MAX_REDIRECTS} redirects (last to ${target})`);
      this.#redirect(hop, response.statusCode, target);
      redirects.push(hop.url.href);
    }
  }

  /** Moves `hop` to the redirect's target: credentials dropped across origins; a 303 (or a 301/302 after POST) becomes a GET without body. */
  #redirect(hop: Hop, status: number, target: string): void {
    const next = new URL(target, hop.url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RedirectError(`redirected to a non-http URL ${next.protocol}//…`);
    const toGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
    hop.headers = nextHeaders(hop.headers, next.origin !== hop.url.origin, toGet, this.#options.markedHeaders ?? new Set());
    if (toGet) {
      hop.method = 'GET';
      hop.body = undefined;
    }
    hop.url = next;
  }
}

/** Creates the client. undici is imported here, so only a run that sends requests pays for it. */
export async function createHttpClient(options: HttpClientOptions): Promise<HttpClient> {
  return new UndiciHttpClient(await import('undici'), options);
}
