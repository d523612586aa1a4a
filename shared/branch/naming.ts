/**
 * The one naming function: a branch (and a sha) in, every name the suite uses out.
 *
 * Rules, in short:
 * - A branch that already is a short, clean DNS label (`ex-3-9`) is its own slug, so teams
 *   that name things `feature-<branch>` today keep their names.
 * - Any other branch is reduced to `[a-z0-9-]`, cut to fit, and gets `--` plus an 8-char
 *   hash of the full branch. Clean slugs never contain `--`, so a hashed slug can never
 *   equal a clean one, and two different branches never share a name (barring a 40-bit
 *   hash collision between branches that also reduce to the same text).
 * - Every output is checked against its target's rule (RFC 1123 label, PostgreSQL
 *   identifier, Docker tag, Kubernetes label value). Pure and synchronous: no I/O.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../core/errors.ts';

/** Label key every object the suite creates carries. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of {@link MANAGED_BY_LABEL} on everything the suite creates. */
export const MANAGED_BY_VALUE = 'branch-env-actions';
/** Label key holding the branch slug ({@link BranchNames.labelValue}). */
export const BRANCH_LABEL = 'branch-env.io/branch';
/** Label key holding the commit sha that was deployed. */
export const SHA_LABEL = 'branch-env.io/sha';

/** Default namespace prefix: namespace = prefix + slug. */
export const DEFAULT_NAMESPACE_PREFIX = 'feature-';
/** Default longest slug. */
export const DEFAULT_MAX_SLUG_LENGTH = 40;
/** Default image tag format. */
export const DEFAULT_TAG_FORMAT = '{slug}-{sha}';
/** Shortest allowed slug limit: one character, `--`, and the 8-char hash. */
export const MIN_SLUG_LENGTH = 11;
/**
 * Longest slug ever produced, whatever the options say: the role identifier is
 * `_` (guard) + slug + `_user` and must fit PostgreSQL's 63 bytes.
 */
export const MAX_SLUG_LENGTH = 57;

const HASH_LENGTH = 8;
const CANONICAL = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PREFIX = /^[a-z][a-z0-9-]*$/;
const MAX_PREFIX_LENGTH = 40;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Options that shape the names; each mirrors an action input. */
export interface NamingOptions {
  /** Prepended to the slug to name the namespace (input `namespace-prefix`). Default `feature-`. */
  namespacePrefix?: string;
  /** Longest slug (input `max-slug-length`), 11..57, also capped by 63 - prefix length. Default 40. */
  maxSlugLength?: number;
  /** Image tag format (input `tag-format`); checked here so bad formats fail early. */
  tagFormat?: string;
}

/** Every name derived from one branch. */
export interface BranchNames {
  /**
   * The branch exactly as given (never stripped), or for a pull request from a fork the
   * identity `refs/pull/<number>/head` ({@link forkPullRequestNames}). This is what ownership
   * marks record and compare; the slug is only a name.
   */
  branch: string;
  /** RFC 1123 label naming the branch everywhere (hostname label, label value, tag part). */
  slug: string;
  /** 8 chars of base32(sha256(branch)); part of the slug only when `hashed`. */
  hash: string;
  /** True when the branch was reduced or shortened and the slug ends in `--<hash>`. */
  hashed: boolean;
  /** Kubernetes namespace: prefix + slug. */
  namespace: string;
  /** PostgreSQL database name: slug with `_` for `-`, guarded by a leading `_` if needed. */
  database: string;
  /** PostgreSQL role name: database + `_user`. */
  role: string;
  /** Kubernetes label value identifying the branch (the slug). */
  labelValue: string;
}

/** True for an RFC 1123 DNS label: lowercase alphanumerics and `-`, alphanumeric ends, <= 63. */
export function isValidDnsLabel(s: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s);
}

/**
 * True for a PostgreSQL identifier usable as a database or role name without surprises:
 * ASCII letter or `_` first, then letters, digits, `_`, `$`; at most 63 bytes.
 */
export function isValidPgIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(s) && s.length <= 63;
}

/** True for a Docker image tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export function isValidDockerTag(s: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(s);
}

/** True for a Kubernetes label value: empty, or <= 63 chars, alphanumeric ends, `-_.` inside. */
export function isValidLabelValue(s: string): boolean {
  return s.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(s);
}

/**
 * True for database names the suite must never create, alter or drop: `postgres`,
 * `azure*` (azure_maintenance, azure_sys), `template*`, `pg_*`, and the `extra` names.
 * Compared case-insensitively, to err on the safe side.
 */
export function isProtectedDatabase(name: string, extra: readonly string[] = []): boolean {
  const n = name.toLowerCase();
  return n === 'postgres' || n.startsWith('azure') || n.startsWith('template') || n.startsWith('pg_') || extra.some((e) => e.toLowerCase() === n);
}

const SYSTEM_ROLES = new Set(['postgres', 'public', 'none', 'replication', 'current_user', 'current_role', 'session_user']);

/**
 * True for role names the suite must never create, alter or drop: `postgres`, `azure*`
 * (azuresu, azure_pg_admin, azure_superuser), `pg_*`, `replication`, reserved names like
 * `public`, and the `extra` names (pass the server's admin login). Case-insensitive.
 */
export function isProtectedRole(name: string, extra: readonly string[] = []): boolean {
  const n = name.toLowerCase();
  return SYSTEM_ROLES.has(n) || n.startsWith('azure') || n.startsWith('pg_') || extra.some((e) => e.toLowerCase() === n);
}

/** 8 chars of lowercase RFC 4648 base32 of sha256(utf8(text)): exactly the first 40 bits. */
function shortHash(text: string): string {
  const digest = createHash('sha256').update(text, 'utf8').digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i] ?? 0);
  let out = '';
  for (let i = HASH_LENGTH - 1; i >= 0; i--) out += BASE32.charAt(Number((bits >> BigInt(i * 5)) & 31n));
  return out;
}

/** Lowercase ASCII reduction: `Ünï/Cödé_x` -> `uni-code-x`; never empty (`b`). */
function reduce(branch: string): string {
  const ascii = branch.normalize('NFKD').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  const reduced = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return reduced === '' ? 'b' : reduced;
}

function checkPrefix(prefix: string): void {
  const fix = `Use lowercase letters, digits and "-", starting with a letter, at most ${MAX_PREFIX_LENGTH} characters, for example "${DEFAULT_NAMESPACE_PREFIX}".`;
  if (!PREFIX.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    throw new UserError(`Input \`namespace-prefix\` is ${JSON.stringify(prefix)}, which cannot start a Kubernetes namespace name.`, { fix });
  }
  // A prefix that can spell `default` or `kube-*` with some slug would let a branch name a system namespace.
  if ('default'.startsWith(prefix) || 'kube-'.startsWith(prefix) || prefix.startsWith('kube-')) {
    throw new UserError(`Input \`namespace-prefix\` is ${JSON.stringify(prefix)}: with it a branch could name the system namespace "default" or "kube-*".`, {
      fix: `Choose a prefix such as "${DEFAULT_NAMESPACE_PREFIX}".`,
    });
  }
}

function slugLimit(maxSlugLength: number, prefix: string): number {
  if (!Number.isInteger(maxSlugLength) || maxSlugLength < MIN_SLUG_LENGTH) {
    throw new UserError(`Input \`max-slug-length\` is ${JSON.stringify(maxSlugLength)}, not a whole number of at least ${MIN_SLUG_LENGTH}.`, {
      fix: `Use a number from ${MIN_SLUG_LENGTH} to ${MAX_SLUG_LENGTH}, or leave it empty for ${DEFAULT_MAX_SLUG_LENGTH}.`,
    });
  }
  return Math.min(maxSlugLength, MAX_SLUG_LENGTH, 63 - prefix.length);
}

/** Slug, hash and whether the hash was appended, for a checked, non-empty branch. */
function makeSlug(branch: string, limit: number): { slug: string; hash: string; hashed: boolean } {
  const hash = shortHash(branch);
  if (branch.length <= limit && CANONICAL.test(branch)) return { slug: branch, hash, hashed: false };
  const room = limit - 2 - HASH_LENGTH;
  const head = reduce(branch).slice(0, room).replace(/-+$/, '');
  return { slug: `${head}--${hash}`, hash, hashed: true };
}

/**
 * Database identifier for a slug. A leading `_` keeps it (and its role) off digits and
 * protected names: branch `pg` would otherwise make role `pg_user`, which PostgreSQL
 * reserves. Unguarded identifiers never start with `_`, so the guard stays injective.
 */
function databaseFor(slug: string): string {
  const db = slug.replaceAll('-', '_');
  return /^[0-9]/.test(db) || isProtectedDatabase(db) || isProtectedRole(`${db}_user`) ? `_${db}` : db;
}

/** Prefix of every full ref; a branch name that starts with it would be read as one. */
const REF_PREFIX = 'refs/';

function checkBranch(branch: string): string {
  if (branch.trim() === '') {
    throw new UserError(`Input \`branch\` is ${JSON.stringify(branch)}: there is no branch name to derive names from.`, {
      fix: 'Pass the branch name in the "branch" input, or run on a push or pull_request event.',
    });
  }
  if (!branch.isWellFormed()) {
    throw new UserError(`Input \`branch\` is ${JSON.stringify(branch)}, which is not well-formed Unicode (lone surrogate).`, {
      fix: 'Pass the branch name as Git stores it.',
    });
  }
  // Names are taken as they are: stripping `refs/heads/` here would give the branch literally
  // named `refs/heads/x` the environment of branch `x`. Such names are refused instead.
  if (branch.startsWith(REF_PREFIX)) {
    throw new UserError(
      `Input \`branch\` is ${JSON.stringify(branch)}: it starts with "refs/", so it reads as a full Git ref, and a branch of that name would be confused with another branch.`,
      {
        fix: 'Pass the bare branch name (`feature/login`, not `refs/heads/feature/login`), e.g. `${{ github.head_ref || github.ref_name }}`. A branch whose name really starts with "refs/" cannot have an environment: rename it.',
      },
    );
  }
  return branch;
}

/**
 * Every name the suite uses for `branch`, taken exactly as given (`refs/...` is refused).
 * Same branch and options, same names; different branches, different names.
 * @throws UserError for an empty or `refs/` branch or bad `namespacePrefix`/`maxSlugLength`/`tagFormat`.
 */
export function branchNames(branch: string, options: NamingOptions = {}): BranchNames {
  return namesFor(checkBranch(branch), options, (limit) => makeSlug(branch, limit));
}

/** The identity of a pull request from a fork: a full ref, which no branch name can be. */
export function forkPullRequestIdentity(number: number): string {
  return `refs/pull/${number}/head`;
}

/**
 * Names of a pull request from a fork, of its own (never a branch of the base repository's):
 * slug `pr-<number>-fork--<hash>`, and `branch` the identity `refs/pull/<number>/head`, which
 * marks record. A branch name cannot start with `refs/`, so no branch shares the identity, and
 * only a hashed slug can look like it (exact marks tell them apart).
 */
export function forkPullRequestNames(number: number, options: NamingOptions = {}): BranchNames {
  if (!Number.isInteger(number) || number <= 0) throw new Error(`pull request number ${String(number)} is not a positive whole number`);
  const identity = forkPullRequestIdentity(number);
  return namesFor(identity, options, (limit) => {
    const hash = shortHash(identity);
    const head = `pr-${number}-fork`.slice(0, limit - 2 - HASH_LENGTH).replace(/-+$/, '');
    return { slug: `${head}--${hash}`, hash, hashed: true };
  });
}

/**
 * The names of an identity a mark records: a branch name, or a fork pull request's
 * `refs/pull/<number>/head`.
 * @throws UserError when it is neither.
 */
export function namesForIdentity(identity: string, options: NamingOptions = {}): BranchNames {
  const fork = /^refs\/pull\/([1-9][0-9]{0,9})\/head$/.exec(identity);
  return fork ? forkPullRequestNames(Number(fork[1]), options) : branchNames(identity, options);
}

function namesFor(identity: string, options: NamingOptions, slugOf: (limit: number) => { slug: string; hash: string; hashed: boolean }): BranchNames {
  const prefix = options.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX;
  checkPrefix(prefix);
  const limit = slugLimit(options.maxSlugLength ?? DEFAULT_MAX_SLUG_LENGTH, prefix);
  if (options.tagFormat !== undefined) validateTagFormat(options.tagFormat);
  const { slug, hash, hashed } = slugOf(limit);
  const database = databaseFor(slug);
  const names: BranchNames = {
    branch: identity,
    slug,
    hash,
    hashed,
    namespace: prefix + slug,
    database,
    role: `${database}_user`,
    labelValue: slug,
  };
  assertValid(names);
  return names;
}

/** Belt and braces: a name that breaks its target's rule is a bug here, never the user's. */
function assertValid(n: BranchNames): void {
  const ok =
    isValidDnsLabel(n.slug) &&
    isValidDnsLabel(n.namespace) &&
    isValidPgIdentifier(n.database) &&
    isValidPgIdentifier(n.role) &&
    !isProtectedDatabase(n.database) &&
    !isProtectedRole(n.role) &&
    isValidLabelValue(n.labelValue);
  if (!ok) throw new Error(`naming produced an invalid name for branch ${JSON.stringify(n.branch)}: ${JSON.stringify(n)}`);
}

/**
 * The sha, trimmed and lowercased, if it is 7 to 64 hex digits.
 * @throws UserError naming `inputName` (default `sha`) otherwise.
 */
export function normalizeSha(sha: string, inputName = 'sha'): string {
  const s = sha.trim().toLowerCase();
  if (!/^[0-9a-f]{7,64}$/.test(s)) {
    throw new UserError(`Input \`${inputName}\` is ${JSON.stringify(sha)}, not a commit sha.`, {
      fix: 'Pass a hex commit id of 7 to 64 digits, for example ${{ github.sha }}.',
    });
  }
  return s;
}

const TAG_TOKENS = new Set(['slug', 'sha', 'short-sha']);

function renderTag(format: string, slug: string, sha: string): string {
  return format.replace(/\{([^{}]*)\}/g, (_all, token: string) => {
    if (token === 'slug') return slug;
    if (token === 'sha') return sha;
    return sha.slice(0, 7);
  });
}

/**
 * Checks an image tag format: only `{slug}`, `{sha}`, `{short-sha}` tokens, `{slug}` and a
 * sha token present (or tags would collide across branches or commits), and literal text
 * that a Docker tag allows.
 * @throws UserError naming input `tag-format`.
 */
export function validateTagFormat(format: string): void {
  const quoted = JSON.stringify(format);
  const fix = `Use a format such as "${DEFAULT_TAG_FORMAT}"; tokens are {slug}, {sha} and {short-sha}.`;
  const tokens = [...format.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  for (const token of tokens) {
    if (token === 'branch') {
      throw new UserError(`Input \`tag-format\` is ${quoted}: {branch} is not offered, because a raw branch name is not a safe tag.`, {
        fix: `Use {slug} instead, for example "${DEFAULT_TAG_FORMAT}".`,
      });
    }
    if (!TAG_TOKENS.has(token)) throw new UserError(`Input \`tag-format\` is ${quoted}: unknown token {${token}}.`, { fix });
  }
  if (!tokens.includes('slug') || !(tokens.includes('sha') || tokens.includes('short-sha'))) {
    throw new UserError(
      `Input \`tag-format\` is ${quoted}: it needs {slug} and {sha} or {short-sha}, or tags of different branches or commits would collide.`,
      { fix },
    );
  }
  const literal = format.replace(/\{([^{}]*)\}/g, '');
  if (!/^[A-Za-z0-9_.-]*$/.test(literal) || !isValidDockerTag(renderTag(format, 'x', '0'.repeat(40)))) {
    throw new UserError(
      `Input \`tag-format\` is ${quoted}: outside the tokens a Docker tag allows only letters, digits, "_", "." and "-", and cannot start with "." or "-".`,
      { fix },
    );
  }
}

/**
 * The image tag for a branch at a commit: `format` (default `{slug}-{sha}`) with tokens filled.
 * @throws UserError for a bad format, a bad sha, or a tag longer than Docker allows.
 */
export function imageTag(names: BranchNames, sha: string, format: string = DEFAULT_TAG_FORMAT): string {
  validateTagFormat(format);
  const tag = renderTag(format, names.slug, normalizeSha(sha));
  if (!isValidDockerTag(tag)) {
    throw new UserError(
      `Input \`tag-format\` ${JSON.stringify(format)} produced ${JSON.stringify(tag)} (${tag.length} characters), which is not a valid Docker tag.`,
      {
        fix: 'Docker tags are at most 128 characters: shorten the literal text, use {short-sha}, or lower max-slug-length.',
      },
    );
  }
  return tag;
}

/**
 * The ownership labels every Kubernetes object the suite creates carries. A sha longer
 * than a label value allows (64-hex SHA-256 ids) is cut to 63 characters.
 */
export function ownershipLabels(names: BranchNames, sha?: string): Record<string, string> {
  const labels: Record<string, string> = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [BRANCH_LABEL]: names.labelValue };
  if (sha !== undefined) labels[SHA_LABEL] = normalizeSha(sha).slice(0, 63);
  return labels;
}
