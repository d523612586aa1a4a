// Pure parts of shared/postgres/client.ts: quoting, URLs, TLS settings per sslmode, and the
// explanations of connection failures (with errors shaped as pg and Node raise them).
import { getCACertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { DeadlineError } from '../../shared/core/retry.ts';
import { connectionUrl, explainPgError, hostPort, pgConfig, quoteIdent, quoteLiteral, sqlState, type PgTarget } from '../../shared/postgres/client.ts';

const target: PgTarget = {
  host: 'psql-x.postgres.database.azure.com',
  port: 5432,
  user: 'pgadmin',
  password: 'pw',
  database: 'postgres',
  sslmode: 'verify-full',
};

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function explained(error: unknown, login: 'admin' | 'role' = 'admin'): UserError {
  const result = explainPgError(error, target, login);
  expect(result).toBeInstanceOf(UserError);
  return result as UserError;
}

describe('quoting', () => {
  it('quotes identifiers, doubling quotes', () => {
    expect(quoteIdent('ex_3_9')).toBe('"ex_3_9"');
    expect(quoteIdent('a"b; DROP TABLE x')).toBe('"a""b; DROP TABLE x"');
    expect(() => quoteIdent('a\0b')).toThrow(UserError);
  });

  it("quotes literals, switching to E'' when there is a backslash", () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(quoteLiteral('{"branch":"x\\"y"}')).toBe(`E'{"branch":"x\\\\"y"}'`);
    expect(() => quoteLiteral('\0')).toThrow(UserError);
  });
});

describe('connection URL', () => {
  it('percent-encodes every part and names the sslmode', () => {
    const url = connectionUrl({ user: 'u@x', password: 'p:/?#@ss', host: 'h', port: 6432, database: 'd b', sslmode: 'require' });
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('postgresql:');
    expect(decodeURIComponent(parsed.username)).toBe('u@x');
    expect(decodeURIComponent(parsed.password)).toBe('p:/?#@ss');
    expect(parsed.port).toBe('6432');
    expect(decodeURIComponent(parsed.pathname.slice(1))).toBe('d b');
    expect(parsed.searchParams.get('sslmode')).toBe('require');
  });

  it('brackets IPv6 hosts', () => {
    expect(hostPort({ host: '::1', port: 5432 })).toBe('[::1]:5432');
    expect(connectionUrl({ user: 'u', password: 'p', host: '::1', port: 5432, database: 'd', sslmode: 'disable' })).toBe(
      'postgresql://u:p@[::1]:5432/d?sslmode=disable',
    );
  });
});

describe('TLS settings per sslmode', () => {
  it("verifies with Node's CAs by default, plus an extra CA when given", () => {
    expect(pgConfig(target).ssl).toEqual({ rejectUnauthorized: true });
    const ssl = pgConfig({ ...target, ca: 'PEM' }).ssl as { ca: string[]; rejectUnauthorized: boolean };
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.ca.at(-1)).toBe('PEM');
    expect(ssl.ca.length).toBe(getCACertificates('default').length + 1);
  });

  it('encrypts without verifying for require, and uses plain TCP for disable', () => {
    expect(pgConfig({ ...target, sslmode: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
    expect(pgConfig({ ...target, sslmode: 'disable' }).ssl).toBe(false);
  });
});

describe('explaining connection failures', () => {
  it('names admin-password for a refused admin password', () => {
    const error = explained(pgError('28P01', 'password authentication failed for user "pgadmin"'));
    expect(error.message).toContain('refused the password of the admin login (`admin-user`) "pgadmin"');
    expect(error.message).toContain('28P01');
    expect(error.fix).toContain('`admin-password`');
  });

  it('says when the server requires TLS and sslmode is disable', () => {
    const error = explained(pgError('28000', 'no pg_hba.conf entry for host "1.2.3.4", user "pgadmin", database "postgres", no encryption'));
    expect(error.message).toContain('requires TLS');
    expect(error.fix).toContain('sslmode: verify-full');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', /not signed by a trusted CA/, /ssl-root-cert/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', /not signed by a trusted CA/, /sslmode: require/],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames",
      /not valid for the name "psql-x.postgres.database.azure.com"/,
      /name in the certificate/,
    ],
    ['CERT_HAS_EXPIRED', 'certificate has expired', /validity period/, /Renew/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND psql-x', /does not resolve/, /private DNS zone/],
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.4:5432', /Cannot reach PostgreSQL at psql-x.postgres.database.azure.com:5432/, /firewall/],
  ])('explains %s', (code, message, what, fix) => {
    const error = explained(nodeError(code, message));
    expect(error.message).toMatch(what);
    expect(error.fix).toMatch(fix);
  });

  it('explains a server without TLS', () => {
    const error = explained(new Error('The server does not support SSL connections'));
    expect(error.message).toContain('does not offer TLS');
    expect(error.fix).toContain('sslmode: disable');
  });

  it('unwraps a retry deadline and says how long it tried', () => {
    const last = nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1');
    const error = explained(new DeadlineError('connecting', 4, 3100, 'ECONNREFUSED', last));
    expect(error.message).toMatch(/^Cannot reach PostgreSQL .* \(gave up after 4 attempts in 3\.1 s\)$/);
  });

  it('leaves what it does not know unchanged', () => {
    const error = pgError('42P01', 'relation "x" does not exist');
    expect(explainPgError(error, target)).toBe(error);
  });

  it('reads SQLSTATEs only from five-character codes', () => {
    expect(sqlState(pgError('28P01', 'x'))).toBe('28P01');
    expect(sqlState(nodeError('ECONNREFUSED', 'x'))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });
});
