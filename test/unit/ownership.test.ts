import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchNames } from '../../shared/branch/naming.ts';
import {
  FEDERATED_CREDENTIAL_PREFIX,
  credentialNameParts,
  describeMarkOwner,
  federatedCredentialName,
  formatOwnershipMark,
  isSuiteCredentialName,
  newOwnershipMark,
  ownershipOf,
  parseOwnershipMark,
  serviceAccountSubject,
} from '../../shared/branch/ownership/azure-marks.ts';

const NOW = new Date('2026-03-04T05:06:07.000Z');

describe('ownership mark', () => {
  it('is the documented JSON with keys in a fixed order', () => {
    const text = formatOwnershipMark(newOwnershipMark('feature/login', {}, NOW));
    expect(text).toBe('{"managed-by":"branch-env-actions","branch":"feature/login","created-at":"2026-03-04T05:06:07.000Z"}');
    expect(formatOwnershipMark(newOwnershipMark('x', { database: 'x', role: 'x_user' }, NOW))).toBe(
      '{"managed-by":"branch-env-actions","branch":"x","created-at":"2026-03-04T05:06:07.000Z","database":"x","role":"x_user"}',
    );
  });

  it('reads back what it wrote, for any branch text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.option(fc.string(), { nil: undefined }), (branch, database) => {
        const mark = newOwnershipMark(branch, database === undefined ? {} : { database }, NOW);
        expect(parseOwnershipMark(formatOwnershipMark(mark))).toEqual(mark);
      }),
    );
  });

  it.each([
    ['no comment', null],
    ['empty', ''],
    ['plain text', 'made by hand for the demo'],
    ['a JSON array', '["branch-env-actions"]'],
    ['another tool', '{"managed-by":"terraform","branch":"x","created-at":"2026-01-01T00:00:00Z"}'],
    ['no branch', '{"managed-by":"branch-env-actions","created-at":"2026-01-01T00:00:00Z"}'],
    ['an empty branch', '{"managed-by":"branch-env-actions","branch":"","created-at":"2026-01-01T00:00:00Z"}'],
    ['no time', '{"managed-by":"branch-env-actions","branch":"x"}'],
    ['broken JSON', '{"managed-by":"branch-env-actions",'],
  ])('is not found in %s', (_what, comment) => {
    expect(parseOwnershipMark(comment)).toBeUndefined();
    expect(ownershipOf(comment, 'x')).toBe('unmarked');
  });

  it('records the repository between branch and time', () => {
    expect(formatOwnershipMark(newOwnershipMark('feature/a', { repository: 'octo/app', role: 'a_user' }, NOW))).toBe(
      '{"managed-by":"branch-env-actions","branch":"feature/a","repository":"octo/app","created-at":"2026-03-04T05:06:07.000Z","role":"a_user"}',
    );
    expect(parseOwnershipMark('{"managed-by":"branch-env-actions","branch":"a","repository":7,"created-at":"x"}')).toBeUndefined();
  });

  it('is ours only for exactly this branch of this repository; refs/heads/ is never stripped', () => {
    const comment = formatOwnershipMark(newOwnershipMark('feature/a', { repository: 'octo/app' }, NOW));
    expect(ownershipOf(comment, 'feature/a', 'octo/app')).toBe('ours');
    expect(ownershipOf(comment, 'feature/a', 'Octo/App')).toBe('ours');
    expect(ownershipOf(comment, 'feature/a', 'octo/fork')).toBe('other-repository');
    expect(ownershipOf(comment, 'feature/a', undefined)).toBe('other-repository');
    expect(ownershipOf(comment, 'refs/heads/feature/a', 'octo/app')).toBe('other-branch');
    expect(ownershipOf(comment, 'feature/b', 'octo/app')).toBe('other-branch');
    expect(ownershipOf(comment, 'Feature/A', 'octo/app')).toBe('other-branch');
    const refs = formatOwnershipMark(newOwnershipMark('refs/heads/feature/a', { repository: 'octo/app' }, NOW));
    expect(ownershipOf(refs, 'feature/a', 'octo/app')).toBe('other-branch');
  });

  it('matches a mark of an older version (no repository) only by the exact branch, and says it is one', () => {
    const legacy = formatOwnershipMark(newOwnershipMark('feature/a', {}, NOW));
    expect(ownershipOf(legacy, 'feature/a', 'octo/app')).toBe('ours-legacy');
    expect(ownershipOf(legacy, 'feature/b', 'octo/app')).toBe('other-branch');
    expect(describeMarkOwner(parseOwnershipMark(legacy)!)).toContain('records no repository');
  });

  it('never calls two different branches ours (any pair of branch texts)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        const comment = formatOwnershipMark(newOwnershipMark(a, { repository: 'octo/app' }, NOW));
        expect(ownershipOf(comment, b, 'octo/app')).toBe('other-branch');
      }),
    );
  });
});

describe('federated credential names and subjects', () => {
  it('prefixes the branch slug and stays within what Azure accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== '' && s.isWellFormed()),
        (branch) => {
          const names = branchNames(branch, { maxSlugLength: 57 });
          const name = federatedCredentialName(names, 'octo-org/preview-app');
          expect(name.startsWith(FEDERATED_CREDENTIAL_PREFIX)).toBe(true);
          expect(name).toMatch(/^[a-zA-Z0-9][\w-]{2,119}$/);
          expect(isSuiteCredentialName(name)).toBe(true);
          expect(credentialNameParts(name)).toEqual({ slug: names.slug, hash: expect.stringMatching(/^[0-9a-f]{12}$/) });
        },
      ),
    );
    expect(federatedCredentialName(branchNames('ex-3-9'), 'octo/app')).toMatch(/^branch-env-ex-3-9_[0-9a-f]{12}$/);
  });

  it('gives each repository and exact branch its own name, even when their slugs are equal', () => {
    const a = federatedCredentialName({ slug: 'feature-login', branch: 'feature/login' }, 'octo/app');
    expect(federatedCredentialName({ slug: 'feature-login', branch: 'feature-login' }, 'octo/app')).not.toBe(a);
    expect(federatedCredentialName({ slug: 'feature-login', branch: 'refs/heads/feature/login' }, 'octo/app')).not.toBe(a);
    expect(federatedCredentialName({ slug: 'feature-login', branch: 'feature/login' }, 'octo/fork')).not.toBe(a);
    expect(federatedCredentialName({ slug: 'feature-login', branch: 'feature/login' }, 'Octo/App')).toBe(a);
    expect(credentialNameParts('branch-env-feature-login')).toEqual({ slug: 'feature-login', hash: undefined });
    expect(credentialNameParts('github-main')).toBeUndefined();
  });

  it("recognises only prefixed names as the suite's", () => {
    expect(isSuiteCredentialName('github-main')).toBe(false);
    expect(isSuiteCredentialName('branch-env-')).toBe(false);
    expect(isSuiteCredentialName('Branch-Env-x')).toBe(true);
  });

  it('names the Kubernetes service account subject', () => {
    expect(serviceAccountSubject('feature-ex-3-9', 'todo-app')).toBe('system:serviceaccount:feature-ex-3-9:todo-app');
  });
});
