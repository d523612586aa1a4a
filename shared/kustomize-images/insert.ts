// New text for what a file lacks: a field in an existing entry, or whole entries
// (and the `images` key itself). Indentation, the `- ` gap, key quoting, value
// quoting, flow or block form and line endings are copied from the file.
import type { ImageField } from './image-spec.ts';
import { columnOf, type EntrySpot, type Kustomization, type PairSpot, type ScalarStyle } from './kustomization.ts';
import { renderScalar, type ScalarContext } from './scalar.ts';

/** Replace `text.slice(start, end)` with `text` (an insertion when start === end). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** An entry to add: its name and the fields to give it. */
export interface NewEntry {
  name: string;
  fields: Partial<Record<ImageField, string>>;
}

/** Keys of an entry in kustomize's order. */
export const KEY_ORDER: readonly string[] = ['name', 'newName', 'newTag', 'digest'];

/** Offset of the start of the line after the one holding `offset` (or the end of the text). */
export function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** A splice that inserts whole lines at a line start (or after a last line without a newline). */
export function insertLines(text: string, offset: number, lines: readonly string[], eol: string): Splice {
  const body = offset === text.length && text.length > 0 && !text.endsWith('\n') ? eol + lines.join(eol) : lines.map((line) => line + eol).join('');
  return { start: offset, end: offset, text: body };
}

/** The file's way of writing a key: quoted like its `name` keys, else plain. */
function keyText(k: Kustomization, key: string): string {
  const first = k.images.entries[0]?.pairs.find((pair) => pair.key === 'name');
  const quote = first ? k.text[first.keyStart] : undefined;
  return quote === '"' || quote === "'" ? `${quote}${key}${quote}` : key;
}

/** The style `key`'s values use in this file (that key in any entry, else names), else plain. */
function styleOf(k: Kustomization, key: string, prefer?: EntrySpot): ScalarStyle {
  const own = prefer?.pairs.find((pair) => pair.key === key)?.value.style;
  if (own) return own;
  for (const entry of k.images.entries) {
    const style = entry.pairs.find((pair) => pair.key === key)?.value.style;
    if (style) return style;
  }
  return k.images.entries[0]?.pairs.find((pair) => pair.key === 'name')?.value.style ?? 'PLAIN';
}

/** The text between a pair's key and value when it is only `:` and spaces, else `: `. */
function keyValueSeparator(k: Kustomization, pair: PairSpot | undefined): string {
  const between = pair ? k.text.slice(pair.keyEnd, pair.value.start) : '';
  return /^[ \t]*:[ \t]+$/.test(between) ? between : ': ';
}

function pairText(k: Kustomization, key: string, value: string, context: ScalarContext, prefer?: EntrySpot): string {
  return `${keyText(k, key)}: ${renderScalar(value, styleOf(k, key, prefer), context)}`;
}

/** The keys of a new entry, in the order the model entry uses, then kustomize's order. */
function orderedKeys(entry: NewEntry, model: EntrySpot | undefined): string[] {
  const wanted = KEY_ORDER.filter((key) => key === 'name' || entry.fields[key as ImageField] !== undefined);
  const modelOrder = model ? model.pairs.map((pair) => pair.key).filter((key) => wanted.includes(key)) : [];
  return [...modelOrder, ...wanted.filter((key) => !modelOrder.includes(key))];
}

function valueOf(entry: NewEntry, key: string): string {
  return key === 'name' ? entry.name : (entry.fields[key as ImageField] ?? '');
}

/**
 * Inserts `fields` (all missing from `entry`) in kustomize's order: each after the last
 * existing pair that precedes it, as its own line in a block entry or `, key: value` in a
 * flow entry.
 */
export function insertFields(k: Kustomization, entry: EntrySpot, fields: readonly [ImageField, string][]): Splice[] {
  const first = entry.pairs[0];
  if (!first) return [];
  const groups = new Map<PairSpot, [ImageField, string][]>();
  for (const field of fields) {
    const order = KEY_ORDER.indexOf(field[0]);
    const before = entry.pairs.filter((pair) => KEY_ORDER.indexOf(pair.key) < order);
    const anchor = before.reduce((best, pair) => (KEY_ORDER.indexOf(pair.key) > KEY_ORDER.indexOf(best.key) ? pair : best), before[0] ?? first);
    groups.set(anchor, [...(groups.get(anchor) ?? []), field]);
  }
  const splices: Splice[] = [];
  for (const [anchor, group] of groups) {
    const separator = keyValueSeparator(k, anchor);
    if (entry.flow) {
      const second = entry.pairs[1];
      const between = second ? k.text.slice(first.value.end, second.keyStart) : '';
      const comma = /^\s*,\s*$/.test(between) ? between : ', ';
      const text = group.map(([key, value]) => `${comma}${keyText(k, key)}${separator}${renderScalar(value, styleOf(k, key, entry), 'flow')}`).join('');
      splices.push({ start: anchor.value.end, end: anchor.value.end, text });
    } else {
      const indent = ' '.repeat(columnOf(k.text, anchor.keyStart));
      const lines = group.map(([key, value]) => `${indent}${keyText(k, key)}${separator}${renderScalar(value, styleOf(k, key, entry), 'block')}`);
      splices.push(insertLines(k.text, lineEndAfter(k.text, anchor.value.end), lines, k.eol));
    }
  }
  return splices;
}

function flowEntry(k: Kustomization, entry: NewEntry, model: EntrySpot | undefined): string {
  const padded = model?.flow === true && k.text[model.start + 1] === ' ';
  const inner = orderedKeys(entry, model).map((key) => pairText(k, key, valueOf(entry, key), 'flow', model));
  return padded ? `{ ${inner.join(', ')} }` : `{${inner.join(', ')}}`;
}

/** Lines of new block-sequence entries, `-` at `dashColumn` followed by `gap`. */
function blockEntries(k: Kustomization, entries: readonly NewEntry[], dashColumn: number, gap: string, model: EntrySpot | undefined): string[] {
  const dash = `${' '.repeat(dashColumn)}-${gap}`;
  const keyIndent = ' '.repeat(dashColumn + 1 + gap.length);
  return entries.flatMap((entry) => {
    if (model?.flow) return [`${dash}${flowEntry(k, entry, model)}`];
    return orderedKeys(entry, model).map((key, index) => `${index === 0 ? dash : keyIndent}${pairText(k, key, valueOf(entry, key), 'block', model)}`);
  });
}

/** Adds entries to `images`, creating the key (or filling an empty one) when needed. */
export function insertEntries(k: Kustomization, entries: readonly NewEntry[]): Splice {
  const { images, text } = k;
  const model = images.entries.at(-1);
  if (images.seq?.flow) {
    const items = images.seq.items;
    const last = items.at(-1);
    if (!last) return { start: images.seq.start + 1, end: images.seq.start + 1, text: entries.map((e) => flowEntry(k, e, model)).join(', ') };
    const previous = items.at(-2);
    const between = previous ? text.slice(previous.end, last.start).replace(/[ \t]*#[^\r\n]*/g, '') : '';
    const separator = /^\s*,\s*$/.test(between) ? between : ', ';
    return { start: last.end, end: last.end, text: entries.map((e) => separator + flowEntry(k, e, model)).join('') };
  }
  if (images.seq && model) {
    let dash = model.start - 1;
    while (dash >= 0 && text[dash] === ' ') dash -= 1;
    const onDashLine = dash >= 0 && text[dash] === '-';
    const dashColumn = onDashLine ? columnOf(text, dash) : Math.max(0, columnOf(text, model.start) - 2);
    const gap = onDashLine ? text.slice(dash + 1, model.start) : ' ';
    return insertLines(text, lineEndAfter(text, model.end), blockEntries(k, entries, dashColumn, gap, model), k.eol);
  }
  const keyColumn = images.key ? columnOf(text, images.key.start) : k.rootColumn;
  const lines = blockEntries(k, entries, keyColumn + k.sequenceIndent, ' ', undefined);
  if (images.nullValue && images.key) {
    const { start, end } = images.nullValue;
    if (start < end) return { start, end, text: `[${entries.map((e) => flowEntry(k, e, undefined)).join(', ')}]` };
    return insertLines(text, lineEndAfter(text, images.key.end), lines, k.eol);
  }
  return insertLines(text, text.length, [`${' '.repeat(k.rootColumn)}images:`, ...lines], k.eol);
}
