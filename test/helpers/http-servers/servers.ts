// Local HTTP(S) servers that behave like an environment coming up: refusing connections,
// then 503, then 200; answering an old version first; hanging; redirecting elsewhere.
// Every server records the requests it got and closes without waiting for keep-alive.
import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { startServer, type ServerHandle } from '../../emulators/common/http.ts';
import type { KeyPair } from './certs.ts';

/** A request as a test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A running test server. */
export interface TestServer {
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: SeenRequest[];
  /** Most requests that were being handled at the same time. */
  maxInFlight(): number;
  /** Replaces the TLS certificate for new connections (HTTPS only). */
  setCertificate(pair: KeyPair): void;
  /** Calls `listener` when the first TCP connection closes (for example after a refused handshake). */
  afterFirstConnection(listener: () => void): void;
  close(): Promise<void>;
}

/** What a handler returns: status, headers, body (a string, or an object sent as JSON). `undefined` never answers. */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type TestHandler = (request: SeenRequest, elapsedMs: number) => Answer | undefined;

/** A port that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a server whose answers come from `handler` (given the time since `startedAt`).
 * With `listenAfterMs`, the port refuses connections until then.
 */
export async function startTestServer(handler: TestHandler, options: { tls?: KeyPair; listenAfterMs?: number; startedAt?: number } = {}): Promise<TestServer> {
  const startedAt = options.startedAt ?? Date.now();
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const answer = handler(seen, Date.now() - startedAt);
      if (answer === undefined) return; // hang: the client's timeout must end it
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const send = (): void => {
        timers.delete(timer);
        inFlight -= 1;
        const json = typeof answer.body === 'object';
        const text = json ? JSON.stringify(answer.body) : (answer.body ?? '');
        res.writeHead(answer.status ?? 200, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8', ...answer.headers });
        res.end(text);
      };
      const timer = setTimeout(send, answer.delayMs ?? 0);
      timers.add(timer);
    });
  };
  const port = options.listenAfterMs ? await freePort() : 0;
  let handle: ServerHandle | undefined;
  let pending: Promise<void> | undefined;
  const listen = async (): Promise<void> => {
    handle = await startServer(listener, { port, ...(options.tls ? { tls: options.tls } : {}) });
  };
  let delayed: NodeJS.Timeout | undefined;
  if (options.listenAfterMs) {
    delayed = setTimeout(() => {
      pending = listen();
    }, options.listenAfterMs);
  } else {
    await listen();
  }
  const actualPort = handle?.port ?? port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    maxInFlight: () => maxInFlight,
    setCertificate: (pair) => {
      if (!handle) throw new Error('server not listening yet');
      (handle.server as unknown as https.Server).setSecureContext({ key: pair.key, cert: pair.cert });
    },
    afterFirstConnection: (listener) => {
      if (!handle) throw new Error('server not listening yet');
      handle.server.once('connection', (socket: net.Socket) => socket.once('close', listener));
    },
    close: async () => {
      if (delayed) clearTimeout(delayed);
      for (const timer of timers) clearTimeout(timer);
      await pending;
      await handle?.close();
    },
  };
}
