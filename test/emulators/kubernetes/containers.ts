// What a pod's containers do once the kubelet runs them, decided by the manifest as on a real
// node: volumes that cannot be mounted (a missing ConfigMap, Secret or SecretProviderClass),
// container configuration that cannot be built (env/envFrom naming a missing ConfigMap, Secret or
// key: CreateContainerConfigError), a command that exits (`false`, `sh -c '...; exit 3'`), probes
// that fail (an exec probe that exits non-zero, an HTTP or TCP probe on a port the container does
// not declare), and the log lines a container writes (`echo` in its command).
import { randomBytes } from 'node:crypto';
import type { KubeStore } from './store.ts';
import { getPath, isRecord, str, type KubeObject } from './types.ts';

export interface ContainerSpec {
  name: string;
  image: string;
  raw: Record<string, unknown>;
}

export function containerSpecs(pod: KubeObject, list: 'containers' | 'initContainers' = 'containers'): ContainerSpec[] {
  const value = getPath(pod, `spec.${list}`);
  return (Array.isArray(value) ? value : []).filter(isRecord).map((c) => ({ name: str(c.name) ?? '', image: str(c.image) ?? '', raw: c }));
}

/** How a program run ends: `exit` undefined when it keeps running; `output` what it printed. */
export interface Program {
  exit: number | undefined;
  output: string[];
}

function words(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Runs a command line the way the emulator reads one: `false`, `true`, `exit N`, `echo ...`, `sh -c 'script'`. */
export function runCommand(argv: string[]): Program {
  const [cmd = '', ...rest] = argv;
  const base = cmd.slice(cmd.lastIndexOf('/') + 1);
  if ((base === 'sh' || base === 'bash' || base === 'ash') && rest[0] === '-c') return runScript(rest[1] ?? '');
  if (base === 'false') return { exit: 1, output: [] };
  if (base === 'true') return { exit: 0, output: [] };
  if (base === 'echo') return { exit: undefined, output: [rest.join(' ')] };
  return { exit: undefined, output: [] };
}

function runScript(script: string): Program {
  const output: string[] = [];
  for (const statement of script.split(/\s*(?:;|&&|\n)\s*/)) {
    const echo = /^echo\s+(.*)$/.exec(statement);
    if (echo?.[1] !== undefined) output.push(echo[1].replace(/^(['"])(.*)\1$/, '$2'));
    const exit = /^exit(?:\s+(\d+))?$/.exec(statement);
    if (exit) return { exit: Number(exit[1] ?? 0), output };
    if (statement === 'false') return { exit: 1, output };
  }
  return { exit: undefined, output };
}

/** The container's main program: its command and args, or the image's own (a `crashloop` tag: a program that exits 1). */
export function programOf(container: ContainerSpec): Program {
  const argv = [...words(container.raw.command), ...words(container.raw.args)];
  if (words(container.raw.command).length > 0) return runCommand(argv);
  const tag = container.image.includes(':') ? container.image.slice(container.image.lastIndexOf(':') + 1) : '';
  if (tag.includes('crashloop')) return { exit: 1, output: [`Error: the image tag asks this container to crash (crashloop)`, 'panic: exiting with status 1'] };
  return { exit: undefined, output: [] };
}

function optional(ref: unknown): boolean {
  return getPath(ref, 'optional') === true;
}

function lookup(store: KubeStore, namespace: string, kind: 'configmap' | 'secret', name: string): KubeObject | undefined {
  return store.get(kind === 'configmap' ? 'configmaps' : 'secrets', namespace, name);
}

function hasKey(obj: KubeObject, key: string): boolean {
  return (isRecord(obj.data) && key in obj.data) || (isRecord(obj.binaryData) && key in obj.binaryData);
}

/** kubelet's CreateContainerConfigError message for a container whose env cannot be built, or undefined. */
export function configError(store: KubeStore, namespace: string, container: ContainerSpec): string | undefined {
  const envFrom = container.raw.envFrom;
  for (const source of Array.isArray(envFrom) ? envFrom : []) {
    for (const [field, kind] of [
      ['configMapRef', 'configmap'],
      ['secretRef', 'secret'],
    ] as const) {
      const ref = getPath(source, field);
      const name = str(getPath(ref, 'name'));
      if (name !== undefined && !optional(ref) && !lookup(store, namespace, kind, name)) return `${kind} "${name}" not found`;
    }
  }
  const env = container.raw.env;
  for (const variable of Array.isArray(env) ? env : []) {
    for (const [field, kind, label] of [
      ['valueFrom.configMapKeyRef', 'configmap', 'ConfigMap'],
      ['valueFrom.secretKeyRef', 'secret', 'Secret'],
    ] as const) {
      const ref = getPath(variable, field);
      const name = str(getPath(ref, 'name'));
      const key = str(getPath(ref, 'key')) ?? '';
      if (name === undefined || optional(ref)) continue;
      const found = lookup(store, namespace, kind, name);
      if (!found) return `${kind} "${name}" not found`;
      if (!hasKey(found, key)) return `couldn't find key ${key} in ${label} ${namespace}/${name}`;
    }
  }
  return undefined;
}

const SPC = 'secretproviderclasses.secrets-store.csi.x-k8s.io';

/** Mounts the pod's volumes: the FailedMount message of the first that cannot be, or undefined. CSI secrets-store volumes sync their Secrets. */
export function mountError(store: KubeStore, pod: KubeObject, sync: (secret: KubeObject) => void): string | undefined {
  const namespace = pod.metadata.namespace ?? '';
  const volumes = getPath(pod, 'spec.volumes');
  for (const volume of Array.isArray(volumes) ? volumes : []) {
    const name = str(getPath(volume, 'name')) ?? '';
    const fail = (why: string): string => `MountVolume.SetUp failed for volume "${name}" : ${why}`;
    const cm = getPath(volume, 'configMap');
    if (isRecord(cm) && !optional(cm) && !lookup(store, namespace, 'configmap', str(cm.name) ?? '')) return fail(`configmap "${str(cm.name) ?? ''}" not found`);
    const secret = getPath(volume, 'secret');
    if (isRecord(secret) && !optional(secret) && !lookup(store, namespace, 'secret', str(secret.secretName) ?? ''))
      return fail(`secret "${str(secret.secretName) ?? ''}" not found`);
    const sources = getPath(volume, 'projected.sources');
    for (const source of Array.isArray(sources) ? sources : []) {
      const pcm = getPath(source, 'configMap');
      if (isRecord(pcm) && !optional(pcm) && !lookup(store, namespace, 'configmap', str(pcm.name) ?? ''))
        return fail(`configmap "${str(pcm.name) ?? ''}" not found`);
      const psecret = getPath(source, 'secret');
      if (isRecord(psecret) && !optional(psecret) && !lookup(store, namespace, 'secret', str(psecret.name) ?? ''))
        return fail(`secret "${str(psecret.name) ?? ''}" not found`);
    }
    if (getPath(volume, 'csi.driver') === 'secrets-store.csi.k8s.io') {
      const className = str(getPath(volume, 'csi.volumeAttributes.secretProviderClass')) ?? '';
      const spc = store.registry.byKey(SPC) ? store.get(SPC, namespace, className) : undefined;
      if (!spc) {
        return fail(
          `rpc error: code = Unknown desc = failed to get secretproviderclass ${namespace}/${className}, error: SecretProviderClass.secrets-store.csi.x-k8s.io "${className}" not found`,
        );
      }
      for (const object of syncedSecrets(spc)) if (!store.get('secrets', namespace, object.metadata.name ?? '')) sync(object);
    }
  }
  return undefined;
}

/** The Secrets a SecretProviderClass's `secretObjects` sync once a pod mounts it (made-up values). */
function syncedSecrets(spc: KubeObject): KubeObject[] {
  const list = getPath(spc, 'spec.secretObjects');
  return (Array.isArray(list) ? list : []).filter(isRecord).map((s) => {
    const data: Record<string, string> = {};
    const entries = s.data;
    for (const entry of Array.isArray(entries) ? entries : []) {
      const key = str(getPath(entry, 'key'));
      if (key) data[key] = randomBytes(12).toString('base64');
    }
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: str(s.secretName) ?? '',
        namespace: spc.metadata.namespace,
        labels: { ...(isRecord(s.labels) ? (s.labels as Record<string, string>) : {}), 'secrets-store.csi.k8s.io/managed': 'true' },
      },
      type: str(s.type) ?? 'Opaque',
      data,
    };
  });
}

/** Why a probe fails (`Readiness probe failed: <this>`), or undefined when it passes. */
export function probeFailure(container: ContainerSpec, probe: unknown, podIp: string): string | undefined {
  if (!isRecord(probe)) return undefined;
  const exec = getPath(probe, 'exec.command');
  if (Array.isArray(exec)) {
    const run = runCommand(exec.map(String));
    return run.exit !== undefined && run.exit !== 0 ? run.output.join('\n') : undefined;
  }
  const http = getPath(probe, 'httpGet');
  const tcp = getPath(probe, 'tcpSocket');
  const target = isRecord(http) ? http : isRecord(tcp) ? tcp : undefined;
  if (!target) return undefined;
  const declared = Array.isArray(container.raw.ports) ? container.raw.ports.filter(isRecord) : [];
  let port = target.port;
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    const named = declared.find((p) => p.name === port);
    if (!named) return `couldn't find port: ${port} in container ${container.name}`;
    port = named.containerPort;
  }
  // A container that declares its ports listens on those only; one that declares none is taken at its word.
  if (declared.length === 0 || declared.some((p) => Number(p.containerPort) === Number(port))) return undefined;
  const dial = `dial tcp ${podIp}:${String(port)}: connect: connection refused`;
  if (!isRecord(http)) return dial;
  const scheme = str(http.scheme)?.toLowerCase() ?? 'http';
  return `Get "${scheme}://${podIp}:${String(port)}${str(http.path) ?? '/'}": ${dial}`;
}
