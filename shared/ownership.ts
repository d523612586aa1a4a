/**
 * The ownership mark the suite leaves on what it creates outside Kubernetes (where labels do
 * the job, see `ownershipLabels` in naming.ts):
 *
 * - databases and roles carry a JSON comment (`COMMENT ON DATABASE` / `COMMENT ON ROLE`):
 *   `{"managed-by":"branch-env-actions","branch":"feature/x","created-at":"2026-01-02T03:04:05.000Z"}`,
 *   optionally with `database` and `role` (a role's mark names the database it was made
 *   for, so a run interrupted between creating the role and marking the database can be
 *   finished by the next run);
 * - federated identity credentials carry a fixed name prefix ({@link FEDERATED_CREDENTIAL_PREFIX}).
 *
 * Cleanup deletes only what carries the mark and names the branch. Pure functions, no I/O.
 */
import { MANAGED_BY_VALUE, type BranchNames } from './naming.ts';

/** Key of the JSON mark that names the suite. */
export const MARK_MANAGED_BY_KEY = 'managed-by';

/** Prefix of every federated identity credential the suite creates. */
export const FEDERATED_CREDENTIAL_PREFIX = 'branch-env-';

/** What an ownership mark records. */
export interface OwnershipMark {
  /** Always {@link MANAGED_BY_VALUE} for the suite's own objects. */
  managedBy: string;
  /** The branch (full name, as given to the naming function) the object belongs to. */
  branch: string;
  /** ISO 8601 time the object was first made (kept across re-runs). */
  createdAt: string;
  /** The database the object is for (on role marks). */
  database?: string;
  /** The role that uses the object (on database marks). */
  role?: string;
}

/** A new mark for `branch`, made now (or at `now`). */
export function newOwnershipMark(branch: string, extra: { database?: string; role?: string } = {}, now: Date = new Date()): OwnershipMark {
  return { managedBy: MANAGED_BY_VALUE, branch, createdAt: now.toISOString(), ...extra };
}

/**
 * The mark as the JSON text stored in a comment. Keys in a fixed order:
 * `managed-by`, `branch`, `created-at`, then `database` and `role` when set.
 */
export function formatOwnershipMark(mark: OwnershipMark): string {
  const json: Record<string, string> = {
    [MARK_MANAGED_BY_KEY]: mark.managedBy,
    branch: mark.branch,
    'created-at': mark.createdAt,
  };
  if (mark.database !== undefined) json['database'] = mark.database;
  if (mark.role !== undefined) json['role'] = mark.role;
  return JSON.stringify(json);
}

/**
 * Reads a comment back. Returns undefined for anything that is not the suite's mark: no
 * comment, text that is not a JSON object, a `managed-by` other than
 * {@link MANAGED_BY_VALUE}, or a missing/non-string `branch` or `created-at`. Never throws:
 * a comment is user-editable text.
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
  if (managedBy !== MANAGED_BY_VALUE || typeof branch !== 'string' || branch === '' || typeof createdAt !== 'string') return undefined;
  const mark: OwnershipMark = { managedBy, branch, createdAt };
  if (typeof json['database'] === 'string') mark.database = json['database'];
  if (typeof json['role'] === 'string') mark.role = json['role'];
  return mark;
}

/** How an object's mark relates to a branch. */
export type Ownership = 'ours' | 'other-branch' | 'unmarked';

/**
 * Whether a comment marks the object as this branch's (`ours`), as another branch's, or not
 * at all. Branches compare exactly after stripping `refs/heads/`.
 */
export function ownershipOf(comment: string | null | undefined, branch: string): Ownership {
  const mark = parseOwnershipMark(comment);
  if (mark === undefined) return 'unmarked';
  return stripRef(mark.branch) === stripRef(branch) ? 'ours' : 'other-branch';
}

function stripRef(branch: string): string {
  return branch.startsWith('refs/heads/') ? branch.slice('refs/heads/'.length) : branch;
}

/**
 * The federated identity credential name for a branch: the prefix plus the slug
 * (`branch-env-feature-login--abcd1234`). Always 3..120 characters of `[a-z0-9-]`, the
 * form Azure accepts.
 */
export function federatedCredentialName(names: Pick<BranchNames, 'slug'>): string {
  return `${FEDERATED_CREDENTIAL_PREFIX}${names.slug}`;
}

/** True for a credential name the suite made (it starts with {@link FEDERATED_CREDENTIAL_PREFIX}). */
export function isSuiteCredentialName(name: string): boolean {
  return name.toLowerCase().startsWith(FEDERATED_CREDENTIAL_PREFIX) && name.length > FEDERATED_CREDENTIAL_PREFIX.length;
}

/** The Kubernetes service-account subject a workload identity federated credential trusts. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
