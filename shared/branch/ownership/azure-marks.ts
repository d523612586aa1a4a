/**
 * The ownership mark the suite leaves on what it creates outside Kubernetes (where labels do
 * the job, see `ownershipLabels` in naming.ts):
 *
 * - databases and roles carry a JSON comment (`COMMENT ON DATABASE` / `COMMENT ON ROLE`):
 *   `{"managed-by":"branch-env-actions","branch":"feature/x","repository":"octo/app","created-at":"2026-01-02T03:04:05.000Z"}`,
 *   optionally with `database` and `role` (a role's mark names the database it was made
 *   for, so a run interrupted between creating the role and marking the database can be
 *   finished by the next run). `branch` is the exact branch name, compared exactly (no
 *   `refs/heads/` is ever stripped from it); `repository` is the `owner/repo` it came from.
 * - federated identity credentials have no free-text field, so their name carries the proof:
 *   the suite's prefix, the branch slug (to read) and a hash of the repository and exact branch
 *   (`branch-env-<slug>_<12 hex>`). A credential is the branch's only when its name equals the
 *   one computed from this repository and this exact branch ({@link federatedCredentialName});
 *   a slug alone proves nothing.
 *
 * Marks written before the repository was recorded (no `repository`; credentials named
 * `branch-env-<slug>` without the hash) are "legacy": a database or role with such a mark is
 * this branch's only when its branch is exactly this branch (and the suite says it matched a
 * mark without a repository); a legacy credential name proves nothing and is never touched.
 * Pure functions, no I/O.
 */
import { createHash } from 'node:crypto';
import { sameRepository } from '../event-context.ts';
import { MANAGED_BY_VALUE, type BranchNames } from '../naming.ts';

/** Key of the JSON mark that names the suite. */
export const MARK_MANAGED_BY_KEY = 'managed-by';

/** Prefix of every federated identity credential the suite creates. */
export const FEDERATED_CREDENTIAL_PREFIX = 'branch-env-';

/** What an ownership mark records. */
export interface OwnershipMark {
  /** Always {@link MANAGED_BY_VALUE} for the suite's own objects. */
  managedBy: string;
  /** The exact branch the object belongs to (or a fork pull request's identity). */
  branch: string;
  /** `owner/repo` the branch belongs to; absent in marks of older versions (or when unknown). */
  repository?: string;
  /** ISO 8601 time the object was first made (kept across re-runs). */
  createdAt: string;
  /** The database the object is for (on role marks). */
  database?: string;
  /** The role that uses the object (on database marks). */
  role?: string;
}

/** A new mark for `branch` (of `extra.repository`), made now (or at `now`). */
export function newOwnershipMark(branch: string, extra: { repository?: string; database?: string; role?: string } = {}, now: Date = new Date()): OwnershipMark {
  const mark: OwnershipMark = { managedBy: MANAGED_BY_VALUE, branch, createdAt: now.toISOString() };
  if (extra.repository) mark.repository = extra.repository;
  if (extra.database !== undefined) mark.database = extra.database;
  if (extra.role !== undefined) mark.role = extra.role;
  return mark;
}

/**
 * The mark as the JSON text stored in a comment. Keys in a fixed order:
 * `managed-by`, `branch`, `repository` (when known), `created-at`, then `database` and `role`.
 */
export function formatOwnershipMark(mark: OwnershipMark): string {
  const json: Record<string, string> = { [MARK_MANAGED_BY_KEY]: mark.managedBy, branch: mark.branch };
  if (mark.repository !== undefined) json['repository'] = mark.repository;
  json['created-at'] = mark.createdAt;
  if (mark.database !== undefined) json['database'] = mark.database;
  if (mark.role !== undefined) json['role'] = mark.role;
  return JSON.stringify(json);
}

/**
 * Reads a comment back. Returns undefined for anything that is not the suite's mark: no
 * comment, text that is not a JSON object, a `managed-by` other than
 * {@link MANAGED_BY_VALUE}, a missing/non-string `branch` or `created-at`, or a `repository`
 * that is not a string. Never throws: a comment is user-editable text.
 */
export function parseOwnershipMark(comment: string | null | undefined): OwnershipMark | undefined {
  if (comment === null || comment === undefined || comment.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(comment);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const json = parsed as Record<string, unknown>;
  const managedBy = json[MARK_MANAGED_BY_KEY];
  const branch = json['branch'];
  const createdAt = json['created-at'];
  const repository = json['repository'];
  if (managedBy !== MANAGED_BY_VALUE || typeof branch !== 'string' || branch === '' || typeof createdAt !== 'string') return undefined;
  if (repository !== undefined && (typeof repository !== 'string' || repository === '')) return undefined;
  const mark: OwnershipMark = { managedBy, branch, createdAt };
  if (typeof repository === 'string') mark.repository = repository;
  if (typeof json['database'] === 'string') mark.database = json['database'];
  if (typeof json['role'] === 'string') mark.role = json['role'];
  return mark;
}

/**
 * How an object's mark relates to a branch of a repository: `ours` (exactly this branch of
 * this repository), `ours-legacy` (exactly this branch, in a mark of an older version that
 * records no repository), `other-branch`, `other-repository`, or `unmarked`.
 */
export type Ownership = 'ours' | 'ours-legacy' | 'other-branch' | 'other-repository' | 'unmarked';

/** {@link ownershipOf} for a parsed mark. */
export function markOwnership(mark: OwnershipMark, branch: string, repository: string | undefined): Exclude<Ownership, 'unmarked'> {
  if (mark.branch !== branch) return 'other-branch';
  if (mark.repository === undefined) return repository ? 'ours-legacy' : 'ours';
  if (!repository || !sameRepository(mark.repository, repository)) return 'other-repository';
  return 'ours';
}

/**
 * Whether a comment marks the object as this branch's of this repository. Branches compare
 * exactly, byte for byte (`refs/heads/x` and `x` are different branches); repositories
 * without regard to case (GitHub's are case-insensitive). When `repository` is unknown, a mark
 * that records one is never ours.
 */
export function ownershipOf(comment: string | null | undefined, branch: string, repository?: string): Ownership {
  const mark = parseOwnershipMark(comment);
  return mark === undefined ? 'unmarked' : markOwnership(mark, branch, repository);
}

/** Who a mark says owns the object, for messages: `branch "x" of owner/repo`. */
export function describeMarkOwner(mark: OwnershipMark): string {
  return mark.repository === undefined
    ? `branch ${JSON.stringify(mark.branch)} (a mark of an older version, which records no repository)`
    : `branch ${JSON.stringify(mark.branch)} of ${mark.repository}`;
}

/** The hash a credential name carries: 12 hex digits of SHA-256 over the repository (lower case) and the exact branch. */
function credentialHash(repository: string, branch: string): string {
  return createHash('sha256').update(`${repository.toLowerCase()}\n${branch}`).digest('hex').slice(0, 12);
}

/**
 * The federated identity credential name for a branch of a repository:
 * `branch-env-<slug>_<12 hex of sha256(repository, branch)>`. Always 3..120 characters of
 * `[a-z0-9_-]`, the form Azure accepts. Only the repository and branch that made it compute
 * the same name, so the name is the credential's ownership mark.
 */
export function federatedCredentialName(names: Pick<BranchNames, 'slug' | 'branch'>, repository = ''): string {
  return `${FEDERATED_CREDENTIAL_PREFIX}${names.slug}_${credentialHash(repository, names.branch)}`;
}

/** The parts of a suite credential name: the slug, and the hash when it has one (none: a legacy name). */
export function credentialNameParts(name: string): { slug: string; hash: string | undefined } | undefined {
  if (!isSuiteCredentialName(name)) return undefined;
  const rest = name.slice(FEDERATED_CREDENTIAL_PREFIX.length).toLowerCase();
  const match = /^(.+)_([0-9a-f]{12})$/.exec(rest);
  return match ? { slug: match[1] ?? '', hash: match[2] } : { slug: rest, hash: undefined };
}

/** True for a credential name the suite made (it starts with {@link FEDERATED_CREDENTIAL_PREFIX}). */
export function isSuiteCredentialName(name: string): boolean {
  return name.toLowerCase().startsWith(FEDERATED_CREDENTIAL_PREFIX) && name.length > FEDERATED_CREDENTIAL_PREFIX.length;
}

/** The Kubernetes service-account subject a workload identity federated credential trusts. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
