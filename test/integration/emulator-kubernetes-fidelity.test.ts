// The Kubernetes emulator's fidelity, case by case, with the real kubectl 1.32
// and validation on: a list of everyday commands and a list of server-side
// apply semantics, each with the answer a 1.32 API server gives (the source that
// decides it is named with each case). The cases run in order and build on
// each other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { kubectlIn, type KubectlRun } from '../helpers/kubectl.ts';

let emu: KubeEmulator;
let dir: string;

function kubectl(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<KubectlRun> {
  return kubectlIn(dir, args, stdin, env);
}

/** One case: kubectl's arguments (`-f -` reads `stdin`), the exit code, and what stdout or stderr must show. */
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

const gadgetCrd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items: {type: object, required: [name], properties: {name: {type: string}, port: {type: integer}}}
              tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}
              hosts: {type: array, items: {type: string}}
              config: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

const gadget = (spec: string): string => `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1, namespace: fid}\nspec: ${spec}\n`;

const web = (spec: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: fid}
spec:
  ${spec}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx:1.27"${extra}}]
`;

const cm = (body: string, name = 'cfg', meta = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: fid${meta}}\n${body}\n`;

const SSA = 'k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager (1.32): typed conversion by structured-merge-diff';
const DECODE = 'k8s.io/apiserver/pkg/endpoints/handlers/create.go + rest.go transformDecodeError; apimachinery strict decoding';

const commands: Case[] = [
  { name: 'version', args: ['version'], code: 0, out: /Server Version: v1\.32\.4/, source: '/version' },
  {
    name: 'create namespace (protobuf body)',
    args: ['create', 'namespace', 'fid'],
    code: 0,
    out: /^namespace\/fid created/,
    source: 'kubectl create namespace: typed client, protobuf',
  },
  {
    name: 'create deployment (protobuf)',
    args: ['create', 'deployment', 'imp', '--image=nginx:1.27', '--replicas=2', '--port=80', '-n', 'fid'],
    code: 0,
    out: /deployment.apps\/imp created/,
    source: 'kubectl create deployment',
  },
  {
    name: 'create configmap (protobuf)',
    args: ['create', 'configmap', 'lit', '--from-literal=a=b', '-n', 'fid'],
    code: 0,
    out: /configmap\/lit created/,
    source: 'kubectl create configmap',
  },
  {
    name: 'create secret generic (protobuf)',
    args: ['create', 'secret', 'generic', 'pw', '--from-literal=p=q', '-n', 'fid'],
    code: 0,
    out: /secret\/pw created/,
    source: 'kubectl create secret',
  },
  {
    name: 'secret data is base64 of the literal',
    args: ['get', 'secret', 'pw', '-n', 'fid', '-o', 'jsonpath={.data.p}'],
    code: 0,
    out: /^cQ==$/,
    source: 'Secret.data bytes',
  },
  {
    name: 'create serviceaccount (protobuf)',
    args: ['create', 'serviceaccount', 'bot', '-n', 'fid'],
    code: 0,
    out: /serviceaccount\/bot created/,
    source: 'kubectl create serviceaccount',
  },
  {
    name: 'create service clusterip (protobuf)',
    args: ['create', 'service', 'clusterip', 'backend', '--tcp=80:8080', '-n', 'fid'],
    code: 0,
    out: /service\/backend created/,
    source: 'kubectl create service',
  },
  {
    name: 'the Service as created',
    args: ['get', 'service', 'backend', '-n', 'fid', '-o', 'jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort} {.spec.selector.app} {.spec.type}'],
    code: 0,
    out: /^80:8080 backend ClusterIP$/,
    source: 'ServicePort, IntOrString',
  },
  {
    name: 'create job (protobuf)',
    args: ['create', 'job', 'once', '--image=busybox:1', '-n', 'fid'],
    code: 0,
    out: /job.batch\/once created/,
    source: 'kubectl create job',
  },
  {
    name: 'create role and rolebinding (protobuf)',
    args: ['create', 'role', 'reader', '--verb=get,list', '--resource=pods', '-n', 'fid'],
    code: 0,
    out: /role.rbac.authorization.k8s.io\/reader created/,
    source: 'kubectl create role',
  },
  {
    name: 'create rolebinding (protobuf)',
    args: ['create', 'rolebinding', 'reader', '--role=reader', '--serviceaccount=fid:bot', '-n', 'fid'],
    code: 0,
    out: /rolebinding.rbac.authorization.k8s.io\/reader created/,
    source: 'kubectl create rolebinding',
  },
  {
    name: 'get rolebinding -o wide',
    args: ['get', 'rolebinding', 'reader', '-n', 'fid', '-o', 'wide'],
    code: 0,
    out: /NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\nreader\s+Role\/reader\s+\S+\s+fid\/bot/,
    source: 'printers.go roleBindingsColumnDefinitions',
  },
  {
    name: 'auth can-i',
    args: ['auth', 'can-i', 'create', 'deployments', '-n', 'fid'],
    code: 0,
    out: /^yes/,
    source: 'SelfSubjectAccessReview (RBAC not modelled: allowed)',
  },
  { name: 'auth whoami', args: ['auth', 'whoami'], code: 0, out: /Username\s+system:anonymous/, source: 'SelfSubjectReview; kubectl over http sends no token' },
  {
    name: 'explain a field',
    args: ['explain', 'deployment.spec.strategy.rollingUpdate.maxSurge'],
    code: 0,
    out: /KIND:\s+Deployment[\s\S]*FIELD: maxSurge <IntOrString>/,
    source: '/openapi/v3 (kubectl explain reads v3)',
  },
  {
    name: 'explain a Quantity map',
    args: ['explain', 'pod.spec.containers.resources.limits'],
    code: 0,
    out: /FIELD: limits <map\[string\]Quantity>/,
    source: 'kube-openapi OpenAPIV3OneOfTypes',
  },
  {
    name: 'explain lists the fields with their descriptions',
    args: ['explain', 'deployment.spec'],
    code: 0,
    out: /replicas\t<integer>\n\s+Number of desired pods/,
    source: '/openapi/v3',
  },
  {
    name: 'explain a custom resource',
    args: ['explain', 'httproutes'],
    code: 0,
    out: /KIND:\s+HTTPRoute/,
    source: '/openapi/v3/apis/gateway.networking.k8s.io/v1',
  },
  {
    name: 'apply (client-side, validation on)',
    args: ['apply', '-f', '-'],
    stdin: cm('data: {a: "1"}'),
    code: 0,
    out: /configmap\/cfg created/,
    source: 'kubectl apply: fieldValidation=Strict',
  },
  {
    name: 'apply --server-side (validation on)',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: web('replicas: 2\n  minReadySeconds: 1'),
    code: 0,
    out: /deployment.apps\/web serverside-applied/,
    source: SSA,
  },
  {
    name: 'create -f with an unknown field',
    args: ['create', '-f', '-'],
    stdin: web('replica: 2').replace('name: web', 'name: typo'),
    code: 1,
    err: /Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"/,
    source: DECODE,
  },
  {
    name: 'apply with an unknown field',
    args: ['apply', '-f', '-'],
    stdin: cm('daata: {a: "1"}'),
    code: 1,
    err: /strict decoding error: unknown field "daata"/,
    source: DECODE,
  },
  {
    name: 'create --validate=warn drops the field with a warning',
    args: ['create', '--validate=warn', '-f', '-'],
    stdin: cm('daata: {a: "1"}', 'warned'),
    code: 0,
    err: /Warning: unknown field "daata"/,
    source: 'fieldValidation=Warn: Warning header 299',
  },
  {
    name: 'create --validate=false ignores it',
    args: ['create', '--validate=false', '-f', '-'],
    stdin: cm('daata: {a: "1"}', 'ignored'),
    code: 0,
    out: /configmap\/ignored created/,
    source: 'fieldValidation=Ignore',
  },
  {
    name: 'a mistyped field is refused whatever the validation',
    args: ['create', '--validate=false', '-f', '-'],
    stdin: web('replicas: "two"').replace('name: web', 'name: mistyped'),
    code: 1,
    err: /json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32/,
    source: 'encoding/json UnmarshalTypeError',
  },
  {
    name: 'get -o wide (Deployment)',
    args: ['get', 'deployment', 'web', '-n', 'fid', '-o', 'wide'],
    code: 0,
    out: /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nweb\s+\d\/2\s+\d\s+\d\s+\S+\s+app\s+nginx:1.27\s+app=web/,
    source: 'printers.go deploymentColumnDefinitions',
  },
  { name: 'expose', args: ['expose', 'deployment', 'web', '--port=80', '-n', 'fid'], code: 0, out: /service\/web exposed/, source: 'kubectl expose' },
  {
    name: 'get -o wide (Service)',
    args: ['get', 'service', 'web', '-n', 'fid', '-o', 'wide'],
    code: 0,
    out: /NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\nweb\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP\s+\S+\s+app=web/,
    source: 'printers.go serviceColumnDefinitions',
  },
  {
    name: 'get configmaps (DATA column)',
    args: ['get', 'configmap', 'lit', '-n', 'fid'],
    code: 0,
    out: /NAME\s+DATA\s+AGE\nlit\s+1\s/,
    source: 'printers.go configMapColumnDefinitions',
  },
  {
    name: 'get secrets (TYPE, DATA)',
    args: ['get', 'secret', 'pw', '-n', 'fid'],
    code: 0,
    out: /NAME\s+TYPE\s+DATA\s+AGE\npw\s+Opaque\s+1\s/,
    source: 'printers.go secretColumnDefinitions',
  },
  {
    name: 'get pods -o wide',
    args: ['get', 'pods', '-n', 'fid', '-l', 'app=imp', '-o', 'wide'],
    code: 0,
    out: /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/,
    source: 'printers.go podColumnDefinitions',
  },
  {
    name: '--sort-by a spec field',
    args: ['get', 'deployments', '-n', 'fid', '--sort-by=.spec.template.spec.containers[0].name'],
    code: 0,
    out: /NAME[^\n]*\nweb\s[^\n]*\nimp\s/,
    source: 'kubectl sorts rows by includeObject=Object',
  },
  {
    name: 'set image (strategic merge patch by name)',
    args: ['set', 'image', 'deployment/web', 'app=nginx:1.28', '-n', 'fid'],
    code: 0,
    out: /image updated/,
    source: 'SMP patchMergeKey name',
  },
  {
    name: 'the container keeps its other fields',
    args: ['get', 'deployment', 'web', '-n', 'fid', '-o', 'jsonpath={.spec.template.spec.containers[0].name}={.spec.template.spec.containers[0].image}'],
    code: 0,
    out: /^app=nginx:1.28$/,
    source: 'SMP',
  },
  {
    name: 'patch adds a container (merged by name)',
    args: ['patch', 'deployment', 'web', '-n', 'fid', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1"}]}}}}'],
    code: 0,
    out: /patched/,
    source: 'SMP merge list',
  },
  {
    name: 'two containers now',
    args: ['get', 'deployment', 'web', '-n', 'fid', '-o', 'jsonpath={.spec.template.spec.containers[*].name}'],
    code: 0,
    out: /^app side$/,
    source: 'SMP',
  },
  {
    name: 'patch $patch: delete removes one',
    args: ['patch', 'deployment', 'web', '-n', 'fid', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}'],
    code: 0,
    out: /patched/,
    source: 'SMP directive',
  },
  {
    name: 'no directive is stored',
    args: ['get', 'deployment', 'web', '-n', 'fid', '-o', 'json'],
    code: 0,
    out: /^(?![\s\S]*\$(patch|setElementOrder|retainKeys))[\s\S]*"name": "app"/,
    source: 'SMP directives are never stored',
  },
  { name: 'label', args: ['label', 'deployment', 'web', '-n', 'fid', 'tier=front'], code: 0, out: /labeled/, source: 'merge patch' },
  { name: 'scale', args: ['scale', 'deployment', 'web', '-n', 'fid', '--replicas=3'], code: 0, out: /scaled/, source: 'scale subresource' },
  {
    name: 'rollout status',
    args: ['rollout', 'status', 'deployment/web', '-n', 'fid', '--timeout=30s'],
    code: 0,
    out: /successfully rolled out/,
    source: 'rollout_status.go',
  },
  { name: 'rollout restart', args: ['rollout', 'restart', 'deployment/web', '-n', 'fid'], code: 0, out: /restarted/, source: 'SMP of an annotation' },
  {
    name: 'edit with validation on',
    args: ['edit', 'configmap', 'cfg', '-n', 'fid'],
    code: 0,
    out: /configmap\/cfg edited/,
    source: 'kubectl edit: SMP from /openapi/v3',
  },
  { name: 'edited value', args: ['get', 'configmap', 'cfg', '-n', 'fid', '-o', 'jsonpath={.data.a}'], code: 0, out: /^edited$/, source: 'kubectl edit' },
  {
    name: 'diff (server-side dry run)',
    args: ['diff', '-f', '-'],
    stdin: cm('data: {a: "2"}'),
    code: 1,
    out: /-\s+a: edited\n\+\s+a: "2"/,
    source: 'kubectl diff: dryRun=All',
  },
  {
    name: 'api-resources',
    args: ['api-resources', '--api-group=apps'],
    code: 0,
    out: /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/,
    source: 'aggregated discovery',
  },
  {
    name: 'get nodes',
    args: ['get', 'nodes'],
    code: 0,
    out: /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n\S+\s+Ready\s+<none>/,
    source: 'printers.go nodeColumnDefinitions',
  },
  { name: 'delete', args: ['delete', 'configmap', 'lit', '-n', 'fid'], code: 0, out: /configmap "lit" deleted/, source: 'DELETE' },
];

const applies: Case[] = [
  {
    name: 'unknown field of a built-in kind, even with --validate=false',
    args: ['apply', '--server-side', '--validate=false', '-f', '-'],
    stdin: cm('daata: {a: "1"}', 'ssa'),
    code: 1,
    err: /Error from server: failed to create typed patch object \(fid\/ssa; \/v1, Kind=ConfigMap\): \.daata: field not declared in schema/,
    source: SSA,
  },
  {
    name: 'spec.replica of a Deployment',
    args: ['apply', '--server-side', '--validate=false', '-f', '-'],
    stdin: web('replica: 2'),
    code: 1,
    err: /failed to create typed patch object \(fid\/web; apps\/v1, Kind=Deployment\): \.spec\.replica: field not declared in schema/,
    source: SSA,
  },
  {
    name: 'a mistyped value',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: web('replicas: "two"'),
    code: 1,
    err: /\.spec\.replicas: expected numeric \(int or float\), got string/,
    source: 'structured-merge-diff validateScalar',
  },
  {
    name: 'duplicate keys of a list-map',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: web('replicas: 2', ', env: [{name: A, value: "1"}, {name: A, value: "2"}]'),
    code: 1,
    err: /\.spec\.template\.spec\.containers\[name="app"\]\.env: duplicate entries for key \[name="A"\]/,
    source: SSA,
  },
  { name: 'a CRD with list types', args: ['apply', '--server-side', '-f', '-'], stdin: gadgetCrd, code: 0, out: /serverside-applied/, source: 'apiextensions' },
  {
    name: 'a field the CRD does not declare',
    args: ['apply', '--server-side', '--validate=false', '-f', '-'],
    stdin: gadget('{size: 1, colour: red}'),
    code: 1,
    err: /failed to create typed patch object \(fid\/g1; example.com\/v1, Kind=Gadget\): \.spec\.colour: field not declared in schema/,
    source: SSA,
  },
  {
    name: 'preserve-unknown-fields keeps anything below it',
    args: ['apply', '--server-side', '--field-manager=one', '-f', '-'],
    stdin: gadget('{size: 1, config: {any: {thing: 1}}, ports: [{name: a, port: 1}], tags: [tag-a], hosts: [h1]}'),
    code: 0,
    out: /serverside-applied/,
    source: 'x-kubernetes-preserve-unknown-fields',
  },
  {
    name: 'a second applier of other list-map items and set values: no conflict',
    args: ['apply', '--server-side', '--field-manager=two', '-f', '-'],
    stdin: gadget('{ports: [{name: b, port: 2}], tags: [tag-b]}'),
    code: 0,
    out: /serverside-applied/,
    source: 'x-kubernetes-list-type map / set',
  },
  {
    name: "both appliers' items are kept",
    args: ['get', 'gadget', 'g1', '-n', 'fid', '-o', 'jsonpath={.spec.ports[*].name} {.spec.tags[*]} {.spec.config.any.thing}'],
    code: 0,
    out: /^a b tag-a tag-b 1$/,
    source: 'merge of list-map and set',
  },
  {
    name: 'an atomic list conflicts',
    args: ['apply', '--server-side', '--field-manager=two', '-f', '-'],
    stdin: gadget('{ports: [{name: b, port: 2}], tags: [tag-b], hosts: [h2]}'),
    code: 1,
    err: /Apply failed with 1 conflict: conflict with "one": \.spec\.hosts/,
    source: 'atomic list (default for CRDs)',
  },
  { name: 'additionalPrinterColumns', args: ['get', 'gadgets', '-n', 'fid'], code: 0, out: /NAME\s+SIZE\ng1\s+1/, source: 'CRD additionalPrinterColumns' },
  {
    name: 'metadata.finalizers is a set: first applier',
    args: ['apply', '--server-side', '--field-manager=one', '-f', '-'],
    stdin: cm('data: {k: v}', 'fin', ', finalizers: [example.com/a]'),
    code: 0,
    out: /serverside-applied/,
    source: 'ObjectMeta.finalizers +listType=set',
  },
  {
    name: 'second applier adds its finalizer without a conflict',
    args: ['apply', '--server-side', '--field-manager=two', '-f', '-'],
    stdin: cm('data: {j: w}', 'fin', ', finalizers: [example.com/b]'),
    code: 0,
    out: /serverside-applied/,
    source: 'ObjectMeta.finalizers +listType=set',
  },
  {
    name: 'both finalizers are there',
    args: ['get', 'configmap', 'fin', '-n', 'fid', '-o', 'jsonpath={.metadata.finalizers[*]}'],
    code: 0,
    out: /^example.com\/a example.com\/b$/,
    source: 'set merge',
  },
  {
    name: 'release the finalizers',
    args: ['patch', 'configmap', 'fin', '-n', 'fid', '--type=merge', '-p', '{"metadata":{"finalizers":null}}'],
    code: 0,
    out: /patched/,
    source: 'merge patch',
  },
  {
    name: 'maxSurge: 1 stays 1 after defaulting',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: web('replicas: 2\n  strategy: {rollingUpdate: {maxSurge: 1}}')
      .replace('name: web', 'name: surge')
      .replace(/app: web/g, 'app: surge'),
    code: 0,
    out: /serverside-applied/,
    source: 'SetDefaults_Deployment',
  },
  {
    name: 'maxSurge kept, maxUnavailable defaulted',
    args: [
      'get',
      'deployment',
      'surge',
      '-n',
      'fid',
      '-o',
      'jsonpath={.spec.strategy.rollingUpdate.maxSurge} {.spec.strategy.rollingUpdate.maxUnavailable} {.spec.strategy.type}',
    ],
    code: 0,
    out: /^1 25% RollingUpdate$/,
    source: 'SetDefaults_Deployment',
  },
  {
    name: 'StatefulSet partition 2 stays 2',
    args: ['apply', '--server-side', '-f', '-'],
    stdin:
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: fid}\nspec:\n  replicas: 3\n  serviceName: db\n  updateStrategy: {rollingUpdate: {partition: 2}}\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: pg, image: "postgres:16"}]}\n',
    code: 0,
    out: /serverside-applied/,
    source: 'SetDefaults_StatefulSet',
  },
  {
    name: 'partition kept',
    args: ['get', 'statefulset', 'db', '-n', 'fid', '-o', 'jsonpath={.spec.updateStrategy.type} {.spec.updateStrategy.rollingUpdate.partition}'],
    code: 0,
    out: /^RollingUpdate 2$/,
    source: 'SetDefaults_StatefulSet',
  },
  {
    name: 'conflict with another Apply manager',
    args: ['apply', '--server-side', '--field-manager=other', '-f', '-'],
    stdin: web('replicas: 2\n  minReadySeconds: 5'),
    code: 1,
    err: /conflicts with "kubectl":\n- \.spec\.minReadySeconds/,
    source: 'conflict.go printManager',
  },
  {
    name: 'conflicts with kubectl scale (naming the subresource) and kubectl set image',
    args: ['apply', '--server-side', '-f', '-'],
    stdin: web('replicas: 2\n  minReadySeconds: 1'),
    code: 1,
    err: /Apply failed with 2 conflicts: conflicts with "kubectl" with subresource "scale" using apps\/v1:\n- \.spec\.replicas\nconflicts with "kubectl-set" using apps\/v1:\n- \.spec\.template\.spec\.containers\[name="app"\]\.image/,
    source: 'conflict.go printManager (1.32): Update managers took the fields',
  },
  {
    name: '--force-conflicts takes the field',
    args: ['apply', '--server-side', '--force-conflicts', '-f', '-'],
    stdin: web('replicas: 2\n  minReadySeconds: 1'),
    code: 0,
    out: /serverside-applied/,
    source: 'force=true',
  },
  {
    name: 'a field the manager stops applying is removed',
    args: ['apply', '--server-side', '--field-manager=one', '-f', '-'],
    stdin: gadget('{size: 1, ports: [{name: a, port: 1}], hosts: [h1]}'),
    code: 0,
    out: /serverside-applied/,
    source: 'managedfields: removed fields',
  },
  {
    name: "its own items gone, the other applier's kept",
    args: ['get', 'gadget', 'g1', '-n', 'fid', '-o', 'jsonpath={.spec.ports[*].name} {.spec.tags[*]} {.spec.config}'],
    code: 0,
    out: /^a b tag-b $/,
    source: 'managedfields: removed fields',
  },
  {
    name: 'dry run stores nothing',
    args: ['apply', '--server-side', '--dry-run=server', '-f', '-'],
    stdin: cm('data: {z: "1"}', 'dry'),
    code: 0,
    out: /configmap\/dry serverside-applied \(server dry run\)/,
    source: 'dryRun=All',
  },
  { name: 'nothing was stored', args: ['get', 'configmap', 'dry', '-n', 'fid'], code: 1, err: /configmaps "dry" not found/, source: 'dryRun=All' },
];

beforeAll(async () => {
  emu = await startKubeEmulator({ readyDelayMs: 20, namespaceDeleteDelayMs: 20, progressDeadlineScale: 0.002 });
  dir = mkdtempSync(path.join(tmpdir(), 'kube-fidelity-'));
  await emu.writeKubeconfig(path.join(dir, 'kubeconfig'));
  // kubectl edit runs $EDITOR on a file: this one turns "a: ..." into "a: edited".
  writeFileSync(path.join(dir, 'editor.sh'), '#!/bin/sh\nsed -i \'s/^  a: .*/  a: edited/\' "$1"\n', { mode: 0o755 });
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

function check(c: Case): () => Promise<void> {
  return async () => {
    const run = await kubectl(c.args, c.stdin, { KUBE_EDITOR: path.join(dir, 'editor.sh') });
    const context = `kubectl ${c.args.join(' ')} (${c.source})\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
    expect(run.code, context).toBe(c.code);
    if (c.out) expect(run.stdout, context).toMatch(c.out);
    if (c.err) expect(run.stderr, context).toMatch(c.err);
  };
}

describe('everyday kubectl commands, as a 1.32 API server answers them', () => {
  for (const c of commands) it(c.name, check(c));
});

describe('server-side apply semantics, as a 1.32 API server applies them', () => {
  for (const c of applies) it(c.name, check(c));
});
