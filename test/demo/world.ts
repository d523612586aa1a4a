// The demo's world: the emulators (with a real PostgreSQL when its binaries are here), the
// sample app pushed to a local git origin and to the GitHub emulator, and a stand-in for the
// app's ingress that answers for each deployed namespace with the commit its backend runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type ServerHandle } from '../emulators/common/http.ts';
import { findPostgresBindir } from '../emulators/postgres.ts';
import { startEmulators, type Emulators } from '../emulators/start.ts';
import { TempRepos } from '../helpers/git-repo.ts';

const appDir = path.resolve(import.meta.dirname, 'app');

/** The sample app's files, path to content. */
export function appFiles(dir = appDir, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) Object.assign(files, appFiles(full, rel));
    else files[rel] = readFileSync(full, 'utf8');
  }
  return files;
}

export interface World {
  emulators: Emulators;
  repos: TempRepos;
  /** Environment every step gets: the emulators' endpoints and credentials (no PG*). */
  env: Record<string, string>;
  /** The app's "ingress": `${appUrl}/<namespace>/...`. */
  appUrl: string;
  postgres: boolean;
  close(): Promise<void>;
}

async function havePostgres(): Promise<boolean> {
  try {
    await findPostgresBindir();
    return true;
  } catch {
    return false;
  }
}

/** Answers `/<namespace>/be-health` and `/<namespace>/version` from what the cluster runs. */
function ingress(emulators: Emulators): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const [, namespace = '', route = ''] = (req.url ?? '').split('/');
    const deployment = emulators.kube.store.get('deployments.apps', namespace, 'todo-be') as
      { spec?: { template?: { spec?: { containers?: { image?: string }[] } } }; status?: { readyReplicas?: number } } | undefined;
    if (!deployment) return void res.writeHead(404).end('no such environment');
    if (!deployment.status?.readyReplicas) return void res.writeHead(503).end('starting');
    const image = deployment.spec?.template?.spec?.containers?.[0]?.image ?? '';
    const sha = /([0-9a-f]{40})$/.exec(image)?.[1] ?? 'unknown';
    res.setHeader('content-type', 'application/json');
    if (route === 'be-health') res.end(JSON.stringify({ ok: true }));
    else if (route === 'version') res.end(JSON.stringify({ sha, image }));
    else res.writeHead(404).end('{}');
  };
}

export async function startWorld(): Promise<World> {
  const postgres = await havePostgres();
  const emulators = await startEmulators({
    postgres,
    repository: 'octo-org/todo-app',
    kube: { readyDelayMs: 150 },
    azure: { operationMs: 300 },
    github: { files: appFiles() },
  });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'demo-state-'));
  let server: ServerHandle | undefined;
  const repos = new TempRepos();
  try {
    const all = await emulators.writeState(stateDir);
    const env = Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('PG')));
    repos.commit(appFiles(), 'Initial app');
    repos.push('main');
    server = await startServer(ingress(emulators));
    const app = server;
    return {
      emulators,
      repos,
      env,
      appUrl: app.url,
      postgres,
      async close() {
        await app.close();
        await emulators.close();
        repos.cleanup();
        await rm(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    await emulators.close();
    repos.cleanup();
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
}
