// A real PostgreSQL server for tests: `initdb` in a temp dir, `pg_ctl start`
// on a free loopback port, password (SCRAM) authentication, and `stop()` that
// shuts it down and removes every file. By default it has Azure's privilege
// model (postgres/azure-model.ts): the login it hands out is an admin that is
// not a superuser; the superuser `azuresu` is for the harness and the Azure
// emulator's management plane only. The major is chosen by `major` or
// TEST_PG_MAJOR (default 16, Azure's default for new servers here). When this process is root the server
// runs as the `postgres` OS user (initdb refuses root). Servers whose owning
// process died without stopping them are reaped at the next start.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAzureModel, AZURE_SUPERUSER } from './postgres/azure-model.ts';
import { findPostgresBindir, runCommand, runServerBinary, runningAsRoot, SERVER_OS_USER } from './postgres/binaries.ts';
import { claim, HARNESS_PREFIX, reapOrphans } from './postgres/reaper.ts';

export { findPostgresBindir, INSTALL_HINT, TESTABLE_MAJORS } from './postgres/binaries.ts';
export { AZURE_ADMIN_GROUP, AZURE_SUPERUSER, createAzureAdmin } from './postgres/azure-model.ts';

/** The major tests run on unless told: TEST_PG_MAJOR, else 16. */
export function defaultMajor(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['TEST_PG_MAJOR'];
  if (value === undefined || value === '') return 16;
  if (!/^\d{2}$/.test(value)) throw new Error(`TEST_PG_MAJOR must be a PostgreSQL major such as 15, 16 or 17, got ${JSON.stringify(value)}.`);
  return Number(value);
}

/** The majors a matrix test runs on: TEST_PG_MAJORS (comma-separated), else 15,16,17. */
export function matrixMajors(env: NodeJS.ProcessEnv = process.env): number[] {
  const value = env['TEST_PG_MAJORS'];
  if (value === undefined || value.trim() === '') return [15, 16, 17];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      if (!/^\d{2}$/.test(v)) throw new Error(`TEST_PG_MAJORS must list PostgreSQL majors such as 15,16,17, got ${JSON.stringify(value)}.`);
      return Number(v);
    });
}

/** How to start the server. */
export interface PostgresOptions {
  /** Admin login name (default `pgadmin`); with `azure: false`, the superuser's name. */
  user?: string;
  /** Its password (default: random). */
  password?: string;
  /** PostgreSQL major (default {@link defaultMajor}). */
  major?: number;
  /** Azure's privilege model (default true); false gives a plain server whose one login is a superuser. */
  azure?: boolean;
  /** Serve TLS with this certificate and key (PEM); clients may then use `sslmode=require`. */
  tls?: { certPem: string; keyPem: string };
  /** Extra `postgresql.conf` settings, written verbatim as `key = value`. */
  settings?: Record<string, string>;
}

/** Connection facts of a running server; plain data, safe to pass between processes. */
export interface PostgresInfo {
  host: string;
  port: number;
  /** The admin login tests sign in as (not a superuser on an Azure-model server). */
  user: string;
  password: string;
  /** The superuser (`azuresu`): for the harness and the Azure emulator's management plane, never for what a test checks. */
  superuser?: { user: string; password: string };
  /** Server major version (absent for a server the harness did not start). */
  major?: number;
  /** Whether the server has Azure's privilege model. */
  azure?: boolean;
  /** The database that always exists (`postgres`). */
  database: string;
  /** `postgresql://user:password@127.0.0.1:port/postgres`. */
  connectionString: string;
  /** Directory of the server binaries used (`initdb`, `pg_ctl`, `psql`...). */
  bindir: string;
}

/** A running server started by {@link startPostgres}. */
export interface PostgresServer extends PostgresInfo {
  superuser: { user: string; password: string };
  major: number;
  azure: boolean;
  /** The cluster's data directory (inside the temp dir). */
  dataDir: string;
  /** Fast shutdown, then removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function pickLocale(): Promise<string> {
  try {
    const { stdout } = await runCommand('locale', ['-a'], { timeoutMs: 10_000 });
    const names = stdout.split('\n').map((line) => line.trim().toLowerCase());
    if (names.includes('c.utf8') || names.includes('c.utf-8')) return 'C.UTF-8';
  } catch {
    // no `locale` tool: C always exists
  }
  return 'C';
}

function quoteConf(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function tail(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * Starts a private PostgreSQL server on 127.0.0.1 and a free port, with one
 * superuser authenticated by SCRAM over TCP. Throws a clear error naming the
 * fix when the server binaries are not installed.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const major = options.major ?? defaultMajor();
  const bindir = await findPostgresBindir({ major });
  const azure = options.azure ?? true;
  const user = options.user ?? 'pgadmin';
  const password = options.password ?? randomBytes(18).toString('base64url');
  const superuser = azure ? { user: AZURE_SUPERUSER, password: randomBytes(18).toString('base64url') } : { user, password };
  await reapOrphans(bindir);
  const root = await mkdtemp(join(tmpdir(), HARNESS_PREFIX));
  await claim(root);
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'sock');
  const logFile = join(root, 'server.log');
  const pwFile = join(root, 'pwfile');
  let started = false;
  const removeRoot = () => rm(root, { recursive: true, force: true });
  try {
    await writeFile(pwFile, `${superuser.password}\n`, { mode: 0o600 });
    await runCommand('mkdir', ['-p', socketDir]);
    if (runningAsRoot()) await runCommand('chown', ['-R', `${SERVER_OS_USER}:`, root]);
    const locale = await pickLocale();
    await runServerBinary(join(bindir, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      superuser.user,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      `--locale=${locale}`,
      '--no-sync',
      '--no-instructions',
    ]);
    await rm(pwFile, { force: true });
    const settings: Record<string, string> = {
      listen_addresses: quoteConf('127.0.0.1'),
      unix_socket_directories: quoteConf(socketDir),
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_buffers: quoteConf('32MB'),
      ...options.settings,
    };
    if (options.tls) {
      const certFile = join(dataDir, 'server.crt');
      const keyFile = join(dataDir, 'server.key');
      await writeFile(certFile, options.tls.certPem);
      await writeFile(keyFile, options.tls.keyPem, { mode: 0o600 });
      await chmod(keyFile, 0o600);
      if (runningAsRoot()) await runCommand('chown', [`${SERVER_OS_USER}:`, certFile, keyFile]);
      Object.assign(settings, { ssl: 'on', ssl_cert_file: quoteConf(certFile), ssl_key_file: quoteConf(keyFile) });
    }
    let port = 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !started; attempt += 1) {
      port = await freePort();
      const lines = Object.entries({ ...settings, port: String(port) }).map(([k, v]) => `${k} = ${v}`);
      await appendFile(join(dataDir, 'postgresql.conf'), `\n# test harness\n${lines.join('\n')}\n`);
      try {
        await runServerBinary(join(bindir, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
        started = true;
      } catch (error: unknown) {
        lastError = error;
      }
    }
    if (!started) {
      throw new Error(`PostgreSQL did not start in ${dataDir}: ${String(lastError)}\nserver log:\n${await tail(logFile)}`, { cause: lastError });
    }
    if (azure) await applyAzureModel({ host: '127.0.0.1', port, ...superuser }, user, password);
    const info: PostgresInfo = {
      host: '127.0.0.1',
      port,
      user,
      password,
      superuser,
      major,
      azure,
      database: 'postgres',
      connectionString: `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      bindir,
    };
    let stopped = false;
    const stopSync = () => {
      if (stopped) return;
      stopped = true;
      // Last resort when the process exits without stop(): never leave a server behind.
      try {
        const args = [join(bindir, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'];
        if (runningAsRoot()) execFileSync('runuser', ['-u', SERVER_OS_USER, '--', ...args], { stdio: 'ignore' });
        else execFileSync(args[0]!, args.slice(1), { stdio: 'ignore' });
      } catch {
        // already gone
      }
    };
    process.once('exit', stopSync);
    return {
      ...info,
      superuser,
      major,
      azure,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        try {
          await runServerBinary(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
        } finally {
          await removeRoot();
        }
      },
    };
  } catch (error: unknown) {
    if (started) {
      await runServerBinary(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    }
    await removeRoot();
    throw error;
  }
}

/**
 * The connection the Azure emulator's management plane uses (the service's superuser, as ARM
 * acts as `azuresu` on Azure) and the server's password admin. A server without a separate
 * superuser (acceptance mode) is managed as its one login.
 */
export function serviceTarget(info: PostgresInfo): { host: string; port: number; user: string; password: string; adminLogin: string } {
  const su = info.superuser ?? { user: info.user, password: info.password };
  return { host: info.host, port: info.port, user: su.user, password: su.password, adminLogin: info.user };
}
