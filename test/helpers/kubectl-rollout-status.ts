// kubectl's rollout status logic, ported faithfully from
// k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go (Kubernetes 1.32): the reference the
// suite's readiness rules (shared/kube/readiness) are compared with, on generated objects
// (test/unit/deploy-overlay-readiness-kubectl.test.ts) and on every fixture
// (test/fixtures/readiness, test/unit/deploy-overlay-readiness-fixtures.test.ts).
import type { KubeObject } from '../../shared/kube/client.ts';

export type Verdict = 'done' | 'waiting' | 'failed';
type Obj = Record<string, unknown>;

export const get = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Obj)[k] : undefined), obj);
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** kubectl's StatusViewer.Status, faithfully: done, waiting, or an error (failed; done with an error for non-RollingUpdate kinds). */
export function kubectlVerdict(obj: KubeObject): Verdict {
  const generation = obj.metadata?.generation ?? 0;
  const observed = int(get(obj, 'status.observedGeneration'));
  const replicas = get(obj, 'spec.replicas');
  switch (obj.kind) {
    case 'Deployment': {
      if (generation <= observed) {
        const conditions = get(obj, 'status.conditions');
        const progressing = (Array.isArray(conditions) ? conditions : []).find((c) => get(c, 'type') === 'Progressing');
        if (get(progressing, 'reason') === 'ProgressDeadlineExceeded') return 'failed';
        if (typeof replicas === 'number' && int(get(obj, 'status.updatedReplicas')) < replicas) return 'waiting';
        if (int(get(obj, 'status.replicas')) > int(get(obj, 'status.updatedReplicas'))) return 'waiting';
        if (int(get(obj, 'status.availableReplicas')) < int(get(obj, 'status.updatedReplicas'))) return 'waiting';
        return 'done';
      }
      return 'waiting';
    }
    case 'DaemonSet': {
      if (get(obj, 'spec.updateStrategy.type') !== 'RollingUpdate') return 'done';
      if (generation <= observed) {
        const desired = int(get(obj, 'status.desiredNumberScheduled'));
        if (int(get(obj, 'status.updatedNumberScheduled')) < desired) return 'waiting';
        if (int(get(obj, 'status.numberAvailable')) < desired) return 'waiting';
        return 'done';
      }
      return 'waiting';
    }
    case 'StatefulSet': {
      if (get(obj, 'spec.updateStrategy.type') !== 'RollingUpdate') return 'done';
      if (observed === 0 || generation > observed) return 'waiting';
      if (typeof replicas === 'number' && int(get(obj, 'status.readyReplicas')) < replicas) return 'waiting';
      const rolling = get(obj, 'spec.updateStrategy.rollingUpdate');
      if (rolling !== undefined && rolling !== null) {
        const partition = get(rolling, 'partition');
        if (typeof replicas === 'number' && typeof partition === 'number' && int(get(obj, 'status.updatedReplicas')) < replicas - partition) return 'waiting';
        return 'done';
      }
      return get(obj, 'status.updateRevision') !== get(obj, 'status.currentRevision') ? 'waiting' : 'done';
    }
    default:
      throw new Error(`no status viewer for ${obj.kind ?? '?'}`);
  }
}

/** kubectl's verdict, or undefined for a kind `kubectl rollout status` does not know (a Job: `kubectl wait` is the reference there). */
export function kubectlVerdictOf(obj: KubeObject): Verdict | undefined {
  return ['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind ?? '') ? kubectlVerdict(obj) : undefined;
}
