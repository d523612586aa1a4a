// deploy-overlay's pure transforms: image rules, placeholder replacements, ownership labels,
// leftover-placeholder detection, and the manifest parser.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { applyImageRules, parseImageRules, rewriteImage, splitImage } from '../../actions/deploy-overlay/images.ts';
import { parseManifests } from '../../actions/deploy-overlay/render.ts';
import {
  applyOwnershipLabels,
  applyReplacements,
  assertNoPlaceholders,
  fillTemplate,
  findPlaceholders,
  labelSets,
} from '../../actions/deploy-overlay/transform.ts';

const cronJob = (): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            initContainers: [{ name: 'fetch', image: 'acr.io/worker:PLACEHOLDER' }],
            containers: [
              { name: 'report', image: 'acr.io/worker:PLACEHOLDER' },
              { name: 'sidecar', image: 'busybox:1.36' },
            ],
          },
        },
      },
    },
  },
});

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', labels: { app: 'api' } },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [{ name: 'api', image: 'registry:5000/team/api@sha256:' + 'a'.repeat(64), env: [{ name: 'POSTGRES_DB', value: 'BRANCH_NAME_DB' }] }],
      },
    },
  },
});

describe('images', () => {
  it('splits references with registry ports, tags and digests', () => {
    expect(splitImage('registry:5000/team/api:1.2')).toEqual({ name: 'registry:5000/team/api', tag: '1.2' });
    expect(splitImage('registry:5000/team/api')).toEqual({ name: 'registry:5000/team/api' });
    expect(splitImage('busybox@sha256:abc')).toEqual({ name: 'busybox', digest: 'sha256:abc' });
    expect(splitImage('a/b:t@sha256:abc')).toEqual({ name: 'a/b', tag: 't', digest: 'sha256:abc' });
  });

  it('parses the three line forms', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(parseImageRules(['acr.io/api:ex-3-9-abc', `acr.io/web@${digest}`, 'acr.io/old=acr.io/new:v2'])).toEqual([
      { name: 'acr.io/api', tag: 'ex-3-9-abc', text: 'acr.io/api:ex-3-9-abc' },
      { name: 'acr.io/web', digest, text: `acr.io/web@${digest}` },
      { name: 'acr.io/old', newName: 'acr.io/new', tag: 'v2', text: 'acr.io/old=acr.io/new:v2' },
    ]);
  });

  it('refuses lines that would change nothing or are not image references, quoting them', () => {
    expect(() => parseImageRules(['acr.io/api'])).toThrow(/"acr.io\/api": it names no tag or digest/);
    expect(() => parseImageRules(['ACR.io/Api:1'])).toThrow(/not a valid image name/);
    expect(() => parseImageRules(['acr.io/api:bad tag'])).toThrow(UserError);
    expect(() => parseImageRules(['acr.io/api@sha256:xyz'])).toThrow(/not a digest/);
    expect(() => parseImageRules(['acr.io/api:1', 'acr.io/api:2'])).toThrow(/already set by "acr.io\/api:1"/);
  });

  it('rewrites the tag, the digest, or only the name', () => {
    expect(rewriteImage('acr.io/api:old', { name: 'acr.io/api', tag: 'new', text: '' })).toBe('acr.io/api:new');
    expect(rewriteImage('acr.io/api:old', { name: 'acr.io/api', digest: 'sha256:1', text: '' })).toBe('acr.io/api@sha256:1');
    expect(rewriteImage('acr.io/api:old', { name: 'acr.io/api', newName: 'mirror.io/api', text: '' })).toBe('mirror.io/api:old');
  });

  it('changes containers and init containers of CronJob templates and leaves other images alone', () => {
    const objects = [cronJob(), deployment()];
    const rules = parseImageRules(['acr.io/worker:ex-3-9-abc', 'acr.io/unused:1']);
    const { changes, unused } = applyImageRules(objects, rules);
    expect(changes.map((c) => c.path)).toEqual([
      'spec.jobTemplate.spec.template.spec.initContainers[0].image',
      'spec.jobTemplate.spec.template.spec.containers[0].image',
    ]);
    expect(JSON.stringify(objects[0])).not.toContain('PLACEHOLDER');
    expect(JSON.stringify(objects[0])).toContain('busybox:1.36');
    expect(unused.map((r) => r.name)).toEqual(['acr.io/unused']);
  });
});

describe('replacements', () => {
  it('replaces the longest token first and never replaces replaced text again', () => {
    const objects = [
      deployment(),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { host: 'BRANCH_NAME.example.com', loop: 'BRANCH_NAME' } },
    ];
    const counts = applyReplacements(
      objects,
      new Map([
        ['BRANCH_NAME', 'x-BRANCH_NAME_DB'],
        ['BRANCH_NAME_DB', 'ex_3_9'],
      ]),
    );
    expect(JSON.stringify(objects[0])).toContain('"value":"ex_3_9"');
    expect(objects[1]?.['data']).toEqual({ host: 'x-BRANCH_NAME_DB.example.com', loop: 'x-BRANCH_NAME_DB' });
    expect(Object.fromEntries(counts)).toEqual({ BRANCH_NAME: 2, BRANCH_NAME_DB: 1 });
  });

  it('replaces a token only where it stands alone, unlike sed, and the leftover check still catches the longer name', () => {
    const obj: KubeObject = {
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { ns: 'feature-BRANCH_NAME', host: 'BRANCH_NAME.1.2.3.4.nip.io', db: 'BRANCH_NAME_DB', word: 'MYBRANCH_NAME' },
    };
    applyReplacements([obj], new Map([['BRANCH_NAME', 'ex-3-9']]));
    expect(obj['data']).toEqual({ ns: 'feature-ex-3-9', host: 'ex-3-9.1.2.3.4.nip.io', db: 'BRANCH_NAME_DB', word: 'MYBRANCH_NAME' });
    expect(findPlaceholders([obj], ['BRANCH_NAME']).map((f) => f.path)).toEqual(['data.db', 'data.word']);
  });

  it('leaves keys alone', () => {
    const obj: KubeObject = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { BRANCH_NAME: 'BRANCH_NAME' } };
    applyReplacements([obj], new Map([['BRANCH_NAME', 'ex']]));
    expect(obj['data']).toEqual({ BRANCH_NAME: 'ex' });
  });

  it('fills known {tokens} only', () => {
    expect(fillTemplate('https://{slug}.{unknown}.example/{short-sha}', { slug: 'ex-3-9', 'short-sha': 'c945b89' })).toBe(
      'https://ex-3-9.{unknown}.example/c945b89',
    );
  });
});

describe('ownership labels', () => {
  const sets = labelSets({ 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9', 'branch-env.io/sha': 'c945b89' }, 'app');

  it('labels objects fully and pod templates without the sha', () => {
    const objects = [deployment(), cronJob()];
    applyOwnershipLabels(objects, sets);
    const [dep, cron] = objects as [KubeObject, KubeObject];
    expect(dep.metadata?.labels).toEqual({ app: 'api', ...sets.object });
    expect((dep['spec'] as { template: { metadata: { labels: unknown } } }).template.metadata.labels).toEqual({ app: 'api', ...sets.template });
    expect(sets.template['branch-env.io/sha']).toBeUndefined();
    const jobTemplate = (cron['spec'] as { jobTemplate: { metadata: { labels: unknown }; spec: { template: { metadata: { labels: unknown } } } } }).jobTemplate;
    expect(jobTemplate.metadata.labels).toEqual(sets.template);
    expect(jobTemplate.spec.template.metadata.labels).toEqual(sets.template);
  });

  it('never labels volume claim templates (their PVCs must not look prunable)', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { template: { spec: {} }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
    };
    applyOwnershipLabels([sts], sets);
    expect(JSON.stringify((sts['spec'] as { volumeClaimTemplates: unknown }).volumeClaimTemplates)).toBe('[{"metadata":{"name":"data"}}]');
  });
});

describe('leftover placeholders', () => {
  it('names object, field and whether it is a key', () => {
    const objects: KubeObject[] = [deployment(), { kind: 'ConfigMap', metadata: { name: 'c' }, data: { PLACEHOLDER_KEY: 'ok' } }];
    const found = findPlaceholders(objects, ['BRANCH_NAME_DB', 'PLACEHOLDER']);
    expect(found).toEqual([
      { object: 'Deployment/api', path: 'spec.template.spec.containers[0].env[0].value', token: 'BRANCH_NAME_DB', text: 'BRANCH_NAME_DB', inKey: false },
      { object: 'ConfigMap/c', path: 'data.PLACEHOLDER_KEY', token: 'PLACEHOLDER', text: 'PLACEHOLDER_KEY', inKey: true },
    ]);
    expect(() => assertNoPlaceholders(found)).toThrow(
      '- Deployment/api: spec.template.spec.containers[0].env[0].value = "BRANCH_NAME_DB" still holds BRANCH_NAME_DB\n- ConfigMap/c: data.PLACEHOLDER_KEY (a key: replacements only change values) still holds PLACEHOLDER',
    );
    expect(() => assertNoPlaceholders([])).not.toThrow();
  });
});

describe('parseManifests', () => {
  it('reads every document and skips empty ones', () => {
    const objects = parseManifests(
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n',
      'o',
    );
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
  });

  it('refuses documents that are not objects, naming the overlay and the document', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just a list\n', 'overlays/x')).toThrow(
      /Document 2 rendered from "overlays\/x"/,
    );
    expect(() => parseManifests('a: [', 'overlays/x')).toThrow(/not valid YAML/);
  });
});
