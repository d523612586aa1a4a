// Kubernetes plumbing shared by the actions that talk to a cluster (deploy-overlay,
// cleanup-branch): a client that sends objects as they are (server-side apply, get, list, merge
// patch, delete, logs, discovery, watch) over shared/kube/http.ts, readable API errors, and the
// protected namespaces (ownership marks: shared/branch/ownership/kube-marks.ts). The kubeconfig is read by shared/kube/config.ts.
//
// Why not @kubernetes/client-node's KubernetesObjectApi, which the first version used: loading
// client-node (a 19 MB bundle chunk) blocked the event loop for 170-250 ms on every run, longer
// than the whole render, and the suite only needs these few REST verbs. client-node is now only
// a devDependency: the tests compare the kubeconfig resolver with it (legacy `auth-provider`
// users are refused, shared/kube/config.ts).
import type { RunPlugin } from './auth.ts';
import type { KubeConnection } from './config.ts';
import { discovery, type ResourceInfo } from './discovery.ts';
import { kubeApiError } from './errors.ts';
import type { HttpResponse, KubeHttp, Query, RequestOptions } from './http.ts';
import { retry } from '../core/retry.ts';
import * as runner from '../core/workflow-commands.ts';
import type { SetSecret } from '../core/secrets.ts';

/** Object metadata as the API serves it (the fields the suite reads). */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean }[];
  managedFields?: { manager?: string; operation?: string; apiVersion?: string; time?: string }[];
  [key: string]: unknown;
}

/** A Kubernetes object as plain JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

/** Whether a namespace is being deleted. */
export function isTerminating(obj: KubeObject | undefined): boolean {
  return Boolean(obj?.metadata?.deletionTimestamp);
}

/** Options of one server-side apply. */
export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own (`force=true`). */
  force?: boolean;
  /** `dryRun=All`: validated and defaulted by the server, not stored. */
  dryRun?: boolean;
}

/** A cluster client sending and answering raw JSON. Calls retry transient faults. */
export interface KubeClient {
  /** The kubeconfig context it talks to. */
  readonly connection: KubeConnection;
  /** Discovery of a kind; undefined when the server does not serve it (a CRD not applied yet). */
  resource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** Discovers every group at once where the server offers aggregated discovery (never fails; lookups fall back per group). */
  prefetchDiscovery(): Promise<void>;
  /** Server-side apply; `code` is 201 when the object was created, 200 otherwise. */
  apply(obj: KubeObject, options: ApplyOptions): Promise<{ code: number; object: KubeObject }>;
  /** The object, or undefined when it does not exist. */
  get(ref: KubeObject): Promise<KubeObject | undefined>;
  /** Every object of a kind (all pages), in a namespace or cluster-wide. */
  list(apiVersion: string, kind: string, options?: { namespace?: string; labelSelector?: string }): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** A JSON merge patch (an Update operation under `fieldManager`). */
  mergePatch(ref: KubeObject, patch: unknown, fieldManager: string): Promise<KubeObject>;
  /** Deletes an object; false when it was already gone. */
  delete(ref: KubeObject, options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; dryRun?: boolean }): Promise<boolean>;
  /** The last lines of a container's log. */
  podLog(namespace: string, pod: string, options: { container?: string; tailLines?: number; previous?: boolean }): Promise<string>;
  /** The collection path of a kind (`/apis/apps/v1/namespaces/ns/deployments`), for watches. */
  collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string>;
  /** A streaming GET (watches): each line of the body until the server ends it or `signal` aborts. */
  stream(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<void>;
}

/** Options of {@link createKubeClient}. */
export interface KubeClientOptions {
  /** How long one call may keep retrying transient faults (429, 5xx, resets). Default 30 s. */
  retryDeadlineMs?: number;
  /** Told about each retry (e.g. to log it). */
  onRetry?: (what: string, reason: string, delayMs: number) => void;
  /** Masks credentials a plugin hands out (default the runner's). */
  setSecret?: SetSecret;
  /** Runs `exec` credential plugins (default: a child process). */
  runPlugin?: RunPlugin;
  /** Stops every call (and its retries) when aborted, e.g. once the run has failed elsewhere. */
  signal?: AbortSignal;
}

/** Kinds whose resource never changes, so their paths need no discovery round trip first. */
const WELL_KNOWN: ReadonlyMap<string, ResourceInfo> = new Map([
  ['v1 Namespace', { name: 'namespaces', namespaced: false, verbs: [] }],
  ['v1 Pod', { name: 'pods', namespaced: true, verbs: [] }],
]);

function parse(text: string): KubeObject {
  return text === '' ? {} : (JSON.parse(text) as KubeObject);
}

/** How an object is named in retry messages: `Kind namespace/name`. */
function describeRef(obj: KubeObject): string {
  return `${obj.kind ?? '?'} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name ?? ''}`;
}

/** The 404 a request for a kind the server does not serve would get (so callers see one shape). */
function notServed(apiVersion: string, kind: string): Error {
  const message = `the server does not serve ${kind} in ${apiVersion}`;
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message });
  return Object.assign(new Error(message), { code: 404, body });
}

/**
 * {@link KubeHttp} that loads the HTTP layer (shared/kube/http.ts, auth.ts, and Node's http, https
 * and tls modules) on the first request, off the start-up path.
 */
class LazyKubeHttp implements KubeHttp {
  readonly #connection: KubeConnection;
  readonly #options: KubeClientOptions;
  #ready: Promise<KubeHttp> | undefined;

  constructor(connection: KubeConnection, options: KubeClientOptions) {
    this.#connection = connection;
    this.#options = options;
  }

  async request(method: 'GET' | 'PATCH' | 'DELETE' | 'POST' | 'PUT', path: string, options?: RequestOptions): Promise<HttpResponse> {
    return (await this.#load()).request(method, path, options);
  }

  async stream(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
    return (await this.#load()).stream(path, query, onLine, signal);
  }

  /** The real client, made once. */
  #load(): Promise<KubeHttp> {
    const connection = this.#connection;
    const options = this.#options;
    this.#ready ??= Promise.all([import('./http.ts'), import('./auth.ts')]).then(([{ createKubeHttp }, { createAuthenticator }]) => {
      const auth = createAuthenticator(connection, {
        setSecret: options.setSecret ?? runner.setSecret,
        ...(options.runPlugin ? { runPlugin: options.runPlugin } : {}),
      });
      return createKubeHttp(connection, auth, options.signal ? { signal: options.signal } : {});
    });
    return this.#ready;
  }
}

/** {@link KubeClient} over the REST API: paths from discovery, every call retried under a deadline. */
class RestKubeClient implements KubeClient {
  readonly connection: KubeConnection;
  readonly #options: KubeClientOptions;
  readonly #http: KubeHttp;
  readonly #discovery: ReturnType<typeof discovery>;

  constructor(connection: KubeConnection, options: KubeClientOptions) {
    this.connection = connection;
    this.#options = options;
    this.#http = new LazyKubeHttp(connection, options);
    this.#discovery = discovery(this.#http);
  }

  resource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.#call(`discovery of ${apiVersion} ${kind}`, () => this.#discovery.lookup(apiVersion, kind));
  }

  prefetchDiscovery(): Promise<void> {
    return this.#discovery.prefetch();
  }

  apply(obj: KubeObject, options: ApplyOptions): Promise<{ code: number; object: KubeObject }> {
    return this.#call(`apply of ${describeRef(obj)}`, async () => {
      const query = { fieldManager: options.fieldManager, force: String(options.force === true), dryRun: options.dryRun ? 'All' : undefined };
      const raw = await this.#http.request('PATCH', await this.#pathOf(obj), { query, body: obj, contentType: 'application/apply-patch+yaml' });
      return { code: raw.code, object: parse(raw.text) };
    });
  }

  get(ref: KubeObject): Promise<KubeObject | undefined> {
    return this.#call(`read of ${describeRef(ref)}`, async () => {
      try {
        return parse((await this.#http.request('GET', await this.#pathOf(ref))).text);
      } catch (error: unknown) {
        if (kubeApiError(error)?.code === 404) return undefined;
        throw error;
      }
    });
  }

  list(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string } = {},
  ): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    // A namespaced kind listed without a namespace is listed across all of them.
    return this.#call(`list of ${kind}`, async () =>
      this.#listPages(apiVersion, kind, await this.#collection(apiVersion, kind, options.namespace ?? ''), options.labelSelector),
    );
  }

  mergePatch(ref: KubeObject, patch: unknown, fieldManager: string): Promise<KubeObject> {
    return this.#call(`patch of ${describeRef(ref)}`, async () => {
      const path = await this.#pathOf(ref);
      return parse((await this.#http.request('PATCH', path, { query: { fieldManager }, body: patch, contentType: 'application/merge-patch+json' })).text);
    });
  }

  delete(ref: KubeObject, options: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; dryRun?: boolean } = {}): Promise<boolean> {
    return this.#call(`delete of ${describeRef(ref)}`, async () => {
      try {
        const query = { propagationPolicy: options.propagationPolicy ?? 'Background', dryRun: options.dryRun ? 'All' : undefined };
        await this.#http.request('DELETE', await this.#pathOf(ref), { query });
        return true;
      } catch (error: unknown) {
        if (kubeApiError(error)?.code === 404) return false;
        throw error;
      }
    });
  }

  podLog(namespace: string, pod: string, options: { container?: string; tailLines?: number; previous?: boolean }): Promise<string> {
    return this.#call(`log of pod ${namespace}/${pod}`, async () => {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
      const query = {
        container: options.container,
        tailLines: options.tailLines === undefined ? undefined : String(options.tailLines),
        previous: options.previous ? 'true' : undefined,
      };
      return (await this.#http.request('GET', path, { query })).text;
    });
  }

  collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    return this.#call(`discovery of ${apiVersion} ${kind}`, () => this.#collection(apiVersion, kind, namespace ?? ''));
  }

  stream(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
    return this.#http.stream(path, query, onLine, signal);
  }

  /** Runs one call, retrying transient faults under the client's deadline. */
  #call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const options = this.#options;
    return retry(fn, {
      deadlineMs: options.retryDeadlineMs ?? 30_000,
      initialDelayMs: 250,
      maxDelayMs: 5000,
      what,
      ...(options.signal ? { signal: options.signal } : {}),
      onRetry: (info) => options.onRetry?.(what, info.reason, info.delayMs),
    });
  }

  /** Every page of a list (built-in lists carry apiVersion and kind on the list only, so each item gets them). */
  async #listPages(
    apiVersion: string,
    kind: string,
    path: string,
    labelSelector: string | undefined,
  ): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const items: KubeObject[] = [];
    let resourceVersion = '';
    let next: string | undefined;
    do {
      const page = parse((await this.#http.request('GET', path, { query: { labelSelector, limit: '500', continue: next } })).text);
      const meta = (page.metadata ?? {}) as { continue?: string; resourceVersion?: string };
      const pageItems = Array.isArray(page['items']) ? (page['items'] as KubeObject[]) : [];
      for (const item of pageItems) items.push({ apiVersion, kind, ...item });
      resourceVersion = meta.resourceVersion ?? resourceVersion;
      next = meta.continue || undefined;
    } while (next);
    return { items, resourceVersion };
  }

  /** The kind's resource (well-known kinds without a round trip); a 404 when the server does not serve it. */
  async #servedResource(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const info = WELL_KNOWN.get(`${apiVersion} ${kind}`) ?? (await this.#discovery.lookup(apiVersion, kind));
    if (!info) throw notServed(apiVersion, kind);
    return info;
  }

  /** The collection path of a kind; `namespace` '' means all namespaces, undefined the context's. */
  async #collection(apiVersion: string, kind: string, namespace: string | undefined): Promise<string> {
    const info = await this.#servedResource(apiVersion, kind);
    const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = info.namespaced && namespace !== '' ? (namespace ?? this.connection.namespace) : undefined;
    return `${prefix}${ns === undefined ? '' : `/namespaces/${encodeURIComponent(ns)}`}/${info.name}`;
  }

  /** The object's own path. */
  async #pathOf(obj: KubeObject): Promise<string> {
    return `${await this.#collection(obj.apiVersion ?? '', obj.kind ?? '', obj.metadata?.namespace)}/${encodeURIComponent(obj.metadata?.name ?? '')}`;
  }
}

/** Builds a {@link KubeClient} for a kubeconfig context (the HTTP layer loads on the first request). */
export function createKubeClient(connection: KubeConnection, options: KubeClientOptions = {}): KubeClient {
  return new RestKubeClient(connection, options);
}
