// Property test of the editor: over generated kustomizations (block and flow styles,
// comments, quoting, CRLF, indentation) and random requests, the edited file parses to the
// old document with only the requested values changed, and only lines holding changed
// values are removed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../shared/kustomize-images/diff.ts';
import { editKustomization } from '../../shared/kustomize-images/edit.ts';
import type { ImageField, ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { UserError } from '../../shared/core/errors.ts';
import { expectedDocument, parseStrings } from '../helpers/bump-prod-tag-expect.ts';

type Style = 'plain' | 'single' | 'double';
interface GenEntry {
  name: string;
  fields: Partial<Record<ImageField, string>>;
  flow: boolean;
  styles: Style[];
  comments: boolean[];
}
interface Model {
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  layout: 'block' | 'flow-line' | 'flow-multi';
  seqIndent: 0 | 2;
  entries: GenEntry[];
  header: boolean;
  imagesFirst: boolean;
}

const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}$/);
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`);
const imageName = fc.stringMatching(/^[a-z0-9]{1,6}(\/[a-z0-9]{1,6}){0,2}$/);
const style = fc.constantFrom<Style>('plain', 'single', 'double');

function scalar(value: string, wanted: Style, flow: boolean): string {
  const plainOk = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) && !(flow && value.includes(':'));
  if (wanted === 'single') return `'${value}'`;
  if (wanted === 'double' || !plainOk) return JSON.stringify(value);
  return value;
}

function pairs(entry: GenEntry, flow: boolean): string[] {
  const keys: [string, string][] = [
    ['name', entry.name],
    ...(['newName', 'newTag', 'digest'] as const).flatMap((k) => (entry.fields[k] === undefined ? [] : [[k, entry.fields[k]] as [string, string]])),
  ];
  return keys.map(([key, value], index) => `${key}: ${scalar(value, entry.styles[index % entry.styles.length] ?? 'plain', flow)}`);
}

function render(model: Model): string {
  const lines: string[] = [];
  if (model.header) lines.push('# generated overlay', 'apiVersion: kustomize.config.k8s.io/v1beta1 # api');
  lines.push('kind: Kustomization');
  const other = ['resources:', `${' '.repeat(model.seqIndent)}- ../base # base`, 'namespace: prod'];
  if (!model.imagesFirst) lines.push(...other);
  const dash = ' '.repeat(model.seqIndent);
  if (model.layout === 'flow-line') {
    lines.push(`images: [${model.entries.map((e) => `{${pairs(e, true).join(', ')}}`).join(', ')}] # flow`);
  } else if (model.layout === 'flow-multi') {
    lines.push('images: [');
    model.entries.forEach((e, i) => lines.push(`  {${pairs(e, true).join(', ')}}${i < model.entries.length - 1 ? ',' : ''}${e.comments[0] ? ' # entry' : ''}`));
    lines.push(']');
  } else {
    lines.push('images: # block');
    for (const entry of model.entries) {
      if (entry.comments[0]) lines.push(`${dash}# about ${entry.name}`);
      if (entry.flow) {
        lines.push(`${dash}- {${pairs(entry, true).join(', ')}}${entry.comments[1] ? ' # flow entry' : ''}`);
        continue;
      }
      pairs(entry, false).forEach((pair, index) =>
        lines.push(`${index === 0 ? `${dash}- ` : `${dash}  `}${pair}${entry.comments[(index + 1) % entry.comments.length] ? ` # c${index}` : ''}`),
      );
    }
  }
  if (model.imagesFirst) lines.push(...other);
  lines.push('# tail');
  return lines.join(model.eol) + (model.finalNewline ? model.eol : '');
}

const entryArb = (name: string): fc.Arbitrary<GenEntry> =>
  fc.record({
    name: fc.constant(name),
    fields: fc.record({ newName: imageName, newTag: tag, digest }, { requiredKeys: [] }),
    flow: fc.boolean(),
    styles: fc.array(style, { minLength: 1, maxLength: 4 }),
    comments: fc.array(fc.boolean(), { minLength: 2, maxLength: 4 }),
  });

const modelArb: fc.Arbitrary<Model> = fc.uniqueArray(imageName, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc.record({
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    finalNewline: fc.boolean(),
    layout: fc.constantFrom<Model['layout']>('block', 'flow-line', 'flow-multi'),
    seqIndent: fc.constantFrom<0 | 2>(0, 2),
    entries: fc.tuple(...names.map(entryArb)),
    header: fc.boolean(),
    imagesFirst: fc.boolean(),
  }),
);

/** Requests over some existing entries (never a bare tag under a kept digest) and maybe new images. */
function requestsArb(model: Model): fc.Arbitrary<{ requests: ImageRequest[]; add: boolean }> {
  const existing = fc.subarray(model.entries, { minLength: 0 }).chain((chosen) =>
    fc.tuple(
      ...chosen.map((entry) =>
        fc
          .record({ newTag: tag, newName: fc.option(imageName, { nil: undefined }), digest: fc.option(digest, { nil: undefined }) })
          .map(({ newTag, newName, digest: d }) => {
            const request: ImageRequest = { name: entry.name, newTag };
            if (newName !== undefined) request.newName = newName;
            if (d !== undefined || entry.fields.digest !== undefined) request.digest = d ?? entry.fields.digest;
            return request;
          }),
      ),
    ),
  );
  const taken = new Set(model.entries.flatMap((e) => [e.name, e.fields.newName]));
  const added = fc
    .uniqueArray(
      imageName.filter((n) => !taken.has(n)),
      { maxLength: 2 },
    )
    .map((names) => names.map((name) => ({ name, newTag: 'v9' })));
  return fc.tuple(existing, added).map(([a, b]) => ({ requests: [...a, ...b], add: b.length > 0 }));
}

describe('bump-prod-tag editor (property)', () => {
  it('changes only the requested values and only the lines holding them', () => {
    fc.assert(
      fc.property(
        modelArb.chain((model) => fc.tuple(fc.constant(model), requestsArb(model))),
        ([model, { requests, add }]) => {
          const before = render(model);
          // Requests whose name is another entry's newName would be ambiguous: skip those cases.
          fc.pre(!requests.some((r) => model.entries.some((e) => e.fields.newName === r.name && e.name !== r.name)));
          // A request named for the image another request renames to would make kustomize
          // rewrite the renamed image twice: the editor must refuse it and change nothing.
          if (requests.some((r) => r.newName !== undefined && requests.some((o) => o !== r && o.name === r.newName))) {
            expect(() => editKustomization(before, 'kustomization.yaml', requests, { addMissing: add })).toThrow(UserError);
            return;
          }
          const result = editKustomization(before, 'kustomization.yaml', requests, { addMissing: add });
          expect(parseStrings(result.after)).toEqual(expectedDocument(before, requests));
          const allowed = new Set(result.changes.filter((c) => c.line > 0).map((c) => c.line));
          if (add) {
            allowed.add(splitLines(before).findIndex((l) => l.startsWith('images:')) + 1);
            const lastEntry = splitLines(before).findLastIndex((l) => l.includes('{name:'));
            allowed.add(lastEntry + 1);
          }
          for (const line of diffLines(splitLines(before), splitLines(result.after))) {
            if (line.kind === '-') expect(allowed, `line ${line.oldLine} ${JSON.stringify(line.text)} changed`).toContain(line.oldLine);
          }
          if (model.eol === '\r\n') expect(result.after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
          if (!add && !result.changes.some((c) => c.added)) expect(splitLines(result.after).length).toBe(splitLines(before).length);
          if (result.changes.length === 0) expect(result.after).toBe(before);
        },
      ),
      { numRuns: 400 },
    );
  });
});
