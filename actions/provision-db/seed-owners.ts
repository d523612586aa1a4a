// After a template copy everything in the new database still belongs to whoever owned it in
// the template (the admin, usually). This hands the copied schemas, tables, views,
// materialized views, sequences, foreign tables, functions, procedures, aggregates, types and
// domains to the branch role one by one (ALTER ... OWNER TO), so it owns them exactly as if its
// migrations had made them. Never REASSIGN OWNED BY <admin>: that would also hand the role
// every database the admin owns. Objects of extensions, the system schemas, `public` itself
// (granted to the role instead, as for any branch database) and functions that are part of a type
// (a range type's constructors, which PostgreSQL gives its bootstrap superuser whoever creates
// the type) keep their owners.
import { UserError } from '../../shared/core/errors.ts';
import { quoteIdent, type PgClient } from '../../shared/postgres/client.ts';

/** One object to hand over; `name` is already quoted and schema-qualified. */
interface Owned {
  kind: string;
  name: string;
  owner: string;
  /** Whether the admin has the owner's privileges (it may alter the object). */
  mine: boolean;
}

const NOT_EXTENSION = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const USER_SCHEMA =
  "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

/**
 * Everything in the database not yet owned by `$1`, schemas first (their objects need the role's
 * CREATE on them). Types: composite, domain, enum, range and multirange (ALTER TYPE on a range
 * leaves its multirange to its old owner); array types follow their element type.
 */
const OBJECTS = `
SELECT kind, name, pg_get_userbyid(owner) AS owner, pg_has_role(current_user, owner, 'USAGE') AS mine FROM (
  SELECT 1 AS ord, 'SCHEMA' AS kind, quote_ident(n.nspname) AS name, n.nspowner AS owner
    FROM pg_namespace n WHERE ${USER_SCHEMA} AND n.nspname <> 'public' AND ${NOT_EXTENSION('pg_namespace', 'n.oid')}
  UNION ALL
  SELECT 2, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
         format('%I.%I', n.nspname, c.relname), c.relowner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${USER_SCHEMA} AND ${NOT_EXTENSION('pg_class', 'c.oid')}
     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT 3, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, p.oid::regprocedure::text, p.proowner
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('pg_proc', 'p.oid')}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
  UNION ALL
  SELECT 4, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype::text, t.typowner
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype IN ('c', 'd', 'e', 'r', 'm') AND ${USER_SCHEMA} AND ${NOT_EXTENSION('pg_type', 't.oid')}
     AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
) o WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY ord, name`;

/** Whether this session may SET ROLE to `$1` (PostgreSQL 16 separates that from membership). */
const CAN_SET = "SELECT pg_has_role(current_user, $1, CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END) AS ok";

/**
 * Hands every copied object to `role`, in one transaction on the admin's session in the new
 * database. To name `role` as owner the admin must be able to SET ROLE to it: when it cannot (a
 * CREATEROLE admin on PostgreSQL 16+ holds only ADMIN OPTION), it grants itself the role for
 * this transaction and revokes it before committing. Returns how many objects changed owner.
 * @throws UserError listing objects whose owner the admin has no privileges of (nothing changes then).
 */
export async function handOver(adminInDatabase: PgClient, role: string, me: string): Promise<number> {
  await adminInDatabase.query('BEGIN');
  try {
    await adminInDatabase.query("SET LOCAL search_path = ''");
    const { rows } = await adminInDatabase.query<Owned>(OBJECTS, [role]);
    refuseForeign(rows, role, me);
    const granted = !((await adminInDatabase.query<{ ok: boolean }>(CAN_SET, [role])).rows[0]?.ok ?? false);
    if (granted) await adminInDatabase.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
    for (const object of rows) await adminInDatabase.query(`ALTER ${object.kind} ${object.name} OWNER TO ${quoteIdent(role)}`);
    if (granted) await adminInDatabase.query(`REVOKE ${quoteIdent(role)} FROM CURRENT_USER`);
    await adminInDatabase.query('COMMIT');
    return rows.length;
  } catch (error: unknown) {
    await adminInDatabase.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function refuseForeign(rows: readonly Owned[], role: string, me: string): void {
  const foreign = rows.filter((row) => !row.mine);
  const first = foreign[0];
  if (first === undefined) return;
  const owners = [...new Set(foreign.map((row) => row.owner))];
  const listed = foreign
    .slice(0, 8)
    .map((row) => `${row.kind.toLowerCase()} ${row.name} (owner ${row.owner})`)
    .join(', ');
  throw new UserError(
    `The template holds ${foreign.length} object(s) whose owner the signed-in admin has no privileges of, so they cannot be handed to ${role}: ${listed}${foreign.length > 8 ? ', ...' : ''}.`,
    {
      fix: `In the template, have ${owners.join(', ')} give them to the admin (e.g. \`ALTER ${first.kind} ${first.name} OWNER TO ${quoteIdent(me)}\` run there as ${first.owner}), or rebuild the template as the admin with \`mode: refresh-template\`.`,
    },
  );
}
