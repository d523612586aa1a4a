// The names provision-db works with, derived and checked before anything is contacted:
// the branch (input, else the event), the database and role (the naming function, unless the
// database is given), the namespace of the password Secret and the federated subject.
import type { EventContext } from '../../shared/branch/event-context.ts';
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { targetOf } from '../../shared/branch/target.ts';
import { isProtectedDatabase, isProtectedRole, type BranchNames } from '../../shared/branch/naming.ts';
import type { Inputs } from './inputs.ts';

/** What the run will create or reuse, by name. */
export interface Plan {
  /** The exact branch (or fork pull request identity) marks record. */
  branch: string;
  /** `owner/repo` marks record; empty when unknown. */
  repository: string;
  names: BranchNames;
  database: string;
  role: string;
  /** Namespace of the branch (password Secret, federated credential subject). */
  namespace: string;
  /** `arm`: the database is created through ARM; `sql`: with CREATE DATABASE (no `server`). */
  mode: 'arm' | 'sql';
}

/** What ARM and PostgreSQL both accept as a database name (no quoting surprises). */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Resolves and checks every name.
 * @throws UserError for a missing branch, a malformed or protected database name, or a role
 *   name that is reserved or is the admin login.
 */
export function planNames(inputs: Inputs, context: EventContext): Plan {
  const { names, repository } = targetOf(inputs, context, 'provision a database for');
  const database = inputs.database ?? names.database;
  if (!DATABASE_NAME.test(database)) {
    throw new UserError(
      `Input \`database\` must be a PostgreSQL name of 1-63 letters, digits and \`_\`, starting with a letter or \`_\`, got ${quoteValue(database)}.`,
      {
        fix: 'Leave it empty to use the name derived from the branch, or give e.g. `ex_3_9`.',
      },
    );
  }
  if (isProtectedDatabase(database, inputs.protectedDatabases)) {
    throw new UserError(
      `Database ${quoteValue(database)} is protected: provision-db never creates or changes postgres, azure_*, template*, pg_* or a name listed in \`protected-databases\`.`,
      {
        fix: 'Leave `database` empty to use the name derived from the branch, or choose another name.',
      },
    );
  }
  const role = names.role;
  if (isProtectedRole(role, inputs.adminUser === undefined ? [] : [inputs.adminUser])) {
    throw new UserError(`The branch role ${quoteValue(role)} would be a reserved role or the admin login itself.`, {
      fix: 'Use an admin login whose name does not end in `_user` like a branch role, or rename the branch.',
    });
  }
  return {
    branch: names.branch,
    repository,
    names,
    database,
    role,
    namespace: inputs.namespace ?? names.namespace,
    mode: inputs.server === undefined ? 'sql' : 'arm',
  };
}
