// The real PostgreSQL server behind the preset Flexible Server: ARM database
// creates and deletes become CREATE DATABASE / DROP DATABASE there, run as the
// service's superuser (ARM acts as `azuresu` on Azure), so SQL steps that follow
// see them. A created database is owned as Azure owns it (see `owner` in
// databases.ts) and its `public` schema belongs to azure_pg_admin. A collation
// the server does not list in pg_collation, or an unknown charset, fails as
// Azure fails: InternalServerError. Known collations the machine has no OS
// locale for (en_US.utf8 on a bare container) are created with C.UTF-8, then C
// (ARM still reports what was requested).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Connection of the service's superuser to the real server, and the server's password admin. */
export interface PostgresTarget {
  host: string;
  port: number;
  /** The superuser ARM acts as (`azuresu` on a harness server with Azure's model). */
  user: string;
  password: string;
  /** The password admin login (`administratorLogin`); default `user`. */
  adminLogin?: string;
}

/** The message Azure gives for a failure it does not explain (collation, charset, ...). */
export const INTERNAL_ERROR_MESSAGE = 'An unexpected error occured while processing the request. Tracking ID: ';

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

function randomTrackingId(): string {
  return randomUUID();
}

function sqlState(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Runs ARM's database changes on a real PostgreSQL server. */
export class PostgresBackend {
  private readonly pool: pg.Pool;
  private readonly target: PostgresTarget;

  /** The superuser ARM acts as. */
  readonly superuser: string;

  constructor(target: PostgresTarget) {
    this.target = target;
    this.superuser = target.user;
    this.pool = new pg.Pool({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: 'postgres',
      max: 2,
      idleTimeoutMillis: 1000,
    });
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

  /** Whether the server knows the charset (an encoding name) and the collation (a pg_collation name fit for it). */
  async accepts(charset: string, collation: string): Promise<{ charset: boolean; collation: boolean }> {
    const { rows } = await this.pool.query<{ enc: number; coll: boolean }>(
      'SELECT pg_char_to_encoding($1) AS enc, EXISTS (SELECT 1 FROM pg_collation WHERE collname = $2 AND collencoding IN (-1, pg_char_to_encoding($1))) AS coll',
      [charset, collation],
    );
    const row = rows[0];
    return { charset: (row?.enc ?? -1) >= 0, collation: row?.coll === true };
  }

  /** Whether a login role exists (an admin that can own databases). */
  async hasLogin(name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin', [name]);
    return (rowCount ?? 0) > 0;
  }

  /**
   * CREATE DATABASE from template0, owned by `owner`, with the charset and the first of
   * (collation, C.UTF-8, C) the machine supports; then its `public` schema is handed to
   * azure_pg_admin, as on Azure. A database that already exists is left as it is.
   */
  async create(name: string, charset: string, collation: string, owner: string): Promise<void> {
    if (await this.get(name)) return;
    const known = await this.accepts(charset, collation);
    if (!known.charset || !known.collation) {
      throw new BackendError('InternalServerError', `${INTERNAL_ERROR_MESSAGE}'${randomTrackingId()}'`);
    }
    const locales = [...new Set([collation, 'C.UTF-8', 'C'])];
    let lastError: unknown;
    for (const locale of locales) {
      const sql = `CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(owner)} TEMPLATE template0 ENCODING ${quoteLiteral(charset)} LC_COLLATE ${quoteLiteral(locale)} LC_CTYPE ${quoteLiteral(locale)}`;
      try {
        await this.pool.query(sql);
        await this.publicToAdminGroup(name);
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

  /** Hands the new database's `public` schema to azure_pg_admin when the server has that group. */
  private async publicToAdminGroup(database: string): Promise<void> {
    const { rowCount } = await this.pool.query("SELECT 1 FROM pg_roles WHERE rolname = 'azure_pg_admin'");
    if (!rowCount) return;
    const client = new pg.Client({ host: this.target.host, port: this.target.port, user: this.target.user, password: this.target.password, database });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('ALTER SCHEMA public OWNER TO azure_pg_admin');
    } finally {
      await client.end().catch(() => undefined);
    }
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
