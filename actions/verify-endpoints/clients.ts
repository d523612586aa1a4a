// What verify-endpoints talks to: the endpoints (through an undici client made per run), the
// runner's masker and the log.
import { actionsLogger } from '../../shared/core/logger.ts';
import { setSecret } from '../../shared/core/workflow-commands.ts';
import type { EndpointClients } from '../../shared/endpoints/run-verification.ts';

/** verify-endpoints' clients (the shared verification's); tests pass their own HTTP client maker and clock. */
export type Clients = EndpointClients;

/** The clients of a real run: the runner's log and masker, the default HTTP client. */
export function productionClients(): Clients {
  return { logger: actionsLogger, setSecret };
}
