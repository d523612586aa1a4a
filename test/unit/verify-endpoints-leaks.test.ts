// Credentials in raw checks text and in URLs that messages show (issue 12, item 10).
import { describe, expect, it } from 'vitest';
import { parseChecks } from '../../shared/endpoints/checks.ts';
import { credentialsInText, redactCredentialPairs, redactUrl } from '../../shared/endpoints/redact.ts';
import { errorMessage } from '../../shared/core/errors.ts';

const refusal = (text: string): string => {
  try {
    parseChecks(text, { baseUrl: new URL('https://app.example.com'), expectVersion: undefined });
  } catch (error: unknown) {
    return errorMessage(error);
  }
  throw new Error('not refused');
};

describe('credentials in raw checks text', () => {
  it('finds credential-named values in block, flow, JSON and broken text, in every form', () => {
    const text =
      '- path: /a\n  headers:\n    Authorization: "Bearer abc.def-123\n    X-Api-Key: \'k1234567\'\n- {"headers": {"Cookie": "sid=s3cr3tv", "Accept": "json"}}\n- headers: { X-Tenant: t-1234 }';
    const found = credentialsInText(text, new Set(['x-tenant']));
    expect(found).toEqual(
      expect.arrayContaining(['Bearer abc.def-123', 'abc.def-123', 'k1234567', 's3cr3tv', 't-1234', Buffer.from('abc.def-123').toString('base64')]),
    );
    expect(found.some((s) => s.includes('json'))).toBe(false);
    expect(redactCredentialPairs(text, new Set(['x-tenant']))).not.toMatch(/abc\.def|k1234567|s3cr3tv|t-1234/);
  });

  it('never quotes a credential when the document does not parse, even cut short', () => {
    const token = 'tok-unit-0123456789abcdefghijklmnopqrstuvwxyz';
    for (const text of [
      `- path: [/b\n  headers: { Authorization: Bearer ${token} }`,
      `[{"path": "/a", "headers": {"Authorization": "Bearer ${token}", "Accept": "x"}`,
    ]) {
      const message = refusal(text);
      expect(message).toMatch(/not valid YAML or JSON/);
      expect(message).not.toContain(token.slice(0, 12));
    }
  });
});

describe('the raw-text scan stays linear', () => {
  it.each(['a: '.repeat(70_000), 'Authorization: '.repeat(20_000), 'Authorization: x '.repeat(20_000), '-'.repeat(200_000), '"Cookie": "'.repeat(20_000)])(
    'on %#',
    (text) => {
      const start = performance.now();
      credentialsInText(text);
      redactCredentialPairs(text);
      expect(performance.now() - start).toBeLessThan(3000);
    },
  );
});

describe('redactUrl', () => {
  it.each([
    ['https://user:p@ss@word@host.example.com/x', 'https://***@host.example.com/x'],
    ['https://user:pa/ss@host/x', 'https://***@host/x'],
    ['https://host.example.com/users/@me', 'https://host.example.com/users/@me'],
    ['https://fn.example.com/api?code=k-123&page=2', 'https://fn.example.com/api?code=***&page=2'],
    ['https://user:pw@ho st/?sig=abc', 'https://***@ho st/?sig=***'],
  ])('%s -> %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('check messages show a URL with a password holding @ without any of it', () => {
    const message = refusal('- url: https://admin:p@ss@word@127.0.0.1/x\n  expect: { staus: 200 }');
    expect(message).toContain('"https://***@127.0.0.1/x"');
    expect(message).not.toContain('ss@word');
  });
});
