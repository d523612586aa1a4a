// `mode: refresh-template`: rebuilds the seed template (`template-database`) beside the old
// one, from a source database on the same server (a copy) or a seed file (pg_dump archive or
// SQL, e.g. dumped from production by a step before), sanitises it as the admin, closes it to
// connections, and swaps it in by renaming; the old one is dropped. Branch databases then copy
// it in seconds with `seed-from-database`. Every database it touches carries a template mark
// (JSON with `seed-template`, no branch), which cleanup-branch never takes for a branch's.
import { UserError } from '../../shared/core/errors.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { closeQuietly, connectPostgres, quoteIdent, quoteLiteral, sharedComment, type PgClient, type PgTarget } from '../../shared/postgres/client.ts';
import { createDatabaseSql, lockBranch } from './access.ts';
import type { Deadline } from '../../shared/core/deadline.ts';
import type { Seed } from './seed.ts';
import { restoreArchive } from './seed-file.ts';
import { InUseError, copyTemplate, describeSession, runWhenUnused } from './seed-template.ts';

/** What a refresh needs. */
export interface RefreshRequest {
  template: string;
  seed: Seed;
  repository: string;
  adoptExisting: boolean;
  charset: string;
  collation: string;
  /** The admin's target (database `postgres`); the password already resolved (pg_restore needs text). */
  admin: PgTarget & { password: string };
  me: string;
}

/** What a refresh did. */
export interface RefreshResult {
  template: string;
  source: string;
  /** Whether an older template was replaced (false for the first build). */
  replaced: boolean;
}

/** The comment on a template (and its `_next`/`_old` companions). */
export function templateMark(template: string, repository: string, state: 'building' | 'ready' | 'old', source: string, now: Date): string {
  return JSON.stringify({ 'managed-by': MANAGED_BY_VALUE, 'seed-template': template, repository, state, source, 'refreshed-at': now.toISOString() });
}

/** Whether a comment is this repository's template mark for `template`. */
export function isTemplateMark(comment: string | undefined, template: string, repository: string): boolean {
  try {
    const json = JSON.parse(comment ?? '') as Record<string, unknown>;
    return json['managed-by'] === MANAGED_BY_VALUE && json['seed-template'] === template && json['repository'] === repository;
  } catch {
    return false;
  }
}

async function databaseState(admin: PgClient, name: string): Promise<{ exists: boolean; comment: string | undefined; mine: boolean }> {
  const { rows } = await admin.query<{ mine: boolean }>("SELECT pg_has_role(current_user, datdba, 'USAGE') AS mine FROM pg_database WHERE datname = $1", [
    name,
  ]);
  return { exists: rows[0] !== undefined, comment: await sharedComment(admin, 'database', name), mine: rows[0]?.mine === true };
}

/** Refuses a database of the template's names that is not this repository's template (unless adopted) or not the admin's. */
async function checkOurs(admin: PgClient, name: string, request: RefreshRequest, adopt: boolean): Promise<boolean> {
  const found = await databaseState(admin, name);
  if (!found.exists) return false;
  if (!found.mine) {
    throw new UserError(
      `Database ${JSON.stringify(name)} exists and is not owned by ${request.me}, so the template cannot be rebuilt; provision-db changed nothing.`,
      {
        fix: `Have its owner hand it over (\`ALTER DATABASE ${quoteIdent(name)} OWNER TO ${quoteIdent(request.me)}\`), or choose another \`template-database\`.`,
      },
    );
  }
  if (!adopt && !isTemplateMark(found.comment, request.template, request.repository)) {
    throw new UserError(
      `Database ${JSON.stringify(name)} exists without this repository's seed-template mark, so provision-db will not replace it (it would be dropped).`,
      {
        fix: 'If it really is the seed template and may be replaced, set `adopt-existing: true` once; otherwise choose another `template-database`.',
      },
    );
  }
  return true;
}

/** Builds `<template>_next`: a copy of the source database, or an empty database with the seed file restored as the admin. */
async function build(admin: PgClient, next: string, request: RefreshRequest, deadline: Deadline, logger: Logger): Promise<void> {
  const { seed } = request;
  if (seed.kind === 'database') {
    await copyTemplate(admin, { database: next, template: seed.template, me: request.me, strategy: seed.strategy }, deadline, logger);
  } else {
    await createDatabaseSql(admin, next, request.charset, request.collation);
  }
  await admin.query(
    `COMMENT ON DATABASE ${quoteIdent(next)} IS ${quoteLiteral(templateMark(request.template, request.repository, 'building', sourceText(seed), new Date(deadline.clock.now())))}`,
  );
  await admin.query(`REVOKE ALL ON DATABASE ${quoteIdent(next)} FROM PUBLIC`);
  const target = { ...request.admin, database: next };
  if (seed.kind === 'file' && seed.file.format === 'custom') await restoreArchive(seed.file, target, deadline.remaining());
  const client = await connectPostgres(target, { retryForMs: Math.min(deadline.remaining(), 30_000), login: 'admin' });
  try {
    await client.query('BEGIN');
    if (seed.kind === 'file' && seed.file.format === 'sql') await runAs(client, 'Seed', seed.file.path, seed.file.sql);
    if (seed.sanitize) await runAs(client, 'Seed sanitize', seed.sanitize.path, seed.sanitize.sql);
    await client.query('COMMIT');
  } finally {
    await closeQuietly(client);
  }
}

async function runAs(client: PgClient, what: string, path: string, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error: unknown) {
    throw new UserError(
      `${what} ${JSON.stringify(path)} failed while the template was rebuilt: ${(error as Error).message}. The template in use was not changed (the half-built copy was dropped).`,
      {
        fix: 'Fix the file and re-run the refresh.',
        cause: error,
      },
    );
  }
}

function sourceText(seed: Seed): string {
  return seed.kind === 'database' ? `database:${seed.template}` : `file:${seed.file.path}`;
}

/**
 * Rebuilds the template; see the file comment. Takes the template's advisory lock, so two
 * refreshes take turns. A failure before the swap leaves the template in use untouched.
 */
export async function refreshTemplate(admin: PgClient, request: RefreshRequest, deadline: Deadline, logger: Logger): Promise<RefreshResult> {
  const { template } = request;
  const next = `${template}_next`;
  const old = `${template}_old`;
  await lockBranch(admin, `seed-template:${template}`, deadline.remaining());
  const replaced = await checkOurs(admin, template, request, request.adoptExisting);
  for (const leftover of [next, old]) {
    if (await checkOurs(admin, leftover, request, false)) await admin.query(`DROP DATABASE ${quoteIdent(leftover)} WITH (FORCE)`);
  }
  try {
    await build(admin, next, request, deadline, logger);
  } catch (error: unknown) {
    await admin
      .query(`DROP DATABASE IF EXISTS ${quoteIdent(next)} WITH (FORCE)`)
      .catch(() => logger.warning(`Could not drop ${next}; the next refresh drops it.`));
    throw error;
  }
  await admin.query(`ALTER DATABASE ${quoteIdent(next)} ALLOW_CONNECTIONS false`);
  if (replaced) await swapOut(admin, template, old, deadline, logger);
  await admin.query(`ALTER DATABASE ${quoteIdent(next)} RENAME TO ${quoteIdent(template)}`);
  await admin.query(
    `COMMENT ON DATABASE ${quoteIdent(template)} IS ${quoteLiteral(templateMark(template, request.repository, 'ready', sourceText(request.seed), new Date(deadline.clock.now())))}`,
  );
  if (replaced) await admin.query(`DROP DATABASE ${quoteIdent(old)} WITH (FORCE)`);
  logger.info(
    `Template ${template} rebuilt from ${sourceText(request.seed)}${request.seed.sanitize ? `, sanitised with ${request.seed.sanitize.path}` : ''}; it takes no connections (copies need none).`,
  );
  return { template, source: sourceText(request.seed), replaced };
}

/** Renames the template in use out of the way, waiting while a session is connected to it. */
async function swapOut(admin: PgClient, template: string, old: string, deadline: Deadline, logger: Logger): Promise<void> {
  try {
    await runWhenUnused(admin, template, `ALTER DATABASE ${quoteIdent(template)} RENAME TO ${quoteIdent(old)}`, deadline, logger);
  } catch (error: unknown) {
    if (!(error instanceof InUseError)) throw error;
    throw new UserError(
      `Template ${JSON.stringify(template)} could not be replaced: sessions were connected to it until the run's \`timeout\`: ${error.sessions.map(describeSession).join('; ')}. The new copy waits as ${template}_next and is dropped by the next refresh.`,
      {
        fix: `End those sessions (\`SELECT pg_terminate_backend(pid)\`) and re-run, or raise \`timeout\`.`,
        cause: error,
      },
    );
  }
}
