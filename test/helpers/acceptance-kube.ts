// In acceptance mode (test/acceptance.config.ts) this module stands in for
// test/emulators/kubernetes/index.ts: everything is the emulator's, except that
// `startKubeEmulator` answers with the real cluster named by ACCEPTANCE_KUBECONFIG. What only
// the emulator has (its store, request counter, fault injector, image registry) throws with the
// way to mark the test `emulatorOnly(...)`, instead of passing vacuously.
import type { KubeEmulator, KubeEmulatorOptions } from '../emulators/kubernetes/index.ts';
import { acceptanceCluster } from './backends.ts';
// The emulator's own module, by a path the acceptance alias (`../emulators/kubernetes/index.ts`) does not match.
import * as emulator from '../emulators/kubernetes/../kubernetes/index.ts';

export * from '../emulators/kubernetes/../kubernetes/index.ts';

function emulatorOnlyPart(part: string): never {
  throw new Error(
    `kube.${part} exists only on the Kubernetes emulator, not on the real cluster of acceptance mode: mark this test emulatorOnly('${part === 'faults' ? 'fault injection' : `emulator ${part}`}') (test/helpers/backends.ts)`,
  );
}

/** The real cluster when ACCEPTANCE_KUBECONFIG is set, else the emulator. */
export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const real = acceptanceCluster();
  if (!real) return emulator.startKubeEmulator(options);
  const text = real.kubeconfigText;
  const { writeFile } = await import('node:fs/promises');
  const cluster = {
    url: real.url,
    token: /^\s+token:\s*(\S+)\s*$/m.exec(text)?.[1] ?? '',
    kubeconfig: () => text,
    writeKubeconfig: (path: string) => writeFile(path, text, { mode: 0o600 }),
    close: () => Promise.resolve(),
  };
  for (const part of ['faults', 'requests', 'images', 'store'] as const)
    Object.defineProperty(cluster, part, { get: () => emulatorOnlyPart(part), enumerable: false });
  return cluster as unknown as KubeEmulator;
}
