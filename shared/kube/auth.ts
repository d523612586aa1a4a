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

/** The exec plugin as a credential source, cached until its expiry. */
function execAuthenticator(connection: KubeConnection, exec: ExecConfig, options: AuthOptions): Authenticator {
  const now = options.now ?? Date.now;
  let cached: { credentials: Credentials; expires: number } | undefined;
  const command = exec.command ?? '';
  if (command === '')
    throw new UserError(`The kubeconfig user ${quoteValue(connection.userName)} has an \`exec\` plugin without a \`command\`.`, {
      fix: 'Set `exec.command` (e.g. `kubelogin`), as `az aks get-credentials` writes it.',
    });
  // client-go: a command with a path separator but not absolute is relative to the kubeconfig's folder.
  const resolved = command.includes('/') && !path.isAbsolute(command) ? path.resolve(connection.baseDir, command) : command;
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const run = async (): Promise<Credentials> => {
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
    env['KUBERNETES_EXEC_INFO'] = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
    let stdout: string;
    try {
      stdout = await (options.runPlugin ?? defaultRunPlugin)(resolved, exec.args ?? [], env, options.pluginTimeoutMs ?? 120_000);
    } catch (error: unknown) {
      const missing = (error as { code?: unknown }).code === 'ENOENT';
      throw new UserError(
        `The kubeconfig's credential plugin ${quoteValue(command)} ${missing ? 'is not installed (not found on PATH)' : `failed: ${errorMessage(error)}`}.`,
        {
          fix: missing
            ? exec.installHint?.trim() || 'Install it before this step (e.g. azure/use-kubelogin for kubelogin).'
            : 'Run the same command locally to see why; with kubelogin, check the login mode (`kubelogin convert-kubeconfig -l workloadidentity` or `azurecli`).',
          cause: error,
        },
      );
    }
    let status: ExecStatus;
    try {
      status = (JSON.parse(stdout) as { status?: ExecStatus }).status ?? {};
    } catch {
      throw new UserError(`The kubeconfig's credential plugin ${quoteValue(command)} printed something that is not an ExecCredential JSON document.`, {
        fix: 'Run it locally with KUBERNETES_EXEC_INFO set and check its output.',
      });
    }
    maskSecret(status.token, options.setSecret);
    maskSecret(status.clientKeyData, options.setSecret);
    if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
      throw new UserError(`The kubeconfig's credential plugin ${quoteValue(command)} returned neither a token nor a client certificate and key.`, {
        fix: "Check the plugin's login settings.",
      });
    }
    const credentials: Credentials = { headers: status.token ? { Authorization: `Bearer ${status.token}` } : {} };
    if (status.clientCertificateData && status.clientKeyData) {
      credentials.cert = status.clientCertificateData;
      credentials.key = status.clientKeyData;
    }
    const expiry = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Number.POSITIVE_INFINITY;
    cached = { credentials, expires: Number.isNaN(expiry) ? Number.POSITIVE_INFINITY : expiry };
    return credentials;
  };
  let pending: Promise<Credentials> | undefined;
  return {
    credentials: () => {
      if (cached && cached.expires - EXPIRY_SKEW_MS > now()) return Promise.resolve(cached.credentials);
      pending ??= run().finally(() => (pending = undefined));
      return pending;
    },
    invalidate: () => {
      cached = undefined;
      return true;
    },
  };
}

/** The authenticator for the connection's user. */
export function createAuthenticator(connection: KubeConnection, options: AuthOptions): Authenticator {
  const { user } = connection;
  if (user.exec) return execAuthenticator(connection, user.exec, options);
  const provider = user['auth-provider'];
  if (provider) throw providerRefused(connection.userName, provider.name);
  const cert = readPem(user['client-certificate-data'], user['client-certificate'], 'client-certificate');
  const key = readPem(user['client-key-data'], user['client-key'], 'client-key');
  if (key !== undefined) maskSecret(key, options.setSecret);
  const tls = cert !== undefined && key !== undefined ? { cert, key } : {};
  const basic =
    typeof user.username === 'string' && typeof user.password === 'string' ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : '';
  maskSecret(basic, options.setSecret);
  const now = options.now ?? Date.now;
  let fileToken: { token: string; read: number } | undefined;
  const bearer = (): string | undefined => {
    if (typeof user.token === 'string' && user.token !== '') return user.token;
    const file = user.tokenFile;
    if (typeof file !== 'string' || file === '') return undefined;
    if (!fileToken || now() - fileToken.read > TOKEN_FILE_TTL_MS) {
      let token: string;
      try {
        token = readFileSync(file, 'utf8').trim();
      } catch (error: unknown) {
        throw new UserError(`The kubeconfig's tokenFile ${quoteValue(file)} cannot be read: ${errorMessage(error)}`, {
          fix: "Check the path (relative paths are taken from the kubeconfig file's folder).",
        });
      }
      maskSecret(token, options.setSecret);
      fileToken = { token, read: now() };
    }
    return fileToken.token;
  };
  return {
    credentials: () =>
      Promise.resolve().then(() => {
        const token = bearer();
        const headers: Record<string, string> = {};
        if (token) headers['Authorization'] = `Bearer ${token}`;
        else if (basic !== '') headers['Authorization'] = `Basic ${basic}`;
        return { headers, ...tls };
      }),
    invalidate: () => {
      const hadFile = fileToken !== undefined;
      fileToken = undefined;
      return hadFile;
    },
  };
}
