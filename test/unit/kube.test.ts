// shared/kube/client.ts without a cluster: kubeconfig loading (text, path, KUBECONFIG lists) with
// credentials masked, Status errors made readable, and the namespace ownership rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { describeKubeError, kubeApiError } from '../../shared/kube/errors.ts';
import { isProtectedNamespace, ownershipSelector } from '../../shared/branch/ownership/protected.ts';
import { isTerminating } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { parseFault } from '../../shared/kube/config.ts';
import { checkMark, ownerOf } from '../../shared/branch/ownership/kube-marks.ts';
import { branchNames } from '../../shared/branch/naming.ts';

const TOKEN = 'tok-0123456789abcdefghij';
const KEY_PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkey-material-line\n-----END EC PRIVATE KEY-----\n';

function kubeconfig(server: string, user: Record<string, string>, extra = ''): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c1',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: u1',
    '  user:',
    ...Object.entries(user).map(([k, v]) => `    ${k}: ${v}`),
    'contexts:',
    '- name: ctx1',
    '  context: {cluster: c1, user: u1, namespace: team}',
    'current-context: ctx1',
    extra,
  ].join('\n');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kube-unit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadKubeconfig', () => {
  it('loads YAML text from the input and masks the token in every form', async () => {
    const masked: string[] = [];
    const loaded = await loadKubeconfig({ input: kubeconfig('https://aks.example:443', { token: TOKEN }), setSecret: (s) => masked.push(s) });
    expect(loaded.connection.server).toBe('https://aks.example:443');
    expect(loaded.connection.context).toBe('ctx1');
    expect(loaded.connection.source).toBe('the `kubeconfig` input');
    expect(masked).toContain(TOKEN);
    expect(masked).toContain(Buffer.from(TOKEN).toString('base64'));
    // Each form once, although the text and the parsed user both name it.
    expect(new Set(masked).size).toBe(masked.length);
    // Ordinary lines of the kubeconfig are not masked.
    expect(masked).not.toContain('apiVersion: v1');
  });

  it('masks passwords and client keys (base64 and the PEM lines inside)', async () => {
    const masked: string[] = [];
    const keyData = Buffer.from(KEY_PEM).toString('base64');
    await loadKubeconfig({
      input: kubeconfig('https://aks.example', { username: 'admin', password: 'hunter2-long-password', 'client-key-data': keyData }),
      setSecret: (s) => masked.push(s),
    });
    expect(masked).toContain('hunter2-long-password');
    expect(masked).toContain(keyData);
    expect(masked).toContain('MHcCAQEEIBkey-material-line');
    expect(masked).not.toContain('admin');
  });

  it('reads a file path given in the input', async () => {
    const file = path.join(dir, 'config-a');
    writeFileSync(file, kubeconfig('https://from-file.example', { token: TOKEN }));
    const loaded = await loadKubeconfig({ input: file, setSecret: () => undefined });
    expect(loaded.connection.server).toBe('https://from-file.example');
    expect(loaded.connection.source).toContain('config-a');
  });

  it('uses KUBECONFIG, merging a list of files first-wins as kubectl does', async () => {
    const first = path.join(dir, 'k1');
    const second = path.join(dir, 'k2');
    writeFileSync(first, kubeconfig('https://first.example', { token: TOKEN }));
    writeFileSync(
      second,
      kubeconfig('https://second.example', { token: 'other-token-value' }).replace(/c1/g, 'c2').replace(/u1/g, 'u2').replace(/ctx1/g, 'ctx2'),
    );
    const masked: string[] = [];
    const loaded = await loadKubeconfig({ env: { KUBECONFIG: `${first}:${path.join(dir, 'missing')}:${second}` }, setSecret: (s) => masked.push(s) });
    expect(loaded.connection.server).toBe('https://first.example');
    expect(loaded.contexts.sort()).toEqual(['ctx1', 'ctx2']);
    expect(masked).toContain('other-token-value');
  });

  it('refuses a missing kubeconfig with the fix', async () => {
    const none = loadKubeconfig({ env: {}, setSecret: () => undefined });
    await expect(none).rejects.toBeInstanceOf(UserError);
    await expect(none).rejects.toThrow(/KUBECONFIG is not set/);
    await expect(loadKubeconfig({ input: path.join(dir, 'nope.yaml'), setSecret: () => undefined })).rejects.toThrow(/does not exist/);
    await expect(loadKubeconfig({ env: { KUBECONFIG: path.join(dir, 'gone') }, setSecret: () => undefined })).rejects.toThrow(/does not exist/);
  });

  it('refuses a kubeconfig without a current context, and broken YAML without echoing it', async () => {
    const noContext = kubeconfig('https://x.example', { token: TOKEN }).replace('current-context: ctx1', '');
    await expect(loadKubeconfig({ input: noContext, setSecret: () => undefined })).rejects.toThrow(/no current context/);
    const broken = `apiVersion: v1\nclusters: [\n  token: ${TOKEN}`;
    const error = await loadKubeconfig({ input: broken, setSecret: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain(TOKEN);
    // No cause to print under debug: js-yaml's own message quotes the lines around the fault.
    expect((error as Error).cause).toBeUndefined();
    expect((error as Error).message).toMatch(/at line 3, column \d+\.$/);
  });

  it('says why YAML did not parse with words and a position only, never a quoted tag or alias', () => {
    const fault = (text: string): string => {
      try {
        yaml.load(text);
      } catch (error: unknown) {
        return parseFault(error);
      }
      return 'parsed';
    };
    expect(fault(`a: !x${TOKEN} b`)).toBe('unknown scalar tag at line 1, column 4');
    expect(fault(`a: *${TOKEN}`)).toBe('unidentified alias at line 1, column 5');
    expect(fault('a: 1\na: 2')).toBe('duplicated mapping key at line 2, column 1');
    expect(parseFault(new RangeError(TOKEN))).toBe('it is not valid YAML');
  });

  it('refuses a legacy auth-provider user at load, with the way to an exec plugin, its tokens masked', async () => {
    const masked: string[] = [];
    const text = kubeconfig('https://aks.example', {}).replace('  user:\n', `  user:\n    auth-provider: {name: gcp, config: {access-token: ${TOKEN}}}\n`);
    const error = await loadKubeconfig({ input: text, setSecret: (s) => masked.push(s) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).describe()).toMatch(/legacy auth-provider "gcp".*removed the azure and gcp providers in 1\.26.*gke-gcloud-auth-plugin/);
    expect(masked).toContain(TOKEN);
  });
});

describe('API errors', () => {
  const conflict = {
    code: 409,
    body: JSON.stringify({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }] },
      code: 409,
    }),
  };

  it('reads the Status inside an ApiException body string', () => {
    const api = kubeApiError(conflict);
    expect(api).toEqual({
      code: 409,
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }],
    });
    expect(describeKubeError(conflict)).toBe('409 Conflict: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
  });

  it('copes with a non-JSON body and with errors that are not API errors', () => {
    expect(describeKubeError({ code: 502, body: 'Bad Gateway' })).toBe('502: Bad Gateway');
    expect(describeKubeError({ code: 500, body: '' })).toBe('500: HTTP 500');
    expect(kubeApiError(new Error('socket hang up'))).toBeUndefined();
    expect(describeKubeError(new Error('fetch failed\nmore detail'))).toBe('fetch failed');
  });
});

describe('namespace ownership', () => {
  const names = branchNames('ex-3-9');
  const ns = (labels: Record<string, string>, terminating = false): { metadata: Record<string, unknown> } => ({
    metadata: { name: 'feature-ex-3-9', labels, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  });

  it('tells missing, ours, another branch, unproven and unmanaged apart (exact marks: test/unit/ownership-attacks.test.ts)', () => {
    const owner = ownerOf(names, 'octo/app');
    const managed = { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': 'ex-3-9' };
    expect(checkMark(undefined, owner)).toEqual({ state: 'missing' });
    expect(checkMark(ns(managed), owner)).toEqual({ state: 'ours', legacy: true });
    expect(checkMark(ns({ ...managed, 'branch-env.io/branch': 'other' }), owner)).toMatchObject({ state: 'other' });
    expect(checkMark(ns({ 'app.kubernetes.io/managed-by': 'Helm', 'branch-env.io/branch': 'ex-3-9' }), owner)).toEqual({ state: 'unmanaged' });
    expect(checkMark(ns({}), owner)).toEqual({ state: 'unmanaged' });
    expect(isTerminating(ns(managed, true))).toBe(true);
  });

  it('protects default and kube-* and the extra names', () => {
    expect(isProtectedNamespace('default')).toBe(true);
    expect(isProtectedNamespace('kube-system')).toBe(true);
    expect(isProtectedNamespace('kube-node-lease')).toBe(true);
    expect(isProtectedNamespace('project', ['project'])).toBe(true);
    expect(isProtectedNamespace('feature-ex-3-9', ['project'])).toBe(false);
  });

  it('selects a branch by the two ownership labels', () => {
    expect(ownershipSelector(names)).toBe('app.kubernetes.io/managed-by=branch-env-actions,branch-env.io/branch=ex-3-9');
  });
});

describe('objects recorded in other namespaces', () => {
  it('reads every apply set (or one), skips malformed lines and broken JSON, and formats back', async () => {
    const { externalRefs, formatExternalRef, parseExternalRef } = await import('../../shared/branch/ownership/outside-objects.ts');
    const ns = {
      metadata: {
        annotations: {
          'branch-env.io/external.app': JSON.stringify(['v1 ConfigMap mon/a', 'not a ref', 'apps/v1 Deployment Bad_NS/x']),
          'branch-env.io/external.monitoring': JSON.stringify(['monitoring.coreos.com/v1 ServiceMonitor mon/b', 'v1 ConfigMap mon/a']),
          'branch-env.io/external.broken': '{not json',
          'other/annotation': '["v1 ConfigMap mon/z"]',
        },
      },
    };
    expect(externalRefs(ns).map(formatExternalRef)).toEqual(['v1 ConfigMap mon/a', 'monitoring.coreos.com/v1 ServiceMonitor mon/b']);
    expect(externalRefs(ns, 'monitoring').map(formatExternalRef)).toEqual(['monitoring.coreos.com/v1 ServiceMonitor mon/b', 'v1 ConfigMap mon/a']);
    expect(externalRefs(undefined)).toEqual([]);
    expect(parseExternalRef('apps/v1 Deployment web/api')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' });
  });
});
