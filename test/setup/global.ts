// Global setup for vitest: starts ONE real PostgreSQL server for the whole run
// (when the binaries exist) and hands its connection facts to tests through
// `provide`; tests read them with `sharedPostgres()` from
// test/emulators/postgres/shared.ts. Stopped in teardown.
//
// In acceptance mode (test/helpers/backends.ts) the server named by ACCEPTANCE_PG* is handed
// out instead, and on the cluster named by ACCEPTANCE_KUBECONFIG the namespaces this run made
// (labelled app.kubernetes.io/managed-by=branch-env-actions, or seeded by a test with
// branch-env.io/test-fixture=true, and absent when it started) are removed at the end: never one
// that existed before.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresInfo, type PostgresServer } from '../emulators/postgres.ts';
import { errorMessage } from '../../shared/core/errors.ts';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { FIXTURE_LABEL, acceptanceMode, acceptancePostgres } from '../helpers/backends.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared server, or undefined when it could not start (see `postgresUnavailable`). */
    postgres: PostgresInfo | undefined;
    /** Why there is no shared server, when there is none. */
    postgresUnavailable: string | undefined;
  }
}

/** Namespaces on the acceptance cluster that the suite manages or the tests seeded, by kubectl. */
function managedNamespaces(kubeconfig: string): string[] {
  return [`${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`, `${FIXTURE_LABEL}=true`].flatMap((selector) => {
    const out = execFileSync('kubectl', ['get', 'namespaces', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
    });
    return out
      .toString()
      .split(/\s+/)
      .filter((name) => name !== '');
  });
}

function acceptanceCluster(): (() => void) | undefined {
  const kubeconfig = process.env['ACCEPTANCE_KUBECONFIG'];
  if (!acceptanceMode() || !kubeconfig) return undefined;
  const before = new Set(managedNamespaces(kubeconfig));
  return () => {
    const made = managedNamespaces(kubeconfig).filter((name) => !before.has(name));
    if (made.length === 0) return;
    console.log(`acceptance: removing the namespaces this run made: ${made.join(', ')}`);
    execFileSync('kubectl', ['delete', 'namespace', '--wait=false', ...made], { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: 'inherit' });
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanCluster = acceptanceCluster();
  const real = acceptancePostgres();
  if (real) {
    project.provide('postgres', real);
    project.provide('postgresUnavailable', undefined);
    return () => Promise.resolve(cleanCluster?.());
  }
  let server: PostgresServer | undefined;
  try {
    server = await startPostgres();
    const info: PostgresInfo = {
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database: server.database,
      connectionString: server.connectionString,
      bindir: server.bindir,
      superuser: server.superuser,
      major: server.major,
      azure: server.azure,
    };
    project.provide('postgres', info);
    project.provide('postgresUnavailable', undefined);
  } catch (error: unknown) {
    project.provide('postgres', undefined);
    project.provide('postgresUnavailable', errorMessage(error));
  }
  return async () => {
    cleanCluster?.();
    await server?.stop();
  };
}
