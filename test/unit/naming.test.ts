import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import {
  BRANCH_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  SHA_LABEL,
  branchNames,
  imageTag,
  isProtectedDatabase,
  isProtectedRole,
  isValidDnsLabel,
  isValidDockerTag,
  isValidLabelValue,
  isValidPgIdentifier,
  forkPullRequestNames,
  namesForIdentity,
  normalizeSha,
  ownershipLabels,
  validateTagFormat,
} from '../../shared/branch/naming.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** Independent reference: first 40 bits of sha256 as lowercase RFC 4648 base32. */
function referenceHash(branch: string): string {
  const bytes = createHash('sha256').update(Buffer.from(branch, 'utf8')).digest().subarray(0, 5);
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{5}/g) ?? []).map((chunk) => 'abcdefghijklmnopqrstuvwxyz234567'[parseInt(chunk, 2)]).join('');
}

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

describe('branchNames: the names an existing team already uses', () => {
  it('keeps ex-3-9 exactly', () => {
    const n = branchNames('ex-3-9');
    expect(n).toEqual({
      branch: 'ex-3-9',
      slug: 'ex-3-9',
      hash: referenceHash('ex-3-9'),
      hashed: false,
      namespace: 'feature-ex-3-9',
      database: 'ex_3_9',
      role: 'ex_3_9_user',
      labelValue: 'ex-3-9',
    });
    expect(imageTag(n, SHA)).toBe(`ex-3-9-${SHA}`);
  });

  it('takes a branch as it is: a name starting with refs/ is refused, never stripped into another branch', () => {
    expect(() => branchNames('refs/heads/ex-3-9')).toThrow(/starts with "refs\/"[\s\S]*/);
    expect(() => branchNames('refs/heads/feature/x')).toThrow(UserError);
    expect(() => branchNames('refs/pull/5/head')).toThrow(UserError);
    expect(branchNames('feature/refs/heads/x').branch).toBe('feature/refs/heads/x');
  });

  it('gives a fork pull request names of its own that no branch has', () => {
    const fork = forkPullRequestNames(42);
    expect(fork.branch).toBe('refs/pull/42/head');
    expect(fork.slug).toMatch(/^pr-42-fork--[a-z2-7]{8}$/);
    expect(fork.namespace).toBe(`feature-${fork.slug}`);
    expect(branchNames('pr-42-fork').slug).not.toBe(fork.slug);
    expect(namesForIdentity('refs/pull/42/head')).toEqual(fork);
    expect(namesForIdentity('ex-3-9')).toEqual(branchNames('ex-3-9'));
    expect(forkPullRequestNames(123456789, { maxSlugLength: 11 }).slug.length).toBeLessThanOrEqual(11);
  });
});

describe('branchNames: branches that look alike stay apart', () => {
  const alike = ['feature/login', 'feature-login', 'Feature/Login', 'feature_login', 'feature.login', 'FEATURE-LOGIN', 'feature--login'];
  it('gives each its own slug, namespace, database and role', () => {
    const all = alike.map((b) => branchNames(b));
    for (const key of ['slug', 'namespace', 'database', 'role', 'labelValue'] as const) {
      expect(new Set(all.map((n) => n[key])).size).toBe(alike.length);
    }
    expect(all[1]!.slug).toBe('feature-login');
    expect(all[0]!.slug).toBe(`feature-login--${referenceHash('feature/login')}`);
    expect(all[2]!.slug).toBe(`feature-login--${referenceHash('Feature/Login')}`);
  });
});

describe('branchNames: nasty inputs', () => {
  const cases: [branch: string, reducedHead: string][] = [
    ['..', 'b'],
    ['-x', 'x'],
    ['.x', 'x'],
    ['x.', 'x'],
    ['$(rm -rf /)', 'rm-rf'],
    ["'; DROP TABLE x;--", 'drop-table-x'],
    ['ünïcödé/ブランチ', 'unicode'],
    ['a--b', 'a-b'],
    ['Ünïcödé', 'unicode'],
    ['ﬁx/Ｆｕｌｌｗｉｄｔｈ', 'fix-fullwidth'],
    ['x'.repeat(250), 'x'.repeat(30)],
    ['a/'.repeat(125), 'a-'.repeat(14) + 'a'],
    ['`id`;echo $HOME|cat>&2', 'id-echo-home-cat-2'],
    ['--', 'b'],
    ['main\n', 'main'],
  ];
  it.each(cases)('%j is reduced, hashed and valid everywhere', (branch, head) => {
    const n = branchNames(branch);
    expect(n.hashed).toBe(true);
    expect(n.hash).toBe(referenceHash(branch));
    expect(n.slug).toBe(`${head}--${n.hash}`);
    expect(n.slug.length).toBeLessThanOrEqual(40);
    expect(isValidDnsLabel(n.slug)).toBe(true);
    expect(isValidDnsLabel(n.namespace)).toBe(true);
    expect(isValidPgIdentifier(n.database)).toBe(true);
    expect(isValidPgIdentifier(n.role)).toBe(true);
    expect(isValidLabelValue(n.labelValue)).toBe(true);
    expect(isValidDockerTag(imageTag(n, SHA))).toBe(true);
  });

  const guarded: [branch: string, database: string][] = [
    ['3-fix', '_3_fix'],
    ['postgres', '_postgres'],
    ['azure-sys', '_azure_sys'],
    ['azure', '_azure'],
    ['pg-x', '_pg_x'],
    ['template1', '_template1'],
    ['template', '_template'],
    ['templates', '_templates'],
    ['postgres-x', 'postgres_x'],
    ['pg', '_pg'],
    ['p', 'p'],
  ];
  it.each(guarded)('%j gets database %j, never a protected name', (branch, database) => {
    const n = branchNames(branch);
    expect(n.hashed).toBe(false);
    expect(n.slug).toBe(branch);
    expect(n.database).toBe(database);
    expect(n.role).toBe(`${database}_user`);
    expect(isProtectedDatabase(n.database)).toBe(false);
    expect(isProtectedRole(n.role)).toBe(false);
  });

  it('a branch can never name the admin role', () => {
    const n = branchNames('azure-pg-admin');
    expect(n.role).toBe('_azure_pg_admin_user');
    expect(branchNames('azuresu').role).toBe('_azuresu_user');
  });

  it.each(['', '   ', '\n', 'refs/heads/'])('rejects the empty branch %j naming the branch input', (branch) => {
    expect(userError(() => branchNames(branch)).message).toContain('`branch`');
  });

  it('rejects a lone surrogate rather than hashing it like U+FFFD', () => {
    expect(userError(() => branchNames('x\uD800')).message).toContain('`branch`');
    expect(branchNames('x\uFFFD').hashed).toBe(true);
  });
});

describe('branchNames: options', () => {
  it('caps the slug by max-slug-length and by the prefix length', () => {
    const long = 'a'.repeat(100);
    expect(branchNames(long, { maxSlugLength: 20 }).slug).toHaveLength(20);
    expect(branchNames('a'.repeat(20), { maxSlugLength: 20 }).hashed).toBe(false);
    expect(branchNames('a'.repeat(21), { maxSlugLength: 20 }).hashed).toBe(true);
    const prefix = 'p'.repeat(39) + '-';
    const n = branchNames(long, { namespacePrefix: prefix, maxSlugLength: 57 });
    expect(n.slug).toHaveLength(23);
    expect(n.namespace).toHaveLength(63);
    expect(isValidDnsLabel(n.namespace)).toBe(true);
    expect(branchNames(long, { namespacePrefix: 'p-', maxSlugLength: 500 }).slug).toHaveLength(57);
  });

  it('keeps the longest guarded role within 63 bytes', () => {
    const n = branchNames('azure' + '-x'.repeat(40), { namespacePrefix: 'p-', maxSlugLength: 57 });
    expect(n.database.startsWith('_azure_x_')).toBe(true);
    expect(n.role).toHaveLength(63);
    expect(isValidPgIdentifier(n.role)).toBe(true);
  });

  it('never cuts to a dash before the hash', () => {
    const n = branchNames('abcdefghij-' + 'k'.repeat(40), { maxSlugLength: 21 });
    expect(n.slug).toBe(`abcdefghij--${n.hash}`);
    expect(n.slug).not.toMatch(/---/);
  });

  it('uses the prefix for the namespace', () => {
    expect(branchNames('x', { namespacePrefix: 'preview-' }).namespace).toBe('preview-x');
    expect(branchNames('x', { namespacePrefix: 'pr' }).namespace).toBe('prx');
  });

  it.each(['', 'Feature-', '1x-', 'x_y-', 'x.y', '-x', 'p'.repeat(41), 'd', 'def', 'k', 'kub', 'kube', 'kube-', 'kube-x-'])(
    'rejects namespace prefix %j naming the input',
    (prefix) => {
      expect(userError(() => branchNames('x', { namespacePrefix: prefix })).message).toContain('`namespace-prefix`');
    },
  );

  it.each([10, 0, -5, 12.5, Number.NaN])('rejects max slug length %j naming the input', (max) => {
    expect(userError(() => branchNames('x', { maxSlugLength: max })).message).toContain('`max-slug-length`');
  });

  it('checks a tag format given in the options', () => {
    expect(userError(() => branchNames('x', { tagFormat: '{slug}' })).message).toContain('`tag-format`');
  });
});

describe('imageTag and validateTagFormat', () => {
  const n = branchNames('feature/login');
  it('fills the tokens', () => {
    expect(imageTag(n, SHA, '{slug}-{short-sha}')).toBe(`${n.slug}-0123456`);
    expect(imageTag(n, SHA.toUpperCase(), 'v1.{slug}_{sha}')).toBe(`v1.${n.slug}_${SHA}`);
    expect(imageTag(branchNames('x'), '0123456789abcdef'.repeat(4), '{sha}-{slug}')).toBe(`${'0123456789abcdef'.repeat(4)}-x`);
  });

  it.each([
    ['{slug}', 'collide'],
    ['{sha}', 'collide'],
    ['latest', 'collide'],
    ['{branch}-{sha}', '{branch} is not offered'],
    ['{slug}-{commit}', 'unknown token {commit}'],
    ['{slug}:{sha}', 'only letters'],
    ['-{slug}-{sha}', 'cannot start'],
    ['.{slug}-{sha}', 'cannot start'],
    ['{slug}-{sha}}', 'only letters'],
    ['{slug} {sha}', 'only letters'],
  ])('rejects format %j (%s)', (format, words) => {
    const error = userError(() => validateTagFormat(format));
    expect(error.message).toContain('`tag-format`');
    expect(error.message).toContain(JSON.stringify(format));
    expect(error.message).toContain(words);
    expect(error.fix).toContain('{slug}-{sha}');
  });

  it('says what was produced when the tag is too long', () => {
    const long = branchNames('y'.repeat(100), { namespacePrefix: 'p-', maxSlugLength: 57 });
    const format = `${'r'.repeat(40)}-{slug}-{sha}`;
    const error = userError(() => imageTag(long, SHA, format));
    expect(error.message).toContain('produced');
    expect(error.message).toContain('139 characters');
  });

  it.each(['', 'xyz1234', '123456', 'a'.repeat(65), '01234567 89', 'g123456'])('rejects sha %j naming the input', (sha) => {
    expect(userError(() => imageTag(n, sha)).message).toContain('`sha`');
  });

  it('normalizes a sha and names the input it came from', () => {
    expect(normalizeSha(` ${SHA.toUpperCase()}\n`)).toBe(SHA);
    expect(normalizeSha('abcdef1')).toBe('abcdef1');
    expect(userError(() => normalizeSha('nope', 'commit')).message).toContain('`commit`');
  });
});

describe('ownership labels', () => {
  it('marks owner, branch and sha with valid label values', () => {
    const labels = ownershipLabels(branchNames('Feature/Login'), SHA);
    expect(labels).toEqual({
      [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
      [BRANCH_LABEL]: branchNames('Feature/Login').slug,
      [SHA_LABEL]: SHA,
    });
    expect(Object.values(labels).every(isValidLabelValue)).toBe(true);
    expect(ownershipLabels(branchNames('x'))).toEqual({ [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [BRANCH_LABEL]: 'x' });
  });

  it('cuts a 64-hex sha to fit a label value', () => {
    const labels = ownershipLabels(branchNames('x'), 'f'.repeat(64));
    expect(labels[SHA_LABEL]).toBe('f'.repeat(63));
  });
});

describe('validators and protected names', () => {
  it.each([
    ['a', true],
    ['a-b', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-a', false],
    ['a-', false],
    ['A', false],
    ['a_b', false],
    ['', false],
  ])('isValidDnsLabel(%j) is %j', (s, ok) => expect(isValidDnsLabel(s)).toBe(ok));

  it.each([
    ['a', true],
    ['_a', true],
    ['a$1', true],
    ['A_b', true],
    ['1a', false],
    ['a-b', false],
    ['', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['é', false],
  ])('isValidPgIdentifier(%j) is %j', (s, ok) => expect(isValidPgIdentifier(s)).toBe(ok));

  it.each([
    ['v1.0', true],
    ['_x', true],
    ['.x', false],
    ['-x', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['a:b', false],
    ['', false],
  ])('isValidDockerTag(%j) is %j', (s, ok) => expect(isValidDockerTag(s)).toBe(ok));

  it.each([
    ['', true],
    ['a', true],
    ['a.b_c-d', true],
    ['A', true],
    ['-a', false],
    ['a.', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['a/b', false],
  ])('isValidLabelValue(%j) is %j', (s, ok) => expect(isValidLabelValue(s)).toBe(ok));

  it.each([
    ['postgres', true],
    ['Postgres', true],
    ['azure_sys', true],
    ['azure_maintenance', true],
    ['template0', true],
    ['template1', true],
    ['pg_x', true],
    ['postgres_x', false],
    ['ex_3_9', false],
    ['_postgres', false],
    ['app', false],
  ])('isProtectedDatabase(%j) is %j', (s, ok) => expect(isProtectedDatabase(s)).toBe(ok));

  it('protects extra database names', () => {
    expect(isProtectedDatabase('app', ['App'])).toBe(true);
    expect(isProtectedDatabase('app2', ['app'])).toBe(false);
  });

  it.each([
    ['postgres', true],
    ['azuresu', true],
    ['azure_pg_admin', true],
    ['azure_superuser', true],
    ['pg_monitor', true],
    ['replication', true],
    ['public', true],
    ['ex_3_9_user', false],
    ['_azure_user', false],
  ])('isProtectedRole(%j) is %j', (s, ok) => expect(isProtectedRole(s)).toBe(ok));

  it('protects the admin login passed as extra', () => {
    expect(isProtectedRole('myadmin', ['myadmin'])).toBe(true);
  });
});
