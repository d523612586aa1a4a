// deploy-overlay's inputs and placement rules: every input read and checked, secret values
// masked before anything else and never quoted, and where objects may (not) go.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { ownerOf } from '../../shared/branch/ownership/kube-marks.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { DEFAULT_SECRET_NAME, parseSecrets, readInputs } from '../../actions/deploy-overlay/inputs.ts';
import { offlineNamespaced } from '../../actions/deploy-overlay/objects.ts';
import { assertUsableNamespace, checkNamespace, placeObjects } from '../../actions/deploy-overlay/safety.ts';

function read(record: Record<string, string>, masked: string[] = []): ReturnType<typeof readInputs> {
  return readInputs(new InputReader(inputsFromRecord(record)), { GITHUB_WORKSPACE: '/work/space' }, (s) => masked.push(s));
}

describe('readInputs', () => {
  it('has the documented defaults', () => {
    const inputs = read({ overlays: 'manifests/overlays/feature' });
    expect(inputs).toMatchObject({
      overlays: ['manifests/overlays/feature'],
      workingDirectory: '/work/space',
      namespacePrefix: 'feature-',
      maxSlugLength: 40,
      secretName: DEFAULT_SECRET_NAME,
      applySet: 'app',
      prune: true,
      dryRun: 'false',
      forceConflicts: false,
      wait: true,
      timeoutMs: 300_000,
      failFast: true,
      recreateJobs: true,
      environment: '{namespace}',
    });
    expect(DEFAULT_SECRET_NAME).toBe('database-credentials');
  });

  it('reads lists, maps and images', () => {
    const inputs = read({
      overlays: 'a\nb, with comma',
      images: 'acr.io/api:t1\nacr.io/web:t2',
      replacements: 'BRANCH_NAME={slug}\nBRANCH_NAME_DB={database}',
      placeholders: 'PLACEHOLDER',
      'allow-cluster-scoped': 'CustomResourceDefinition',
      'allow-namespaces': 'monitoring',
      'kustomize-flags': '--enable-helm --load-restrictor LoadRestrictionsNone',
      timeout: '90s',
      'dry-run': 'server',
    });
    expect(inputs.overlays).toEqual(['a', 'b, with comma']);
    expect(inputs.images.map((i) => i.tag)).toEqual(['t1', 't2']);
    expect([...inputs.replacements]).toEqual([
      ['BRANCH_NAME', '{slug}'],
      ['BRANCH_NAME_DB', '{database}'],
    ]);
    expect(inputs.kustomizeFlags).toEqual(['--enable-helm', '--load-restrictor', 'LoadRestrictionsNone']);
    expect(inputs.timeoutMs).toBe(90_000);
    expect(inputs.dryRun).toBe('server');
  });

  it('refuses bad values, naming the input', () => {
    expect(() => read({})).toThrow(/Input `overlays` is required/);
    expect(() => read({ overlays: 'a', 'dry-run': 'true' })).toThrow(/`client` .* or `server`/);
    expect(() => read({ overlays: 'a', 'dry-run': 'Server' })).toThrow(/must be one of "false", "client", "server", got "Server"/);
    expect(() => read({ overlays: 'a', 'apply-set': 'App Set' })).toThrow(/Input `apply-set`/);
    expect(() => read({ overlays: 'a', 'allow-cluster-scoped': 'clusterrole' })).toThrow(/not a kind/);
    expect(() => read({ overlays: 'a', prune: 'yes' })).toThrow(/Input `prune` must be true or false/);
    expect(() => read({ overlays: 'a', replacements: 'NO_EQUALS' })).toThrow(/Input `replacements` line 1/);
    expect(() => read({ overlays: 'a', images: 'acr.io/api' })).toThrow(/Input `images`/);
  });
});

describe('secrets', () => {
  const SECRET = 'p@ss,w=rd with spaces';

  it('keeps the value as written after the first =, and masks it before checking anything', () => {
    const masked: string[] = [];
    const entries = parseSecrets(`PGPASSWORD=${SECRET}\napp-tls/tls.key=abcd\n# comment\n\nPGUSER=ex_3_9_user`, 'database-credentials', (s) => masked.push(s));
    expect(entries).toEqual([
      { secret: 'database-credentials', key: 'PGPASSWORD', value: SECRET },
      { secret: 'app-tls', key: 'tls.key', value: 'abcd' },
      { secret: 'database-credentials', key: 'PGUSER', value: 'ex_3_9_user' },
    ]);
    expect(masked).toContain(SECRET);
    expect(masked).toContain(Buffer.from(SECRET).toString('base64'));
  });

  it('never quotes a secret value in an error', () => {
    const masked: string[] = [];
    for (const text of [
      `no-equals-${SECRET}`,
      `Bad_Name/KEY=${SECRET}`,
      `bad key=${SECRET}`,
      `K=${SECRET}\nK=${SECRET}`,
      `not a pair ${SECRET}`,
      `${SECRET}/K=v`,
    ]) {
      const error = (() => {
        try {
          parseSecrets(text, 'd', (s) => masked.push(s));
        } catch (e: unknown) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).describe()).not.toContain(SECRET);
    }
    expect(masked).toContain(SECRET);
  });

  it('reads the github-token and masks it', () => {
    const masked: string[] = [];
    read({ overlays: 'a', 'github-token': 'ghs_abcdefghijklmnop', secrets: `X=${SECRET}` }, masked);
    expect(masked).toContain('ghs_abcdefghijklmnop');
    expect(masked).toContain(SECRET);
  });
});

describe('placement', () => {
  const obj = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): KubeObject => ({
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
  });
  const options = (extra: Partial<Parameters<typeof placeObjects>[1]> = {}): Parameters<typeof placeObjects>[1] => ({
    target: 'feature-ex-3-9',
    overlayNamespaces: new Map([['overlay', 'feature-BRANCH_NAME']]),
    allowNamespaces: [],
    allowClusterScoped: [],
    productionNamespaces: ['project'],
    namespaced: (o) => offlineNamespaced(o, []),
    ...extra,
  });

  it("moves objects without a namespace, or in the overlay's namespace, into the branch namespace", () => {
    const planned = [
      obj('ConfigMap', 'a'),
      obj('ConfigMap', 'b', 'feature-BRANCH_NAME'),
      obj('Namespace', 'feature-BRANCH_NAME'),
      obj('Service', 'c', 'feature-ex-3-9'),
    ].map((object) => ({ object, source: 'overlay' }));
    placeObjects(planned, options());
    expect(planned.map((p) => p.object.metadata?.namespace ?? p.object.metadata?.name)).toEqual([
      'feature-ex-3-9',
      'feature-ex-3-9',
      'feature-ex-3-9',
      'feature-ex-3-9',
    ]);
  });

  it('refuses other namespaces and cluster-scoped objects, listing all of them at once', () => {
    const planned = [
      obj('ConfigMap', 'scrape', 'monitoring'),
      obj('ClusterRole', 'reader', undefined, 'rbac.authorization.k8s.io/v1'),
      obj('Namespace', 'default'),
    ].map((object) => ({ object, source: 'overlay' }));
    const error = (() => {
      try {
        placeObjects(planned, options());
      } catch (e: unknown) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(error?.message).toContain('3 object(s) may not be applied');
    expect(error?.message).toContain('ConfigMap/scrape (from overlay) is aimed at namespace "monitoring"');
    expect(error?.message).toContain('ClusterRole/reader (from overlay) is cluster-scoped');
    expect(error?.message).toContain('Namespace/default');
    expect(error?.fix).toContain('allow-cluster-scoped');
  });

  it('lets explicitly allowed namespaces and kinds through, but never a protected namespace', () => {
    const planned = [obj('ConfigMap', 'scrape', 'monitoring'), obj('ClusterRole', 'reader', undefined, 'rbac.authorization.k8s.io/v1')].map((object) => ({
      object,
      source: 'overlay',
    }));
    placeObjects(planned, options({ allowNamespaces: ['monitoring'], allowClusterScoped: ['ClusterRole'] }));
    expect(planned[0]?.object.metadata?.namespace).toBe('monitoring');
    expect(() => placeObjects([{ object: obj('Namespace', 'kube-system'), source: 'overlay' }], options({ allowClusterScoped: ['Namespace'] }))).toThrow(
      UserError,
    );
    expect(() => placeObjects([{ object: obj('Namespace', 'project'), source: 'overlay' }], options({ allowClusterScoped: ['Namespace'] }))).toThrow(
      /Namespace project is protected/,
    );
    expect(() => placeObjects([{ object: obj('ConfigMap', 'x', 'project'), source: 'overlay' }], options({ allowNamespaces: ['project'] }))).toThrow(
      /protected namespace "project"/,
    );
  });

  it("refuses rendered objects that set the suite's own branch-env.io/ keys (forged marks or records)", () => {
    const ns: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'feature-BRANCH_NAME', annotations: { 'branch-env.io/external.app': '["v1 Namespace monitoring/project"]' } },
    };
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'branch-env.io/branch-name': 'main' } } };
    expect(() =>
      placeObjects(
        [
          { object: ns, source: 'overlay' },
          { object: cm, source: 'overlay' },
        ],
        options(),
      ),
    ).toThrow(/sets branch-env.io\/external.app[\s\S]*sets branch-env.io\/branch-name/);
  });

  it('uses a CRD of the render for the scope of its kind when offline', () => {
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget' } },
    };
    expect(offlineNamespaced(obj('Widget', 'w', undefined, 'example.com/v1'), [crd])).toBe(false);
    expect(offlineNamespaced(obj('Gadget', 'g', undefined, 'example.com/v1'), [crd])).toBe(true);
    expect(offlineNamespaced(obj('ClusterRoleBinding', 'b', undefined, 'rbac.authorization.k8s.io/v1'), [])).toBe(false);
  });
});

describe('namespace checks', () => {
  const names = branchNames('ex-3-9');
  const owner = ownerOf(names, 'octo/app');
  const managed = { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9' };
  const marked = (branch: string, repository = 'octo/app'): Record<string, string> => ({
    'branch-env.io/branch-name': branch,
    'branch-env.io/repository': repository,
  });

  it('uses a missing or own namespace, refuses anything else with the fix', () => {
    expect(checkNamespace('feature-ex-3-9', undefined, owner)).toBe(false);
    expect(checkNamespace('feature-ex-3-9', { metadata: { labels: managed, annotations: marked('ex-3-9') } }, owner)).toBe(true);
    expect(checkNamespace('feature-ex-3-9', { metadata: { labels: managed, annotations: marked('ex-3-9', 'Octo/App') } }, owner)).toBe(true);
    expect(() => checkNamespace('project', { metadata: { labels: {} } }, owner)).toThrow(/not made by this suite/);
    expect(() => checkNamespace('feature-ex-3-9', { metadata: { labels: { ...managed, 'branch-env.io/branch': 'other' } } }, owner)).toThrow(
      /belongs to another branch/,
    );
    expect(() => checkNamespace('feature-ex-3-9', { metadata: { deletionTimestamp: 'x', labels: managed, annotations: marked('ex-3-9') } }, owner)).toThrow(
      /Terminating/,
    );
  });

  it('proves ownership by the exact branch and repository, never by the slug', () => {
    expect(() => checkNamespace('feature-ex-3-9', { metadata: { labels: managed, annotations: marked('Ex-3-9') } }, owner)).toThrow(
      /belongs to branch "Ex-3-9" of octo\/app/,
    );
    expect(() => checkNamespace('feature-ex-3-9', { metadata: { labels: managed, annotations: marked('ex-3-9', 'evil/fork') } }, owner)).toThrow(
      /belongs to branch "ex-3-9" of evil\/fork/,
    );
    // A label-only (older) mark is trusted for an unhashed slug, which one branch name alone gives...
    expect(checkNamespace('feature-ex-3-9', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'feature-ex-3-9', labels: managed } }, owner)).toBe(true);
    // ...and only on the branch's own namespace: a label an older version put on another one proves nothing.
    expect(() => checkNamespace('shared-env', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared-env', labels: managed } }, owner)).toThrow(
      /not the branch's own namespace/,
    );
    // ...but never for a hashed one, which other branches can share.
    const hashed = branchNames('Feature/Login');
    const hashedOwner = ownerOf(hashed, 'octo/app');
    const labels = { ...managed, 'branch-env.io/branch': hashed.slug };
    expect(() => checkNamespace(hashed.namespace, { metadata: { labels } }, hashedOwner)).toThrow(/no exact branch mark/);
  });

  it('never deploys into default, kube-* or a production namespace', () => {
    expect(() => assertUsableNamespace('default', 'namespace', [])).toThrow(/never deploys into `default`/);
    expect(() => assertUsableNamespace('kube-system', 'namespace', [])).toThrow(UserError);
    expect(() => assertUsableNamespace('project', 'namespace', ['project'])).toThrow(/production namespaces/);
    expect(() => assertUsableNamespace('feature-ex-3-9', 'branch', ['project'])).not.toThrow();
  });

  it('refuses a protected namespace in allow-namespaces, naming the input', () => {
    expect(() => read({ overlays: 'a', 'allow-namespaces': 'monitoring, kube-system' })).toThrow(
      /`allow-namespaces` holds "kube-system", a protected namespace/,
    );
    expect(() => read({ overlays: 'a', 'allow-namespaces': 'prod-db', 'production-namespaces': 'prod-db' })).toThrow(/protected namespace/);
    expect(read({ overlays: 'a' }).productionNamespaces).toEqual(['production', 'prod', 'project']);
    expect(read({ overlays: 'a' }).adoptExisting).toBe(false);
    expect(read({ overlays: 'a' }).forks).toBe('refuse');
  });
});
