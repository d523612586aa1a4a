// The emulator's preset CRDs (Gateway API HTTPRoute and Gateway v1.3.0, SecretProviderClass
// v1.5.6, ServiceMonitor v0.93.0) carry their upstream openAPIV3Schema, so the real kubectl 1.32
// sees custom resources refused as a real API server with those CRDs refuses them: unknown fields
// (structured-merge-diff, strict decoding), enum, pattern, required, maxItems, maxLength and
// maximum (kube-openapi validation turned into field errors by apiextensions-apiserver's
// kubeOpenAPIResultToFieldErrors, worded by k8s.io/apimachinery field/errors.go of 1.32), the
// CRD's defaults filled in, the enums shown by kubectl explain, and an unchanged invalid value
// kept on update (CRDValidationRatcheting, on by default since 1.30). The real overlays' custom
// resources (kubemooc, the sample app) are accepted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { kubectlIn, type KubectlRun } from '../helpers/kubectl.ts';

let emu: KubeEmulator;
let dir: string;

function kubectl(args: string[], stdin?: string): Promise<KubectlRun> {
  return kubectlIn(dir, args, stdin);
}

const KUBEMOOC = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'kubemooc', 'manifests', 'base');
const SAMPLE = path.resolve(import.meta.dirname, '..', 'fixtures', 'sample-app', 'base');

const route = (name: string, spec: string): string =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: ${name}, namespace: crd}\nspec:\n${spec}\n`;

interface Case {
  name: string;
  args: string[];
  stdin?: string;
  code: number;
  out?: RegExp;
  err?: RegExp;
  /** Where a real server's answer comes from. */
  source: string;
}

const VALIDATION = 'apiextensions-apiserver validation.go kubeOpenAPIResultToFieldErrors + apimachinery field/errors.go (1.32)';

const cases: Case[] = [
  { name: 'a namespace for the cases', args: ['create', 'namespace', 'crd'], code: 0, out: /namespace\/crd created/, source: 'core' },
  {
    name: 'an HTTPRoute path type outside its enum is refused',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('enum', '  parentRefs: [{name: gw}]\n  rules:\n  - matches: [{path: {type: Prefix, value: /}}]\n    backendRefs: [{name: web, port: 80}]'),
    code: 1,
    err: /The HTTPRoute "enum" is invalid: spec\.rules\[0\]\.matches\[0\]\.path\.type: Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"/,
    source: `${VALIDATION}: EnumFailCode → field.NotSupported`,
  },
  {
    name: 'the same refusal through client-side apply (create)',
    args: ['apply', '-f', '-'],
    stdin: route('enum', '  parentRefs: [{name: gw}]\n  rules:\n  - matches: [{path: {type: Prefix, value: /}}]'),
    code: 1,
    err: /The HTTPRoute "enum" is invalid: spec\.rules\[0\]\.matches\[0\]\.path\.type: Unsupported value: "Prefix"/,
    source: VALIDATION,
  },
  {
    name: 'an HTTPRoute field the CRD does not declare is refused by server-side apply',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('unknown', '  parentRefs: [{name: gw}]\n  hostname: web.example.com'),
    code: 1,
    err: /failed to create typed patch object \(crd\/unknown; gateway\.networking\.k8s\.io\/v1, Kind=HTTPRoute\): \.spec\.hostname: field not declared in schema/,
    source: 'structured-merge-diff typed conversion against the CRD schema',
  },
  {
    name: 'and by strict decoding of a create',
    args: ['apply', '-f', '-'],
    stdin: route('unknown', '  parentRefs: [{name: gw}]\n  hostname: web.example.com'),
    code: 1,
    err: /HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: unknown field "spec\.hostname"/,
    source: 'fieldValidation=Strict (kubectl --validate=true)',
  },
  {
    name: 'a pattern, a required field and a maximum, each a cause of its own',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('many', '  hostnames: [Bad_Host]\n  parentRefs: [{namespace: gateways}]\n  rules:\n  - backendRefs: [{name: web, port: 70000}]'),
    code: 1,
    err: new RegExp(
      [
        String.raw`The HTTPRoute "many" is invalid: \n`,
        String.raw`\* spec\.hostnames\[0\]: Invalid value: "Bad_Host": spec\.hostnames\[0\] in body should match '\^\(\\\*\\\.\)\?\[a-z0-9\]`,
        String.raw`[^\n]*\n\* spec\.parentRefs\[0\]\.name: Required value\n`,
        String.raw`\* spec\.rules\[0\]\.backendRefs\[0\]\.port: Invalid value: 70000: spec\.rules\[0\]\.backendRefs\[0\]\.port in body should be less than or equal to 65535`,
      ].join(''),
    ),
    source: `${VALIDATION}: PatternFail/MaxFail → field.Invalid with the go-openapi message; RequiredFailCode → field.Required`,
  },
  {
    name: 'too many hostnames and a name too long',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('long', `  hostnames: [${Array.from({ length: 17 }, (_, i) => `h${i}.example.com`).join(', ')}]\n  parentRefs: [{name: ${'g'.repeat(254)}}]`),
    code: 1,
    err: /\* spec\.hostnames: Too many: 17: must have at most 16 items\n\* spec\.parentRefs\[0\]\.name: Too long: may not be longer than 253/,
    source: `${VALIDATION}: MaxItemsFailCode → field.TooMany, TooLongFailCode → field.TooLongMaxLength`,
  },
  {
    name: 'a valid HTTPRoute is stored',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('web', '  parentRefs: [{name: gw, namespace: gateways}]\n  rules:\n  - backendRefs: [{name: web, port: 80}]'),
    code: 0,
    out: /httproute\.gateway\.networking\.k8s\.io\/web serverside-applied/,
    source: 'gateway-api v1.3.0 standard CRD',
  },
  {
    name: "with the CRD's defaults filled in",
    args: [
      'get',
      'httproute',
      'web',
      '-n',
      'crd',
      '-o',
      'jsonpath={.spec.rules[0].matches[0].path.type} {.spec.rules[0].matches[0].path.value} {.spec.parentRefs[0].group} {.spec.parentRefs[0].kind} {.spec.rules[0].backendRefs[0].kind} {.spec.rules[0].backendRefs[0].weight}',
    ],
    code: 0,
    out: /^PathPrefix \/ gateway\.networking\.k8s\.io Gateway Service 1$/,
    source: 'apiextensions-apiserver structural defaulting (schema/defaulting)',
  },
  {
    name: 'kubectl explain shows the enum',
    args: ['explain', 'httproute.spec.rules.matches.path.type'],
    code: 0,
    out: /FIELD: type <string>\nENUM:\n {4}Exact\n {4}PathPrefix\n {4}RegularExpression/,
    source: '/openapi/v3 publishes the CRD schema (kubectl explain v3 printer)',
  },
  {
    name: 'a ServiceMonitor with a bad scheme and interval is refused',
    args: ['apply', '--server-side', '-f', '-'],
    stdin:
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: sm, namespace: crd}\nspec:\n  selector: {matchLabels: {a: b}}\n  endpoints: [{port: web, scheme: ftp, interval: 30 seconds}]\n',
    code: 1,
    err: /\* spec\.endpoints\[0\]\.interval: Invalid value: "30 seconds": spec\.endpoints\[0\]\.interval in body should match '\^\(0\|[^\n]*\n\* spec\.endpoints\[0\]\.scheme: Unsupported value: "ftp": supported values: "http", "https", "HTTP", "HTTPS"/,
    source: `${VALIDATION} (prometheus-operator v0.93.0 CRD)`,
  },
  {
    name: 'a ServiceMonitor without its required fields is refused',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: sm, namespace: crd}\nspec: {}\n',
    code: 1,
    err: /\* spec\.endpoints: Required value\n\* spec\.selector: Required value/,
    source: VALIDATION,
  },
  {
    name: 'a SecretProviderClass with a mistyped parameter value is refused',
    args: ['apply', '--server-side', '-f', '-'],
    stdin:
      'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: spc, namespace: crd}\nspec:\n  provider: azure\n  parameters: {usePodIdentity: false}\n',
    code: 1,
    err: /\.spec\.parameters\.usePodIdentity: expected string, got &value\.valueUnstructured\{Value:false\}/,
    source: 'structured-merge-diff typed conversion (parameters is map[string]string)',
  },
  {
    name: 'an HTTPRoute hostname given as a map is refused with the value Go prints',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: route('typed', '  hostnames: [{name: web, zone: example.com}]'),
    code: 1,
    err: /\.spec\.hostnames\[0\]: expected string, got &value\.valueUnstructured\{Value:map\[string\]interface \{\}\{"name":"web", "zone":"example\.com"\}\}/,
    source: 'structured-merge-diff validateScalar: "expected string, got %#v"',
  },
];

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 20 });
  dir = mkdtempSync(path.join(tmpdir(), 'kube-crds-'));
  await emu.writeKubeconfig(path.join(dir, 'kubeconfig'));
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preset CRDs validate custom resources as a real API server with those CRDs does', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const run = await kubectl(c.args, c.stdin);
      const context = `kubectl ${c.args.join(' ')} (${c.source})\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
      expect(run.code, context).toBe(c.code);
      if (c.out) expect(run.stdout, context).toMatch(c.out);
      if (c.err) expect(run.stderr, context).toMatch(c.err);
    });
  }

  it("accepts the real overlays' custom resources (kubemooc and the sample app)", async () => {
    expect((await kubectl(['create', 'namespace', 'project'])).code).toBe(0);
    const files = [
      path.join(KUBEMOOC, 'shared', 'httproute.yaml'),
      path.join(KUBEMOOC, 'shared', 'health-check-fe.yaml'),
      path.join(KUBEMOOC, 'shared', 'secret-provider-class.yaml'),
      path.join(KUBEMOOC, 'shared', 'secret-provider-class-feature.yaml'),
      path.join(KUBEMOOC, 'nats', 'servicemonitor.yaml'),
      path.join(SAMPLE, 'httproute.yaml'),
    ];
    for (const file of files) {
      const run = await kubectl(['apply', '--server-side', '-n', 'project', '-f', file]);
      expect(run.code, `${file}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/serverside-applied/);
    }
  });

  it('keeps a stored value that is no longer valid while an update leaves it alone (ratcheting), and refuses changing it to another invalid one', async () => {
    // Stored before the CRD tightened (as after a CRD upgrade): seeded past validation.
    emu.store.seed({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'old', namespace: 'crd' },
      spec: { parentRefs: [{ name: 'gw' }], hostnames: ['Old_Host'] },
    });
    const touched = await kubectl(['label', 'httproute', 'old', '-n', 'crd', 'touched=yes']);
    expect(touched.code, touched.stderr).toBe(0);
    const changed = await kubectl(['patch', 'httproute', 'old', '-n', 'crd', '--type=merge', '-p', '{"spec":{"hostnames":["Other_Host"]}}']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/spec\.hostnames\[0\]: Invalid value: "Other_Host": spec\.hostnames\[0\] in body should match/);
  });
});
