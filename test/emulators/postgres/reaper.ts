// Servers left behind by a test process that was killed (SIGKILL, a
// terminal closed) keep running as daemons. Every harness dir records the pid
// that owns it; a later start stops and removes those whose owner is gone.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerBinary } from './binaries.ts';

/** Prefix of every harness temp dir under the OS temp dir. */
export const HARNESS_PREFIX = 'pg-harness-';
const OWNER_FILE = 'owner.pid';
const GRACE_MS = 2 * 3600_000;

/** Records this process as the owner of a harness dir. */
export async function claim(root: string): Promise<void> {
  await writeFile(join(root, OWNER_FILE), String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

async function ownerGone(root: string): Promise<boolean> {
  try {
    const pid = Number((await readFile(join(root, OWNER_FILE), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  } catch {
    // No owner file: a dir being set up right now, or one from an old run.
    const { mtimeMs } = await stat(root);
    return Date.now() - mtimeMs > GRACE_MS;
  }
}

/** Stops and removes harness servers whose owning process no longer exists. Never throws. */
export async function reapOrphans(bindir: string): Promise<number> {
  let reaped = 0;
  let entries: string[];
  try {
    entries = (await readdir(tmpdir())).filter((name) => name.startsWith(HARNESS_PREFIX));
  } catch {
    return 0;
  }
  for (const name of entries) {
    const root = join(tmpdir(), name);
    try {
      if (!(await ownerGone(root))) continue;
      const dataDir = join(root, 'data');
      if (existsSync(join(dataDir, 'postmaster.pid'))) {
        await runServerBinary(join(bindir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { timeoutMs: 30_000 }).catch(() => undefined);
      }
      await rm(root, { recursive: true, force: true });
      reaped += 1;
    } catch {
      // Someone else reaped it first, or it is not ours to touch.
    }
  }
  return reaped;
}
