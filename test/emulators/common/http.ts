// HTTP plumbing shared by the emulators: a server on a free loopback port
// (plain or TLS), a small router with named path parameters, body reading and
// JSON answers. Kept tiny on purpose: each emulator owns its own behaviour.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Params = Record<string, string>;

export interface Request {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: http.IncomingMessage;
  body: Buffer;
}

export type Handler = (req: Request, res: http.ServerResponse, params: Params) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export interface RouterOptions {
  /** Match fixed path text without regard to case (ARM treats paths so). Default false. */
  ignoreCase?: boolean;
  /** Also match the path with one trailing `/`. Default false. */
  trailingSlash?: boolean;
}

/**
 * Routes `METHOD /a/{name}/b` patterns. A `{name*}` parameter matches the rest
 * of the path. Parameters are percent-decoded after matching (clients encode
 * `/` inside a parameter as `%2F`).
 */
export class Router {
  private readonly routes: Route[] = [];
  private readonly options: RouterOptions;

  constructor(options: RouterOptions = {}) {
    this.options = options;
  }

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)(\*?)\}/g, (_m, name: string, rest: string) => {
      names.push(name);
      return rest ? '(.+)' : '([^/]+)';
    });
    const slash = this.options.trailingSlash ? '/?' : '';
    this.routes.push({ method, pattern: new RegExp(`^${source}${slash}$`, this.options.ignoreCase ? 'i' : ''), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Params } | undefined {
    for (const route of this.routes) {
      if (route.method !== method && route.method !== '*') continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Params = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return undefined;
  }

  /** True when some route matches the path with any method (to answer 405 rather than 404). */
  hasPath(path: string): boolean {
    return this.routes.some((route) => route.pattern.test(path));
  }
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function parseJson(req: Request): unknown {
  if (req.body.length === 0) return undefined;
  return JSON.parse(req.body.toString('utf8')) as unknown;
}

export interface ServerHandle {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
}

/** Starts a server on 127.0.0.1 and tracks sockets so `close()` never hangs on keep-alive. */
export async function startServer(listener: (req: http.IncomingMessage, res: http.ServerResponse) => void, options: StartOptions = {}): Promise<ServerHandle> {
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
