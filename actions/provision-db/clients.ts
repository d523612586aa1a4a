// What provision-db is given to reach the world. The Azure, PostgreSQL and Kubernetes clients are
// made from the inputs; these are the hooks tests replace (emulators, virtual time, a Secret store).
import type { AzureClientOptions } from '../../shared/azure/login.ts';
import type { Clock } from '../../shared/core/clock.ts';
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import type { SetSecret } from '../../shared/core/secrets.ts';
import type { PasswordStore } from './secret-store.ts';

/** provision-db's clients and hooks; everything but `logger` has a production default. */
export interface Clients {
  logger: Logger;
  clock?: Clock;
  /** The time recorded in ownership marks (default the clock's). */
  now?: () => Date;
  /** Options for every Azure SDK client (tests: `{ tlsOptions: { ca } }`). */
  azureClientOptions?: AzureClientOptions;
  /** GitHub OIDC token source (default `core.getIDToken`). */
  getIdToken?: (audience: string) => Promise<string>;
  setSecret?: SetSecret;
  /** Replaces the Secret reader (`null`: none); default from `kubeconfig`/`KUBECONFIG`. */
  passwordStore?: PasswordStore | null;
}

/** The clients of a real run: the runner's log; everything else from the inputs. */
export function productionClients(): Clients {
  return { logger: actionsLogger };
}
