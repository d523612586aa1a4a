// The real PostgreSQL harness: the shared server from the global setup, a
// private server with TLS, clean shutdown, and the error when binaries are missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMajor, findPostgresBindir, startPostgres, type PostgresServer } from '../emulators/postgres.ts';
import { reapOrphans } from '../emulators/postgres/reaper.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';

const shared = sharedPostgres();

async function query<T extends pg.QueryResultRow>(config: pg.ClientConfig, sql: string): Promise<T[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function sqlState(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
}

describe.skipIf(!shared)('shared server from the global setup', () => {
  const info = shared!;

  it("accepts its admin over TCP with SCRAM, names it in the connection string, and the admin is no superuser (Azure's model); the superuser is azuresu", async () => {
    const rows = await query<{ user: string; enc: string; super: boolean }>(
      { connectionString: info.connectionString },
      "SELECT current_user AS user, current_setting('password_encryption') AS enc, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super",
    );
    expect(rows[0]).toEqual({ user: info.user, enc: 'scram-sha-256', super: false });
    expect(info.superuser?.user).toBe('azuresu');
    const su = await query<{ super: boolean }>(
      { host: info.host, port: info.port, user: info.superuser!.user, password: info.superuser!.password, database: 'postgres' },
      'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
    );
    expect(su[0]?.super).toBe(true);
    expect(info.major).toBe(defaultMajor());
    expect(info.host).toBe('127.0.0.1');
    expect(existsSync(join(info.bindir, 'initdb'))).toBe(true);
  });

  it('refuses a wrong password', async () => {
    const attempt = query({ host: info.host, port: info.port, user: info.user, password: `${info.password}x`, database: 'postgres' }, 'SELECT 1');
    await expect(attempt).rejects.toSatisfy((error: unknown) => sqlState(error) === '28P01');
  });
});

describe.skipIf(!shared)('a private server with TLS', () => {
  let server: PostgresServer;
  let certPem = '';

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    certPem = pems.cert;
    server = await startPostgres({ user: 'tlsadmin', tls: { certPem: pems.cert, keyPem: pems.private } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('serves TLS that a client verifying the certificate accepts', async () => {
    const rows = await query<{ ssl: boolean }>(
      { host: server.host, port: server.port, user: server.user, password: server.password, database: 'postgres', ssl: { ca: certPem } },
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    expect(rows[0]?.ssl).toBe(true);
  });

  it('stops and removes its files; a second stop is harmless', async () => {
    const { dataDir, port, user, password } = server;
    expect(existsSync(dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(dataDir)).toBe(false);
    await server.stop();
    const attempt = query({ host: '127.0.0.1', port, user, password, database: 'postgres', connectionTimeoutMillis: 2000 }, 'SELECT 1');
    await expect(attempt).rejects.toThrow(/ECONNREFUSED|terminat|connect/i);
  });
});

describe.skipIf(!shared)('a server whose owner was killed', () => {
  it('is stopped and removed by the next start (reapOrphans)', async () => {
    const script =
      "import { startPostgres } from './test/emulators/postgres.ts'; const s = await startPostgres(); console.log(JSON.stringify({ port: s.port, dataDir: s.dataDir, user: s.user, password: s.password })); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ port: number; dataDir: string; user: string; password: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { port: number; dataDir: string; user: string; password: string });
      });
      child.once('exit', (code) => reject(new Error(`child exited (${code ?? 'signal'}) before starting PostgreSQL: ${out}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const { port, user, password } = started;
    // The daemon outlived its owner...
    expect(await query<{ one: number }>({ host: '127.0.0.1', port, user, password, database: 'postgres' }, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    // ...until the reaper runs.
    expect(await reapOrphans(shared!.bindir)).toBeGreaterThanOrEqual(1);
    expect(existsSync(started.dataDir)).toBe(false);
    const attempt = query({ host: '127.0.0.1', port, user, password, database: 'postgres', connectionTimeoutMillis: 2000 }, 'SELECT 1');
    await expect(attempt).rejects.toThrow(/ECONNREFUSED|terminat|connect/i);
  });
});

describe('finding the binaries', () => {
  it('names the Debian package when there are none', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-pg-'));
    try {
      const search = findPostgresBindir({ pgConfig: join(empty, 'pg_config'), libRoot: empty });
      await expect(search).rejects.toThrow(/install the Debian postgresql package.*\.ci\/run/i);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(!shared)('finds a directory with initdb, pg_ctl and postgres when installed', async () => {
    const dir = await findPostgresBindir();
    for (const name of ['initdb', 'pg_ctl', 'postgres']) expect(existsSync(join(dir, name))).toBe(true);
  });
});
