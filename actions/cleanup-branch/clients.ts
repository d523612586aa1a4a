// What cleanup-branch is given to reach the world. The cluster, database server, identity and
// GitHub clients are opened from the inputs (connect.ts); these are the hooks tests replace.
import type { Clock } from '../../shared/core/clock.ts';
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import type { ConnectDeps } from './connect.ts';

/** cleanup-branch's clients and hooks; everything but `logger` has a production default. */
export interface Clients extends Partial<Omit<ConnectDeps, 'logger'>> {
  logger: Logger;
  clock?: Clock;
}

/** The clients of a real run: the runner's log; everything else from the inputs. */
export function productionClients(): Clients {
  return { logger: actionsLogger };
}
