// The pure pieces around the editor: line diffs, pull request words, tag shas, merging an
// open promotion with a new request, branch names, registry locations and challenges.
import { describe, expect, it } from 'vitest';
import { commitMessage, commitsLink, MAX_BODY_LENGTH, promotionBody, promotionTitle } from '../../actions/bump-prod-tag/body.ts';
import { defaultBranchName, promotedReferences } from '../../actions/bump-prod-tag/bump-prod-tag.ts';
import { describeChanges, mergeRequests, pendingRequests, shaOfTag } from '../../actions/bump-prod-tag/compare.ts';
import { changedLines, diffLines, unifiedDiff } from '../../shared/kustomize-images/diff.ts';
import { editKustomization } from '../../shared/kustomize-images/edit.ts';
import { locateImage, parseChallenge } from '../../actions/bump-prod-tag/registry.ts';
import { isPlainSafe, renderScalar } from '../../shared/kustomize-images/scalar.ts';

const A = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const B = '8ada9600e2a2df704273dff62f54d02cafd83807';
const BEFORE = `kind: Kustomization\nimages:\n- name: acr.io/be\n  newTag: main-${A}\n- name: acr.io/fe\n  newTag: main-${A}\n`;
const AFTER = BEFORE.replace(`be\n  newTag: main-${A}`, `be\n  newTag: main-${B}`);

describe('diff', () => {
  it('finds the shortest line script', () => {
    const script = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    expect(script.map((l) => `${l.kind}${l.text}`)).toEqual([' a', '-b', '+x', ' c', ' d', '+e']);
    expect(diffLines([], ['a']).map((l) => l.kind)).toEqual(['+']);
    expect(diffLines(['a'], []).map((l) => l.kind)).toEqual(['-']);
  });

  it('renders a unified diff with context and hunk headers', () => {
    expect(unifiedDiff('k.yaml', BEFORE, AFTER)).toBe(
      [
        '--- a/k.yaml',
        '+++ b/k.yaml',
        '@@ -1,6 +1,6 @@',
        ' kind: Kustomization',
        ' images:',
        ' - name: acr.io/be',
        `-  newTag: main-${A}`,
        `+  newTag: main-${B}`,
        ' - name: acr.io/fe',
        `   newTag: main-${A}`,
        '',
      ].join('\n'),
    );
    expect(
      unifiedDiff('k.yaml', 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n', 'a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\n', 1)
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -1,3 +1,3 @@', '@@ -9,2 +9,2 @@']);
    expect(unifiedDiff('k.yaml', BEFORE, BEFORE)).toBe('');
    expect(changedLines('a\r\nb\r\n', 'a\r\nc\r\n')).toEqual(['-b', '+c']);
  });
});

describe('pull request words', () => {
  const changes = describeChanges({ path: 'manifests/overlays/production/kustomization.yaml', before: BEFORE, after: AFTER });
  const links = {
    serverUrl: 'https://github.com',
    sourceRepository: { owner: 'octo-org', repo: 'app' },
    runUrl: 'https://github.com/octo-org/app/actions/runs/7',
  };

  it('titles the promotion by image, short tag and overlay', () => {
    expect(changes).toEqual([
      { file: 'manifests/overlays/production/kustomization.yaml', image: 'acr.io/be', field: 'newTag', old: `main-${A}`, new: `main-${B}`, line: 0 },
    ]);
    expect(promotionTitle(changes, ['manifests/overlays/production/kustomization.yaml'])).toBe('Promote be to main-8ada960 (manifests/overlays/production)');
    const many = ['a', 'b', 'c', 'd'].map((name) => ({ ...changes[0]!, image: `acr.io/${name}`, new: `v-${name}` }));
    expect(promotionTitle(many, ['k/kustomization.yaml', 'j/kustomization.yaml'])).toBe('Promote 4 images (k, j)');
  });

  it('lists old → new with a compare link when both tags carry shas', () => {
    const body = promotionBody([{ path: 'k.yaml', before: BEFORE, after: AFTER }], changes, links);
    expect(body).toContain(
      `| \`acr.io/be\` | newTag | \`main-${A}\` → \`main-${B}\` | [c945b89...8ada960](https://github.com/octo-org/app/compare/${A}...${B}) |`,
    );
    expect(body).toContain(`-  newTag: main-${A}\n+  newTag: main-${B}`);
    expect(body).toContain('[this workflow run](https://github.com/octo-org/app/actions/runs/7)');
    expect(body).toContain('<!-- bump-prod-tag -->');
    expect(commitsLink(links, 'v1', `main-${B}`)).toBe(`[8ada960](https://github.com/octo-org/app/commit/${B})`);
    expect(commitsLink(links, 'v1', 'v2')).toBe('');
    expect(commitsLink({ ...links, sourceRepository: undefined }, `main-${A}`, `main-${B}`)).toBe('');
  });

  it('escapes table-breaking characters in old values', () => {
    const body = promotionBody([], [{ ...changes[0]!, old: 'a|b`c' }], links);
    expect(body).toContain('``a\\|b`c``');
  });

  it('writes a commit message with one line per change', () => {
    expect(commitMessage('Promote be', changes)).toBe(`Promote be\n\n- acr.io/be newTag: main-${A} → main-${B}\n`);
  });
});

describe('tags, pending promotions and merging', () => {
  it.each([
    [`main-${A}`, A],
    ['sha-1a2b3c4', '1a2b3c4'],
    [A.toUpperCase(), A],
    ['v1.2.3', undefined],
    ['build-20240101', undefined],
    ['latest', undefined],
    [undefined, undefined],
  ])('shaOfTag(%s) = %s', (tag, sha) => {
    expect(shaOfTag(tag)).toBe(sha);
  });

  it('turns a branch version into requests, marking added entries', () => {
    const branch = editKustomization(AFTER, 'k.yaml', [{ name: 'acr.io/new', newTag: 'v1' }], { addMissing: true }).after;
    expect(pendingRequests({ path: 'k.yaml', before: BEFORE, after: branch })).toEqual({
      requests: [
        { name: 'acr.io/be', newTag: `main-${B}` },
        { name: 'acr.io/new', newTag: 'v1' },
      ],
      added: ['acr.io/new'],
    });
  });

  it('lets ours override pending values, except a newer pending tag; drops a pending digest under our tag', async () => {
    const newer = (a: string, b: string): Promise<boolean> => Promise.resolve(a === `main-${B}` && b === `main-${A}`);
    const pending = [
      { name: 'acr.io/be', newTag: `main-${B}` },
      { name: 'acr.io/fe', newTag: 'x', digest: `sha256:${'c'.repeat(64)}` },
    ];
    const merged = await mergeRequests(
      pending,
      [
        { name: 'acr.io/be', newTag: `main-${A}`, newName: 'm/be' },
        { name: 'acr.io/fe', newTag: 'y' },
        { name: 'acr.io/db', newTag: 'z' },
      ],
      newer,
    );
    expect(merged.requests).toEqual([
      { name: 'acr.io/be', newTag: `main-${B}`, newName: 'm/be' },
      { name: 'acr.io/fe', newTag: 'y' },
      { name: 'acr.io/db', newTag: 'z' },
    ]);
    expect(merged.kept).toEqual([expect.stringContaining(`already moves it to main-${B}, which is newer than main-${A}`)]);
  });
});

describe('names and references', () => {
  it('derives one promotion branch per overlay, however it is named', () => {
    expect(defaultBranchName(['manifests/overlays/production/kustomization.yaml'])).toBe('promote/manifests-overlays-production');
    expect(defaultBranchName(['manifests/overlays/production'])).toBe('promote/manifests-overlays-production');
    expect(defaultBranchName(['a/kustomization.yml', 'b/Kustomization'])).toBe('promote/a+b');
    expect(defaultBranchName(['kustomization.yaml'])).toBe('promote/root');
    const long = defaultBranchName([`${'x'.repeat(200)}/kustomization.yaml`]);
    expect(long).toMatch(/^promote\/x{110}-[0-9a-f]{8}$/);
  });

  it('lists the references a promotion makes the overlays use', () => {
    const edit = editKustomization(`kind: Kustomization\nimages:\n- name: a/b\n  newName: r.io/b\n  newTag: v1\n`, 'k.yaml', [{ name: 'a/b', newTag: 'v2' }], {
      addMissing: false,
    });
    const digest = editKustomization('kind: Kustomization\nimages: []\n', 'k.yaml', [{ name: 'c/d', digest: `sha256:${'d'.repeat(64)}` }], {
      addMissing: true,
    });
    expect(
      promotedReferences([edit, digest], {
        requests: [
          { name: 'a/b', newTag: 'v2' },
          { name: 'c/d', digest: `sha256:${'d'.repeat(64)}` },
        ],
      }),
    ).toEqual(['r.io/b:v2', `c/d@sha256:${'d'.repeat(64)}`]);
  });

  it('locates images in registries (Docker Hub, ports, loopback over http)', () => {
    expect(locateImage('nginx:1.27')).toEqual({
      origin: 'https://registry-1.docker.io',
      registry: 'registry-1.docker.io',
      repository: 'library/nginx',
      reference: '1.27',
    });
    expect(locateImage('kubemooc.azurecr.io/todo-app-be:main-1')).toMatchObject({
      origin: 'https://kubemooc.azurecr.io',
      repository: 'todo-app-be',
      reference: 'main-1',
    });
    expect(locateImage(`127.0.0.1:5000/team/app@sha256:${'e'.repeat(64)}`)).toMatchObject({
      origin: 'http://127.0.0.1:5000',
      repository: 'team/app',
      reference: `sha256:${'e'.repeat(64)}`,
    });
    expect(locateImage('localhost/app')).toMatchObject({ origin: 'http://localhost', reference: 'latest' });
  });

  it('parses auth challenges', () => {
    expect(parseChallenge('Bearer realm="https://a.io/oauth2/token",service="a.io",scope="repository:x:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a.io/oauth2/token', service: 'a.io', scope: 'repository:x:pull' },
    });
    expect(parseChallenge('Basic realm="Registry"').scheme).toBe('basic');
  });

  it('keeps plain values plain only when every YAML reader reads them back as that string', () => {
    expect(['v1', 'main-abc', 'v1.2.3', 'r_7', 'sha256:ab'].map((v) => isPlainSafe(v))).toEqual([true, true, true, true, true]);
    expect(['1.20', '2024', 'yes', 'on', 'null', '0x1F', '0o17', '1e3', '2024-01-01', '1:20', '', 'True', '.inf'].map((v) => isPlainSafe(v))).toEqual(
      Array(13).fill(false),
    );
    expect(isPlainSafe('sha256:ab', 'flow')).toBe(false);
    expect(renderScalar('1.20', 'PLAIN')).toBe('"1.20"');
    expect(renderScalar("it's", 'QUOTE_SINGLE')).toBe("'it''s'");
  });
});

describe('long promotions', () => {
  it('keeps the pull request body under GitHub limit, dropping the diff and then rows', () => {
    const links = { serverUrl: 'https://github.com', sourceRepository: { owner: 'o', repo: 'r' } };
    const entries = Array.from({ length: 400 }, (_, i) => `- name: acr.io/service-${i}\n  newTag: main-${A}\n`).join('');
    const before = `kind: Kustomization\nimages:\n${entries}`;
    const after = before.replaceAll(A, B);
    const changes = describeChanges({ path: 'k.yaml', before, after });
    const body = promotionBody([{ path: 'k.yaml', before, after }], changes, links);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(body).toContain('The diff is too long to show here');
    expect(body).toMatch(/…and \d+ more; see the Files changed tab\./);
    expect(body).toContain('<!-- bump-prod-tag -->');
    const short = promotionBody([{ path: 'k.yaml', before: BEFORE, after: AFTER }], describeChanges({ path: 'k.yaml', before: BEFORE, after: AFTER }), links);
    expect(short).toContain('```diff');
    expect(short).not.toContain('more; see the Files changed tab');
  });
});
