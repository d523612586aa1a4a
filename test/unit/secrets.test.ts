import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, maskSecret, maskUrl, secretForms } from '../../shared/core/secrets.ts';

function recorder() {
  const masked: string[] = [];
  return { masked, setSecret: (value: string) => masked.push(value) };
}

describe('maskSecret', () => {
  it('masks the value, its URL-encoded form and its base64 form', () => {
    const { masked, setSecret } = recorder();
    maskSecret('p@ss/w rd', setSecret);
    expect(masked).toEqual(['p@ss/w rd', 'p%40ss%2Fw%20rd', Buffer.from('p@ss/w rd').toString('base64')]);
  });

  it('registers a form once when encoding changes nothing', () => {
    const { masked, setSecret } = recorder();
    maskSecret('abcd1234', setSecret);
    expect(masked).toEqual(['abcd1234', 'YWJjZDEyMzQ=']);
  });

  it('masks every line of a multi-line value (PEM keys, kubeconfigs), CRLF too', () => {
    const pem = '-----BEGIN KEY-----\r\nMIIEvQIBADANBgkq\r\n\r\n  hkiG9w0BAQEFAASC  \r\n-----END KEY-----';
    const forms = maskSecret(pem, recorder().setSecret);
    expect(forms).toContain(pem);
    expect(forms).toContain('-----BEGIN KEY-----');
    expect(forms).toContain('MIIEvQIBADANBgkq');
    expect(forms).toContain('hkiG9w0BAQEFAASC');
    expect(forms).toContain(encodeURIComponent(pem));
    expect(forms).toContain(Buffer.from(pem).toString('base64'));
    expect(forms).not.toContain('');
  });

  it('skips lines of a multi-line value that are too short to mask usefully', () => {
    const forms = secretForms('long-line-one\nab\nlong-line-two');
    expect(forms).toContain('long-line-one');
    expect(forms).toContain('long-line-two');
    expect(forms).not.toContain('ab');
  });

  it.each([undefined, '', '   ', 'abc', ' ab '])('ignores %j', (value) => {
    const { masked, setSecret } = recorder();
    expect(maskSecret(value, setSecret)).toEqual([]);
    expect(masked).toEqual([]);
  });

  it('masks values of exactly the minimum length', () => {
    expect(MIN_SECRET_LENGTH).toBe(4);
    expect(secretForms('abcd')).toContain('abcd');
  });

  it('uses core.setSecret by default (::add-mask:: on stdout); `!` needs no URL encoding', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', "import { maskSecret } from './shared/core/secrets.ts'; maskSecret('s3cret!');"], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim().split('\n')).toEqual(['::add-mask::s3cret!', `::add-mask::${Buffer.from('s3cret!').toString('base64')}`]);
  });
});

describe('maskUrl', () => {
  it('masks the URL and the password, encoded and decoded', () => {
    const url = 'postgres://app_user:p%40ss%2Fw0rd@db.example.com:5432/app?sslmode=require';
    const { masked, setSecret } = recorder();
    maskUrl(url, setSecret);
    expect(masked).toContain(url);
    expect(masked).toContain('p%40ss%2Fw0rd');
    expect(masked).toContain('p@ss/w0rd');
    expect(masked).toContain(Buffer.from('p@ss/w0rd').toString('base64'));
    expect(masked).not.toContain('app_user');
    expect(new Set(masked).size).toBe(masked.length);
  });

  it('masks a password query parameter', () => {
    const forms = maskUrl('postgresql://db.example.com/app?user=u&password=hunter22', recorder().setSecret);
    expect(forms).toContain('hunter22');
  });

  it('masks text that is not a URL as a whole', () => {
    const forms = maskUrl('host=db user=u password=secret-value', recorder().setSecret);
    expect(forms[0]).toBe('host=db user=u password=secret-value');
  });

  it('masks only the whole URL when it has no password (user names are not masked)', () => {
    const { masked, setSecret } = recorder();
    maskUrl('https://token-abcdef@github.com/o/r.git', setSecret);
    expect(masked).toContain('https://token-abcdef@github.com/o/r.git');
    expect(masked).not.toContain('token-abcdef');
  });

  it('ignores empty input', () => {
    expect(maskUrl(undefined, recorder().setSecret)).toEqual([]);
    expect(maskUrl('  ', recorder().setSecret)).toEqual([]);
  });
});
