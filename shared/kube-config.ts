// The kubeconfig, read as kubectl reads it: YAML text or a file from the `kubeconfig` input, or
// the KUBECONFIG list merged first-wins (as azure/aks-set-context leaves it); relative paths are
// taken from the file's own folder; the current context resolves to one server, its TLS
// settings, its namespace and its user. Every credential is masked before anything can print it.
// Kept free of @kubernetes/client-node so that reading it costs nothing at start-up.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { UserError, errorMessage, quoteValue } from './errors.ts';
import { maskSecret, type SetSecret } from './secrets.ts';
import * as runner from './runner.ts';

/** A `users[].user` entry (the fields the suite understands; the rest are kept for auth providers). */
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

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Adds one parsed file to the merge; names already present keep their first definition (kubectl's rule). */
function mergeInto(merged: Merged, text: string, dir: string): void {
  const doc = record(yaml.load(text));
  if (!merged.currentContext && typeof doc['current-context'] === 'string') merged.currentContext = doc['current-context'];
  const add = <T>(target: Map<string, Named<T>>, list: unknown, field: string): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const entry = record(item);
      const name = entry['name'];
      if (typeof name !== 'string' || target.has(name)) continue;
      target.set(name, { name, value: record(entry[field]) as T, dir });
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
  for (const [key, value] of Object.entries(record(user['auth-provider']?.config))) {
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
    // Only the first line: YAML errors go on to quote the lines around the fault, which may hold a credential.
    const reason = errorMessage(error).split('\n')[0] ?? '';
    throw new UserError(`The kubeconfig from ${input ? `input \`${inputName}\`` : 'KUBECONFIG'} cannot be read: ${reason}`, {
      fix: 'Pass a kubeconfig in YAML, as `kubectl config view --raw` prints it.',
      cause: error,
    });
  }
  const { merged, source } = read;
  for (const user of merged.users.values()) maskUser(user.value, setSecret);
  const contextName = merged.currentContext;
  const context = merged.contexts.get(contextName);
  const cluster = context?.value.cluster === undefined ? undefined : merged.clusters.get(context.value.cluster);
  const server = typeof cluster?.value.server === 'string' ? cluster.value.server : '';
  if (!contextName || !context || !cluster || server === '') {
    throw new UserError(`The kubeconfig from ${source} has no current context with a cluster${contextName ? ` (current-context is ${quoteValue(contextName)})` : ''}.`, {
      fix: 'Set `current-context` to a context whose cluster has a `server`.',
    });
  }
  const userName = context.value.user ?? '';
  const user = merged.users.get(userName);
  if (userName !== '' && !user) {
    throw new UserError(`The kubeconfig from ${source}: context ${quoteValue(contextName)} names the user ${quoteValue(userName)}, which it does not define.`, {
      fix: 'Add that user under `users`, or point the context at one that exists.',
    });
  }
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
