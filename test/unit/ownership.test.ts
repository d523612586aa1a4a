import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchNames } from '../../shared/naming.ts';
import {
  FEDERATED_CREDENTIAL_PREFIX,
  federatedCredentialName,
  formatOwnershipMark,
  isSuiteCredentialName,
  newOwnershipMark,
  ownershipOf,
  parseOwnershipMark,
  serviceAccountSubject,
} from '../../shared/ownership.ts';

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

  it('tells this branch from another, ignoring refs/heads/', () => {
    const comment = formatOwnershipMark(newOwnershipMark('refs/heads/feature/a', {}, NOW));
    expect(ownershipOf(comment, 'feature/a')).toBe('ours');
    expect(ownershipOf(comment, 'feature/b')).toBe('other-branch');
    expect(ownershipOf(comment, 'Feature/A')).toBe('other-branch');
  });
});

describe('federated credential names and subjects', () => {
  it('prefixes the branch slug and stays within what Azure accepts', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== '' && s.isWellFormed()), (branch) => {
        const name = federatedCredentialName(branchNames(branch));
        expect(name.startsWith(FEDERATED_CREDENTIAL_PREFIX)).toBe(true);
        expect(name).toMatch(/^[a-zA-Z0-9][\w-]{2,119}$/);
        expect(isSuiteCredentialName(name)).toBe(true);
      }),
    );
    expect(federatedCredentialName(branchNames('ex-3-9'))).toBe('branch-env-ex-3-9');
  });

  it('recognises only prefixed names as the suite\'s', () => {
    expect(isSuiteCredentialName('github-main')).toBe(false);
    expect(isSuiteCredentialName('branch-env-')).toBe(false);
    expect(isSuiteCredentialName('Branch-Env-x')).toBe(true);
  });

  it('names the Kubernetes service account subject', () => {
    expect(serviceAccountSubject('feature-ex-3-9', 'todo-app')).toBe('system:serviceaccount:feature-ex-3-9:todo-app');
  });
});
