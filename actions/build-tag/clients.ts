// What build-tag talks to: git (for the changed services) and the log.
import { exec } from '../../shared/core/exec.ts';
import { actionsLogger, type Logger } from '../../shared/core/logger.ts';
import type { Git } from './changes.ts';
import type { Inputs } from './inputs.ts';

/** build-tag's clients; tests pass their own. */
export interface Clients {
  git: Git;
  logger: Logger;
  /** The time used for `{date}` in tag formats (default now). */
  now?: Date;
}

/** The clients of a real run: git in `working-directory`, the runner's log. */
export function productionClients(inputs: Inputs): Clients {
  return { git: (args) => exec('git', args, { cwd: inputs.workingDirectory, allowFailure: true }), logger: actionsLogger };
}
