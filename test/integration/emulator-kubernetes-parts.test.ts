// The Kubernetes emulator's pure parts: the label selector grammar, field
// selectors, fieldsV1 paths, the apply merge, JSON (merge) patches, strategic
// merge patch and the schema checks.
import { describe, expect, it } from 'vitest';
import { applyConfiguration } from '../emulators/kubernetes/fieldmanager.ts';
import { decodeFields, encodeFields, fieldSet, pathString, removeAt } from '../emulators/kubernetes/fieldpaths.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from '../emulators/kubernetes/patch.ts';
import { crdSchema, fieldSchema, modelSchema } from '../emulators/kubernetes/schema.ts';
import { applyMessage, checkSchema, decodeMessage } from '../emulators/kubernetes/validate.ts';
import { matchFields, matchRequirements, parseFieldSelector, parseLabelSelector, requirementsOf, SelectorError } from '../emulators/kubernetes/selectors.ts';
import { ApiError } from '../emulators/kubernetes/status.ts';
import { clone, getPath, type KubeObject } from '../emulators/kubernetes/types.ts';

const matches = (selector: string, labels: Record<string, string>): boolean => matchRequirements(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  it('parses every operator of the grammar', () => {
    expect(parseLabelSelector('a=1, b==2,c!=3, d in (x, y), e notin (z), f, !g, h>4, i<5')).toEqual([
      { key: 'a', op: '=', values: ['1'] },
      { key: 'b', op: '=', values: ['2'] },
      { key: 'c', op: '!=', values: ['3'] },
      { key: 'd', op: 'in', values: ['x', 'y'] },
      { key: 'e', op: 'notin', values: ['z'] },
      { key: 'f', op: 'exists', values: [] },
      { key: 'g', op: '!exists', values: [] },
      { key: 'h', op: 'gt', values: ['4'] },
      { key: 'i', op: 'lt', values: ['5'] },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('app.kubernetes.io/managed-by=branch-env')).toEqual([{ key: 'app.kubernetes.io/managed-by', op: '=', values: ['branch-env'] }]);
  });

  it('matches as the API server does: != and notin also match a missing label', () => {
    expect(matches('env!=prod', {})).toBe(true);
    expect(matches('env notin (prod)', { env: 'dev' })).toBe(true);
    expect(matches('env in (prod, staging)', {})).toBe(false);
    expect(matches('!env', { env: '' })).toBe(false);
    expect(matches('env=', { env: '' })).toBe(true);
    expect(matches('n>3', { n: '10' })).toBe(true);
    expect(matches('n<3', { n: 'x' })).toBe(false);
    expect(matches('a=1,b=2', { a: '1', b: '2', c: '3' })).toBe(true);
    expect(matches('a=1,b=2', { a: '1' })).toBe(false);
  });

  it('refuses malformed selectors', () => {
    for (const bad of ['env in prod', 'env in (a', '=x', 'a b', 'n>x', '!']) expect(() => parseLabelSelector(bad), bad).toThrow(SelectorError);
  });

  it('turns matchLabels and matchExpressions into requirements', () => {
    const reqs = requirementsOf({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'x', operator: 'DoesNotExist' },
      ],
    });
    expect(matchRequirements(reqs, { app: 'web', tier: 'front' })).toBe(true);
    expect(matchRequirements(reqs, { app: 'web', tier: 'db' })).toBe(false);
  });
});

describe('field selectors', () => {
  const event: KubeObject = { metadata: { name: 'e1', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'web-1' }, reason: 'BackOff' };

  it('match metadata and kind-specific fields, with = == and !=', () => {
    expect(matchFields(parseFieldSelector('metadata.name=e1', 'Event'), event)).toBe(true);
    expect(matchFields(parseFieldSelector('involvedObject.name==web-1,reason!=Started', 'Event'), event)).toBe(true);
    expect(matchFields(parseFieldSelector('metadata.namespace!=ns', 'Event'), event)).toBe(false);
  });

  it('refuse fields the kind does not index', () => {
    expect(() => parseFieldSelector('spec.replicas=1', 'Deployment')).toThrow('field label not supported: spec.replicas');
  });
});

describe('field paths', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'u', labels: { app: 'web' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80 }] }] } } },
    status: { replicas: 2 },
  };

  it('lists leaf fields and keyed list items in fieldsV1 form, leaving out identity and status', () => {
    const set = fieldSet(deployment, { associative: true, skipStatus: true });
    expect(encodeFields(set)).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:ports': { 'k:{"containerPort":80}': { '.': {}, 'f:containerPort': {} } } },
            },
          },
        },
      },
    });
    expect(decodeFields(encodeFields(set))).toEqual(set);
  });

  it('treats lists of custom resources as atomic', () => {
    const set = fieldSet({ ...deployment, kind: 'Widget' }, { associative: false, skipStatus: false });
    expect([...set].map(pathString)).toContain('.spec.template.spec.containers');
    expect([...set].map(pathString)).toContain('.status.replicas');
  });

  it('prints paths as conflict messages do and removes fields and items by path', () => {
    const set = [...fieldSet(deployment, { associative: true, skipStatus: true })];
    const image = set.find((p) => pathString(p).endsWith('.image'))!;
    expect(pathString(image)).toBe('.spec.template.spec.containers[name="app"].image');
    const copy = structuredClone(deployment);
    removeAt(copy, image);
    expect(copy.spec).toEqual({ replicas: 2, template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80 }] }] } } });
    removeAt(
      copy,
      set.find((p) => pathString(p) === '.spec.template.spec.containers[name="app"]')!,
    );
    expect(copy.spec).toEqual({ replicas: 2, template: { spec: { containers: [] } } });
  });
});

describe('apply merge', () => {
  const options = { associative: true, skipStatus: true };
  const base = (containers: unknown[]): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers } } },
  });

  it('merges keyed lists: each manager keeps its own container', () => {
    const first = applyConfiguration({ live: undefined, applied: base([{ name: 'app', image: 'a:1' }]), manager: 'one', force: false, options });
    const second = applyConfiguration({ live: first, applied: base([{ name: 'sidecar', image: 's:1' }]), manager: 'two', force: false, options });
    expect((second.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toEqual([
      { name: 'app', image: 'a:1' },
      { name: 'sidecar', image: 's:1' },
    ]);
    const conflict = (): KubeObject =>
      applyConfiguration({ live: second, applied: base([{ name: 'app', image: 'a:2' }]), manager: 'two', force: false, options });
    expect(conflict).toThrow(ApiError);
    expect(conflict).toThrow('Apply failed with 1 conflict: conflict with "one": .spec.template.spec.containers[name="app"].image');
  });

  it('lists every conflict, grouped by manager, when there are several', () => {
    const live = applyConfiguration({
      live: undefined,
      applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '1' } },
      manager: 'one',
      force: false,
      options,
    });
    expect(() =>
      applyConfiguration({
        live,
        applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '2', b: '2' } },
        manager: 'two',
        force: false,
        options,
      }),
    ).toThrow('Apply failed with 2 conflicts: conflicts with "one":\n- .data.a\n- .data.b');
  });
});

describe('patches', () => {
  it('merge patch: maps merge, null deletes, lists replace', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).toEqual({ a: { c: 2, d: 3 }, l: [3] });
  });

  it('JSON patch: add, replace, remove, test', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
        { op: 'replace', path: '/list/0', value: 9 },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'remove', path: '/metadata/labels/a' },
        { op: 'test', path: '/list/1', value: 2 },
      ]),
    ).toEqual({ metadata: { labels: { 'b/c': '2' } }, list: [9, 2, 3] });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/list/0', value: 5 }])).toThrow(ApiError);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/missing' }])).toThrow(ApiError);
  });
});

describe('apply configurations are defaulted before merging (kubernetes#98576)', () => {
  it('re-applying a Service whose ports omit protocol changes nothing', async () => {
    const { startKubeEmulator } = await import('../emulators/kubernetes/index.ts');
    const kube = await startKubeEmulator();
    try {
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
      const apply = () =>
        fetch(`${kube.url}/api/v1/namespaces/default/services/s?fieldManager=t`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${kube.token}`, 'content-type': 'application/apply-patch+yaml' },
          body,
        });
      expect((await apply()).status).toBe(201);
      const first = kube.store.get('services', 'default', 's');
      expect((await apply()).status).toBe(200);
      const second = kube.store.get('services', 'default', 's') as { spec: { ports: unknown[] }; metadata: { resourceVersion: string } };
      expect(second.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
      expect(second.metadata.resourceVersion).toBe(first?.metadata.resourceVersion);
    } finally {
      await kube.close();
    }
  });
});

describe('strategic merge patch, from the kind schema', () => {
  const deployment = modelSchema('V1Deployment');
  const live = {
    metadata: { finalizers: ['a', 'b'], labels: { app: 'web' } },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'web:1', env: [{ name: 'A', value: '1' }] },
            { name: 'side', image: 'side:1' },
          ],
          tolerations: [{ key: 'x' }],
        },
      },
    },
  };
  const patch = (p: unknown): Record<string, unknown> => strategicMergePatch(live, p, deployment) as Record<string, unknown>;

  it('merges containers by name and replaces lists with no merge key', () => {
    const out = patch({ spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }], tolerations: [{ key: 'y' }] } } } });
    expect(getPath(out, 'spec.template.spec.containers')).toEqual([
      { name: 'app', image: 'web:2', env: [{ name: 'A', value: '1' }] },
      { name: 'side', image: 'side:1' },
    ]);
    expect(getPath(out, 'spec.template.spec.tolerations')).toEqual([{ key: 'y' }]);
  });

  it('honours $patch delete/replace, $setElementOrder, $deleteFromPrimitiveList and $retainKeys, storing none of them', () => {
    const deleted = patch({ spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } });
    expect(getPath(deleted, 'spec.template.spec.containers')).toEqual([{ name: 'app', image: 'web:1', env: [{ name: 'A', value: '1' }] }]);
    const replaced = patch({ spec: { template: { spec: { containers: [{ name: 'only', image: 'o:1' }, { $patch: 'replace' }] } } } });
    expect(getPath(replaced, 'spec.template.spec.containers')).toEqual([{ name: 'only', image: 'o:1' }]);
    const ordered = patch({
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }], containers: [{ name: 'app', image: 'web:3' }] } } },
    });
    expect((getPath(ordered, 'spec.template.spec.containers') as { name: string }[]).map((c) => c.name)).toEqual(['side', 'app']);
    const finalizers = patch({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] } });
    expect(getPath(finalizers, 'metadata.finalizers')).toEqual(['b', 'c']);
    const recreate = patch({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
    expect(getPath(recreate, 'spec.strategy')).toEqual({ type: 'Recreate' });
    expect(JSON.stringify([deleted, replaced, ordered, finalizers, recreate])).not.toContain('$');
  });
});

describe('schema checks', () => {
  it("finds unknown and mistyped fields of a built-in kind, with the server's wording", () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w' },
      spec: { replica: 2, replicas: 'two', template: { spec: { containers: [{ name: 'app', image: 1 }] } } },
    };
    const problems = checkSchema(clone(deployment), modelSchema('V1Deployment'), { prune: false, apply: true });
    expect(applyMessage(problems)).toBe(
      'errors:\n  .spec.replica: field not declared in schema\n  .spec.replicas: expected numeric (int or float), got string\n  .spec.template.spec.containers[name="app"].image: expected string, got &value.valueUnstructured{Value:1}',
    );
    expect(
      decodeMessage(
        problems.filter((p) => p.kind === 'unknown'),
        true,
      ),
    ).toBe('strict decoding error: unknown field "spec.replica"');
    expect(decodeMessage(problems, true)).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('accepts numbers where a Quantity or IntOrString is expected, and prunes unknown fields when asked', () => {
    const pod = { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 1, memory: '1Gi' } }, ports: [{ containerPort: 80 }] }], extra: true } };
    const problems = checkSchema(pod, modelSchema('V1Pod'), { prune: true, apply: false });
    expect(problems.map((p) => p.kind)).toEqual(['unknown']);
    expect(pod.spec).not.toHaveProperty('extra');
  });

  it('reads a CRD schema: preserve-unknown-fields, list types, int-or-string', () => {
    const crd = {
      spec: {
        versions: [
          {
            name: 'v1',
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: {
                      port: { 'x-kubernetes-int-or-string': true },
                      items: {
                        type: 'array',
                        'x-kubernetes-list-type': 'map',
                        'x-kubernetes-list-map-keys': ['name'],
                        items: { type: 'object', properties: { name: { type: 'string' } } },
                      },
                      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    const schema = crdSchema(crd, 'v1');
    const ok = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { port: 'http', items: [{ name: 'a' }], free: { any: [1, { b: 2 }] } } };
    expect(checkSchema(ok, schema, { prune: false, apply: true })).toEqual([]);
    expect(applyMessage(checkSchema({ spec: { items: [{ name: 'a', other: 1 }] } }, schema, { prune: false, apply: true }))).toBe(
      '.spec.items[name="a"].other: field not declared in schema',
    );
    const items = fieldSchema(fieldSchema(schema, 'spec'), 'items');
    expect(items).toMatchObject({ type: 'list', listType: 'map', keys: ['name'] });
  });
});
