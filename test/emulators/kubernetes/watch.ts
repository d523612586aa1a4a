// WATCH: a chunked response of one `{"type","object"}` JSON document per line.
// Without a resourceVersion (or with "0") it starts with a synthetic ADDED per
// existing object; with one, it replays the changes after it from history, or
// sends a single ERROR event with a 410 Expired Status when they were compacted.
import type http from 'node:http';
import type { Target } from './objects.ts';
import { badRequest, expired } from './status.ts';
import type { KubeStore, StoreEvent } from './store.ts';
import type { KubeObject } from './types.ts';

export interface WatchRequest {
  target: Target;
  /** `resourceVersion` query parameter, if any. */
  resourceVersion: string | null;
  /** Seconds after which the server ends the watch (`timeoutSeconds`). */
  timeoutSeconds: number | undefined;
  /** Label and field selectors (and a name, for a watch of one object). */
  matches: (obj: KubeObject) => boolean;
  /** Renders an object as served at the request's version. */
  present: (obj: KubeObject) => KubeObject;
}

/** Streams the watch until the client goes away, the timeout passes, or `stop` is called. */
export function serveWatch(store: KubeStore, req: http.IncomingMessage, res: http.ServerResponse, watch: WatchRequest): () => void {
  const { target } = watch;
  const rv = watch.resourceVersion;
  if (rv && rv !== '0' && !/^\d+$/.test(rv)) throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rv)}: must be a non-negative integer`);
  const inScope = (event: StoreEvent): boolean =>
    event.resource === target.resource &&
    (target.namespace === undefined || event.object.metadata.namespace === target.namespace) &&
    watch.matches(event.object);

  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  // The API server sends the headers at once; client-go waits for them before it can stop a watch.
  res.flushHeaders();
  const send = (type: string, object: unknown): void => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };

  if (rv && rv !== '0') {
    const changes = store.changesSince(Number(rv));
    if (!changes) {
      send('ERROR', expired(`too old resource version: ${rv} (${store.oldestResourceVersion + 1})`).status);
      res.end();
      return () => undefined;
    }
    for (const event of changes) if (inScope(event)) send(event.type, watch.present(event.object));
  } else {
    for (const obj of store.select(target.resource, target.namespace, watch.matches)) send('ADDED', watch.present(obj));
  }

  const unsubscribe = store.subscribe((event) => {
    if (inScope(event)) send(event.type, watch.present(event.object));
  });
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  if (watch.timeoutSeconds !== undefined && watch.timeoutSeconds > 0) timer = setTimeout(stop, watch.timeoutSeconds * 1000);
  req.on('close', stop);
  res.on('close', stop);
  return stop;
}
