// Finding migration files (temp directories); applying them runs against the real server in
// test/integration/provision-db-sql.test.ts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../actions/provision-db/migrations.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pdb-migrations-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, sql = 'SELECT 1;'): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), sql);
}

describe('loading migrations', () => {
  it('takes directories in natural name order, .sql files only, then single files in the given order', async () => {
    await file('db/10_index.sql');
    await file('db/2_table.sql');
    await file('db/1_schema.sql');
    await file('db/README.md', '# not SQL');
    await file('seed.sql', 'INSERT INTO t VALUES (1);');
    const migrations = await loadMigrations(['db', 'seed.sql'], dir);
    expect(migrations.map((m) => m.name)).toEqual(['1_schema.sql', '2_table.sql', '10_index.sql', 'seed.sql']);
    expect(migrations[3]).toMatchObject({ path: 'seed.sql', sql: 'INSERT INTO t VALUES (1);' });
    expect(migrations[3]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(migrations[0]!.checksum).not.toBe(migrations[3]!.checksum);
  });

  it('accepts absolute paths and nothing at all', async () => {
    await file('a.sql');
    expect((await loadMigrations([path.join(dir, 'a.sql')], '/')).map((m) => m.name)).toEqual(['a.sql']);
    expect(await loadMigrations([], dir)).toEqual([]);
  });

  it('refuses a missing path, naming it', async () => {
    await expect(loadMigrations(['db/missing.sql'], dir)).rejects.toThrow(/Input `migrations` names "db\/missing.sql", which cannot be read/);
  });

  it('refuses a directory without .sql files', async () => {
    await file('empty/notes.txt', 'x');
    await expect(loadMigrations(['empty'], dir)).rejects.toThrow(/holds no .sql files/);
  });

  it('refuses two files with one name (they are recorded by name)', async () => {
    await file('a/001.sql');
    await file('b/001.sql');
    await expect(loadMigrations(['a', 'b'], dir)).rejects.toThrow(/two files named "001.sql" \(a\/001.sql and b\/001.sql\)/);
  });
});
