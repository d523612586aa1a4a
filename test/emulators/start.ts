// Starts every emulator together (Kubernetes, Azure with Entra and GitHub OIDC, GitHub REST),
// optionally with a real PostgreSQL server behind the preset Flexible Server, and gives the
// environment an action step would see. Used by `npm run emulators`, the demo and e2e tests.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startAzureEmulator, type AzureEmulator, type AzureEmulatorOptions } from './azure/index.ts';
import { startGitHubEmulator, type GitHubEmulator, type GitHubEmulatorOptions } from './github/index.ts';
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from './kubernetes/index.ts';
import { serviceTarget, startPostgres, type PostgresServer } from './postgres.ts';

export interface AllOptions {
  /** Start a real PostgreSQL server (initdb + pg_ctl in a temp dir) behind the preset Flexible Server. */
  postgres?: boolean;
  /** Fraction (0..1) of requests to every emulator that get an injected fault. */
  faultRate?: number;
  /** `owner/repo` of the preset repository, shared by GitHub and the OIDC subject. */
  repository?: string;
  kube?: KubeEmulatorOptions;
  azure?: Omit<AzureEmulatorOptions, 'postgres' | 'repository'>;
  github?: Omit<GitHubEmulatorOptions, 'owner' | 'repo'>;
}

export interface Emulators {
  kube: KubeEmulator;
  azure: AzureEmulator;
  github: GitHubEmulator;
  postgres: PostgresServer | undefined;
  /** `KEY=VALUE` environment for an action step; `KUBECONFIG` and `NODE_EXTRA_CA_CERTS` point into `dir` once written. */
  env(dir: string): Record<string, string>;
  /** Writes `kubeconfig`, `ca.pem` and `env` into `dir`. */
  writeState(dir: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts everything; on a failure part-way, stops what had started. */
export async function startEmulators(options: AllOptions = {}): Promise<Emulators> {
  const [owner = 'octo-org', repo = 'preview-app'] = (options.repository ?? 'octo-org/preview-app').split('/');
  const started: { close(): Promise<void> }[] = [];
  try {
    const postgres = options.postgres ? await startPostgres() : undefined;
    if (postgres) started.push({ close: () => postgres.stop() });
    const kube = await startKubeEmulator(options.kube);
    started.push(kube);
    const azure = await startAzureEmulator({
      ...options.azure,
      repository: `${owner}/${repo}`,
      ...(postgres ? { postgres: serviceTarget(postgres) } : {}),
    });
    started.push(azure);
    const github = await startGitHubEmulator({ ...options.github, owner, repo });
    started.push(github);
    if (options.faultRate) for (const e of [kube, azure, github]) e.faults.setRate(options.faultRate);

    const env = (dir: string): Record<string, string> => ({
      KUBECONFIG: path.join(dir, 'kubeconfig'),
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_TOKEN: github.token,
      ...azure.env(),
      ...(postgres ? { PGHOST: postgres.host, PGPORT: String(postgres.port), PGUSER: postgres.user, PGPASSWORD: postgres.password } : {}),
    });
    return {
      kube,
      azure,
      github,
      postgres,
      env,
      async writeState(dir) {
        await kube.writeKubeconfig(path.join(dir, 'kubeconfig'));
        await writeFile(path.join(dir, 'ca.pem'), azure.caPem);
        const values = env(dir);
        const lines = Object.entries(values).map(([k, v]) => `${k}=${shellQuote(v)}`);
        await writeFile(path.join(dir, 'env'), `${lines.join('\n')}\n`, { mode: 0o600 });
        return values;
      },
      async close() {
        await Promise.allSettled([github.close(), azure.close(), kube.close()]);
        await postgres?.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.reverse().map((s) => s.close()));
    throw error;
  }
}

/** Single-quotes a value for POSIX shells when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
