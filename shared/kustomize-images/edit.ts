// The surgical edit: only the values of newTag/newName/digest of the named images
// change (or, when asked, missing fields and entries are added); every other byte of
// the file is kept. The result is parsed again and checked before it is returned.
import { UserError, quoteValue } from '../core/errors.ts';
import { IMAGE_FIELDS, type ImageField, type ImageRequest } from './image-spec.ts';
import { insertEntries, insertFields, type NewEntry, type Splice } from './insert.ts';
import { parseKustomization, type EntrySpot, type Kustomization, type ScalarSpot } from './kustomization.ts';
import { renderScalar } from './scalar.ts';

/** One value this edit changes (or adds). */
export interface Change {
  file: string;
  /** The entry's `name`. */
  image: string;
  field: ImageField;
  /** The value before; undefined when the field (or the entry) is added. */
  old: string | undefined;
  new: string;
  /** 1-based line of the old value (or of the entry the field joins; 0 for a new entry). */
  line: number;
  /** What was added rather than replaced. */
  added?: 'entry' | 'field';
}

/** An entry's settable values. */
export type ImageValues = Partial<Record<ImageField, string>>;

/** The edited file and what changed. */
export interface EditResult {
  file: string;
  before: string;
  after: string;
  changes: Change[];
  /** Things worth telling the user that do not stop the edit. */
  warnings: string[];
  /** Each requested image's values after the edit (name to values). */
  result: Map<string, ImageValues>;
}

/** Options of {@link editKustomization}. */
export interface EditOptions {
  /** Add entries for images the file lacks: all (`true`), none (`false`), or the names in the set. */
  addMissing: boolean | ReadonlySet<string>;
}

/** Every entry's settable values, by name. */
export function imageValues(k: Kustomization): Map<string, ImageValues> {
  const values = new Map<string, ImageValues>();
  for (const entry of k.images.entries) {
    const fields: ImageValues = {};
    for (const field of IMAGE_FIELDS) {
      const spot = entry.fields[field];
      if (spot) fields[field] = spot.value.value;
    }
    values.set(entry.name, fields);
  }
  return values;
}

/** The entry a request means: by `name`, else the one entry whose `newName` is that name. */
function findEntry(k: Kustomization, name: string): EntrySpot | undefined {
  const byName = k.images.entries.find((entry) => entry.name === name);
  if (byName) return byName;
  const byNewName = k.images.entries.filter((entry) => entry.fields.newName?.value.value === name);
  return byNewName.length === 1 ? byNewName[0] : undefined;
}

function mayAdd(options: EditOptions, name: string): boolean {
  return typeof options.addMissing === 'boolean' ? options.addMissing : options.addMissing.has(name);
}

function requested(request: ImageRequest): [ImageField, string][] {
  return IMAGE_FIELDS.flatMap((field) => (request[field] === undefined ? [] : [[field, request[field]] as [ImageField, string]]));
}

/** Refuses a new tag under a digest that stays: kustomize would keep running the pinned image. */
function checkDigestPin(k: Kustomization, entry: EntrySpot, request: ImageRequest, warnings: string[]): void {
  const pinned = entry.fields.digest;
  const tag = entry.fields.newTag;
  if (request.newTag !== undefined && request.digest === undefined && pinned && request.newTag !== tag?.value.value) {
    throw new UserError(
      `${k.file} line ${pinned.value.line}: image ${quoteValue(entry.name)} is pinned by digest ${pinned.value.value}; a new tag alone would not change what runs.`,
      { fix: 'Give the digest with the tag (`name=tag@sha256:...`), or remove the digest from the entry first.' },
    );
  }
  if (request.digest !== undefined && request.newTag === undefined && tag) {
    warnings.push(`${k.file}: image ${entry.name} keeps newTag ${tag.value.value} next to the new digest; the digest decides what runs.`);
  }
}

/**
 * Refuses requests that would chain or collide: two requests meaning one entry, or a request
 * named for the image another request renames to. Kustomize applies `images` entries in turn,
 * so such a file would run neither image the user asked for.
 */
function checkUnambiguous(k: Kustomization, requests: readonly ImageRequest[]): void {
  const byEntry = new Map<string, string>();
  for (const request of requests) {
    const entry = findEntry(k, request.name);
    if (!entry) continue;
    const other = byEntry.get(entry.name);
    if (other !== undefined) {
      throw new UserError(
        `${k.file} line ${entry.line}: images ${quoteValue(other)} and ${quoteValue(request.name)} both mean the entry named ${quoteValue(entry.name)}.`,
        {
          fix: 'Give each image once, by its `name` (or by its `newName`), in the `images` input.',
        },
      );
    }
    byEntry.set(entry.name, request.name);
  }
  for (const request of requests) {
    if (request.newName === undefined) continue;
    const clash = requests.find((other) => other !== request && other.name === request.newName);
    if (clash) {
      throw new UserError(
        `${k.file}: image ${quoteValue(request.name)} is renamed to ${quoteValue(request.newName)}, which is also asked for as an image of its own; kustomize would rewrite the renamed image a second time.`,
        { fix: `Give ${quoteValue(request.newName)} once: either as the new name of ${quoteValue(request.name)} or as an image of its own, not both.` },
      );
    }
  }
}

/** Replaces a value in place, in its own quoting style. */
function replaceValue(k: Kustomization, entry: EntrySpot, field: ImageField, spot: ScalarSpot, value: string): Splice {
  if (spot.locked !== undefined || spot.style === undefined) {
    throw new UserError(
      `${k.file} line ${spot.line}: cannot change ${field} of image ${quoteValue(entry.name)} in place: ${spot.locked ?? 'unsupported style'}.`,
      {
        fix: `Write ${field} as a plain or quoted string in that entry, then run again.`,
      },
    );
  }
  return { start: spot.start, end: spot.end, text: renderScalar(value, spot.style, entry.flow ? 'flow' : 'block') };
}

/** Applies non-overlapping splices; insertions at one offset keep their order. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = splices.map((splice, index) => ({ splice, index })).sort((a, b) => a.splice.start - b.splice.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const { splice } of ordered) {
    if (splice.start < at) throw new Error(`overlapping edits at offset ${splice.start}`);
    out += text.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return out + text.slice(at);
}

/** Parses the edited text and checks every requested value landed (a bug otherwise). */
function verify(result: EditResult, requests: readonly ImageRequest[], entryNames: ReadonlyMap<string, string>): void {
  const after = imageValues(parseKustomization(result.after, result.file));
  for (const request of requests) {
    const name = entryNames.get(request.name);
    if (name === undefined) continue;
    const entry = after.get(name);
    for (const [field, value] of requested(request)) {
      if (entry?.[field] !== value) {
        throw new Error(`edit of ${result.file} did not set ${field} of ${request.name} to ${value} (got ${String(entry?.[field])})`);
      }
    }
  }
}

/**
 * Edits a kustomization's `images` entries.
 * @throws UserError when the file is not a kustomization, an image is missing (and may not be
 *   added), or a value cannot be changed in place; the file is then left as it was.
 */
export function editKustomization(text: string, file: string, requests: readonly ImageRequest[], options: EditOptions): EditResult {
  const k = parseKustomization(text, file);
  const splices: Splice[] = [];
  const changes: Change[] = [];
  const warnings: string[] = [];
  const result = new Map<string, ImageValues>();
  const missing: string[] = [];
  const added: NewEntry[] = [];
  const current = imageValues(k);
  const entryNames = new Map<string, string>();
  checkUnambiguous(k, requests);
  for (const request of requests) {
    const entry = findEntry(k, request.name);
    if (!entry) {
      if (!mayAdd(options, request.name)) {
        missing.push(request.name);
        continue;
      }
      const fields = Object.fromEntries(requested(request)) as ImageValues;
      added.push({ name: request.name, fields });
      result.set(request.name, fields);
      entryNames.set(request.name, request.name);
      for (const [field, value] of requested(request)) changes.push({ file, image: request.name, field, old: undefined, new: value, line: 0, added: 'entry' });
      continue;
    }
    checkDigestPin(k, entry, request, warnings);
    const inserts: [ImageField, string][] = [];
    for (const [field, value] of requested(request)) {
      const spot = entry.fields[field];
      if (spot?.value.value === value) continue;
      if (spot) {
        splices.push(replaceValue(k, entry, field, spot.value, value));
        changes.push({ file, image: entry.name, field, old: spot.value.value, new: value, line: spot.value.line });
      } else {
        inserts.push([field, value]);
        changes.push({ file, image: entry.name, field, old: undefined, new: value, line: entry.line, added: 'field' });
      }
    }
    if (inserts.length > 0) splices.push(...insertFields(k, entry, inserts));
    result.set(request.name, { ...current.get(entry.name), ...Object.fromEntries(requested(request)) });
    entryNames.set(request.name, entry.name);
  }
  if (missing.length > 0) {
    const have = k.images.entries.map((entry) => entry.name);
    throw new UserError(
      `${file} has no \`images\` entry for ${missing.map((name) => quoteValue(name)).join(', ')} (it has ${have.length ? have.map((name) => quoteValue(name)).join(', ') : 'none'}).`,
      { fix: "Check the image names (they must match an entry's `name` or `newName`), or set `add-missing: true` to add entries." },
    );
  }
  if (added.length > 0) splices.push(insertEntries(k, added));
  const after = splices.length === 0 ? text : applySplices(text, splices);
  const edit: EditResult = { file, before: text, after, changes, warnings, result };
  if (splices.length > 0) verify(edit, requests, entryNames);
  return edit;
}
