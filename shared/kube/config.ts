// The kubeconfig, read as kubectl reads it: YAML text or a file from the `kubeconfig` input, or
// the KUBECONFIG list merged first-wins (as azure/aks-set-context leaves it); relative paths are
// taken from the file's own folder; the current context resolves to one server, its TLS
// settings, its namespace and its user. Every credential is masked before anything can print it.
// Kept free of @kubernetes/client-node so that reading it costs nothing at start-up.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { UserError, errorMessage, quoteValue } from '../core/errors.ts';
import { maskSecret, type SetSecret } from '../core/secrets.ts';
import * as runner from '../core/workflow-commands.ts';
import { recordOr } from '../core/json.ts';

/** A `users[].user` entry (`auth-provider` only to refuse it with the way to an exec plugin). */
export interface KubeUser {
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  exec?: ExecConfig;
  'auth-provider'?: { name?: string; config?: Record<string, string> };
  [key: string]: unknown;
}

/** A credential plugin (`users[].user.exec`), e.g. kubelogin on AKS. */
export interface ExecConfig {
  apiVersion?: string;
  command?: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** A `clusters[].cluster` entry. */
export interface KubeCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  [key: string]: unknown;
}

/** The current context, resolved: everything a client needs to reach and authenticate to the API server. */
export interface KubeConnection {
  context: string;
  /** Where the settings came from: `the kubeconfig input`, `the file <path>` or `KUBECONFIG (<paths>)`. */
  source: string;
  /** API server URL, without a trailing slash. */
  server: string;
  /** The context's namespace (`default` when unset), for objects that name none. */
  namespace: string;
  cluster: KubeCluster;
  userName: string;
  user: KubeUser;
  /** Folder that relative paths of this user and cluster are taken from. */
  baseDir: string;
}

/** `Cluster <server> (context <name>, kubeconfig from <source>).`, as the actions log it. */
export function describeConnection(connection: KubeConnection): string {
  return `Cluster ${connection.server} (context ${connection.context}, kubeconfig from ${connection.source}).`;
}

/** A loaded kubeconfig: its current context resolved (with where it came from), and every context it holds. */
export interface LoadedKubeconfig {
  connection: KubeConnection;
  /** Every context name the configuration holds. */
  contexts: string[];
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

interface Named<T> {
  name: string;
  value: T;
  /** Folder of the file it came from. */
  dir: string;
}

interface Merged {
  currentContext: string;
  clusters: Map<string, Named<KubeCluster>>;
  users: Map<string, Named<KubeUser>>;
  contexts: Map<string, Named<{ cluster?: string; user?: string; namespace?: string }>>;
}

const PATH_KEYS_CLUSTER = ['certificate-authority'] as const;
const PATH_KEYS_USER = ['client-certificate', 'client-key', 'tokenFile'] as const;

/** Adds one parsed file to the merge; names already present keep their first definition (kubectl's rule). */
function mergeInto(merged: Merged, text: string, dir: string): void {
  const doc = recordOr(yaml.load(text));
  if (!merged.currentContext && typeof doc['current-context'] === 'string') merged.currentContext = doc['current-context'];
  const add = <T>(target: Map<string, Named<T>>, list: unknown, field: string): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const entry = recordOr(item);
      const name = entry['name'];
      if (typeof name !== 'string' || target.has(name)) continue;
      target.set(name, { name, value: recordOr(entry[field]) as T, dir });
    }
  };
  add(merged.clusters, doc['clusters'], 'cluster');
  add(merged.users, doc['users'], 'user');
  add(merged.contexts, doc['contexts'], 'context');
}

/** Makes the file paths of a user or cluster absolute, relative to the file that named them. */
function absolutePaths<T extends Record<string, unknown>>(value: T, keys: readonly string[], dir: string): T {
  const copy: Record<string, unknown> = { ...value };
  for (const key of keys) {
    const file = copy[key];
    if (typeof file === 'string' && file !== '' && !path.isAbsolute(file)) copy[key] = path.resolve(dir, file);
  }
  return copy as T;
}

const CREDENTIAL_KEYS = /^\s*-?\s*(token|password|client-key-data|access-token|id-token|refresh-token|client-secret|secret)\s*:\s*(\S+)\s*$/;

/** Masks credential values found in kubeconfig text (before it is parsed, in case parsing fails loudly). */
function maskCredentialText(text: string, setSecret: SetSecret): void {
  for (const line of text.split(/\r?\n/)) {
    const value = CREDENTIAL_KEYS.exec(line)?.[2]?.replace(/^["']|["']$/g, '');
    if (value) maskSecret(value, setSecret);
  }
}

/** Masks a user's credentials in every form they may be printed in. */
function maskUser(user: KubeUser, setSecret: SetSecret): void {
  if (typeof user.token === 'string') maskSecret(user.token, setSecret);
  if (typeof user.password === 'string') maskSecret(user.password, setSecret);
  const keyData = user['client-key-data'];
  if (typeof keyData === 'string' && keyData !== '') {
    maskSecret(keyData, setSecret);
    maskSecret(Buffer.from(keyData, 'base64').toString('utf8'), setSecret);
  }
  for (const [key, value] of Object.entries(recordOr(user['auth-provider']?.config))) {
    if (/token|secret|password/i.test(key) && typeof value === 'string') maskSecret(value, setSecret);
  }
}

function readSources(input: string, inputName: string, env: NodeJS.ProcessEnv, setSecret: SetSecret): { merged: Merged; source: string } {
  const merged: Merged = { currentContext: '', clusters: new Map(), users: new Map(), contexts: new Map() };
  if (input !== '' && (input.includes('\n') || /^\s*[{]|apiVersion:|clusters:/.test(input))) {
    maskCredentialText(input, setSecret);
    mergeInto(merged, input, process.cwd());
    return { merged, source: `the \`${inputName}\` input` };
  }
  if (input !== '') {
    if (!existsSync(input)) {
      throw new UserError(`Input \`${inputName}\` names the file ${quoteValue(input)}, which does not exist.`, {
        fix: 'Pass the kubeconfig YAML itself (e.g. from a secret) or the path of a kubeconfig file.',
      });
    }
    const text = readFileSync(input, 'utf8');
    maskCredentialText(text, setSecret);
    mergeInto(merged, text, path.dirname(path.resolve(input)));
    return { merged, source: `the file ${quoteValue(input)}` };
  }
  const list = env['KUBECONFIG'];
  if (!list) {
    throw new UserError(`No kubeconfig: input \`${inputName}\` is empty and KUBECONFIG is not set.`, {
      fix: 'Run azure/aks-set-context before this step (it sets KUBECONFIG), or pass a kubeconfig in the input.',
    });
  }
  const named = list.split(path.delimiter).filter((file) => file !== '');
  const files = named.filter((file) => existsSync(file));
  if (files.length === 0) {
    throw new UserError(`KUBECONFIG names ${named.map((f) => quoteValue(f)).join(', ')}, which does not exist.`, {
      fix: 'Run azure/aks-set-context (or write the kubeconfig) before this step.',
    });
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    maskCredentialText(text, setSecret);
    mergeInto(merged, text, path.dirname(path.resolve(file)));
  }
  return { merged, source: `KUBECONFIG (${list})` };
}

/**
 * Legacy `auth-provider` users: refused with the way out. kubectl dropped the `azure` and `gcp`
 * providers in 1.26 (their tokens now come from kubelogin and gke-gcloud-auth-plugin as `exec`
 * plugins), and `oidc` is served the same way by kubelogin's OIDC mode. Carrying
 * @kubernetes/client-node for them cost every bundle a 19 MB chunk.
 */
export function providerRefused(userName: string, provider: unknown): UserError {
  const name = typeof provider === 'string' && provider !== '' ? provider : '(unnamed)';
  const fixes: Record<string, string> = {
    azure:
      "Convert it to kubelogin: `kubelogin convert-kubeconfig -l workloadidentity` (or `-l azurecli`), or add azure/use-kubelogin before azure/aks-set-context and set `use-kubelogin: 'true'` on it.",
    gcp: 'Use gke-gcloud-auth-plugin: install it and run `gcloud container clusters get-credentials` again, which writes an `exec` user.',
    oidc: 'Use kubelogin (int128/kubelogin) as an `exec` plugin, or a service-account token.',
  };
  return new UserError(
    `The kubeconfig user ${quoteValue(userName)} authenticates with the legacy auth-provider ${quoteValue(name)}, which these actions do not run (kubectl itself removed the azure and gcp providers in 1.26).`,
    { fix: fixes[name] ?? 'Give the user an `exec` credential plugin (e.g. kubelogin on AKS), a token or a client certificate instead.' },
  );
}

/**
 * Why a kubeconfig did not parse, without any of its content: js-yaml's message quotes the lines
 * around the fault (cut mid-value, so a token's fragment escapes its mask) and some reasons quote
 * a tag or alias. Only the reason's leading words and the position are kept, and the error is not
 * attached as a cause (run() would print a cause's message under debug).
 */
export function parseFault(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  // A file that cannot be read (EACCES, EISDIR): its message names the path, never the content.
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return errorMessage(error).split('\n')[0] ?? e.code;
  if (e.name !== 'YAMLException' || typeof e.reason !== 'string') return 'it is not valid YAML';
  const words =
    /^[A-Za-z ,()-]*/
      .exec(e.reason)?.[0]
      .replace(/[\s,(-]+$/, '')
      .trim() || 'invalid YAML';
  const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : undefined;
  const column = typeof e.mark?.column === 'number' ? e.mark.column + 1 : undefined;
  return `${words}${line === undefined ? '' : ` at line ${line}${column === undefined ? '' : `, column ${column}`}`}`;
}

/**
 * Loads the kubeconfig from the input (YAML text or a path) or from KUBECONFIG, masks every
 * credential in it, and resolves its current context.
 * @throws UserError when there is none, it does not parse, or its current context lacks a cluster with a server.
 */
export function loadKubeconfig(options: KubeconfigOptions = {}): Promise<LoadedKubeconfig> {
  return Promise.resolve().then(() => loadKubeconfigSync(options));
}

function loadKubeconfigSync(options: KubeconfigOptions): LoadedKubeconfig {
  const inputName = options.inputName ?? 'kubeconfig';
  const input = options.input?.trim() ?? '';
  const registered = new Set<string>();
  const register = options.setSecret ?? runner.setSecret;
  const setSecret: SetSecret = (value) => {
    if (registered.has(value)) return;
    registered.add(value);
    register(value);
  };
  let read: { merged: Merged; source: string };
  try {
    read = readSources(input, inputName, options.env ?? process.env, setSecret);
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The kubeconfig from ${input ? `input \`${inputName}\`` : 'KUBECONFIG'} cannot be read: ${parseFault(error)}.`, {
      fix: 'Pass a kubeconfig in YAML, as `kubectl config view --raw` prints it (check it locally with `kubectl config view`).',
    });
  }
  const { merged, source } = read;
  for (const user of merged.users.values()) maskUser(user.value, setSecret);
  const contextName = merged.currentContext;
  const context = merged.contexts.get(contextName);
  const cluster = context?.value.cluster === undefined ? undefined : merged.clusters.get(context.value.cluster);
  const server = typeof cluster?.value.server === 'string' ? cluster.value.server : '';
  if (!contextName || !context || !cluster || server === '') {
    throw new UserError(
      `The kubeconfig from ${source} has no current context with a cluster${contextName ? ` (current-context is ${quoteValue(contextName)})` : ''}.`,
      {
        fix: 'Set `current-context` to a context whose cluster has a `server`.',
      },
    );
  }
  const userName = context.value.user ?? '';
  const user = merged.users.get(userName);
  if (userName !== '' && !user) {
    throw new UserError(`The kubeconfig from ${source}: context ${quoteValue(contextName)} names the user ${quoteValue(userName)}, which it does not define.`, {
      fix: 'Add that user under `users`, or point the context at one that exists.',
    });
  }
  if (user?.value['auth-provider']) throw providerRefused(userName, user.value['auth-provider'].name);
  const connection: KubeConnection = {
    context: contextName,
    source,
    server: server.replace(/\/+$/, ''),
    namespace: context.value.namespace || 'default',
    cluster: absolutePaths(cluster.value, PATH_KEYS_CLUSTER, cluster.dir),
    userName,
    user: user ? absolutePaths(user.value, PATH_KEYS_USER, user.dir) : {},
    baseDir: user?.dir ?? cluster.dir,
  };
  return { connection, contexts: [...merged.contexts.keys()] };
}
