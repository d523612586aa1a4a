// Global setup for vitest: starts ONE real PostgreSQL server for the whole run
// (when the binaries exist) and hands its connection facts to tests through
// `provide`; tests read them with `sharedPostgres()` from
// test/emulators/postgres/shared.ts. Stopped in teardown.
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresInfo, type PostgresServer } from '../emulators/postgres.ts';
import { errorMessage } from '../../shared/errors.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared server, or undefined when it could not start (see `postgresUnavailable`). */
    postgres: PostgresInfo | undefined;
    /** Why there is no shared server, when there is none. */
    postgresUnavailable: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
    };
    project.provide('postgres', info);
    project.provide('postgresUnavailable', undefined);
  } catch (error: unknown) {
    project.provide('postgres', undefined);
    project.provide('postgresUnavailable', errorMessage(error));
  }
  return async () => {
    await server?.stop();
  };
}
