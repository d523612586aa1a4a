import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import {
  branchNames,
  imageTag,
  isProtectedDatabase,
  isProtectedRole,
  isValidDnsLabel,
  isValidDockerTag,
  isValidLabelValue,
  isValidPgIdentifier,
  type BranchNames,
  type NamingOptions,
} from '../../shared/branch/naming.ts';

const SHA = 'a'.repeat(40);

/** Branch names shaped like real ones, biased so that many reduce to the same text. */
const word = fc.oneof(
  fc.constantFrom('feature', 'fix', 'Fix', 'FEATURE', 'login', 'ex', '3', '9', 'pg', 'azure', 'template1', 'postgres', 'main', 'ü', 'ブ', 'é', 'x'),
  fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
);
const separator = fc.constantFrom('-', '/', '_', '.', '--', '//', ' ', '-/', '');
const gitLike = fc
  .tuple(fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 8 }), fc.constantFrom('', '', '', 'refs/heads/', '.', '-', '_'))
  .map(([parts, lead]) => lead + parts.map(([w, s]) => w + s).join(''));
const longName = fc.stringMatching(/^[a-z0-9-]{30,120}$/);
const anyText = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }));
/** Any branch name, `refs/heads/` forms included (which the naming function refuses). */
const anyBranch = fc.oneof(gitLike, gitLike, longName, anyText).filter((b) => b.trim() !== '' && b.isWellFormed());
/** Branch names the naming function takes. */
const branch = anyBranch.filter((b) => !b.startsWith('refs/'));

const options = fc.record(
  {
    namespacePrefix: fc.constantFrom('feature-', 'preview-', 'pr', 'env-' + 'x'.repeat(30) + '-'),
    maxSlugLength: fc.integer({ min: 11, max: 80 }),
  },
  { requiredKeys: [] },
);

function assertAllValid(n: BranchNames, limit: number): void {
  expect(isValidDnsLabel(n.slug)).toBe(true);
  expect(n.slug.length).toBeLessThanOrEqual(limit);
  expect(isValidDnsLabel(n.namespace)).toBe(true);
  expect(isValidPgIdentifier(n.database)).toBe(true);
  expect(Buffer.byteLength(n.database)).toBeLessThanOrEqual(63);
  expect(isValidPgIdentifier(n.role)).toBe(true);
  expect(Buffer.byteLength(n.role)).toBeLessThanOrEqual(63);
  expect(isProtectedDatabase(n.database)).toBe(false);
  expect(isProtectedRole(n.role)).toBe(false);
  expect(isValidLabelValue(n.labelValue)).toBe(true);
  expect(isValidDockerTag(imageTag(n, SHA))).toBe(true);
  expect(isValidDockerTag(imageTag(n, SHA, '{slug}-{short-sha}'))).toBe(true);
  expect(n.hashed).toBe(n.slug.includes('--'));
  if (n.hashed) expect(n.slug.endsWith(`--${n.hash}`)).toBe(true);
  else expect(n.slug).toBe(n.branch);
}

/** Fails with both branches when two share any name. */
function expectInjective(branches: Iterable<string>, opts: NamingOptions = {}): number {
  const seen = { slug: new Map<string, string>(), namespace: new Map<string, string>(), database: new Map<string, string>(), role: new Map<string, string>() };
  let count = 0;
  for (const b of new Set(branches)) {
    const n = branchNames(b, opts);
    count++;
    for (const key of ['slug', 'namespace', 'database', 'role'] as const) {
      const other = seen[key].get(n[key]);
      if (other !== undefined) expect.fail(`${key} ${n[key]} shared by ${JSON.stringify(other)} and ${JSON.stringify(b)}`);
      seen[key].set(n[key], b);
    }
  }
  return count;
}

describe('naming properties', () => {
  it('every output is valid for its target, for any branch and options', () => {
    fc.assert(
      fc.property(branch, options, (b, opts) => {
        const prefix = opts.namespacePrefix ?? 'feature-';
        const limit = Math.min(opts.maxSlugLength ?? 40, 57, 63 - prefix.length);
        assertAllValid(branchNames(b, opts), limit);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses every name that starts with refs/, and takes every other one as it is', () => {
    fc.assert(
      fc.property(anyBranch, options, (b, opts) => {
        if (b.startsWith('refs/')) expect(() => branchNames(b, opts)).toThrow(/starts with "refs\/"/);
        else expect(branchNames(b, opts).branch).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(branch, options, (b, opts) => {
        expect(branchNames(b, opts)).toEqual(branchNames(b, { ...opts }));
        // Never stripped: the branch literally named `refs/heads/<b>` is refused, not given b's names.
        expect(() => branchNames(`refs/heads/${b}`, opts)).toThrow(UserError);
      }),
      { numRuns: 1000 },
    );
  });

  it('never gives two branches in a generated set the same name', () => {
    fc.assert(
      fc.property(fc.uniqueArray(branch, { minLength: 2, maxLength: 60 }), options, (bs, opts) => {
        expectInjective(bs, opts);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a large set of look-alike branches apart', () => {
    const sample = fc.sample(branch, { numRuns: 20_000, seed: 42 });
    const lookAlikes: string[] = [];
    for (const w of ['feature', 'Feature', 'FEATURE', 'feat']) {
      for (const s of ['-', '/', '_', '.', '--', '//', '/-', '']) {
        for (const t of ['login', 'Login', 'log-in', 'log_in']) lookAlikes.push(`${w}${s}${t}`, `${w}${s}${t}/`, `.${w}${s}${t}`);
      }
    }
    const count = expectInjective([...sample, ...lookAlikes]);
    expect(count).toBeGreaterThan(10_000);
    expect(expectInjective([...sample, ...lookAlikes], { maxSlugLength: 11 })).toBe(count);
  });

  it('separates specific pairs that reduce alike', () => {
    const pairs: [string, string][] = [
      ['feature/login', 'feature-login'],
      ['feature/login', 'feature_login'],
      ['Feature/Login', 'feature/login'],
      ['a--b', 'a-b'],
      ['a--b', 'a---b'],
      ['3-fix', '3_fix'],
      ['postgres', '_postgres'],
      ['pg', 'pg_'],
      ['é', 'e\u0301'],
      ['..', '.'],
      ['x'.repeat(250), 'x'.repeat(251)],
      ['a'.repeat(40), 'a'.repeat(41)],
      ['ex-3-9', 'ex-3-9 '],
    ];
    for (const [a, b] of pairs) expect(expectInjective([a, b])).toBe(2);
  });
});
