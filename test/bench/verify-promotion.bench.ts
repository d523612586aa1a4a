// verify-promotion: how soon the wait notices the Argo CD Application reporting the promoted
// revision Healthy (target <= 100 ms), on the Kubernetes emulator with 20 ms per request. The
// Application is written Healthy straight into the emulator's store (as Argo CD's controller
// would write it); the figure is the time from that write to the wait's verdict.
import { createKubeClient } from '../../shared/kube/client.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { waitForApplication } from '../../actions/verify-promotion/wait.ts';
import { startArgoCd } from '../emulators/kubernetes/argocd.ts';
import { startKubeEmulator } from '../emulators/kubernetes/index.ts';
import type { KubeObject } from '../emulators/kubernetes/types.ts';
import { median } from './stats.ts';

const RUNS = 15;

export default async function bench(): Promise<void> {
  const kube = await startKubeEmulator({ latencyMs: 20 });
  const argocd = startArgoCd(kube, { repos: {} });
  const client = createKubeClient((await loadKubeconfig({ input: kube.kubeconfig(), setSecret: () => undefined })).connection, { setSecret: () => undefined });
  const delays: number[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const revision = `${i.toString(16).padStart(2, '0')}${'a'.repeat(38)}`;
      const app = (health: string): KubeObject => ({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'production', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://example.com/r.git', path: 'p', targetRevision: 'main' },
          destination: { namespace: 'production' },
        },
        status: {
          sync: { status: 'Synced', revision },
          health: { status: health },
          operationState: { phase: 'Succeeded', operation: { sync: { revision } }, startedAt: new Date().toISOString() },
        },
      });
      const live = kube.store.get('applications.argoproj.io', 'argocd', 'production');
      if (live) kube.store.update('applications.argoproj.io', { ...app('Progressing'), metadata: { ...live.metadata } });
      else kube.store.seed(app('Progressing'));
      const waiting = waitForApplication(client, { application: 'production', namespace: 'argocd', revision, timeoutMs: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const current = kube.store.get('applications.argoproj.io', 'argocd', 'production');
      const written = performance.now();
      kube.store.update('applications.argoproj.io', { ...app('Healthy'), metadata: { ...current?.metadata, name: 'production', namespace: 'argocd' } });
      const verdict = await waiting;
      if (verdict.outcome !== 'healthy') throw new Error(`run ${i}: ${verdict.outcome}`);
      delays.push(verdict.seenAt - written);
    }
  } finally {
    argocd.close();
    await kube.close();
  }
  console.log(
    `Application Healthy to verify-promotion noticing it: median ${median(delays).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms over ${RUNS} runs, 20 ms per request (target <= 100 ms; watched, not polled)`,
  );
}
