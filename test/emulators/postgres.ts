// A real PostgreSQL server for tests: `initdb` in a temp dir, `pg_ctl start`
// on a free loopback port, password (SCRAM) authentication, and `stop()` that
// shuts it down and removes every file. When this process is root the server
// runs as the `postgres` OS user (initdb refuses root). Servers whose owning
// process died without stopping them are reaped at the next start.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBindir, runCommand, runServerBinary, runningAsRoot, SERVER_OS_USER } from './postgres/binaries.ts';
import { claim, HARNESS_PREFIX, reapOrphans } from './postgres/reaper.ts';

export { findPostgresBindir, INSTALL_HINT } from './postgres/binaries.ts';

/** How to start the server. */
export interface PostgresOptions {
  /** Superuser name (default `pgadmin`). */
  user?: string;
  /** Superuser password (default: random). */
  password?: string;
  /** Serve TLS with this certificate and key (PEM); clients may then use `sslmode=require`. */
  tls?: { certPem: string; keyPem: string };
  /** Extra `postgresql.conf` settings, written verbatim as `key = value`. */
  settings?: Record<string, string>;
}

/** Connection facts of a running server; plain data, safe to pass between processes. */
export interface PostgresInfo {
  host: string;
  port: number;
  /** Superuser name. */
  user: string;
  password: string;
  /** The database that always exists (`postgres`). */
  database: string;
  /** `postgresql://user:password@127.0.0.1:port/postgres`. */
  connectionString: string;
  /** Directory of the server binaries used (`initdb`, `pg_ctl`, `psql`...). */
  bindir: string;
}

/** A running server started by {@link startPostgres}. */
export interface PostgresServer extends PostgresInfo {
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
  const bindir = await findPostgresBindir();
  const user = options.user ?? 'pgadmin';
  const password = options.password ?? randomBytes(18).toString('base64url');
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
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    await runCommand('mkdir', ['-p', socketDir]);
    if (runningAsRoot()) await runCommand('chown', ['-R', `${SERVER_OS_USER}:`, root]);
    const locale = await pickLocale();
    await runServerBinary(join(bindir, 'initdb'), [
      '-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth=scram-sha-256',
      '-E', 'UTF8', `--locale=${locale}`, '--no-sync', '--no-instructions',
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
    const info: PostgresInfo = {
      host: '127.0.0.1',
      port,
      user,
      password,
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
