// Kubernetes plumbing shared by the actions that talk to a cluster (deploy-overlay,
// cleanup-branch): the kubeconfig (input or KUBECONFIG, credentials masked), a client built on
// client-node's KubernetesObjectApi (loaded lazily) that sends objects as they are and reports
// HTTP status codes, readable API errors, the ownership check of a namespace, and a watch that
// reconnects. client-node itself is only loaded by `loadClientNode`, so importing this file
// costs nothing at start-up.
import { existsSync, readFileSync } from 'node:fs';
import { UserError, errorMessage, quoteValue } from './errors.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type BranchNames } from './naming.ts';
import { retry } from './retry.ts';
import { maskSecret, type SetSecret } from './secrets.ts';
import * as runner from './runner.ts';

/** The client-node module. */
export type ClientNode = typeof import('@kubernetes/client-node');
/** client-node's KubeConfig. */
export type KubeConfig = import('@kubernetes/client-node').KubeConfig;

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

let clientNode: Promise<ClientNode> | undefined;

/** Loads @kubernetes/client-node once (it is large; only code paths that talk to a cluster pay for it). */
export function loadClientNode(): Promise<ClientNode> {
  clientNode ??= import('@kubernetes/client-node');
  return clientNode;
}

/** Where the kubeconfig comes from. */
export interface KubeconfigOptions {
  /** The `kubeconfig` input: YAML text or a file path; empty means KUBECONFIG. */
  input?: string;
  /** Name of the input, for messages (default `kubeconfig`). */
  inputName?: string;
  /** Environment holding KUBECONFIG (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Masks a secret (default the runner's). */
  setSecret?: SetSecret;
}

/** A loaded kubeconfig and where it came from. */
export interface LoadedKubeconfig {
  kc: KubeConfig;
  /** `the kubeconfig input`, `the file <path>` or `KUBECONFIG (<paths>)`, for messages. */
  source: string;
  /** The API server of the current context. */
  server: string;
  context: string;
}

/**
 * Loads the kubeconfig from the input (YAML text or a path) or from KUBECONFIG (as
 * azure/aks-set-context sets it), and masks every credential in it (tokens, passwords, client
 * keys, auth-provider secrets) before anything can print it.
 * @throws UserError when there is none, it does not parse, or it has no current context/cluster.
 */
export async function loadKubeconfig(options: KubeconfigOptions = {}): Promise<LoadedKubeconfig> {
  const k8s = await loadClientNode();
  const kc = new k8s.KubeConfig();
  const inputName = options.inputName ?? 'kubeconfig';
  const input = options.input?.trim() ?? '';
  const env = options.env ?? process.env;
  const registered = new Set<string>();
  const register = options.setSecret ?? runner.setSecret;
  const setSecret: SetSecret = (value) => {
    if (registered.has(value)) return;
    registered.add(value);
    register(value);
  };
  let source: string;
  try {
    if (input !== '' && (input.includes('\n') || /^\s*[{]|apiVersion:|clusters:/.test(input))) {
      maskCredentialText(input, setSecret);
      source = `the \`${inputName}\` input`;
      kc.loadFromString(input);
    } else if (input !== '') {
      if (!existsSync(input)) {
        throw new UserError(`Input \`${inputName}\` names the file ${quoteValue(input)}, which does not exist.`, {
          fix: 'Pass the kubeconfig YAML itself (e.g. from a secret) or the path of a kubeconfig file.',
        });
      }
      maskCredentialText(readFileSync(input, 'utf8'), setSecret);
      source = `the file ${quoteValue(input)}`;
      kc.loadFromFile(input);
    } else if (env['KUBECONFIG']) {
      source = `KUBECONFIG (${env['KUBECONFIG']})`;
      loadKubeconfigList(k8s, kc, env['KUBECONFIG'], setSecret);
    } else {
      throw new UserError(`No kubeconfig: input \`${inputName}\` is empty and KUBECONFIG is not set.`, {
        fix: 'Run azure/aks-set-context before this step (it sets KUBECONFIG), or pass a kubeconfig in the input.',
      });
    }
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    // Only the first line: YAML errors go on to quote the lines around the fault, which may hold a credential.
    const reason = errorMessage(error).split('\n')[0] ?? '';
    throw new UserError(`The kubeconfig from ${input ? `input \`${inputName}\`` : 'KUBECONFIG'} cannot be read: ${reason}`, {
      fix: 'Pass a kubeconfig in YAML, as `kubectl config view --raw` prints it.',
      cause: error,
    });
  }
  for (const user of kc.getUsers()) maskUser(user, setSecret);
  const cluster = kc.getCurrentCluster();
  if (!kc.getCurrentContext() || !cluster) {
    throw new UserError(`The kubeconfig from ${source} has no current context with a cluster.`, {
      fix: 'Set `current-context` to a context whose cluster has a `server`.',
    });
  }
  return { kc, source, server: cluster.server, context: kc.getCurrentContext() };
}

/** KUBECONFIG may list several files (`a:b`); they are merged as kubectl merges them, first one first. */
function loadKubeconfigList(k8s: ClientNode, kc: KubeConfig, list: string, setSecret: SetSecret): void {
  const named = list.split(':').filter((file) => file !== '');
  const files = named.filter((file) => existsSync(file));
  if (files.length === 0) {
    throw new UserError(`KUBECONFIG names ${named.map((f) => quoteValue(f)).join(', ')}, which does not exist.`, {
      fix: 'Run azure/aks-set-context (or write the kubeconfig) before this step.',
    });
  }
  files.forEach((file, index) => {
    maskCredentialText(readFileSync(file, 'utf8'), setSecret);
    if (index === 0) return kc.loadFromFile(file);
    const more = new k8s.KubeConfig();
    more.loadFromFile(file);
    // kubectl's rule: the first file that names a cluster, user or context (or current-context) wins.
    if (!kc.getCurrentContext() && more.getCurrentContext()) kc.setCurrentContext(more.getCurrentContext());
    for (const cluster of more.getClusters()) if (!kc.getCluster(cluster.name)) kc.addCluster(cluster);
    for (const user of more.getUsers()) if (!kc.getUser(user.name)) kc.addUser(user);
    for (const context of more.getContexts()) if (!kc.getContextObject(context.name)) kc.addContext(context);
  });
}

const CREDENTIAL_KEYS = /^\s*-?\s*(token|password|client-key-data|access-token|id-token|refresh-token|client-secret|secret)\s*:\s*(\S+)\s*$/;

/** Masks credential values found in kubeconfig text (before it is parsed, in case parsing fails loudly). */
function maskCredentialText(text: string, setSecret: SetSecret): void {
  for (const line of text.split(/\r?\n/)) {
    const value = CREDENTIAL_KEYS.exec(line)?.[2]?.replace(/^["']|["']$/g, '');
    if (value) maskSecret(value, setSecret);
  }
}

function maskUser(user: import('@kubernetes/client-node').User, setSecret: SetSecret): void {
  maskSecret(user.token, setSecret);
  maskSecret(user.password, setSecret);
  if (user.keyData) {
    maskSecret(user.keyData, setSecret);
    maskSecret(Buffer.from(user.keyData, 'base64').toString('utf8'), setSecret);
  }
  const provider: unknown = user.authProvider;
  const config: unknown = typeof provider === 'object' && provider !== null ? (provider as { config?: unknown }).config : undefined;
  if (typeof config === 'object' && config !== null) {
    for (const [key, value] of Object.entries(config)) {
      if (/token|secret|password/i.test(key) && typeof value === 'string') maskSecret(value, setSecret);
    }
  }
}

/** The parts of a Kubernetes Status error a message needs. */
export interface KubeApiError {
  /** HTTP status code. */
  code: number;
  /** Status reason: NotFound, Conflict, Invalid, Forbidden, ... */
  reason: string;
  message: string;
  /** Status details.causes (field, reason, message). */
  causes: { field?: string; reason?: string; message?: string }[];
}

/** The Status inside a client-node ApiException (whose `.body` is the JSON text), or undefined. */
export function kubeApiError(error: unknown): KubeApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; body?: unknown };
  if (typeof e.code !== 'number') return undefined;
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = { message: body };
    }
  }
  const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const details = typeof status.details === 'object' && status.details !== null ? (status.details as Record<string, unknown>) : {};
  const causes = Array.isArray(details.causes) ? (details.causes as KubeApiError['causes']) : [];
  return {
    code: e.code,
    reason: typeof status.reason === 'string' ? status.reason : '',
    message: typeof status.message === 'string' && status.message !== '' ? status.message : `HTTP ${e.code}`,
    causes,
  };
}

/** A readable one-line message for any error from the cluster: `403 Forbidden: <server message>`. */
export function describeKubeError(error: unknown): string {
  const api = kubeApiError(error);
  if (api === undefined) return errorMessage(error).split('\n')[0] ?? '';
  return `${api.code}${api.reason ? ` ${api.reason}` : ''}: ${api.message}`;
}

/** Namespaces the suite never writes into or deletes: `default`, `kube-*`, and `extra`. */
export function isProtectedNamespace(name: string, extra: readonly string[] = []): boolean {
  return name === 'default' || name.startsWith('kube-') || extra.includes(name);
}

/** The label selector of everything the suite made for a branch. */
export function ownershipSelector(names: Pick<BranchNames, 'labelValue'>): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${BRANCH_LABEL}=${names.labelValue}`;
}

/** How a namespace relates to a branch. */
export type NamespaceOwnership =
  | { state: 'missing' }
  | { state: 'ours'; terminating: boolean }
  | { state: 'other-branch'; branch: string }
  | { state: 'unmanaged' };

/** Whether the namespace (undefined when it does not exist) carries this branch's ownership labels. */
export function namespaceOwnership(namespace: KubeObject | undefined, names: Pick<BranchNames, 'labelValue'>): NamespaceOwnership {
  if (namespace === undefined) return { state: 'missing' };
  const labels = namespace.metadata?.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) return { state: 'unmanaged' };
  const branch = labels[BRANCH_LABEL] ?? '';
  if (branch !== names.labelValue) return { state: 'other-branch', branch };
  return { state: 'ours', terminating: Boolean(namespace.metadata?.deletionTimestamp) };
}


/** What discovery says about a kind. */
export interface ResourceInfo {
  /** Plural resource name (`deployments`). */
  name: string;
  namespaced: boolean;
  verbs: string[];
}

/** Options of one server-side apply. */
export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own (`force=true`). */
  force?: boolean;
  /** `dryRun=All`: validated and defaulted by the server, not stored. */
  dryRun?: boolean;
}

/** A cluster client over client-node's KubernetesObjectApi, sending and answering raw JSON. Calls retry transient faults. */
export interface KubeClient {
  readonly kc: KubeConfig;
  /** The client-node KubernetesObjectApi this client is (its own methods work too). */
  readonly objectApi: import('@kubernetes/client-node').KubernetesObjectApi;
  /** Discovery of a kind; undefined when the server does not serve it (a CRD not applied yet). */
  resource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
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
}

/** Options of {@link createKubeClient}. */
export interface KubeClientOptions {
  /** How long one call may keep retrying transient faults (429, 5xx, resets). Default 30 s. */
  retryDeadlineMs?: number;
  /** Told about each retry (e.g. to log it). */
  onRetry?: (what: string, reason: string, delayMs: number) => void;
}

interface RawResponse {
  code: number;
  text: string;
}

type Method = 'GET' | 'PATCH' | 'DELETE';
const RAW = '__raw__';

/** client-node's KubernetesObjectApi, extended to send JSON as given and hand back status and body. */
function rawApiClass(k8s: ClientNode) {
  return class RawObjectApi extends k8s.KubernetesObjectApi {
    private readonly discovering = new Map<string, Promise<unknown>>();

    async send(method: Method, path: string, query: Record<string, string | undefined>, body?: { json: unknown; contentType: string }): Promise<RawResponse> {
      const ctx = this.configuration.baseServer.makeRequestContext(path, method);
      ctx.setHeaderParam('Accept', 'application/json, */*;q=0.8');
      for (const [key, value] of Object.entries(query)) if (value !== undefined) ctx.setQueryParam(key, value);
      if (body !== undefined) {
        ctx.setHeaderParam('Content-Type', body.contentType);
        ctx.setBody(JSON.stringify(body.json));
      }
      return (await this.requestPromise(ctx, RAW)) as unknown as RawResponse;
    }

    protected override async processResponse<T extends import('@kubernetes/client-node').KubernetesObject>(response: import('@kubernetes/client-node').ResponseContext, type?: string): Promise<T> {
      if (type !== RAW) return super.processResponse<T>(response, type);
      const text = await response.body.text();
      if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
        throw new k8s.ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', text, response.headers);
      }
      return { code: response.httpStatusCode, text } as unknown as T;
    }

    /** Discovery with one request per apiVersion at a time (parallel callers share it). */
    protected override async resource(apiVersion: string, kind: string): Promise<import('@kubernetes/client-node').V1APIResource | undefined> {
      const pending = this.discovering.get(apiVersion);
      if (pending) {
        await pending.catch(() => undefined);
        const hit = this.apiVersionResourceCache[apiVersion]?.resources.find((r) => r.kind === kind);
        if (hit) return hit;
      }
      const lookup = super.resource(apiVersion, kind);
      this.discovering.set(apiVersion, lookup);
      try {
        return await lookup;
      } finally {
        if (this.discovering.get(apiVersion) === lookup) this.discovering.delete(apiVersion);
      }
    }

    async info(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
      try {
        const found = await this.resource(apiVersion, kind);
        return found ? { name: found.name, namespaced: found.namespaced, verbs: found.verbs } : undefined;
      } catch (error: unknown) {
        if (kubeApiError(error)?.code === 404) return undefined;
        throw error;
      }
    }

    /** The URL path of an object (or its collection for `list`). client-node lower-cases the whole path, names too; names are appended as they are. */
    async path(obj: KubeObject, action: 'patch' | 'read' | 'delete' | 'list'): Promise<string> {
      const spec = { ...obj, metadata: { ...obj.metadata, name: undefined } } as import('@kubernetes/client-node').KubernetesObject;
      const collection = await this.specUriPath(spec, 'list');
      return action === 'list' ? collection : `${collection}/${encodeURIComponent(obj.metadata?.name ?? '')}`;
    }
  };
}

function parse(text: string): KubeObject {
  return text === '' ? {} : (JSON.parse(text) as KubeObject);
}

/** Builds a {@link KubeClient} for the current context of `kc`. */
export async function createKubeClient(kc: KubeConfig, options: KubeClientOptions = {}): Promise<KubeClient> {
  const k8s = await loadClientNode();
  const api = kc.makeApiClient(rawApiClass(k8s));
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    retry(fn, {
      deadlineMs: options.retryDeadlineMs ?? 30_000,
      initialDelayMs: 250,
      maxDelayMs: 5000,
      what,
      onRetry: (info) => options.onRetry?.(what, info.reason, info.delayMs),
    });
  const label = (obj: KubeObject): string => `${obj.kind ?? '?'} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name ?? ''}`;
  return {
    kc,
    objectApi: api,
    resource: (apiVersion, kind) => call(`discovery of ${apiVersion} ${kind}`, () => api.info(apiVersion, kind)),
    apply: (obj, opts) =>
      call(`apply of ${label(obj)}`, async () => {
        const query = { fieldManager: opts.fieldManager, force: String(opts.force === true), dryRun: opts.dryRun ? 'All' : undefined };
        const raw = await api.send('PATCH', await api.path(obj, 'patch'), query, { json: obj, contentType: 'application/apply-patch+yaml' });
        return { code: raw.code, object: parse(raw.text) };
      }),
    get: (ref) =>
      call(`read of ${label(ref)}`, async () => {
        try {
          return parse((await api.send('GET', await api.path(ref, 'read'), {})).text);
        } catch (error: unknown) {
          if (kubeApiError(error)?.code === 404) return undefined;
          throw error;
        }
      }),
    list: (apiVersion, kind, opts = {}) =>
      call(`list of ${kind}`, async () => {
        const path = await api.path({ apiVersion, kind, metadata: { namespace: opts.namespace } }, 'list');
        const items: KubeObject[] = [];
        let resourceVersion = '';
        let next: string | undefined;
        do {
          const page = parse((await api.send('GET', path, { labelSelector: opts.labelSelector, limit: '500', continue: next })).text);
          const meta = (page.metadata ?? {}) as { continue?: string; resourceVersion?: string };
          const pageItems = Array.isArray(page['items']) ? (page['items'] as KubeObject[]) : [];
          // Built-in lists carry apiVersion and kind on the list only.
          for (const item of pageItems) items.push({ apiVersion, kind, ...item });
          resourceVersion = meta.resourceVersion ?? resourceVersion;
          next = meta.continue || undefined;
        } while (next);
        return { items, resourceVersion };
      }),
    mergePatch: (ref, patch, fieldManager) =>
      call(`patch of ${label(ref)}`, async () => {
        const raw = await api.send('PATCH', await api.path(ref, 'patch'), { fieldManager }, { json: patch, contentType: 'application/merge-patch+json' });
        return parse(raw.text);
      }),
    delete: (ref, opts = {}) =>
      call(`delete of ${label(ref)}`, async () => {
        try {
          await api.send('DELETE', await api.path(ref, 'delete'), { propagationPolicy: opts.propagationPolicy ?? 'Background', dryRun: opts.dryRun ? 'All' : undefined });
          return true;
        } catch (error: unknown) {
          if (kubeApiError(error)?.code === 404) return false;
          throw error;
        }
      }),
    podLog: (namespace, pod, opts) =>
      call(`log of pod ${namespace}/${pod}`, async () => {
        const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
        const query = { container: opts.container, tailLines: opts.tailLines === undefined ? undefined : String(opts.tailLines), previous: opts.previous ? 'true' : undefined };
        return (await api.send('GET', path, query)).text;
      }),
    collectionPath: (apiVersion, kind, namespace) => api.path({ apiVersion, kind, metadata: { namespace } }, 'list'),
  };
}

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
 * ends (client-node ends idle watches after 30 s), and starts over with the current objects
 * when that version has expired (410).
 */
export async function watchObjects(client: KubeClient, options: WatchOptions): Promise<void> {
  const k8s = await loadClientNode();
  const watch = new k8s.Watch(client.kc);
  const path = await client.collectionPath(options.apiVersion, options.kind, options.namespace);
  let resourceVersion: string | undefined;
  let failures = 0;
  while (!options.signal.aborted) {
    const outcome = await new Promise<{ error?: unknown }>((resolve) => {
      const query = { labelSelector: options.labelSelector, resourceVersion, allowWatchBookmarks: true };
      const onEvent = (type: string, object: KubeObject): void => {
        if (type === 'ERROR') {
          // 410 Expired: start over from the current state.
          if ((object as { code?: unknown }).code === 410) resourceVersion = undefined;
          return;
        }
        resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
        failures = 0;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') options.onEvent(type, object);
      };
      watch.watch(path, query, onEvent, (error: unknown) => resolve({ error })).then(
        (controller) => {
          if (options.signal.aborted) controller.abort();
          else options.signal.addEventListener('abort', () => controller.abort(), { once: true });
        },
        (error: unknown) => resolve({ error }),
      );
    });
    if (options.signal.aborted) return;
    if (outcome.error !== undefined && outcome.error !== null) {
      failures += 1;
      options.onError?.(outcome.error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** failures)));
    }
  }
}
