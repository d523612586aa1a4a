// The real kubectl against an emulator, for the emulator's fidelity tests: the kubeconfig and the
// cache dir live in one folder, `-f -` reads `stdin`, and a non-zero exit is an answer, not a throw.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

/** What one kubectl run gave. */
export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with `dir/kubeconfig` and the cache in `dir/cache`; rejects only when it did not run. */
export function kubectlIn(dir: string, args: string[], stdin?: string, env: Record<string, string> = {}): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      ['--cache-dir', path.join(dir, 'cache'), ...args],
      { env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig'), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`kubectl ${args.join(' ')} did not exit: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

/** kubectlIn that must exit 0 (the failure shows the command and its stderr); its stdout. */
export async function kubectlOkIn(dir: string, args: string[], stdin?: string): Promise<string> {
  const run = await kubectlIn(dir, args, stdin);
  expect(run.code, `kubectl ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run.stdout;
}
