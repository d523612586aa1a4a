// Watching a collection: synthetic ADDED events for what exists, then changes, reconnecting
// from the last resourceVersion and starting over after a 410.
import { kubeApiError } from './errors.ts';
import type { KubeClient, KubeObject } from './client.ts';

/** What {@link watchObjects} watches and whom it tells. */
export interface WatchOptions {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  /** Stops the watch; the returned promise resolves soon after. */
  signal: AbortSignal;
  /** Each ADDED, MODIFIED or DELETED object. Existing objects come first as ADDED. */
  onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject) => void;
  /** A dropped connection (the watch reconnects on its own). */
  onError?: (error: unknown) => void;
}

/**
 * Watches a collection until `signal` aborts. Starts with the current objects (synthetic ADDED
 * events), then follows changes; reconnects from the last resourceVersion when the connection
 * ends (the server ends each watch after `timeoutSeconds`), and starts over with the current
 * objects when that version has expired (410).
 */
export async function watchObjects(client: KubeClient, options: WatchOptions): Promise<void> {
  const path = await client.collectionPath(options.apiVersion, options.kind, options.namespace);
  let resourceVersion: string | undefined;
  let failures = 0;
  while (!options.signal.aborted) {
    let error: unknown;
    const onLine = (line: string): void => {
      let event: { type?: string; object?: KubeObject };
      try {
        event = JSON.parse(line) as { type?: string; object?: KubeObject };
      } catch {
        return;
      }
      const object = event.object ?? {};
      if (event.type === 'ERROR') {
        // 410 Expired: start over from the current state.
        if ((object as { code?: unknown }).code === 410) resourceVersion = undefined;
        return;
      }
      resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
      failures = 0;
      if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') options.onEvent(event.type, object);
    };
    const query = { watch: 'true', labelSelector: options.labelSelector, resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: '290' };
    await client.stream(path, query, onLine, options.signal).catch((caught: unknown) => (error = caught ?? new Error('watch failed')));
    if (options.signal.aborted) return;
    if (error !== undefined) {
      // An expired version refused as an HTTP 410 (rather than an ERROR event): start over too.
      if (kubeApiError(error)?.code === 410) resourceVersion = undefined;
      failures += 1;
      options.onError?.(error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** failures)));
    }
  }
}
