// shared/postgres/client.ts against real PostgreSQL servers: the shared one (no TLS) and one started
// here with TLS (a self-signed certificate for DNS:localhost only), so every sslmode and
// every TLS failure is the real one Node and pg raise.
import net from 'node:net';
import fc from 'fast-check';
import pg from 'pg';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import {
  closeQuietly,
  connectOnce,
  connectPostgres,
  databaseExists,
  quoteIdent,
  quoteLiteral,
  roleExists,
  sessionsOf,
  setAllowConnections,
  sharedComment,
  terminateSessions,
  type PgClient,
  type PgTarget,
} from '../../shared/postgres/client.ts';
import { scramVerifier } from '../../actions/provision-db/credentials.ts';
import { startPostgres, type PostgresServer } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import { userErrorOf } from '../helpers/provision-db.ts';

const shared = sharedPostgres()!;
const plain: PgTarget = { host: shared.host, port: shared.port, user: shared.user, password: shared.password, database: 'postgres', sslmode: 'disable' };
const suffix = Math.random().toString(36).slice(2, 8);
let admin: PgClient;
let tlsServer: PostgresServer;
let caPem: string;

beforeAll(async () => {
  admin = await connectOnce(plain);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  caPem = pems.cert;
  tlsServer = await startPostgres({ tls: { certPem: pems.cert, keyPem: pems.private } });
});
afterAll(async () => {
  await closeQuietly(admin);
  await tlsServer?.stop();
});

function refusal(target: PgTarget, login: 'admin' | 'role' = 'admin', retryForMs = 0): Promise<UserError> {
  return userErrorOf(connectPostgres(target, { retryForMs, login }).then((client) => client.end()));
}

describe('quoting against the real parser', () => {
  it('round-trips any text as a literal and as an identifier', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }).filter((s) => !s.includes('\0')),
        async (text) => {
          const { rows } = await admin.query<{ v: string }>(`SELECT ${quoteLiteral(text)}::text AS v`);
          expect(rows[0]!.v).toBe(text);
          if (text !== '' && Buffer.byteLength(text) <= 63) {
            const named = await admin.query(`SELECT 1 AS ${quoteIdent(text)}`);
            expect(named.fields[0]!.name).toBe(text);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('signing in', () => {
  it('explains a wrong admin password', async () => {
    const error = await refusal({ ...plain, password: 'wrong-password' });
    expect(error.message).toContain('refused the password of the admin login (`admin-user`)');
    expect(error.fix).toContain('`admin-password`');
  });

  it('explains an unreachable host after retrying', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    const error = await refusal({ ...plain, port }, 'admin', 1200);
    expect(error.message).toMatch(new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED.*gave up after \\d+ attempts`));
    expect(error.fix).toContain('`host` and `port`');
  });

  it('explains a host that does not resolve', async () => {
    const error = await refusal({ ...plain, host: 'psql-nowhere.invalid' });
    expect(error.message).toContain('"psql-nowhere.invalid" does not resolve');
  });

  it('accepts a role created with a SCRAM verifier, and only with its password', async () => {
    const role = `scram_${suffix}_user`;
    await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD ${quoteLiteral(scramVerifier('Secret123Secret123'))}`);
    try {
      const client = await connectPostgres({ ...plain, user: role, password: 'Secret123Secret123' }, { login: 'role' });
      const { rows } = await client.query<{ u: string }>('SELECT current_user AS u');
      expect(rows[0]!.u).toBe(role);
      await client.end();
      const error = await refusal({ ...plain, user: role, password: 'Secret123Secret124' }, 'role');
      expect(error.message).toContain(`refused the password of role "${role}"`);
    } finally {
      await admin.query(`DROP ROLE ${quoteIdent(role)}`);
    }
  });
});

describe('sslmode', () => {
  const tls = (over: Partial<PgTarget>): PgTarget => ({
    host: 'localhost',
    port: tlsServer.port,
    user: tlsServer.user,
    password: tlsServer.password,
    database: 'postgres',
    sslmode: 'verify-full',
    ...over,
  });

  it('verify-full connects when the CA is trusted and the name matches', async () => {
    const client = await connectPostgres(tls({ ca: caPem }));
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows[0]!.ssl).toBe(true);
    await client.end();
  });

  it('verify-full refuses an untrusted certificate, and says what to do', async () => {
    const error = await refusal(tls({}));
    expect(error.message).toMatch(
      /TLS verification failed for localhost:\d+: the server certificate is not signed by a trusted CA \(DEPTH_ZERO_SELF_SIGNED_CERT/,
    );
    expect(error.fix).toContain('ssl-root-cert');
  });

  it('verify-full refuses a certificate for another name', async () => {
    const error = await refusal(tls({ host: '127.0.0.1', ca: caPem }));
    expect(error.message).toContain('is not valid for the name "127.0.0.1"');
  });

  it('require encrypts without verifying', async () => {
    const client = await connectPostgres(tls({ host: '127.0.0.1', sslmode: 'require' }));
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows[0]!.ssl).toBe(true);
    await client.end();
  });

  it('verify-full against a server without TLS says so', async () => {
    const error = await refusal({ ...plain, sslmode: 'verify-full' });
    expect(error.message).toContain('does not offer TLS, and `sslmode` is verify-full');
  });
});

describe('inspecting and ending sessions', () => {
  it('reads comments and existence, and ends the sessions of a database', async () => {
    const db = `sessions_${suffix}`;
    await admin.query(`CREATE DATABASE ${quoteIdent(db)}`);
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(db)} IS ${quoteLiteral('{"k":"it\'s"}')}`);
    try {
      expect(await databaseExists(admin, db)).toBe(true);
      expect(await databaseExists(admin, `${db}_missing`)).toBe(false);
      expect(await roleExists(admin, shared.user)).toBe(true);
      expect(await sharedComment(admin, 'database', db)).toBe('{"k":"it\'s"}');
      expect(await sharedComment(admin, 'role', 'no_such_role')).toBeUndefined();
      const other = new pg.Client({ ...plain, database: db });
      other.on('error', () => undefined);
      await other.connect();
      expect((await sessionsOf(admin, db)).map((s) => s.user)).toEqual([shared.user]);
      const { terminated, failed } = await terminateSessions(admin, db);
      expect(terminated).toHaveLength(1);
      expect(failed).toEqual([]);
      await expect(other.query('SELECT 1')).rejects.toThrow();
      await setAllowConnections(admin, db, false);
      expect((await refusal({ ...plain, database: db })).message).toContain(
        `Database "${db}" on ${shared.host}:${shared.port} does not accept connections (55000`,
      );
      await setAllowConnections(admin, db, true);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(db)} WITH (FORCE)`);
    }
  });
});
