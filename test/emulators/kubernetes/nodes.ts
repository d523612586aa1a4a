// The cluster's nodes and the scheduler's part. Two AKS nodes (Standard_D4s_v3: 4 vCPU and
// 16 GiB, of which 3860m and about 12 GiB allocatable, 250 pods) are served as Node objects; a
// pod is bound to the first node whose free allocatable capacity fits its requests and whose
// labels match its nodeSelector, else it stays Pending with the scheduler's FailedScheduling
// message (`0/2 nodes are available: 2 Insufficient cpu. preemption: ...`).
import { parseQuantity } from './quantity.ts';
import type { KubeStore } from './store.ts';
import { byteOrder, getPath, isRecord, str, type KubeObject } from './types.ts';

export const NODE_NAMES = ['aks-nodepool1-12345678-vmss000000', 'aks-nodepool1-12345678-vmss000001'];

const ALLOCATABLE = { cpu: '3860m', memory: '12880556Ki', pods: '250', 'ephemeral-storage': '119703055367' };
const CAPACITY = { cpu: '4', memory: '16365228Ki', pods: '250', 'ephemeral-storage': '129886128Ki' };

/** The Node objects of the emulated cluster. */
export function nodeObjects(): KubeObject[] {
  return NODE_NAMES.map((name, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        agentpool: 'nodepool1',
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.azure.com/agentpool': 'nodepool1',
        'kubernetes.azure.com/mode': 'system',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'Standard_D4s_v3',
        'topology.kubernetes.io/region': 'westeurope',
        'topology.kubernetes.io/zone': `westeurope-${i + 1}`,
      },
    },
    spec: {
      podCIDR: `10.244.${i}.0/24`,
      podCIDRs: [`10.244.${i}.0/24`],
      providerID: `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_rg_aks_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/${i}`,
    },
    status: {
      capacity: CAPACITY,
      allocatable: ALLOCATABLE,
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIp(i) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `0000000${i}-0000-0000-0000-000000000000`,
        containerRuntimeVersion: 'containerd://1.7.27-1',
        kernelVersion: '5.15.0-1089-azure',
        kubeProxyVersion: 'v1.32.4',
        kubeletVersion: 'v1.32.4',
        machineID: `machine${i}`,
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: `0000000${i}-1111-2222-3333-444444444444`,
      },
    },
  }));
}

export function nodeIp(index: number): string {
  return `10.224.0.${4 + index}`;
}

/** CPU (cores) and memory (bytes) a pod asks for: its containers' requests (a limit stands in for a missing request). */
export function podRequests(pod: unknown): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  const init = { cpu: 0, memory: 0 };
  const read = (c: unknown, r: 'cpu' | 'memory'): number => {
    const q = parseQuantity(getPath(c, `resources.requests.${r}`) ?? getPath(c, `resources.limits.${r}`));
    return Number.isFinite(q) ? q : 0;
  };
  const containers = getPath(pod, 'spec.containers');
  for (const c of Array.isArray(containers) ? containers : []) for (const r of ['cpu', 'memory'] as const) sum[r] += read(c, r);
  const inits = getPath(pod, 'spec.initContainers');
  for (const c of Array.isArray(inits) ? inits : []) for (const r of ['cpu', 'memory'] as const) init[r] = Math.max(init[r], read(c, r));
  return { cpu: Math.max(sum.cpu, init.cpu), memory: Math.max(sum.memory, init.memory) };
}

/** Required node affinity: any term whose expressions (on labels) and fields (metadata.name) all hold. */
function affinityAllows(pod: KubeObject, node: KubeObject): boolean {
  const terms = getPath(pod, 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms');
  if (!Array.isArray(terms) || terms.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  const holds = (req: unknown, value: (key: string) => string | undefined): boolean => {
    const key = str(getPath(req, 'key')) ?? '';
    const values = getPath(req, 'values');
    const list = Array.isArray(values) ? values.map(String) : [];
    const actual = value(key);
    switch (getPath(req, 'operator')) {
      case 'In':
        return actual !== undefined && list.includes(actual);
      case 'NotIn':
        return actual === undefined || !list.includes(actual);
      case 'Exists':
        return actual !== undefined;
      case 'DoesNotExist':
        return actual === undefined;
      default:
        return false;
    }
  };
  return terms.some((term) => {
    const expressions = getPath(term, 'matchExpressions');
    const fields = getPath(term, 'matchFields');
    return (
      (Array.isArray(expressions) ? expressions : []).every((e) => holds(e, (k) => labels[k])) &&
      (Array.isArray(fields) ? fields : []).every((f) => holds(f, (k) => (k === 'metadata.name' ? node.metadata.name : undefined)))
    );
  });
}

/** Where a pod can run: a node name, or the scheduler's FailedScheduling message. */
export type Placement = { node: string } | { unschedulable: string };

function terminal(pod: KubeObject): boolean {
  const phase = getPath(pod, 'status.phase');
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Picks a node for a pod as kube-scheduler's filters would (resources, pod count, nodeSelector). */
export function schedule(store: KubeStore, pod: KubeObject): Placement {
  const nodes = store.scan('nodes', undefined, () => true).sort((a, b) => byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''));
  const want = podRequests(pod);
  const selector = getPath(pod, 'spec.nodeSelector');
  const running = store.scan('pods', undefined, (p) => typeof getPath(p, 'spec.nodeName') === 'string' && !terminal(p) && p.metadata.uid !== pod.metadata.uid);
  const reasons = new Map<string, number>();
  const note = (reason: string): void => void reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  let selectorMisses = 0;
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const labels = node.metadata.labels ?? {};
    if ((isRecord(selector) && !Object.entries(selector).every(([k, v]) => labels[k] === v)) || !affinityAllows(pod, node)) {
      note("node(s) didn't match Pod's node affinity/selector");
      selectorMisses += 1;
      continue;
    }
    const onNode = running.filter((p) => getPath(p, 'spec.nodeName') === name);
    const used = onNode.map(podRequests).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
    const allocatable = (r: string): number => parseQuantity(getPath(node, `status.allocatable.${r}`));
    const misses: string[] = [];
    if (onNode.length + 1 > allocatable('pods')) misses.push('Too many pods');
    if (want.cpu > 0 && used.cpu + want.cpu > allocatable('cpu') + 1e-9) misses.push('Insufficient cpu');
    if (want.memory > 0 && used.memory + want.memory > allocatable('memory')) misses.push('Insufficient memory');
    if (misses.length === 0) return { node: name };
    for (const m of misses) note(m);
  }
  const histogram = [...reasons].map(([reason, count]) => `${count} ${reason}`).sort();
  const preemptable = nodes.length - selectorMisses;
  const preemption = [
    ...(preemptable > 0 ? [`${preemptable} No preemption victims found for incoming pod`] : []),
    ...(selectorMisses > 0 ? [`${selectorMisses} Preemption is not helpful for scheduling`] : []),
  ].sort();
  return {
    unschedulable: `0/${nodes.length} nodes are available: ${histogram.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${preemption.join(', ')}.`,
  };
}

/** The InternalIP of a node, for a pod's hostIP. */
export function hostIpOf(store: KubeStore, nodeName: string): string {
  const node = store.peek('nodes', undefined, nodeName);
  const addresses = getPath(node, 'status.addresses');
  const internal = (Array.isArray(addresses) ? addresses : []).find((a) => isRecord(a) && a.type === 'InternalIP');
  return str(getPath(internal, 'address')) ?? nodeIp(0);
}
