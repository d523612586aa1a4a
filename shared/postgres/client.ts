/**
 * PostgreSQL admin connections with `pg` (loaded lazily): host/port/user, a password or an
 * Entra access token, `sslmode` verify-full (default), require or disable; failures turned
 * into one-line user messages (wrong password, TLS, unreachable host); identifier and
 * literal quoting; connection URLs; and helpers to inspect and end a database's sessions.
 * Used by provision-db and cleanup-branch; nothing here knows about either.
 */
import { getCACertificates } from 'node:tls';
import type { Client, ClientConfig } from 'pg';
import { UserError, errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { DeadlineError, retry } from '../core/retry.ts';
import { classifyError } from '../core/retry-policy.ts';
import { type Clock } from '../core/clock.ts';

/** A connected `pg` client. */
export type PgClient = Client;

/** How TLS is used: verify the certificate and host name, encrypt only, or plain TCP. */
export type SslMode = 'verify-full' | 'require' | 'disable';

/** Every {@link SslMode}, for input readers. */
export const SSL_MODES: readonly SslMode[] = ['verify-full', 'require', 'disable'];

/** Scope of the access token that signs in to Azure Database for PostgreSQL with Entra ID. */
export const ENTRA_POSTGRES_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/** Which login a connection is, so messages name the right inputs. */
export type LoginKind = 'admin' | 'role';

/** Where and how to connect. */
export interface PgTarget {
  host: string;
  port: number;
  user: string;
  /** A password, or a function called on every connect (an Entra token provider). */
  password: string | (() => Promise<string>);
  database: string;
  sslmode: SslMode;
  /** Extra CA certificates (PEM) trusted with `verify-full`, besides Node's own list. */
  ca?: string;
  /** Time allowed to establish one connection, in ms (default 15 000). */
  connectTimeoutMs?: number;
}

/** The `pg` client configuration for a target (TLS per {@link SslMode}). */
export function pgConfig(target: PgTarget): ClientConfig {
  const ssl: ClientConfig['ssl'] =
    target.sslmode === 'disable'
      ? false
      : target.sslmode === 'require'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, ...(target.ca ? { ca: [...getCACertificates('default'), target.ca] } : {}) };
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl,
    connectionTimeoutMillis: target.connectTimeoutMs ?? 15_000,
    keepAlive: true,
    application_name: 'branch-env-actions',
  };
}

/** One connection attempt; failures are thrown as `pg` reports them. */
export async function connectOnce(target: PgTarget): Promise<PgClient> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(pgConfig(target));
  // A connection dropped while idle surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error: unknown) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** How {@link connectPostgres} retries. */
export interface ConnectOptions {
  /** How long to keep retrying transient failures (refused, reset, server starting), in ms. Default 30 000. */
  retryForMs?: number;
  /** Further SQLSTATEs to retry, e.g. `3D000` right after the database was created elsewhere. */
  retrySqlStates?: readonly string[];
  /** For messages: the admin login or a role (default admin). */
  login?: LoginKind;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Connects, retrying transient failures under `retryForMs`, and explains what the user can
 * fix (see {@link explainPgError}): the returned error is a {@link UserError} for a wrong
 * password, a TLS failure, an unknown or unreachable host.
 */
export async function connectPostgres(target: PgTarget, options: ConnectOptions = {}): Promise<PgClient> {
  const extra = new Set(options.retrySqlStates ?? []);
  try {
    return await retry(() => connectOnce(target), {
      deadlineMs: options.retryForMs ?? 30_000,
      initialDelayMs: 250,
      maxDelayMs: 5000,
      what: `connecting to PostgreSQL at ${hostPort(target)}`,
      ...(options.clock ? { clock: options.clock } : {}),
      classify: (error) => {
        const code = sqlState(error);
        if (code !== undefined && extra.has(code)) return { retryable: true, reason: `PostgreSQL ${code}: ${errorMessage(error)}` };
        return classifyError(error, options.clock?.now());
      },
      onRetry: ({ reason, delayMs }) => options.logger?.info(`PostgreSQL at ${hostPort(target)} not ready (${reason}); retrying in ${delayMs} ms.`),
    });
  } catch (error: unknown) {
    throw explainPgError(error, target, options.login ?? 'admin');
  }
}

/** `host:port`, with brackets around an IPv6 address. */
export function hostPort(target: Pick<PgTarget, 'host' | 'port'>): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

/** The SQLSTATE of a `pg` DatabaseError (five characters), if the error is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Quotes an identifier (`"a""b"`), so any name is safe in SQL. Refuses NUL, which PostgreSQL cannot store. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new UserError(`The name ${JSON.stringify(name)} contains a NUL character, which PostgreSQL identifiers cannot hold.`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal for statements that take no bind parameters (`COMMENT ... IS`,
 * `PASSWORD`). Backslashes switch to the `E'...'` form, so the result means the same text
 * whatever `standard_conforming_strings` says.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new UserError(`The value ${JSON.stringify(value)} contains a NUL character, which PostgreSQL text cannot hold.`);
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** What a connection URL is made of. */
export interface UrlParts {
  user: string;
  password: string;
  host: string;
  port: number;
  database: string;
  sslmode: SslMode;
}

/** `postgresql://user:password@host:port/database?sslmode=...`, every part percent-encoded. */
export function connectionUrl(parts: UrlParts): string {
  const e = encodeURIComponent;
  return `postgresql://${e(parts.user)}:${e(parts.password)}@${hostPort(parts)}/${e(parts.database)}?sslmode=${parts.sslmode}`;
}

/**
 * A password provider for Entra sign-in: each call asks `credential` for a token for
 * {@link ENTRA_POSTGRES_SCOPE} (or `scope`, for sovereign clouds) and hands it on (after
 * `onToken`, which should mask it).
 */
export function entraPassword(
  credential: { getToken(scopes: string | string[]): Promise<{ token: string } | null> },
  onToken: (token: string) => void = () => undefined,
  scope: string = ENTRA_POSTGRES_SCOPE,
): () => Promise<string> {
  return async () => {
    const token = await credential.getToken(scope);
    if (!token)
      throw new UserError(`Microsoft Entra ID returned no token for ${scope}.`, {
        fix: 'Give `admin-password`, or check that the signed-in identity can get tokens for Azure Database for PostgreSQL.',
      });
    onToken(token.token);
    return token.token;
  };
}

/** A comment on a shared object (database or role), or undefined when it has none or does not exist. */
export async function sharedComment(client: PgClient, kind: 'database' | 'role', name: string): Promise<string | undefined> {
  const sql =
    kind === 'database'
      ? "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1"
      : "SELECT shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE rolname = $1";
  const { rows } = await client.query<{ comment: string | null }>(sql, [name]);
  return rows[0]?.comment ?? undefined;
}

/** Whether a database exists. */
export async function databaseExists(client: PgClient, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

/** Whether a role exists. */
export async function roleExists(client: PgClient, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

/** A session connected to a database. */
export interface Session {
  pid: number;
  user: string;
  application: string;
  clientAddress: string | null;
}

/** The sessions connected to `database`, except this client's own. */
export async function sessionsOf(client: PgClient, database: string): Promise<Session[]> {
  const { rows } = await client.query<{ pid: number; usename: string | null; application_name: string | null; client_addr: string | null }>(
    'SELECT pid, usename, application_name, client_addr::text AS client_addr FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() ORDER BY pid',
    [database],
  );
  return rows.map((row) => ({ pid: row.pid, user: row.usename ?? '', application: row.application_name ?? '', clientAddress: row.client_addr }));
}

/**
 * Ends every other session connected to `database` (`pg_terminate_backend`). Sessions this
 * login may not end (another administrator's, Azure's own) are returned in `failed` with
 * the server's reason, never thrown, so the caller can name them.
 */
export async function terminateSessions(
  client: PgClient,
  database: string,
): Promise<{ terminated: Session[]; failed: { session: Session; reason: string }[] }> {
  const terminated: Session[] = [];
  const failed: { session: Session; reason: string }[] = [];
  for (const session of await sessionsOf(client, database)) {
    try {
      const { rows } = await client.query<{ ok: boolean | null }>('SELECT pg_terminate_backend($1) AS ok', [session.pid]);
      if (rows[0]?.ok) terminated.push(session);
      else failed.push({ session, reason: 'pg_terminate_backend returned false (the session had already ended or could not be signalled)' });
    } catch (error: unknown) {
      failed.push({ session, reason: errorMessage(error) });
    }
  }
  return { terminated, failed };
}

/** Allows or blocks new connections to `database` (`ALTER DATABASE ... ALLOW_CONNECTIONS`); owner or superuser only. */
export async function setAllowConnections(client: PgClient, database: string, allow: boolean): Promise<void> {
  await client.query(`ALTER DATABASE ${quoteIdent(database)} ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);
}

/** Closes a client, ignoring errors (for `finally` blocks). */
export async function closeQuietly(client: PgClient | undefined): Promise<void> {
  await client?.end().catch(() => undefined);
}

const UNTRUSTED_CERT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/**
 * Turns a connection failure into a {@link UserError} that names the inputs to fix: a wrong
 * password (28P01), a server that refuses this login or requires TLS (28000), a missing
 * database (3D000), a host that does not resolve or cannot be reached, and every TLS
 * failure (untrusted CA, certificate not valid for the host name, expired, no TLS at all).
 * A retry {@link DeadlineError} is unwrapped to its last failure, with the attempts added.
 * Other errors are returned unchanged.
 */
export function explainPgError(error: unknown, target: ExplainTarget, login: LoginKind = 'admin'): unknown {
  const deadline = error instanceof DeadlineError ? error : undefined;
  const inner = deadline?.cause ?? error;
  const explained = explainOne(inner, target, login);
  if (explained === undefined) return error;
  const after = deadline ? ` (gave up after ${deadline.attempts} attempts in ${Math.round(deadline.elapsedMs / 100) / 10} s)` : '';
  return new UserError(`${explained.message}${after}`, { fix: explained.fix, cause: error });
}

/** What an explanation needs of the target; a function `password` means Entra sign-in. */
export type ExplainTarget = Pick<PgTarget, 'host' | 'port' | 'user' | 'database' | 'sslmode'> & { password?: PgTarget['password'] };

/** A message and its fix. */
type Explained = { message: string; fix: string };

/** What the explanations of one failure read. */
interface Failed {
  where: string;
  message: string;
  code: string;
  who: string;
  target: ExplainTarget;
  login: LoginKind;
}

function explainOne(error: unknown, target: ExplainTarget, login: LoginKind): Explained | undefined {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const who = login === 'admin' ? `the admin login (\`admin-user\`) ${JSON.stringify(target.user)}` : `role ${JSON.stringify(target.user)}`;
  const failed: Failed = { where: hostPort(target), message: errorMessage(error), code, who, target, login };
  return explainSqlState(failed) ?? explainNetwork(failed);
}

/** A refusal by PostgreSQL itself, by SQLSTATE. */
function explainSqlState(f: Failed): Explained | undefined {
  const { where, message, who, target, login } = f;
  switch (f.code) {
    case '28P01':
      return explainBadPassword(f);
    case '28000':
      return /SSL off|no encryption/i.test(message)
        ? {
            message: `PostgreSQL at ${where} requires TLS, and \`sslmode\` is disable (28000: ${message}).`,
            fix: 'Set `sslmode: verify-full` (the default) or `require`.',
          }
        : {
            message: `PostgreSQL at ${where} does not accept ${who} for database ${JSON.stringify(target.database)} (28000: ${message}).`,
            fix: 'Check the login name, and that the server allows it to connect (for Entra logins: that it is an Entra administrator of the server).',
          };
    case '3D000':
      return {
        message: `Database ${JSON.stringify(target.database)} does not exist on ${where} (3D000).`,
        fix: 'Check that `host` points at the server that `server` names.',
      };
    case '42501':
      return {
        message: `${login === 'admin' ? 'The admin login' : `Role ${JSON.stringify(target.user)}`} may not connect to database ${JSON.stringify(target.database)} on ${where} (42501: ${message}).`,
        fix: 'Grant it CONNECT on the database.',
      };
    case '55000':
      if (!/not currently accepting connections/.test(message)) return undefined;
      return {
        message: `Database ${JSON.stringify(target.database)} on ${where} does not accept connections (55000: ${message}).`,
        fix: 'It was closed with ALLOW_CONNECTIONS false (cleanup-branch does this before dropping it); re-open it or let the cleanup finish.',
      };
    default:
      return undefined;
  }
}

/** 28P01: a refused password or Entra token, with the input to fix. */
function explainBadPassword({ where, message, who, target, login }: Failed): Explained {
  if (typeof target.password === 'function') {
    return {
      message: `PostgreSQL at ${where} refused the Microsoft Entra token of ${who} (28P01: ${message}).`,
      fix: '`admin-user` must be the name of an Entra administrator of the server that the signed-in identity is (az postgres flexible-server microsoft-entra-admin create), or give `admin-password`.',
    };
  }
  return {
    message: `PostgreSQL at ${where} refused the password of ${who} (28P01: ${message}).`,
    fix:
      login === 'admin'
        ? 'Check `admin-password` (the server administrator password), or leave it empty to sign in with a Microsoft Entra token as an Entra administrator of the server.'
        : 'The role password does not match; re-run with `rotate-password: true` to set a new one.',
  };
}

/** DNS, TLS and reachability failures before PostgreSQL answers. */
function explainNetwork({ where, message, code, target }: Failed): Explained | undefined {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      message: `The PostgreSQL host ${JSON.stringify(target.host)} does not resolve (${code}).`,
      fix: 'Check `host`. A server with private access resolves only inside its virtual network (private DNS zone): run the job on a runner there.',
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      message: `TLS verification failed: the certificate of ${where} is not valid for the name ${JSON.stringify(target.host)} (${message}).`,
      fix: 'Connect by the name in the certificate (for Azure `<server>.postgres.database.azure.com`), or set `sslmode: require` to encrypt without verifying the name.',
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      message: `TLS verification failed: the certificate of ${where} is outside its validity period (${code}).`,
      fix: 'Renew the server certificate, or check the runner clock.',
    };
  }
  if (UNTRUSTED_CERT.has(code)) {
    return {
      message: `TLS verification failed for ${where}: the server certificate is not signed by a trusted CA (${code}: ${message}).`,
      fix: "Azure's servers use certificates from public CAs that Node trusts; for another server give its CA in `ssl-root-cert`, or set `sslmode: require` to encrypt without verifying (not for production).",
    };
  }
  if (message === 'The server does not support SSL connections') {
    return {
      message: `PostgreSQL at ${where} does not offer TLS, and \`sslmode\` is ${target.sslmode}.`,
      fix: 'Azure servers always offer TLS: check `host`. For a local server without TLS set `sslmode: disable`.',
    };
  }
  if (UNREACHABLE.has(code) || /connection timeout|Connection terminated unexpectedly/i.test(message)) {
    return {
      message: `Cannot reach PostgreSQL at ${where} (${code ? `${code}: ` : ''}${message}).`,
      fix: "Check `host` and `port`, and that this runner may connect: the server's firewall rules must allow the runner's address, and a server with private access is reachable only from a runner inside its virtual network.",
    };
  }
  return undefined;
}
