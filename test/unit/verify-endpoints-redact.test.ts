// Which header values and query parameters count as credentials, and how they are masked.
import { describe, expect, it } from 'vitest';
import { parseChecks } from '../../shared/endpoints/checks.ts';
import { Redactor, isCredentialHeader } from '../../shared/endpoints/redact.ts';

function redactorFor(yaml: string, marked: string[] = []): Redactor {
  return Redactor.forChecks(parseChecks(yaml, { baseUrl: new URL('https://x.example.com'), expectVersion: undefined }), marked);
}

describe('credential headers', () => {
  it.each(['Authorization', 'Cookie', 'X-Api-Key', 'x-functions-key', 'Ocp-Apim-Subscription-Key', 'X-Auth-Token', 'X-Session-Id', 'X-Client-Secret'])(
    '%s is a credential',
    (name) => {
      expect(isCredentialHeader(name)).toBe(true);
    },
  );

  it.each(['Accept', 'Content-Type', 'X-Request-Id', 'User-Agent'])('%s is not', (name) => {
    expect(isCredentialHeader(name)).toBe(false);
  });

  it('counts headers the user marks', () => {
    expect(isCredentialHeader('X-Tenant', new Set(['x-tenant']))).toBe(true);
  });
});

describe('Redactor', () => {
  it('registers the value, the token after the scheme, and their encoded forms', () => {
    const masked: string[] = [];
    redactorFor('- path: /a\n  headers: { Authorization: Bearer abc.def.ghi }').register((s) => masked.push(s));
    expect(masked).toEqual(
      expect.arrayContaining(['Bearer abc.def.ghi', 'abc.def.ghi', Buffer.from('abc.def.ghi').toString('base64'), 'Bearer%20abc.def.ghi']),
    );
  });

  it('masks the password of Basic auth and each cookie value', () => {
    const basic = Buffer.from('deploy:pa55word!').toString('base64');
    const r = redactorFor(`- path: /a\n  headers: { Authorization: Basic ${basic}, Cookie: "sid=s3ss10n; theme=dark-mode" }`);
    expect(r.redact('user deploy:pa55word! pass pa55word! sid s3ss10n theme dark-mode')).toBe('user *** pass *** sid *** theme ***');
  });

  it('masks key-like query parameters and marked headers, not the rest', () => {
    const r = redactorFor('- path: /api/run?code=fnkey-123456&page=2\n  headers: { X-Tenant: tenant-secret-1, Accept: application/json }', ['X-Tenant']);
    expect(r.redact('https://x.example.com/api/run?code=fnkey-123456&page=2 tenant-secret-1 application/json')).toBe(
      'https://x.example.com/api/run?code=***&page=2 *** application/json',
    );
    expect(r.headersForLog({ 'X-Tenant': 'tenant-secret-1', Accept: 'application/json' })).toBe('X-Tenant: ***, Accept: application/json');
  });

  it('masks the longest form first so no tail of a secret is left', () => {
    const r = new Redactor(['abcd', 'abcdefgh']);
    expect(r.redact('xx abcdefgh yy abcd')).toBe('xx *** yy ***');
  });

  it('ignores values too short to mask', () => {
    const masked: string[] = [];
    redactorFor('- path: /a\n  headers: { X-Api-Key: ab }').register((s) => masked.push(s));
    expect(masked).toEqual([]);
  });
});
