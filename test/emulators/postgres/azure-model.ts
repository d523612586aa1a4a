// Azure's privilege model, laid on a fresh cluster by its superuser (the harness's one use of
// a superuser): `azuresu` is the service's superuser (the cluster's bootstrap user), the admin
// login is LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE REPLICATION and a member of
// `azure_pg_admin`; `azure_maintenance` and `azure_sys` exist (owned by azuresu, closed to
// PUBLIC); the `public` schema of `postgres` and `template1` is owned by `azure_pg_admin`; and
// the collations Azure's images have (en_US.utf8 ...) exist in pg_collation, as aliases of
// C.UTF-8 when this machine lacks the locale. Tests then sign in as the admin only.
import pg from 'pg';

/** The service's superuser on Azure (not the customer's). */
export const AZURE_SUPERUSER = 'azuresu';
/** The group every server admin (password or Entra) belongs to. */
export const AZURE_ADMIN_GROUP = 'azure_pg_admin';
/** Databases every Flexible Server has besides postgres and the templates. */
export const AZURE_SYSTEM_DATABASES: readonly string[] = ['azure_maintenance', 'azure_sys'];
/** Collations of Azure's images that tests and the suite's defaults use. */
export const AZURE_COLLATIONS: readonly string[] = ['en_US.utf8', 'en_GB.utf8', 'de_DE.utf8', 'fr_FR.utf8', 'sv_SE.utf8'];

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Where the superuser connects. */
export interface SuperuserConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

async function withDatabase(su: SuperuserConnection, database: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ ...su, database });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** Adds the Azure-only collations a database lacks (aliases of the C.UTF-8 locale). */
async function addCollations(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ collname: string }>('SELECT collname FROM pg_collation WHERE collname = ANY($1)', [AZURE_COLLATIONS]);
  const have = new Set(rows.map((r) => r.collname));
  const { rows: base } = await client.query<{ locale: string }>(
    "SELECT collcollate AS locale FROM pg_collation WHERE collname IN ('C.utf8', 'C.UTF-8', 'c.utf8') AND collcollate IS NOT NULL LIMIT 1",
  );
  const locale = base[0]?.locale ?? 'C';
  for (const name of AZURE_COLLATIONS) {
    if (!have.has(name)) await client.query(`CREATE COLLATION IF NOT EXISTS pg_catalog.${ident(name)} (provider = libc, locale = ${literal(locale)})`);
  }
}

/**
 * Lays the model on a cluster whose bootstrap superuser is `su.user` (`azuresu`), creating
 * the admin login `admin` with `password`.
 */
export async function applyAzureModel(su: SuperuserConnection, admin: string, password: string): Promise<void> {
  await withDatabase(su, 'postgres', async (c) => {
    await c.query(`CREATE ROLE ${ident(AZURE_ADMIN_GROUP)} NOLOGIN`);
    await c.query(`GRANT pg_monitor, pg_signal_backend TO ${ident(AZURE_ADMIN_GROUP)}`);
    await c.query(`CREATE ROLE ${ident(admin)} LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE REPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`);
    await c.query(`GRANT ${ident(AZURE_ADMIN_GROUP)} TO ${ident(admin)}`);
    for (const db of AZURE_SYSTEM_DATABASES) {
      await c.query(`CREATE DATABASE ${ident(db)} OWNER ${ident(su.user)}`);
      await c.query(`REVOKE ALL ON DATABASE ${ident(db)} FROM PUBLIC`);
    }
  });
  for (const db of ['postgres', 'template1']) {
    await withDatabase(su, db, async (c) => {
      await c.query(`ALTER SCHEMA public OWNER TO ${ident(AZURE_ADMIN_GROUP)}`);
      await addCollations(c);
    });
  }
}

/**
 * A login that Azure makes an admin (an Entra administrator, say): CREATEDB CREATEROLE and a
 * member of azure_pg_admin. Tests sign in as it with a password (this PostgreSQL cannot check
 * Entra tokens).
 */
export async function createAzureAdmin(su: SuperuserConnection, name: string, password: string): Promise<void> {
  await withDatabase(su, 'postgres', async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (!rowCount) await c.query(`CREATE ROLE ${ident(name)} LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE NOBYPASSRLS PASSWORD ${literal(password)}`);
    await c.query(`GRANT ${ident(AZURE_ADMIN_GROUP)} TO ${ident(name)}`);
  });
}
