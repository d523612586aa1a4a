// How a request to the API server proves who it is, from the kubeconfig user: a bearer token
// (inline or `tokenFile`, re-read as kubectl does), basic auth, a client certificate, or a
// credential plugin (`exec`, e.g. kubelogin on AKS: run with KUBERNETES_EXEC_INFO, its
// ExecCredential cached until it expires and renewed after a 401). Legacy `auth-provider`
// users are refused with a message that says how to move to an exec plugin (as kubectl does).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError, errorMessage, quoteValue } from '../core/errors.ts';
import { providerRefused, type ExecConfig, type KubeConnection } from './config.ts';
import { maskSecret, type SetSecret } from '../core/secrets.ts';

/** What a request carries to authenticate. */
export interface Credentials {
  /** `Authorization` and the like. */
  headers: Record<string, string>;
  /** Client certificate and key (PEM). */
  cert?: string;
  key?: string;
}

/** Hands out credentials; `invalidate` drops cached ones after the server refused them. */
export interface Authenticator {
  credentials(): Promise<Credentials>;
  /** Forgets cached credentials; true when fresh ones may differ (worth one more try after a 401). */
  invalidate(): boolean;
}

/** Runs a credential plugin: its stdout, or a rejection (ENOENT when the command is missing). */
export type RunPlugin = (command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) => Promise<string>;

/** Options of {@link createAuthenticator}. */
export interface AuthOptions {
  setSecret: SetSecret;
  /** Runs `exec` plugins (default: a child process). */
  runPlugin?: RunPlugin;
  /** How long a plugin may run (default 120 s: kubelogin may fetch a token first). */
  pluginTimeoutMs?: number;
  now?: () => number;
}

const TOKEN_FILE_TTL_MS = 60_000;
/** Renew an exec credential this long before it expires. */
const EXPIRY_SKEW_MS = 10_000;

function readPem(data: unknown, file: unknown, what: string): string | undefined {
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64').toString('utf8');
  if (typeof file === 'string' && file !== '') {
    try {
      return readFileSync(file, 'utf8');
    } catch (error: unknown) {
      throw new UserError(`The kubeconfig's ${what} file ${quoteValue(file)} cannot be read: ${errorMessage(error)}`, {
        fix: "Check the path (relative paths are taken from the kubeconfig file's folder).",
      });
    }
  }
  return undefined;
}

/** The cluster's CA certificate (PEM), if the kubeconfig names one. */
export function clusterCa(connection: KubeConnection): string | undefined {
  return readPem(connection.cluster['certificate-authority-data'], connection.cluster['certificate-authority'], 'certificate-authority');
}

const defaultRunPlugin: RunPlugin = (command, args, env, timeoutMs) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`exited with ${signal ?? `code ${String(code)}`}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`));
    });
  });

interface ExecStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

/** The `KUBERNETES_EXEC_INFO` the plugin is run with, and the kubeconfig's `env` entries. */
function pluginEnvironment(connection: KubeConnection, exec: ExecConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { name, value } of exec.env ?? []) env[name] = value;
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo) {
    const ca = connection.cluster['certificate-authority-data'];
    spec['cluster'] = {
      server: connection.server,
      'insecure-skip-tls-verify': connection.cluster['insecure-skip-tls-verify'] === true,
      ...(typeof ca === 'string' ? { 'certificate-authority-data': ca } : {}),
    };
  }
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  env['KUBERNETES_EXEC_INFO'] = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
  return env;
}

/** The credentials of an ExecCredential status, with when they expire (ms; infinity without `expirationTimestamp`). */
function execCredentials(status: ExecStatus): { credentials: Credentials; expires: number } {
  const credentials: Credentials = { headers: status.token ? { Authorization: `Bearer ${status.token}` } : {} };
  if (status.clientCertificateData && status.clientKeyData) {
    credentials.cert = status.clientCertificateData;
    credentials.key = status.clientKeyData;
  }
  const expiry = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Number.POSITIVE_INFINITY;
  return { credentials, expires: Number.isNaN(expiry) ? Number.POSITIVE_INFINITY : expiry };
}

/** The exec plugin as a credential source, cached until its expiry (one run at a time). */
class ExecAuthenticator implements Authenticator {
  readonly #connection: KubeConnection;
  readonly #exec: ExecConfig;
  readonly #options: AuthOptions;
  readonly #now: () => number;
  /** The command as written (for messages). */
  readonly #command: string;
  /** The command to run (relative paths taken from the kubeconfig's folder, as client-go does). */
  readonly #resolved: string;
  #cached: { credentials: Credentials; expires: number } | undefined;
  #pending: Promise<Credentials> | undefined;

  constructor(connection: KubeConnection, exec: ExecConfig, options: AuthOptions) {
    this.#connection = connection;
    this.#exec = exec;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#command = exec.command ?? '';
    if (this.#command === '')
      throw new UserError(`The kubeconfig user ${quoteValue(connection.userName)} has an \`exec\` plugin without a \`command\`.`, {
        fix: 'Set `exec.command` (e.g. `kubelogin`), as `az aks get-credentials` writes it.',
      });
    // client-go: a command with a path separator but not absolute is relative to the kubeconfig's folder.
    this.#resolved = this.#command.includes('/') && !path.isAbsolute(this.#command) ? path.resolve(connection.baseDir, this.#command) : this.#command;
  }

  /** The cached credentials while they are fresh, else those of one run of the plugin. */
  credentials(): Promise<Credentials> {
    if (this.#cached && this.#cached.expires - EXPIRY_SKEW_MS > this.#now()) return Promise.resolve(this.#cached.credentials);
    this.#pending ??= this.#renew().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Forgets the cached credentials; the plugin always runs again. */
  invalidate(): boolean {
    this.#cached = undefined;
    return true;
  }

  /** Runs the plugin, checks and masks what it printed, and caches the credentials. */
  async #renew(): Promise<Credentials> {
    const status = this.#parseStatus(await this.#runPlugin());
    maskSecret(status.token, this.#options.setSecret);
    maskSecret(status.clientKeyData, this.#options.setSecret);
    if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
      throw new UserError(`The kubeconfig's credential plugin ${quoteValue(this.#command)} returned neither a token nor a client certificate and key.`, {
        fix: "Check the plugin's login settings.",
      });
    }
    this.#cached = execCredentials(status);
    return this.#cached.credentials;
  }

  /** The plugin's stdout; a missing command or a failed run becomes a UserError that says how to fix it. */
  async #runPlugin(): Promise<string> {
    const env = pluginEnvironment(this.#connection, this.#exec);
    try {
      return await (this.#options.runPlugin ?? defaultRunPlugin)(this.#resolved, this.#exec.args ?? [], env, this.#options.pluginTimeoutMs ?? 120_000);
    } catch (error: unknown) {
      const missing = (error as { code?: unknown }).code === 'ENOENT';
      throw new UserError(
        `The kubeconfig's credential plugin ${quoteValue(this.#command)} ${missing ? 'is not installed (not found on PATH)' : `failed: ${errorMessage(error)}`}.`,
        {
          fix: missing
            ? this.#exec.installHint?.trim() || 'Install it before this step (e.g. azure/use-kubelogin for kubelogin).'
            : 'Run the same command locally to see why; with kubelogin, check the login mode (`kubelogin convert-kubeconfig -l workloadidentity` or `azurecli`).',
          cause: error,
        },
      );
    }
  }

  /** The ExecCredential's status. */
  #parseStatus(stdout: string): ExecStatus {
    try {
      return (JSON.parse(stdout) as { status?: ExecStatus }).status ?? {};
    } catch {
      throw new UserError(`The kubeconfig's credential plugin ${quoteValue(this.#command)} printed something that is not an ExecCredential JSON document.`, {
        fix: 'Run it locally with KUBERNETES_EXEC_INFO set and check its output.',
      });
    }
  }
}

/** A token (inline, or a `tokenFile` re-read after a minute as kubectl does), basic auth and a client certificate. */
class UserAuthenticator implements Authenticator {
  readonly #user: KubeConnection['user'];
  readonly #setSecret: SetSecret;
  readonly #now: () => number;
  readonly #tls: { cert?: string; key?: string };
  /** `user:password`, base64 (masked), or ''. */
  readonly #basic: string;
  #fileToken: { token: string; read: number } | undefined;

  constructor(connection: KubeConnection, options: AuthOptions) {
    const { user } = connection;
    this.#user = user;
    this.#setSecret = options.setSecret;
    this.#now = options.now ?? Date.now;
    const cert = readPem(user['client-certificate-data'], user['client-certificate'], 'client-certificate');
    const key = readPem(user['client-key-data'], user['client-key'], 'client-key');
    if (key !== undefined) maskSecret(key, options.setSecret);
    this.#tls = cert !== undefined && key !== undefined ? { cert, key } : {};
    this.#basic =
      typeof user.username === 'string' && typeof user.password === 'string' ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : '';
    maskSecret(this.#basic, options.setSecret);
  }

  /** The bearer token (else basic auth) and the client certificate. */
  credentials(): Promise<Credentials> {
    return Promise.resolve().then(() => {
      const token = this.#bearer();
      const headers: Record<string, string> = {};
      if (token) headers['Authorization'] = `Bearer ${token}`;
      else if (this.#basic !== '') headers['Authorization'] = `Basic ${this.#basic}`;
      return { headers, ...this.#tls };
    });
  }

  /** Forgets the token read from `tokenFile`; true when there was one (it may have been rotated). */
  invalidate(): boolean {
    const hadFile = this.#fileToken !== undefined;
    this.#fileToken = undefined;
    return hadFile;
  }

  /** The inline token, else the `tokenFile`'s (re-read once it is a minute old). */
  #bearer(): string | undefined {
    const user = this.#user;
    if (typeof user.token === 'string' && user.token !== '') return user.token;
    const file = user.tokenFile;
    if (typeof file !== 'string' || file === '') return undefined;
    if (!this.#fileToken || this.#now() - this.#fileToken.read > TOKEN_FILE_TTL_MS) {
      let token: string;
      try {
        token = readFileSync(file, 'utf8').trim();
      } catch (error: unknown) {
        throw new UserError(`The kubeconfig's tokenFile ${quoteValue(file)} cannot be read: ${errorMessage(error)}`, {
          fix: "Check the path (relative paths are taken from the kubeconfig file's folder).",
        });
      }
      maskSecret(token, this.#setSecret);
      this.#fileToken = { token, read: this.#now() };
    }
    return this.#fileToken.token;
  }
}

/** The authenticator for the connection's user. */
export function createAuthenticator(connection: KubeConnection, options: AuthOptions): Authenticator {
  const { user } = connection;
  if (user.exec) return new ExecAuthenticator(connection, user.exec, options);
  const provider = user['auth-provider'];
  if (provider) throw providerRefused(connection.userName, provider.name);
  return new UserAuthenticator(connection, options);
}
