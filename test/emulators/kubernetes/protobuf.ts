// Protobuf request bodies (application/vnd.kubernetes.protobuf), as kubectl
// 1.32 sends them from its typed clients: `kubectl create namespace|deployment|
// configmap|secret|serviceaccount|service|job|cronjob|quota|role|rolebinding|
// clusterrole|clusterrolebinding` and `kubectl auth can-i|whoami`. A body is
// the 4-byte magic `k8s\0` and a runtime.Unknown {typeMeta, raw}; `raw` is the
// object's message, whose field numbers are those of k8s.io/api's
// generated.proto (the `protobuf:"..."` struct tags kubectl is built with).
// The messages below are the ones those commands write; a field this table
// does not model is refused with a 415 that says so, never silently dropped
// (unless it holds only the zero value gogo-protobuf writes for every
// non-pointer field, which JSON would have left out).
import { unsupportedMediaType } from './status.ts';

type Kind = 'string' | 'int' | 'bool' | 'bytes' | 'time' | 'quantity' | 'intstr';
/** A field: JSON name, then a scalar kind or a message name; `rep` repeated; `map` a map<string, value>; `keep` keeps a zero (a pointer field). */
interface Field {
  name: string;
  /** A scalar Kind, or the name of a message in MESSAGES. */
  type: string;
  rep?: boolean;
  map?: boolean;
  keep?: boolean;
}

const f = (name: string, type: string, extra: Partial<Field> = {}): Field => ({ name, type, ...extra });

/** Field numbers of the messages, from k8s.io/api and k8s.io/apimachinery generated.proto. */
const MESSAGES: Record<string, Record<number, Field>> = {
  ObjectMeta: {
    1: f('name', 'string'),
    2: f('generateName', 'string'),
    3: f('namespace', 'string'),
    4: f('selfLink', 'string'),
    5: f('uid', 'string'),
    6: f('resourceVersion', 'string'),
    7: f('generation', 'int'),
    8: f('creationTimestamp', 'time'),
    9: f('deletionTimestamp', 'time'),
    10: f('deletionGracePeriodSeconds', 'int', { keep: true }),
    11: f('labels', 'string', { map: true }),
    12: f('annotations', 'string', { map: true }),
    13: f('ownerReferences', 'OwnerReference', { rep: true }),
    14: f('finalizers', 'string', { rep: true }),
  },
  OwnerReference: {
    1: f('kind', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
    5: f('apiVersion', 'string'),
    6: f('controller', 'bool', { keep: true }),
    7: f('blockOwnerDeletion', 'bool', { keep: true }),
  },
  Namespace: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'NamespaceSpec'), 3: f('status', 'NamespaceStatus') },
  NamespaceSpec: { 1: f('finalizers', 'string', { rep: true }) },
  NamespaceStatus: { 1: f('phase', 'string') },
  ConfigMap: {
    1: f('metadata', 'ObjectMeta'),
    2: f('data', 'string', { map: true }),
    3: f('binaryData', 'bytes', { map: true }),
    4: f('immutable', 'bool', { keep: true }),
  },
  Secret: {
    1: f('metadata', 'ObjectMeta'),
    2: f('data', 'bytes', { map: true }),
    3: f('type', 'string'),
    4: f('stringData', 'string', { map: true }),
    5: f('immutable', 'bool', { keep: true }),
  },
  ServiceAccount: {
    1: f('metadata', 'ObjectMeta'),
    2: f('secrets', 'ObjectReference', { rep: true }),
    3: f('imagePullSecrets', 'LocalObjectReference', { rep: true }),
    4: f('automountServiceAccountToken', 'bool', { keep: true }),
  },
  ObjectReference: {
    1: f('kind', 'string'),
    2: f('namespace', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
    5: f('apiVersion', 'string'),
    6: f('resourceVersion', 'string'),
    7: f('fieldPath', 'string'),
  },
  LocalObjectReference: { 1: f('name', 'string') },
  Deployment: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'DeploymentSpec'), 3: f('status', 'DeploymentStatus') },
  DeploymentSpec: {
    1: f('replicas', 'int', { keep: true }),
    2: f('selector', 'LabelSelector'),
    3: f('template', 'PodTemplateSpec'),
    4: f('strategy', 'DeploymentStrategy'),
    5: f('minReadySeconds', 'int'),
    6: f('revisionHistoryLimit', 'int', { keep: true }),
    7: f('paused', 'bool'),
    9: f('progressDeadlineSeconds', 'int', { keep: true }),
  },
  DeploymentStrategy: { 1: f('type', 'string'), 2: f('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: f('maxUnavailable', 'intstr'), 2: f('maxSurge', 'intstr') },
  DeploymentStatus: {
    1: f('observedGeneration', 'int'),
    2: f('replicas', 'int'),
    3: f('updatedReplicas', 'int'),
    4: f('availableReplicas', 'int'),
    5: f('unavailableReplicas', 'int'),
    7: f('readyReplicas', 'int'),
    8: f('collisionCount', 'int', { keep: true }),
    9: f('terminatingReplicas', 'int', { keep: true }),
  },
  LabelSelector: { 1: f('matchLabels', 'string', { map: true }), 2: f('matchExpressions', 'LabelSelectorRequirement', { rep: true }) },
  LabelSelectorRequirement: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', { rep: true }) },
  PodTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') },
  PodSpec: {
    2: f('containers', 'Container', { rep: true }),
    3: f('restartPolicy', 'string'),
    4: f('terminationGracePeriodSeconds', 'int', { keep: true }),
    6: f('dnsPolicy', 'string'),
    7: f('nodeSelector', 'string', { map: true }),
    8: f('serviceAccountName', 'string'),
    9: f('serviceAccount', 'string'),
    10: f('nodeName', 'string'),
    11: f('hostNetwork', 'bool'),
    12: f('hostPID', 'bool'),
    13: f('hostIPC', 'bool'),
    15: f('imagePullSecrets', 'LocalObjectReference', { rep: true }),
    16: f('hostname', 'string'),
    17: f('subdomain', 'string'),
    19: f('schedulerName', 'string'),
    20: f('initContainers', 'Container', { rep: true }),
    24: f('priorityClassName', 'string'),
  },
  Container: {
    1: f('name', 'string'),
    2: f('image', 'string'),
    3: f('command', 'string', { rep: true }),
    4: f('args', 'string', { rep: true }),
    5: f('workingDir', 'string'),
    6: f('ports', 'ContainerPort', { rep: true }),
    7: f('env', 'EnvVar', { rep: true }),
    8: f('resources', 'ResourceRequirements'),
    13: f('terminationMessagePath', 'string'),
    14: f('imagePullPolicy', 'string'),
    16: f('stdin', 'bool'),
    17: f('stdinOnce', 'bool'),
    18: f('tty', 'bool'),
    20: f('terminationMessagePolicy', 'string'),
  },
  ContainerPort: { 1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string') },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string') },
  ResourceRequirements: { 1: f('limits', 'quantity', { map: true }), 2: f('requests', 'quantity', { map: true }) },
  Service: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ServiceSpec'), 3: f('status', 'ServiceStatus') },
  ServiceSpec: {
    1: f('ports', 'ServicePort', { rep: true }),
    2: f('selector', 'string', { map: true }),
    3: f('clusterIP', 'string'),
    4: f('type', 'string'),
    5: f('externalIPs', 'string', { rep: true }),
    7: f('sessionAffinity', 'string'),
    8: f('loadBalancerIP', 'string'),
    10: f('externalName', 'string'),
    11: f('externalTrafficPolicy', 'string'),
    17: f('ipFamilyPolicy', 'string'),
    18: f('clusterIPs', 'string', { rep: true }),
    19: f('ipFamilies', 'string', { rep: true }),
    22: f('internalTrafficPolicy', 'string'),
  },
  ServicePort: {
    1: f('name', 'string'),
    2: f('protocol', 'string'),
    3: f('port', 'int'),
    4: f('targetPort', 'intstr'),
    5: f('nodePort', 'int'),
    6: f('appProtocol', 'string'),
  },
  ServiceStatus: {},
  Job: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec'), 3: f('status', 'JobStatus') },
  JobSpec: {
    1: f('parallelism', 'int', { keep: true }),
    2: f('completions', 'int', { keep: true }),
    3: f('activeDeadlineSeconds', 'int', { keep: true }),
    4: f('selector', 'LabelSelector'),
    5: f('manualSelector', 'bool', { keep: true }),
    6: f('template', 'PodTemplateSpec'),
    7: f('backoffLimit', 'int', { keep: true }),
    8: f('ttlSecondsAfterFinished', 'int', { keep: true }),
    9: f('completionMode', 'string'),
    10: f('suspend', 'bool', { keep: true }),
  },
  JobStatus: {},
  CronJob: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'CronJobSpec'), 3: f('status', 'CronJobStatus') },
  CronJobSpec: {
    1: f('schedule', 'string'),
    2: f('startingDeadlineSeconds', 'int', { keep: true }),
    3: f('concurrencyPolicy', 'string'),
    4: f('suspend', 'bool', { keep: true }),
    5: f('jobTemplate', 'JobTemplateSpec'),
    6: f('successfulJobsHistoryLimit', 'int', { keep: true }),
    7: f('failedJobsHistoryLimit', 'int', { keep: true }),
    8: f('timeZone', 'string'),
  },
  JobTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec') },
  CronJobStatus: {},
  ResourceQuota: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ResourceQuotaSpec'), 3: f('status', 'ResourceQuotaStatus') },
  ResourceQuotaSpec: { 1: f('hard', 'quantity', { map: true }), 2: f('scopes', 'string', { rep: true }) },
  ResourceQuotaStatus: { 1: f('hard', 'quantity', { map: true }), 2: f('used', 'quantity', { map: true }) },
  Role: { 1: f('metadata', 'ObjectMeta'), 2: f('rules', 'PolicyRule', { rep: true }) },
  ClusterRole: { 1: f('metadata', 'ObjectMeta'), 2: f('rules', 'PolicyRule', { rep: true }) },
  PolicyRule: {
    1: f('verbs', 'string', { rep: true }),
    2: f('apiGroups', 'string', { rep: true }),
    3: f('resources', 'string', { rep: true }),
    4: f('resourceNames', 'string', { rep: true }),
    5: f('nonResourceURLs', 'string', { rep: true }),
  },
  RoleBinding: { 1: f('metadata', 'ObjectMeta'), 2: f('subjects', 'Subject', { rep: true }), 3: f('roleRef', 'RoleRef') },
  ClusterRoleBinding: { 1: f('metadata', 'ObjectMeta'), 2: f('subjects', 'Subject', { rep: true }), 3: f('roleRef', 'RoleRef') },
  Subject: { 1: f('kind', 'string'), 2: f('apiGroup', 'string'), 3: f('name', 'string'), 4: f('namespace', 'string') },
  RoleRef: { 1: f('apiGroup', 'string'), 2: f('kind', 'string'), 3: f('name', 'string') },
  SelfSubjectAccessReview: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'SelfSubjectAccessReviewSpec'), 3: f('status', 'SubjectAccessReviewStatus') },
  SelfSubjectAccessReviewSpec: { 1: f('resourceAttributes', 'ResourceAttributes'), 2: f('nonResourceAttributes', 'NonResourceAttributes') },
  ResourceAttributes: {
    1: f('namespace', 'string'),
    2: f('verb', 'string'),
    3: f('group', 'string'),
    4: f('version', 'string'),
    5: f('resource', 'string'),
    6: f('subresource', 'string'),
    7: f('name', 'string'),
  },
  NonResourceAttributes: { 1: f('path', 'string'), 2: f('verb', 'string') },
  SubjectAccessReviewStatus: { 1: f('allowed', 'bool'), 2: f('reason', 'string'), 3: f('evaluationError', 'string'), 4: f('denied', 'bool') },
  SelfSubjectReview: { 1: f('metadata', 'ObjectMeta'), 2: f('status', 'SelfSubjectReviewStatus') },
  SelfSubjectReviewStatus: { 1: f('userInfo', 'UserInfo') },
  UserInfo: { 1: f('username', 'string'), 2: f('uid', 'string'), 3: f('groups', 'string', { rep: true }) },
};

/** The top-level message of each kind kubectl's typed clients send. */
const KINDS = new Set([
  'Namespace',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Deployment',
  'Service',
  'Job',
  'CronJob',
  'ResourceQuota',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
]);

class Reader {
  pos = 0;
  readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new Error(`wire type ${wire}`);
  }
}

function isZero(value: unknown): boolean {
  return (
    value === '' ||
    value === 0 ||
    value === false ||
    value === null ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}

function scalar(kind: Kind, wire: number, r: Reader): unknown {
  if (kind === 'int') return Number(BigInt.asIntN(64, r.varint()));
  if (kind === 'bool') return r.varint() !== 0n;
  if (wire !== 2) throw new Error(`wire type ${wire} for ${kind}`);
  const raw = r.bytes();
  if (kind === 'bytes') return raw.toString('base64');
  if (kind === 'string') return raw.toString('utf8');
  if (kind === 'quantity') return (message('Quantity', raw) as { string?: string }).string ?? '0';
  if (kind === 'intstr') {
    const v = message('IntOrString', raw) as { type?: number; intVal?: number; strVal?: string };
    return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
  }
  const t = message('Time', raw) as { seconds?: number };
  return t.seconds === undefined ? null : new Date(t.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

MESSAGES.Quantity = { 1: f('string', 'string') };
MESSAGES.IntOrString = { 1: f('type', 'int', { keep: true }), 2: f('intVal', 'int', { keep: true }), 3: f('strVal', 'string') };
MESSAGES.Time = { 1: f('seconds', 'int', { keep: true }), 2: f('nanos', 'int') };

function value(field: Field, wire: number, r: Reader): unknown {
  if (field.type in MESSAGES) return message(field.type, r.bytes());
  return scalar(field.type as Kind, wire, r);
}

/** Decodes one message into JSON with the names and omitempty rules of its Go type. */
function message(name: string, buf: Buffer): Record<string, unknown> {
  const fields = MESSAGES[name] ?? {};
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done()) {
    const tag = Number(r.varint());
    const number = tag >>> 3;
    const wire = tag & 7;
    const field = fields[number];
    if (!field) {
      const start = r.pos;
      r.skip(wire);
      const payload = buf.subarray(start, r.pos);
      // gogo-protobuf writes every non-pointer field; an empty or zero one carries nothing.
      if (payload.length > 1 || (payload.length === 1 && payload[0] !== 0)) throw new Error(`field ${number} of ${name} is not modelled by the emulator`);
      continue;
    }
    if (field.map) {
      const entry = new Reader(r.bytes());
      let key = '';
      let val: unknown = field.type === 'string' ? '' : undefined;
      while (!entry.done()) {
        const t = Number(entry.varint());
        if (t >>> 3 === 1) key = entry.bytes().toString('utf8');
        else if (t >>> 3 === 2) val = value(field, t & 7, entry);
        else entry.skip(t & 7);
      }
      const map = (out[field.name] ??= {}) as Record<string, unknown>;
      map[key] = val ?? '';
    } else if (field.rep) {
      ((out[field.name] ??= []) as unknown[]).push(value(field, wire, r));
    } else {
      const v = value(field, wire, r);
      if (field.keep || !isZero(v) || (field.type in MESSAGES && !['Time'].includes(field.type) && v !== null && isTopLevelStruct(name, field)))
        out[field.name] = v;
    }
  }
  return out;
}

/** Non-pointer struct fields JSON always writes (`spec: {}`, `status: {}`, `resources: {}`, `strategy: {}`). */
function isTopLevelStruct(owner: string, field: Field): boolean {
  if (owner === 'RoleBinding' || owner === 'ClusterRoleBinding') return field.name === 'roleRef' || field.name === 'metadata';
  return (
    field.name === 'spec' ||
    field.name === 'status' ||
    field.name === 'template' ||
    field.name === 'metadata' ||
    field.name === 'jobTemplate' ||
    (owner === 'Container' && field.name === 'resources') ||
    (owner === 'DeploymentSpec' && field.name === 'strategy')
  );
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The JSON object of a protobuf request body; a 415 for what the emulator cannot read. */
export function decodeProtobuf(body: Buffer, contentType: string): Record<string, unknown> {
  try {
    if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('no k8s protobuf magic');
    const unknown = new Reader(body.subarray(4));
    let apiVersion = '';
    let kind = '';
    let raw: Buffer = Buffer.alloc(0);
    while (!unknown.done()) {
      const tag = Number(unknown.varint());
      if (tag >>> 3 === 1) {
        const meta = new Reader(unknown.bytes());
        while (!meta.done()) {
          const t = Number(meta.varint());
          if (t >>> 3 === 1) apiVersion = meta.bytes().toString('utf8');
          else if (t >>> 3 === 2) kind = meta.bytes().toString('utf8');
          else meta.skip(t & 7);
        }
      } else if (tag >>> 3 === 2) raw = unknown.bytes();
      else unknown.skip(tag & 7);
    }
    if (!KINDS.has(kind)) throw new Error(`kind ${JSON.stringify(kind)} is not modelled by the emulator`);
    return { apiVersion, kind, ...message(kind, raw) };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    const refused = unsupportedMediaType(contentType);
    refused.status.message = `${refused.status.message ?? ''}; the emulator decodes protobuf only for kubectl's create and auth commands: ${reason}`;
    throw refused;
  }
}
