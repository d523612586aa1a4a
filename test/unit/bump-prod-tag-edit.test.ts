// The surgical kustomization editor over the project's own fixtures: only the named
// values change, every other byte (comments, blank lines, quoting, indentation, CRLF)
// is kept, and the edited file parses to the old document with just those values changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedLines } from '../../shared/kustomize-images/diff.ts';
import { editKustomization } from '../../shared/kustomize-images/edit.ts';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { UserError } from '../../shared/core/errors.ts';
import { expectedDocument, parseStrings } from '../helpers/bump-prod-tag-expect.ts';

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'kustomizations');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const OLD = 'main-1111111111111111111111111111111111111111';
const NEW = 'main-2222222222222222222222222222222222222222';
const DIGEST = `sha256:${'b'.repeat(64)}`;

/** Edits and checks the structural promise on every call. */
function edit(text: string, requests: ImageRequest[], addMissing = false, file = 'kustomization.yaml'): ReturnType<typeof editKustomization> {
  const result = editKustomization(text, file, requests, { addMissing });
  expect(parseStrings(result.after)).toEqual(expectedDocument(text, requests));
  return result;
}

describe('bump-prod-tag editor: replacing values', () => {
  it('changes exactly one line of the production overlay for one image', () => {
    const text = fixture('production.yaml');
    const result = edit(text, [{ name: 'acme.azurecr.io/todo-api', newTag: NEW }]);
    expect(changedLines(text, result.after)).toEqual([`-  newTag: ${OLD}`, `+  newTag: ${NEW}`]);
    expect(result.changes).toEqual([{ file: 'kustomization.yaml', image: 'acme.azurecr.io/todo-api', field: 'newTag', old: OLD, new: NEW, line: 32 }]);
    expect(result.after.length).toBe(text.length);
  });

  it('moves three images together and leaves comments, patches and blank lines alone', () => {
    const text = fixture('production.yaml');
    const names = ['acme.azurecr.io/todo-api', 'acme.azurecr.io/todo-web', 'acme.azurecr.io/todo-worker'];
    const result = edit(
      text,
      names.map((name) => ({ name, newTag: NEW })),
    );
    expect(result.after).toBe(text.replaceAll(OLD, NEW));
    expect(result.changes.map((c) => c.line)).toEqual([32, 35, 38]);
  });

  it('returns the file unchanged when every value is already at its target', () => {
    const text = fixture('production.yaml');
    const result = edit(text, [{ name: 'acme.azurecr.io/todo-web', newTag: OLD, newName: 'acme.azurecr.io/todo-web' }]);
    expect(result.after).toBe(text);
    expect(result.changes).toEqual([]);
  });

  it('keeps every comment: on the key, between entries, after values, inside entries', () => {
    const text = fixture('comments-everywhere.yaml');
    const result = edit(text, [
      { name: 'registry.example.com/shop/api', newTag: 'v1.5.0' },
      { name: 'registry.example.com/shop/web', newTag: 'v2.1.0' },
      { name: 'registry.example.com/shop/cron', newTag: 'r-8' },
    ]);
    expect(changedLines(text, result.after)).toEqual([
      '-    newTag: v1.4.2 # current',
      '+    newTag: v1.5.0 # current',
      '-    newTag: "v2.0.0"   # quoted, with spaces before the comment',
      '+    newTag: "v2.1.0"   # quoted, with spaces before the comment',
      "-    newTag: 'r-7'  #single-quoted",
      "+    newTag: 'r-8'  #single-quoted",
    ]);
  });

  it('finds an entry by its newName when no entry has that name', () => {
    const text = fixture('comments-everywhere.yaml');
    const result = edit(text, [{ name: 'registry.example.com/shop/cron-job', newTag: 'r-9' }]);
    expect(changedLines(text, result.after)).toEqual(["-    newTag: 'r-7'  #single-quoted", "+    newTag: 'r-9'  #single-quoted"]);
    expect(result.changes[0]?.image).toBe('registry.example.com/shop/cron');
  });

  it('edits a one-line flow sequence in place, keeping its spacing and quotes', () => {
    const text = fixture('flow.yaml');
    const result = edit(text, [
      { name: 'example/api', newTag: 'v2' },
      { name: 'example/web', newTag: 'v2', newName: 'example/web3' },
    ]);
    expect(changedLines(text, result.after)).toEqual([
      '-images: [ {name: example/api, newTag: v1}, { name: example/web, newTag: "v1", newName: "example/web2" } ]',
      '+images: [ {name: example/api, newTag: v2}, { name: example/web, newTag: "v2", newName: "example/web3" } ]',
    ]);
  });

  it('edits block sequences of flow entries and indented block entries', () => {
    const text = fixture('block-flow-entries.yaml');
    const result = edit(text, [
      { name: 'example/web', newTag: 'v2' },
      { name: 'example/cron', newTag: 'v2' },
    ]);
    expect(changedLines(text, result.after)).toEqual([
      '-  - { name: example/web, newName: mirror.example/web, newTag: v1 }',
      '+  - { name: example/web, newName: mirror.example/web, newTag: v2 }',
      '-    newTag: v1',
      '+    newTag: v2',
    ]);
  });

  it('keeps CRLF line ends byte for byte', () => {
    const text = fixture('crlf.yaml');
    expect(text).toContain('\r\n');
    const result = edit(text, [
      { name: 'example/api', newTag: 'v2' },
      { name: 'example/web', newTag: 'v2' },
    ]);
    expect(result.after).toBe(text.replace('newTag: v1\r\n', 'newTag: v2\r\n').replace('newTag: "v1"\r\n', 'newTag: "v2"\r\n'));
    expect(result.after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps quoted keys and each value quoting style; quotes a plain value that would read as a number', () => {
    const text = fixture('quoting.yaml');
    const result = edit(text, [
      { name: 'example/api', newTag: 'v2' },
      { name: 'example/web', newTag: 'v2' },
      { name: 'example/numeric', newTag: '1.21' },
      { name: 'example/bool', newTag: 'no' },
    ]);
    expect(changedLines(text, result.after)).toEqual([
      '-  "newTag": "v1"',
      '+  "newTag": "v2"',
      "-  'newTag': 'it''s-v1'",
      "+  'newTag': 'v2'",
      '-  "newTag":   1.20',
      '+  "newTag":   "1.21"',
      '-  "newTag": "yes"',
      '+  "newTag": "no"',
    ]);
    expect(result.changes.find((c) => c.image === 'example/web')?.old).toBe("it's-v1");
    expect(result.changes.find((c) => c.image === 'example/numeric')?.old).toBe('1.20');
  });
});

describe('bump-prod-tag editor: adding what is missing', () => {
  it('adds a missing field to a block entry at the entry indentation, in kustomize order', () => {
    const text = fixture('comments-everywhere.yaml');
    const result = edit(text, [{ name: 'registry.example.com/shop/web', newName: 'registry.example.com/shop/web-new', digest: DIGEST }]);
    expect(changedLines(text, result.after)).toEqual(['+    newName: registry.example.com/shop/web-new', `+    digest: ${DIGEST}`]);
    expect(result.after).toContain('    name: registry.example.com/shop/web\n    newName: registry.example.com/shop/web-new\n    newTag: "v2.0.0"');
    expect(result.changes.every((c) => c.added === 'field')).toBe(true);
  });

  it('adds a field to flow entries and quotes a digest there (YAML 1.1 readers refuse `:` in flow plain scalars)', () => {
    const text = fixture('flow.yaml');
    const result = edit(text, [{ name: 'example/api', digest: DIGEST, newTag: 'v2' }]);
    expect(changedLines(text, result.after)).toEqual([
      '-images: [ {name: example/api, newTag: v1}, { name: example/web, newTag: "v1", newName: "example/web2" } ]',
      `+images: [ {name: example/api, newTag: v2, digest: "${DIGEST}"}, { name: example/web, newTag: "v1", newName: "example/web2" } ]`,
    ]);
  });

  it('appends a new block entry in the style of the last entry (dash indent, key order, quoting)', () => {
    const text = fixture('comments-everywhere.yaml');
    const result = edit(text, [{ name: 'registry.example.com/shop/new', newTag: 'n1', newName: 'registry.example.com/shop/renamed' }], true);
    expect(changedLines(text, result.after)).toEqual([
      '+  - name: registry.example.com/shop/new',
      '+    newName: registry.example.com/shop/renamed',
      "+    newTag: 'n1'",
    ]);
    expect(result.after.indexOf('shop/new')).toBeLessThan(result.after.indexOf('# between images and the next key'));
  });

  it('appends to flow sequences, one-line and multi-line, with their separators', () => {
    const one = fixture('flow.yaml');
    expect(changedLines(one, edit(one, [{ name: 'example/new', newTag: 'v3' }], true).after)[1]).toBe(
      '+images: [ {name: example/api, newTag: v1}, { name: example/web, newTag: "v1", newName: "example/web2" }, { name: example/new, newTag: "v3" } ]',
    );
    const multi = fixture('flow-multiline.yaml');
    expect(changedLines(multi, edit(multi, [{ name: 'example/new', newTag: 'v3' }], true).after)).toEqual([
      "-  {name: example/cron, digest: 'sha256:0000000000000000000000000000000000000000000000000000000000000000'}",
      "+  {name: example/cron, digest: 'sha256:0000000000000000000000000000000000000000000000000000000000000000'},",
      '+  {name: example/new, newTag: v3}',
    ]);
  });

  it('appends flow entries to a block sequence of flow entries, and CRLF lines to a CRLF file', () => {
    const block = fixture('block-flow-entries.yaml');
    const added = edit(block, [{ name: 'example/new', newTag: 'v3' }], true).after;
    expect(changedLines(block, added)).toEqual(['+  - name: example/new', '+    newTag: v3']);
    const crlf = fixture('crlf.yaml');
    const after = edit(crlf, [{ name: 'example/new', newTag: 'v3' }], true).after;
    expect(after).toContain('- name: example/web\r\n  newTag: "v1"\r\n- name: example/new\r\n  newTag: "v3"\r\nresources:\r\n');
  });

  it('creates the images key in the file sequence style when there is none', () => {
    const text = fixture('no-images.yaml');
    const result = edit(text, [{ name: 'example/api', newTag: 'v2' }], true);
    expect(result.after).toBe(`${text}images:\n  - name: example/api\n    newTag: v2\n`);
  });

  it.each([
    ['images:\nnamespace: x\n', 'images:\n- name: a/b\n  newTag: v1\nnamespace: x\n'],
    ['images: # later\nnamespace: x\n', 'images: # later\n- name: a/b\n  newTag: v1\nnamespace: x\n'],
    ['images: ~\n', 'images: [{name: a/b, newTag: v1}]\n'],
    ['images: []\n', 'images: [{name: a/b, newTag: v1}]\n'],
    ['resources:\n- x.yaml', 'resources:\n- x.yaml\nimages:\n- name: a/b\n  newTag: v1'],
  ])('fills an empty images value: %j', (text, expected) => {
    expect(edit(text, [{ name: 'a/b', newTag: 'v1' }], true).after).toBe(expected);
  });
});

describe('bump-prod-tag editor: refusals name the file and the fix', () => {
  const refuse = (text: string, requests: ImageRequest[], message: RegExp, file = 'overlays/prod/kustomization.yaml'): void => {
    let error: unknown;
    try {
      editKustomization(text, file, requests, { addMissing: false });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).describe()).toMatch(message);
  };

  it('names a missing image and the ones the file has', () => {
    refuse(
      fixture('production.yaml'),
      [{ name: 'acme.azurecr.io/todo-apii', newTag: 'x' }],
      /no `images` entry for "acme.azurecr.io\/todo-apii" \(it has "acme.azurecr.io\/todo-api", .*add-missing: true/,
    );
  });

  it('refuses files that are not kustomizations', () => {
    refuse(fixture('deployment.yaml'), [{ name: 'a/b', newTag: 'v' }], /is not a kustomization: its kind is "Deployment"/);
    refuse('- a\n- b\n', [{ name: 'a/b', newTag: 'v' }], /is not a kustomization: its top level is not a mapping/);
    refuse('images: []\n', [{ name: 'a/b', newTag: 'v' }], /base\.yaml is not a kustomization: it has no `kind: Kustomization`/, 'base.yaml');
    refuse(
      'kind: Kustomization\n---\nkind: Kustomization\n',
      [{ name: 'a/b', newTag: 'v' }],
      /not valid YAML \(line 2, column 1\): Source contains multiple documents/,
    );
    refuse(
      'kind: Kustomization\nimages:\n- name: a\n   newTag: [\n',
      [{ name: 'a', newTag: 'v' }],
      /kustomization\.yaml is not valid YAML \(line \d+, column \d+\)/,
    );
    refuse('images: {a: b}\n', [{ name: 'a', newTag: 'v' }], /line 1: `images` is not a list/);
  });

  it('refuses duplicate entries, nameless entries and values it cannot change in place', () => {
    refuse(
      'images:\n- name: a\n  newTag: v1\n- name: a\n  newTag: v2\n',
      [{ name: 'a', newTag: 'v3' }],
      /image "a" has two `images` entries \(lines 2 and 4\)/,
    );
    refuse('images:\n- newTag: v1\n', [{ name: 'a', newTag: 'v3' }], /entry 1 has no name/);
    refuse(
      'x: &t v1\nimages:\n- name: a\n  newTag: *t\n',
      [{ name: 'a', newTag: 'v3' }],
      /line 4: cannot change newTag of image "a" in place: it is an alias \(\*t\)/,
    );
    refuse('images:\n- name: a\n  newTag: &t v1\n', [{ name: 'a', newTag: 'v3' }], /line 3: .*anchor &t/);
    refuse('images:\n- name: a\n  newTag: |\n    v1\n', [{ name: 'a', newTag: 'v3' }], /block scalar/);
  });

  it('refuses a tag under a digest that would keep pinning the old image, but allows tag and digest together', () => {
    const text = fixture('flow-multiline.yaml');
    refuse(text, [{ name: 'example/cron', newTag: 'v2' }], /pinned by digest sha256:0{64}; a new tag alone would not change what runs.*name=tag@sha256/);
    const result = edit(text, [{ name: 'example/cron', newTag: 'v2', digest: DIGEST }]);
    expect(result.after).toContain(`{name: example/cron, newTag: v2, digest: '${DIGEST}'}`);
  });

  it('refuses two requests meaning one entry, and a request for the image another request renames to', () => {
    const text = 'kind: Kustomization\nimages:\n- name: a\n  newName: b\n  newTag: v1\n';
    refuse(
      text,
      [
        { name: 'a', newTag: 'v2' },
        { name: 'b', newTag: 'v3' },
      ],
      /line 3: images "a" and "b" both mean the entry named "a"/,
    );
    refuse(
      text,
      [
        { name: 'a', newName: 'c', newTag: 'v2' },
        { name: 'c', newTag: 'v3' },
      ],
      /image "a" is renamed to "c", which is also asked for as an image of its own.*Give "c" once/,
    );
  });

  it('warns when a new digest leaves an old tag beside it', () => {
    const result = edit(fixture('production.yaml'), [{ name: 'acme.azurecr.io/todo-api', digest: DIGEST }]);
    expect(result.warnings).toEqual([expect.stringMatching(/keeps newTag main-1{40} next to the new digest/)]);
  });
});
