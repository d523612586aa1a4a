// flexibleServers/{server}/databases: PUT and DELETE as long-running
// operations (202 + Azure-AsyncOperation + Location + Retry-After), GET and
// LIST (paged with nextLink). With a real PostgreSQL server behind, existence
// is read from pg_database and changes really happen there. As on Azure: one
// database operation at a time per server (409 ServerBusy, or an operation that
// fails with ServerBusy), ServerIsNotReady while the server is Updating, an
// unknown collation or charset fails with InternalServerError, and a created
// database is owned by the password admin, else the first Entra admin, else azuresu.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { parseJson, sendJson } from '../common/http.ts';
import { armError, type ArmRoutes } from './arm-http.ts';
import { operationUrls, POSTGRES_PROVIDER, resolveServer, retryAfter, serverId, type ArmContext } from './arm-scope.ts';
import type { Operation } from './operations.ts';
import { INTERNAL_ERROR_MESSAGE, BackendError } from './pg-backend.ts';
import { RESERVED_DATABASES, SYSTEM_DATABASES, type DatabaseRecord, type ServerRecord } from './state.ts';

const DBS = `/subscriptions/{sub}/resourceGroups/{rg}/providers/${POSTGRES_PROVIDER}/flexibleServers/{server}/databases`;
const TYPE = `${POSTGRES_PROVIDER}/flexibleServers/databases`;

/** What ARM accepts as a database name (the SDK checks the same client-side). */
export const DATABASE_NAME = /^[a-zA-Z_][\w-]{0,62}$/;

/** PostgreSQL server encodings, the charsets ARM accepts. */
const ENCODINGS = new Set([
  'UTF8',
  'SQL_ASCII',
  'EUC_JP',
  'EUC_CN',
  'EUC_KR',
  'EUC_TW',
  'EUC_JIS_2004',
  'MULE_INTERNAL',
  'KOI8R',
  'KOI8U',
  'LATIN1',
  'LATIN2',
  'LATIN3',
  'LATIN4',
  'LATIN5',
  'LATIN6',
  'LATIN7',
  'LATIN8',
  'LATIN9',
  'LATIN10',
  'ISO_8859_5',
  'ISO_8859_6',
  'ISO_8859_7',
  'ISO_8859_8',
  'WIN866',
  'WIN874',
  'WIN1250',
  'WIN1251',
  'WIN1252',
  'WIN1253',
  'WIN1254',
  'WIN1255',
  'WIN1256',
  'WIN1257',
  'WIN1258',
]);

/** Collations a server without PostgreSQL behind knows (Azure's images have these and many more). */
const KNOWN_COLLATIONS = /^(C|POSIX|C\.(utf8|UTF-8)|[a-z]{2,3}_[A-Z]{2}(\.(utf8|UTF-8))?)$/;

/**
 * Who owns a database ARM creates: the password admin when password sign-in is on, else the
 * first Entra admin, else the service's superuser (azuresu) when the server has no admin yet.
 */
export function databaseOwner(ctx: ArmContext, server: ServerRecord): string {
  const auth = objectOf(server.properties.authConfig);
  const login = server.properties.administratorLogin;
  if (auth.passwordAuth !== 'Disabled' && typeof login === 'string' && login !== '') return login;
  return server.entraAdmins[0] ?? ctx.backend?.superuser ?? 'azuresu';
}

/** Answers the refusal when the server cannot take a database operation now; returns true then. */
function refuseWhenBusy(ctx: ArmContext, res: http.ServerResponse, server: ServerRecord, kind: Operation['kind'], name: string, apiVersion: string): boolean {
  const state = server.properties.state;
  if (state === 'Updating') {
    armError(
      res,
      409,
      'ServerIsNotReady',
      `The server '${server.name}' is not ready to accept the request; its current state is 'Updating'. Please try again later.`,
    );
    return true;
  }
  if (!ctx.operations.activeOn(serverId(ctx, server))) return false;
  const busy = { code: 'ServerBusy', message: `The server '${server.name}' is busy processing another operation. Please try again later.` };
  if (ctx.operations.nextBusyAsConflict()) {
    armError(res, 409, busy.code, busy.message, { 'retry-after': retryAfter(ctx) });
    return true;
  }
  const op = ctx.operations.startFailed(
    kind,
    kind === 'create' ? 'UpsertServerDatabaseManagementOperation' : 'DropServerDatabaseManagementOperation',
    `${serverId(ctx, server)}/databases/${name}`,
    busy,
  );
  accepted(ctx, res, op, apiVersion);
  return true;
}

function isReserved(name: string): boolean {
  return RESERVED_DATABASES.includes(name.toLowerCase());
}

function invalidParameter(res: http.ServerResponse, parameter: string): void {
  armError(res, 400, 'InvalidParameterValue', `Invalid value given for parameter ${parameter}. Specify a valid parameter value.`);
}

function systemRecord(name: string): DatabaseRecord | undefined {
  return SYSTEM_DATABASES.find((d) => d.name === name);
}

async function findDatabase(ctx: ArmContext, server: ServerRecord, name: string): Promise<DatabaseRecord | undefined> {
  const records = ctx.state.databasesOf(server.name);
  if (!ctx.backend) return records.get(name);
  const actual = await ctx.backend.get(name);
  if (!actual) {
    records.delete(name);
    return undefined;
  }
  return records.get(name) ?? systemRecord(name) ?? actual;
}

async function listDatabases(ctx: ArmContext, server: ServerRecord): Promise<DatabaseRecord[]> {
  const records = ctx.state.databasesOf(server.name);
  if (!ctx.backend) return [...SYSTEM_DATABASES, ...records.values()];
  const actual = await ctx.backend.list();
  const present = new Set(actual.map((d) => d.name));
  const synthetic = SYSTEM_DATABASES.filter((d) => !present.has(d.name));
  return [...synthetic, ...actual.map((d) => records.get(d.name) ?? systemRecord(d.name) ?? d)];
}

function toBody(ctx: ArmContext, server: ServerRecord, db: DatabaseRecord): Record<string, unknown> {
  return {
    properties: { charset: db.charset, collation: db.collation },
    id: `${serverId(ctx, server)}/databases/${db.name}`,
    name: db.name,
    type: TYPE,
  };
}

/** The GET body of the database an ARM id names, if it exists (for operationResults). */
export async function databaseBody(ctx: ArmContext, resourceId: string): Promise<Record<string, unknown> | undefined> {
  const parts = resourceId.split('/');
  const name = parts.at(-1) ?? '';
  const server = ctx.state.servers.get((parts.at(-3) ?? '').toLowerCase());
  if (!server) return undefined;
  const db = await findDatabase(ctx, server, name);
  return db ? toBody(ctx, server, db) : undefined;
}

function accepted(ctx: ArmContext, res: http.ServerResponse, op: Operation, apiVersion: string): void {
  const urls = operationUrls(ctx, op.id, apiVersion);
  sendJson(
    res,
    202,
    { operation: op.name, startTime: op.startTime },
    {
      'azure-asyncoperation': urls.asyncOperation,
      location: urls.location,
      'retry-after': retryAfter(ctx),
    },
  );
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Adds the database routes. */
export function addDatabaseRoutes(routes: ArmRoutes, ctx: ArmContext): void {
  routes.add('GET', DBS, async (req, res, params) => {
    const found = resolveServer(ctx, req, res, params, 'flexibleServers/databases');
    if (!found) return;
    const all = await listDatabases(ctx, found.server);
    const skip = Number(req.query.get('$skipToken') ?? '0') || 0;
    const page = all.slice(skip, skip + ctx.listPageSize).map((db) => toBody(ctx, found.server, db));
    const next = skip + ctx.listPageSize;
    const nextLink = next < all.length ? `${ctx.baseUrl}${req.path}?api-version=${found.apiVersion}&$skipToken=${next}` : undefined;
    sendJson(res, 200, nextLink ? { value: page, nextLink } : { value: page });
  });

  routes.add('GET', `${DBS}/{db}`, async (req, res, params) => {
    const found = resolveServer(ctx, req, res, params, 'flexibleServers/databases');
    if (!found) return;
    const name = params.db ?? '';
    if (isReserved(name)) return invalidParameter(res, 'databaseName');
    const db = await findDatabase(ctx, found.server, name);
    if (!db) {
      return armError(res, 404, 'ResourceNotFound', `The requested resource of type '${TYPE}' with name '${name}' was not found.`);
    }
    sendJson(res, 200, toBody(ctx, found.server, db));
  });

  routes.add('PUT', `${DBS}/{db}`, (req, res, params) => {
    const found = resolveServer(ctx, req, res, params, 'flexibleServers/databases');
    if (!found) return;
    const name = params.db ?? '';
    if (!DATABASE_NAME.test(name) || isReserved(name)) return invalidParameter(res, 'databaseName');
    let body: unknown;
    try {
      body = parseJson(req);
    } catch (error: unknown) {
      return armError(
        res,
        400,
        'InvalidRequestContent',
        `The request content was invalid and could not be deserialized: '${error instanceof Error ? error.message : String(error)}'.`,
      );
    }
    const props = objectOf(objectOf(body).properties);
    const charset = typeof props.charset === 'string' && props.charset ? props.charset : 'UTF8';
    const collation = typeof props.collation === 'string' && props.collation ? props.collation : 'en_US.utf8';
    const server = found.server;
    if (refuseWhenBusy(ctx, res, server, 'create', name, found.apiVersion)) return;
    const op = ctx.operations.start('create', 'UpsertServerDatabaseManagementOperation', `${serverId(ctx, server)}/databases/${name}`, async () => {
      // Azure does not say what is wrong with a charset or collation it does not know.
      if (ctx.backend) await ctx.backend.create(name, charset, collation, databaseOwner(ctx, server));
      else if (!ENCODINGS.has(charset.toUpperCase().replace('-', '')) || !KNOWN_COLLATIONS.test(collation)) {
        throw new BackendError('InternalServerError', `${INTERNAL_ERROR_MESSAGE}'${randomUUID()}'`);
      }
      const records = ctx.state.databasesOf(server.name);
      if (!records.has(name)) records.set(name, { name, charset, collation });
    });
    accepted(ctx, res, op, found.apiVersion);
  });

  routes.add('DELETE', `${DBS}/{db}`, async (req, res, params) => {
    const found = resolveServer(ctx, req, res, params, 'flexibleServers/databases');
    if (!found) return;
    const name = params.db ?? '';
    if (isReserved(name)) return invalidParameter(res, 'databaseName');
    const server = found.server;
    if (refuseWhenBusy(ctx, res, server, 'delete', name, found.apiVersion)) return;
    if (!(await findDatabase(ctx, server, name))) {
      res.writeHead(204, { 'x-ms-request-id': randomUUID() });
      res.end();
      return;
    }
    const op = ctx.operations.start('delete', 'DropServerDatabaseManagementOperation', `${serverId(ctx, server)}/databases/${name}`, async () => {
      await ctx.backend?.drop(name);
      ctx.state.databasesOf(server.name).delete(name);
    });
    accepted(ctx, res, op, found.apiVersion);
  });
}
