// Which backends the tests run against: the emulators (the default), or, in acceptance mode
// (`npm run test:acceptance`, see README "Acceptance mode"), a real Kubernetes cluster and a real
// PostgreSQL server named by environment variables. The integration and e2e tests stay the same:
// in acceptance mode `startKubeEmulator` answers with the real cluster (test/acceptance.config.ts
// points the emulator's module at test/helpers/acceptance-kube.ts) and the global setup hands
// the real server to `sharedPostgres()`. A test that needs what only an emulator can do (fault
// injection, a fake clock, a seeded store, a chosen owner) says so with `emulatorOnly(reason)`,
// and is skipped there with that reason in its name.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import type { KubeEmulator, KubeObject } from '../emulators/kubernetes/index.ts';
import type { PostgresInfo } from '../emulators/postgres.ts';

/**
 * Label of the namespaces a test seeds on purpose without the suite's mark (e.g. one the suite
 * must refuse to touch): in acceptance mode the run removes those it made, alongside its own.
 */
export const FIXTURE_LABEL = 'branch-env.io/test-fixture';

/** One variable of acceptance mode, as the README lists it. */
export interface BackendVariable {
  name: string;
  required: boolean;
  means: string;
}

/** Every variable acceptance mode reads. */
export const ACCEPTANCE_VARIABLES: BackendVariable[] = [
  {
    name: 'ACCEPTANCE_KUBECONFIG',
    required: true,
    means:
      'path of a kubeconfig whose current context is the cluster to test against (e.g. a kind cluster); the tests create namespaces there labelled app.kubernetes.io/managed-by=branch-env-actions and remove the ones they created',
  },
  { name: 'ACCEPTANCE_PGHOST', required: true, means: 'host of the PostgreSQL server' },
  { name: 'ACCEPTANCE_PGPORT', required: false, means: 'its port (default 5432)' },
  { name: 'ACCEPTANCE_PGUSER', required: true, means: 'an admin user with CREATEDB and CREATEROLE (a superuser on a test server)' },
  { name: 'ACCEPTANCE_PGPASSWORD', required: true, means: "that user's password" },
  { name: 'ACCEPTANCE_PGDATABASE', required: false, means: 'a database that always exists (default postgres)' },
  {
    name: 'ACCEPTANCE_PGSUPERUSER',
    required: false,
    means:
      "a superuser for the tests' own checks (reading pg_authid, the emulated ARM creating databases), when the admin is not one, as on Azure (default the admin)",
  },
  { name: 'ACCEPTANCE_PGSUPERPASSWORD', required: false, means: "that superuser's password" },
];

/** True when the run was started by `npm run test:acceptance`. */
export function acceptanceMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['BRANCH_ENV_ACCEPTANCE'] === '1';
}

/** The variables acceptance mode needs and the environment lacks. */
export function missingVariables(env: NodeJS.ProcessEnv = process.env): BackendVariable[] {
  return ACCEPTANCE_VARIABLES.filter((v) => v.required && !env[v.name]);
}

/** The real PostgreSQL server of acceptance mode, in the shape the emulator's server has. */
export function acceptancePostgres(env: NodeJS.ProcessEnv = process.env): PostgresInfo | undefined {
  const host = env['ACCEPTANCE_PGHOST'];
  const user = env['ACCEPTANCE_PGUSER'];
  const password = env['ACCEPTANCE_PGPASSWORD'];
  if (!acceptanceMode(env) || !host || !user || password === undefined) return undefined;
  const port = Number(env['ACCEPTANCE_PGPORT'] || '5432');
  const database = env['ACCEPTANCE_PGDATABASE'] || 'postgres';
  const superuser = env['ACCEPTANCE_PGSUPERUSER'] ? { user: env['ACCEPTANCE_PGSUPERUSER'], password: env['ACCEPTANCE_PGSUPERPASSWORD'] ?? '' } : undefined;
  return {
    host,
    port,
    user,
    password,
    database,
    ...(superuser ? { superuser } : {}),
    connectionString: `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`,
    bindir: '',
  };
}

/** The real cluster of acceptance mode: its kubeconfig, flattened to one self-contained context. */
export interface RealCluster {
  url: string;
  kubeconfigText: string;
}

let cluster: RealCluster | undefined;

/** The real cluster, read once (kubectl flattens the file so relative paths survive a copy). */
export function acceptanceCluster(env: NodeJS.ProcessEnv = process.env): RealCluster | undefined {
  const file = env['ACCEPTANCE_KUBECONFIG'];
  if (!acceptanceMode(env) || !file) return undefined;
  if (!cluster) {
    readFileSync(file); // a clear ENOENT before kubectl's own words
    const kubeconfigText = execFileSync('kubectl', ['config', 'view', '--minify', '--flatten', '--raw'], {
      env: { ...process.env, KUBECONFIG: file },
    }).toString();
    const url = /^\s+server:\s*(\S+)\s*$/m.exec(kubeconfigText)?.[1] ?? '';
    cluster = { url, kubeconfigText };
  }
  return cluster;
}

/**
 * Puts objects in the cluster as they are, as if someone else had made them: straight into the
 * emulator's store, or on the real cluster with `kubectl apply --server-side` (Namespaces get
 * {@link FIXTURE_LABEL}, so the run removes them afterwards).
 */
export function seed(kube: KubeEmulator, ...objects: KubeObject[]): void {
  const file = process.env['ACCEPTANCE_KUBECONFIG'];
  if (!acceptanceCluster() || !file) {
    for (const object of objects) kube.store.seed(object);
    return;
  }
  const items = objects.map((o) =>
    o.kind === 'Namespace' ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [FIXTURE_LABEL]: 'true' } } } : o,
  );
  execFileSync('kubectl', ['apply', '--server-side', '--field-manager=acceptance-seed', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    env: { ...process.env, KUBECONFIG: file },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

/**
 * `it` for a test that only an emulator can run (say why: 'fault injection', 'fake clock',
 * 'seeded store', 'chosen owner'); in acceptance mode the test is skipped and its name carries
 * the reason, so the report says what was not run against the real backends and why.
 */
export function emulatorOnly(reason: string): (name: string, fn: () => unknown, timeout?: number) => void {
  if (!acceptanceMode()) return (name, fn, timeout) => it(name, fn, timeout);
  return (name) => it.skip(`${name} [emulator only: ${reason}]`, () => undefined);
}
