// Git's object formats and ids, exactly as git computes them: the id of an
// object is the SHA-1 of `<type> <size>\0<body>`. Trees hold entries
// `<mode> <name>\0<20 raw id bytes>` sorted the way git sorts them (a
// directory compares as if its name ended in `/`); commits are text headers,
// a blank line and the message.
import { createHash } from 'node:crypto';

export type GitObjectType = 'blob' | 'tree' | 'commit';

/** One tree entry. `mode` is in the API's form (`100644`, `100755`, `120000`, `160000`, `040000`). */
export interface TreeEntry {
  mode: string;
  name: string;
  sha: string;
}

/** Author or committer line. `seconds` since the epoch and a `+hhmm` zone as git stores them. */
export interface Signature {
  name: string;
  email: string;
  seconds: number;
  tz: string;
}

export interface CommitData {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
  /** An armored signature, stored as git's `gpgsig` header. */
  gpgsig?: string;
}

export type GitObject = { type: 'blob'; content: Buffer } | { type: 'tree'; entries: TreeEntry[] } | { type: 'commit'; commit: CommitData };

/** The modes the API accepts, with the object type each one points to. */
export const MODE_TYPES: Readonly<Record<string, GitObjectType>> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '160000': 'commit',
  '040000': 'tree',
};

export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** The SHA-1 id git gives an object of this type and body. */
export function hashObject(type: GitObjectType, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

/** Sort key of a tree entry: git compares names bytewise, a tree as `name/`. */
function sortKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.mode === '040000' ? `${entry.name}/` : entry.name, 'utf8');
}

/** Entries in git's canonical tree order. */
export function sortTreeEntries(entries: readonly TreeEntry[]): TreeEntry[] {
  return [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
}

export function serializeTree(entries: readonly TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of sortTreeEntries(entries)) {
    // git writes a directory's mode without the leading zero.
    const mode = entry.mode === '040000' ? '40000' : entry.mode;
    parts.push(Buffer.from(`${mode} ${entry.name}\0`, 'utf8'), Buffer.from(entry.sha, 'hex'));
  }
  return Buffer.concat(parts);
}

function signatureLine(sig: Signature): string {
  return `${sig.name} <${sig.email}> ${sig.seconds} ${sig.tz}`;
}

export function serializeCommit(commit: CommitData): Buffer {
  let text = `tree ${commit.tree}\n`;
  for (const parent of commit.parents) text += `parent ${parent}\n`;
  text += `author ${signatureLine(commit.author)}\n`;
  text += `committer ${signatureLine(commit.committer)}\n`;
  if (commit.gpgsig !== undefined) text += `gpgsig ${commit.gpgsig.replace(/\n/g, '\n ')}\n`;
  text += `\n${commit.message}`;
  return Buffer.from(text, 'utf8');
}

/** The body git hashes for this object. */
export function serializeObject(object: GitObject): Buffer {
  switch (object.type) {
    case 'blob':
      return object.content;
    case 'tree':
      return serializeTree(object.entries);
    case 'commit':
      return serializeCommit(object.commit);
  }
}

export function objectSha(object: GitObject): string {
  return hashObject(object.type, serializeObject(object));
}

/**
 * Reads an ISO 8601 date as the API sends it (`2024-05-01T12:00:00Z` or with
 * an offset `+02:00`) into git's seconds and zone. Returns undefined when the
 * text is not a date.
 */
export function parseIsoDate(text: string): { seconds: number; tz: string } | undefined {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  const tz = zone && !/Z$/i.test(text) ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000';
  return { seconds: Math.floor(ms / 1000), tz };
}

/** The API's rendering of a git date: UTC, whole seconds, `Z`. */
export function formatIsoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Base64 the way the contents and blobs APIs send it: a newline after every 60 characters. */
export function base64Lines(content: Buffer): string {
  const flat = content.toString('base64');
  let out = '';
  for (let i = 0; i < flat.length; i += 60) out += `${flat.slice(i, i + 60)}\n`;
  return out;
}

export function isSha(text: string): boolean {
  return /^[0-9a-f]{40}$/.test(text);
}
