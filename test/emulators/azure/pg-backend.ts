// The real PostgreSQL server behind the preset Flexible Server: ARM database
// creates and deletes become CREATE DATABASE / DROP DATABASE there, so SQL
// steps that follow see them. Requested locales the machine lacks fall back
// to C.UTF-8, then C (ARM still reports what was requested).
import pg from 'pg';

/** Connection to the admin of the real server. */
export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** A database as it exists on the real server. */
export interface ActualDatabase {
  name: string;
  charset: string;
  collation: string;
}

/** Thrown when the server rejects a request; carries an ARM error code. */
export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sqlState(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Runs ARM's database changes on a real PostgreSQL server. */
export class PostgresBackend {
  private readonly pool: pg.Pool;

  constructor(target: PostgresTarget) {
    this.pool = new pg.Pool({ ...target, database: 'postgres', max: 2, idleTimeoutMillis: 1000 });
    // An idle client losing its connection (server stopped first) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** The database, when it exists. */
  async get(name: string): Promise<ActualDatabase | undefined> {
    const { rows } = await this.pool.query<ActualDatabase>(
      'SELECT datname AS name, pg_encoding_to_char(encoding) AS charset, datcollate AS collation FROM pg_database WHERE datname = $1',
      [name],
    );
    return rows[0];
  }

  /** Every database that accepts connections (template databases excluded). */
  async list(): Promise<ActualDatabase[]> {
    const { rows } = await this.pool.query<ActualDatabase>(
      'SELECT datname AS name, pg_encoding_to_char(encoding) AS charset, datcollate AS collation FROM pg_database WHERE NOT datistemplate ORDER BY oid',
    );
    return rows;
  }

  /**
   * CREATE DATABASE from template0 with the charset and the first of
   * (collation, C.UTF-8, C) the machine supports. A database that already
   * exists is left as it is.
   */
  async create(name: string, charset: string, collation: string): Promise<void> {
    if (await this.get(name)) return;
    const locales = [...new Set([collation, 'C.UTF-8', 'C'])];
    let lastError: unknown;
    for (const locale of locales) {
      const sql = `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING ${quoteLiteral(charset)} LC_COLLATE ${quoteLiteral(locale)} LC_CTYPE ${quoteLiteral(locale)}`;
      try {
        await this.pool.query(sql);
        return;
      } catch (error: unknown) {
        const state = sqlState(error);
        if (state === '42P04') return; // created meanwhile: converge
        lastError = error;
        // 22023 invalid_parameter_value / 42809: the locale does not exist or does not fit the encoding.
        if (state !== '22023' && state !== '42809' && state !== '0A000') break;
      }
    }
    const message = lastError instanceof Error ? lastError.message : String(lastError);
    throw new BackendError('InternalServerError', `An unexpected error occured while processing the request. Creating database '${name}' failed: ${message}`);
  }

  /** DROP DATABASE ... WITH (FORCE), disconnecting its sessions; absent is fine. */
  async drop(name: string): Promise<void> {
    try {
      await this.pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      throw new BackendError('InternalServerError', `An unexpected error occured while processing the request. Dropping database '${name}' failed: ${message}`);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
