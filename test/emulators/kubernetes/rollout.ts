// How far the deployment controller scales ReplicaSets in one sync (pkg/controller/deployment:
// rolling.go, recreate.go, util/deployment_util.go): a RollingUpdate grows the new ReplicaSet only
// while all ReplicaSets together stay within replicas + maxSurge (NewRSNewReplicas), and shrinks
// the old ones only while replicas - maxUnavailable pods stay available (cleanupUnhealthyReplicas,
// then scaleDownOldReplicaSetsForRollingUpdate); a Recreate takes the old ones to 0 and starts the
// new one only once no old pod is left.
import { byteOrder, getPath, isRecord, num, type KubeObject } from './types.ts';

export interface Strategy {
  type: 'RollingUpdate' | 'Recreate';
  /** Pods above `replicas` allowed during a rolling update (maxSurge resolved, rounded up). */
  surge: number;
  /** Pods below `replicas` allowed to be unavailable (maxUnavailable resolved, rounded down). */
  unavailable: number;
}

/** intstr.GetScaledValueFromIntOrPercent: a number, or `N%` of `total` rounded up or down. */
function scaled(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (!m) return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The Deployment's strategy with maxSurge and maxUnavailable resolved (ResolveFenceposts: both 0 makes maxUnavailable 1). */
export function strategyOf(deployment: KubeObject, desired: number): Strategy {
  const strategy = getPath(deployment, 'spec.strategy');
  if (isRecord(strategy) && strategy.type === 'Recreate') return { type: 'Recreate', surge: 0, unavailable: 0 };
  const rolling = isRecord(strategy) && isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const surge = scaled(rolling.maxSurge ?? '25%', desired, true);
  let unavailable = scaled(rolling.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { type: 'RollingUpdate', surge, unavailable };
}

const replicasOf = (rs: KubeObject): number => num(getPath(rs, 'spec.replicas'), 1);
const availableOf = (rs: KubeObject): number => num(getPath(rs, 'status.availableReplicas'), 0);

/** NewRSNewReplicas: the new ReplicaSet's size this sync (`current` its size now, `old` the other ReplicaSets). */
export function newReplicaSetSize(strategy: Strategy, desired: number, current: number, old: readonly KubeObject[]): number {
  if (strategy.type === 'Recreate') return old.some((rs) => replicasOf(rs) > 0 || num(getPath(rs, 'status.replicas'), 0) > 0) ? current : desired;
  if (current >= desired) return desired;
  const total = current + old.reduce((n, rs) => n + replicasOf(rs), 0);
  const room = desired + strategy.surge - total;
  return room <= 0 ? current : current + Math.min(room, desired - current);
}

/** The old ReplicaSets' sizes this sync, by uid (only those that change), oldest first as the controller goes. */
export function oldReplicaSetSizes(strategy: Strategy, desired: number, newRs: KubeObject, old: readonly KubeObject[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const size = (rs: KubeObject): number => sizes.get(rs.metadata.uid ?? '') ?? replicasOf(rs);
  const byAge = [...old].sort(
    (a, b) => byteOrder(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || byteOrder(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
  if (strategy.type === 'Recreate') {
    for (const rs of byAge) if (replicasOf(rs) > 0) sizes.set(rs.metadata.uid ?? '', 0);
    return sizes;
  }
  if (byAge.every((rs) => replicasOf(rs) === 0)) return sizes;
  const minAvailable = desired - strategy.unavailable;
  const all = (): number => replicasOf(newRs) + byAge.reduce((n, rs) => n + size(rs), 0);
  const newUnavailable = replicasOf(newRs) - availableOf(newRs);
  let room = all() - minAvailable - newUnavailable;
  if (room <= 0) return sizes;
  // cleanupUnhealthyReplicas: pods of old ReplicaSets that are not available go first.
  for (const rs of byAge) {
    if (room <= 0) break;
    const unhealthy = size(rs) - availableOf(rs);
    if (unhealthy <= 0) continue;
    const down = Math.min(room, unhealthy);
    sizes.set(rs.metadata.uid ?? '', size(rs) - down);
    room -= down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: then available ones, while enough stay available.
  const available = availableOf(newRs) + byAge.reduce((n, rs) => n + Math.min(availableOf(rs), size(rs)), 0);
  let excess = available - minAvailable;
  for (const rs of byAge) {
    if (excess <= 0) break;
    if (size(rs) === 0) continue;
    const down = Math.min(size(rs), excess);
    sizes.set(rs.metadata.uid ?? '', size(rs) - down);
    excess -= down;
  }
  for (const rs of byAge) if (sizes.get(rs.metadata.uid ?? '') === replicasOf(rs)) sizes.delete(rs.metadata.uid ?? '');
  return sizes;
}
