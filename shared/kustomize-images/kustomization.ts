// Reads a kustomization.yaml into a map of source positions: where the `images`
// sequence is, where each entry's scalars start and end, and how they are written.
// Nothing here changes text; edit.ts splices new values into these ranges.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node, type YAMLMap } from 'yaml';
import { UserError, quoteValue } from '../core/errors.ts';
import { IMAGE_FIELDS, type ImageField } from './image-spec.ts';

/** How a scalar is written in the source. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

/** A scalar's value and where it sits in the source. */
export interface ScalarSpot {
  /** The string value (plain scalars as written, never reinterpreted as numbers). */
  value: string;
  /** Offset of the first character (an opening quote included). */
  start: number;
  /** Offset after the last character (a closing quote included; comments excluded). */
  end: number;
  /** How it is written; undefined for block scalars and aliases, which are not edited. */
  style: ScalarStyle | undefined;
  /** Why the value cannot be replaced in place (alias, anchor, block scalar), if so. */
  locked?: string;
  /** 1-based line. */
  line: number;
}

/** One key/value pair of an entry, with the key's written form. */
export interface PairSpot {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: ScalarSpot;
}

/** One `images` entry. */
export interface EntrySpot {
  /** The entry's `name`. */
  name: string;
  /** Pairs in source order (`name` and any of newName/newTag/digest; other keys are kept but not listed). */
  pairs: PairSpot[];
  /** The settable fields present. */
  fields: Partial<Record<ImageField, PairSpot>>;
  /** Written as `{name: x, newTag: y}`. */
  flow: boolean;
  start: number;
  /** Offset after the entry (`}` of a flow entry; the end of the last line of a block entry). */
  end: number;
  line: number;
}

/** The `images` key and its sequence. */
export interface ImagesSpot {
  /** Offset and end of the `images` key; undefined when the file has none. */
  key?: { start: number; end: number };
  /** The sequence; undefined when the key is absent or its value is empty/null. */
  seq?: { flow: boolean; start: number; end: number; items: { start: number; end: number }[] };
  /** The null value (`images:` with nothing, `~`, `null`), when that is what the key holds. */
  nullValue?: { start: number; end: number };
  entries: EntrySpot[];
}

/** A parsed kustomization: its text, the root mapping's layout, and the images. */
export interface Kustomization {
  file: string;
  text: string;
  /** The file's line ending (`\r\n` when its first line ends so). */
  eol: string;
  /** Column of the root mapping's keys. */
  rootColumn: number;
  /** Columns a block sequence's `-` sits right of its key in this file (0 or 2, usually). */
  sequenceIndent: number;
  images: ImagesSpot;
}

/** Plain scalars YAML reads as null. */
const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);

/** File names kustomize recognises in a directory, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Column (0-based) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function notKustomization(file: string, why: string, fix: string): UserError {
  return new UserError(`${file} is not a kustomization: ${why}.`, { fix });
}

function scalarSpot(node: unknown, text: string, lines: LineCounter): ScalarSpot | undefined {
  if (isAlias(node)) {
    const [start, end] = node.range ?? [0, 0];
    return { value: `*${node.source}`, start, end, style: undefined, locked: `it is an alias (*${node.source})`, line: lines.linePos(start).line };
  }
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  const [start, end] = node.range;
  const type = node.type;
  const style: ScalarStyle | undefined = type === Scalar.PLAIN || type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE ? type : undefined;
  // Parsed with the failsafe schema: the value is the string as written (folded when multi-line).
  const value = String(node.value);
  const spot: ScalarSpot = { value, start, end, style, line: lines.linePos(start).line };
  if (style === undefined) spot.locked = 'it is a block scalar (| or >)';
  else if (node.anchor) spot.locked = `it carries the anchor &${node.anchor}, which other values may refer to`;
  else if (node.tag && node.tag !== 'tag:yaml.org,2002:str') spot.locked = `it carries the tag ${node.tag}`;
  return spot;
}

function entrySpot(item: unknown, index: number, file: string, text: string, lines: LineCounter): EntrySpot {
  const where = (node: { range?: [number, number, number] | null } | null | undefined): string =>
    node?.range ? `line ${lines.linePos(node.range[0]).line}` : `entry ${index + 1}`;
  if (!isMap(item) || !item.range) {
    throw new UserError(`${file}: \`images\` entry ${index + 1} (${where(item as Node)}) is not a mapping.`, {
      fix: 'Each entry needs at least `name:`, e.g. `- name: myacr.azurecr.io/app` then `newTag: v1`.',
    });
  }
  const pairs: PairSpot[] = [];
  const fields: Partial<Record<ImageField, PairSpot>> = {};
  let name: string | undefined;
  for (const pair of item.items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || !keyNode.range) continue;
    const key = String(keyNode.value);
    if (key !== 'name' && !(IMAGE_FIELDS as readonly string[]).includes(key)) continue;
    const value = scalarSpot(pair.value, text, lines);
    if (value === undefined) {
      throw new UserError(`${file} ${where(keyNode)}: \`images\` entry ${index + 1} has a ${key} that is not a string.`, {
        fix: `Write ${key} as a plain or quoted string.`,
      });
    }
    const spot: PairSpot = { key, keyStart: keyNode.range[0], keyEnd: keyNode.range[1], value };
    pairs.push(spot);
    if (key === 'name') name = value.value;
    else fields[key as ImageField] = spot;
  }
  if (name === undefined || name === '') {
    throw new UserError(`${file} ${where(item)}: \`images\` entry ${index + 1} has no name.`, {
      fix: 'Give every images entry a `name:` (the image name used in the manifests).',
    });
  }
  const [start, end] = item.range;
  return { name, pairs, fields, flow: item.flow === true, start, end, line: lines.linePos(start).line };
}

/** The dash offset of the first block sequence found among the root values, relative to its key. */
function detectSequenceIndent(root: YAMLMap, text: string): number {
  for (const pair of root.items) {
    const value = pair.value;
    if (isSeq(value) && !value.flow && value.range && isScalar(pair.key) && pair.key.range) {
      return Math.max(0, columnOf(text, value.range[0]) - columnOf(text, pair.key.range[0]));
    }
  }
  return 0;
}

function imagesSpot(root: YAMLMap, file: string, text: string, lines: LineCounter): ImagesSpot {
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'images');
  if (!pair || !isScalar(pair.key) || !pair.key.range) return { entries: [] };
  const key = { start: pair.key.range[0], end: pair.key.range[1] };
  const value = pair.value;
  if (value === null || (isScalar(value) && value.type === Scalar.PLAIN && NULLS.has(String(value.value)))) {
    const [start, end] = isScalar(value) && value.range ? value.range : [key.end, key.end];
    return { key, nullValue: { start, end }, entries: [] };
  }
  if (!isSeq(value) || !value.range) {
    throw new UserError(`${file} line ${lines.linePos(key.start).line}: \`images\` is not a list.`, {
      fix: 'Write images as a list of entries, e.g. `images:` then `- name: myacr.azurecr.io/app` and `  newTag: v1`.',
    });
  }
  const seq = value;
  const [seqStart, seqEnd] = value.range;
  const entries = seq.items.map((item, index) => entrySpot(item, index, file, text, lines));
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const first = seen.get(entry.name);
    if (first !== undefined) {
      throw new UserError(`${file}: image ${quoteValue(entry.name)} has two \`images\` entries (lines ${first} and ${entry.line}).`, {
        fix: 'Keep one entry per image; kustomize would apply only one of them.',
      });
    }
    seen.set(entry.name, entry.line);
  }
  return {
    key,
    seq: {
      flow: seq.flow === true,
      start: seqStart,
      end: seqEnd,
      items: entries.map((entry) => ({ start: entry.start, end: entry.end })),
    },
    entries,
  };
}

/** True when the file name is one kustomize looks for in a directory. */
export function isKustomizationFileName(file: string): boolean {
  const base = file.split('/').at(-1) ?? file;
  return KUSTOMIZATION_FILE_NAMES.includes(base);
}

/**
 * Parses a kustomization and locates its `images` entries.
 * @throws UserError naming the file when it is not valid YAML, holds several documents, is not a
 *   mapping, is some other kind of object, or has a malformed `images` list.
 */
export function parseKustomization(text: string, file: string): Kustomization {
  const lines = new LineCounter();
  // The failsafe schema reads every scalar as the string it is written as (as kustomize does).
  const doc = parseDocument(text, { lineCounter: lines, schema: 'failsafe', keepSourceTokens: false });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const first = error.message.split('\n')[0] ?? error.message;
    throw new UserError(`${file} is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${first.replace(/ at line \d+, column \d+:?$/, '')}.`, {
      fix: 'Fix the YAML (one document, unique keys, consistent indentation) and run again.',
    });
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw notKustomization(file, 'its top level is not a mapping', 'Point `kustomization` at a kustomization.yaml (or the directory that holds one).');
  }
  const kind: unknown = root.get('kind');
  const apiVersion: unknown = root.get('apiVersion');
  if (typeof kind === 'string' && kind !== 'Kustomization' && kind !== 'Component') {
    throw notKustomization(
      file,
      `its kind is ${quoteValue(kind)}`,
      'Point `kustomization` at a kustomization.yaml (kind: Kustomization), not at a manifest it lists.',
    );
  }
  if (typeof apiVersion === 'string' && !apiVersion.startsWith('kustomize.config.k8s.io/')) {
    throw notKustomization(
      file,
      `its apiVersion is ${quoteValue(apiVersion)}`,
      'Point `kustomization` at a kustomization.yaml (apiVersion: kustomize.config.k8s.io/v1beta1).',
    );
  }
  if (kind === undefined && !isKustomizationFileName(file)) {
    throw notKustomization(
      file,
      'it has no `kind: Kustomization` and is not named kustomization.yaml',
      'Point `kustomization` at a kustomization.yaml, or add `kind: Kustomization` to the file.',
    );
  }
  const firstKey = root.items.find((p) => isScalar(p.key) && p.key.range)?.key as Scalar | undefined;
  const eolAt = text.indexOf('\n');
  return {
    file,
    text,
    eol: eolAt > 0 && text[eolAt - 1] === '\r' ? '\r\n' : '\n',
    rootColumn: firstKey?.range ? columnOf(text, firstKey.range[0]) : 0,
    sequenceIndent: detectSequenceIndent(root, text),
    images: imagesSpot(root, file, text, lines),
  };
}
