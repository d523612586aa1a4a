// Bundles every action under actions/<name>/main.ts into dist/<name>/ with ncc (one ESM bundle
// each), and the local CLI (actions/cli/main.ts) into dist/cli/. Deterministic: no cache, no source maps, no timestamps; two builds give identical bytes.
//
//   node scripts/build.ts                 build into dist/
//   node scripts/build.ts --out DIR       build into DIR (used by the dist check)
//   node scripts/build.ts --only NAME     build one action
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rename, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundle names: every action (a folder with action.yml and main.ts), plus the local CLI (actions/cli/main.ts). */
export async function actionNames(): Promise<string[]> {
  const entries = await readdir(path.join(root, 'actions'), { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(root, 'actions', e.name, 'action.yml')) && existsSync(path.join(root, 'actions', e.name, 'main.ts')))
    .map((e) => e.name);
  return [...names, 'cli'].sort();
}

/** The entry file of a bundle. */
function entryOf(name: string): string {
  return path.join('actions', name, 'main.ts');
}

async function bundle(name: string, outDir: string): Promise<void> {
  const target = path.join(outDir, name);
  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  try {
    await run(
      process.execPath,
      [
        ncc,
        'build',
        entryOf(name),
        '--out',
        staging,
        '--no-cache',
        '--minify',
        '--transpile-only',
        '--target',
        'es2024',
        '--stats-out',
        path.join(staging, 'stats.json'),
        '--quiet',
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error: unknown) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`ncc failed for ${entryOf(name)}:\n${e.stderr || e.stdout || e.message}`, { cause: error });
  }
  await writeLicenses(staging);
  await minifyChunks(staging);
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
}

/**
 * Minifies the code-split chunks (`<id>.index.js`): ncc's `--minify` only minifies index.js, so
 * the lazily loaded chunks (Azure SDK, Octokit, pg, undici) went out with their comments and
 * whitespace. Same terser options as ncc's (no compression, names of classes and functions kept,
 * so error names and stack frames stay readable); deterministic.
 */
async function minifyChunks(dir: string): Promise<void> {
  const { minify } = await import('terser');
  for (const file of (await readdir(dir)).filter((f) => /^\d+\.index\.js$/.test(f)).sort()) {
    const full = path.join(dir, file);
    const result = await minify(await readFile(full, 'utf8'), {
      module: true,
      compress: false,
      mangle: { keep_classnames: true, keep_fnames: true },
      format: { comments: 'some' },
    });
    if (result.code === undefined) throw new Error(`terser returned nothing for ${file}`);
    await writeFile(full, result.code);
  }
}

interface StatsModule {
  identifier?: string;
  name?: string;
  modules?: StatsModule[];
}

/**
 * Writes licenses.txt for every package bundled into any chunk (ncc's own `--license` lists only
 * the last chunk when code is split), from webpack's stats, then removes the stats file.
 */
async function writeLicenses(dir: string): Promise<void> {
  const statsFile = path.join(dir, 'stats.json');
  const stats = JSON.parse(await readFile(statsFile, 'utf8')) as { modules?: StatsModule[] };
  await rm(statsFile);
  const packageDirs = new Set<string>();
  const walk = (modules: StatsModule[] = []): void => {
    for (const m of modules) {
      const resource = (m.identifier ?? m.name ?? '').split('!').pop()?.split('|').pop() ?? '';
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(resource);
      if (match?.[1] && !match[1].endsWith('node_modules/@vercel/ncc')) packageDirs.add(path.resolve(root, match[1]));
      walk(m.modules);
    }
  };
  walk(stats.modules);
  const entries: string[] = [];
  for (const dir of [...packageDirs].sort()) {
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenseFile = (await readdir(dir)).filter((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f)).sort()[0];
    const text = licenseFile ? (await readFile(path.join(dir, licenseFile), 'utf8')).trim() : '(no license file in the package)';
    entries.push(`${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}`);
  }
  const unique = [...new Set(entries)].sort();
  await writeFile(path.join(dir, 'licenses.txt'), `${unique.join('\n\n---\n\n')}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outArg = args.indexOf('--out');
  const onlyArg = args.indexOf('--only');
  const outDir = path.resolve(outArg >= 0 ? (args[outArg + 1] ?? 'dist') : path.join(root, 'dist'));
  const all = await actionNames();
  const names = onlyArg >= 0 ? all.filter((n) => n === args[onlyArg + 1]) : all;
  if (names.length === 0) throw new Error(`no action to build (found: ${all.join(', ') || 'none'})`);
  await mkdir(outDir, { recursive: true });
  if (onlyArg < 0) {
    // Remove bundles of actions that no longer exist.
    for (const entry of await readdir(outDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !all.includes(entry.name) && !entry.name.includes('.tmp-')) await rm(path.join(outDir, entry.name), { recursive: true });
    }
  }
  const queue = [...names];
  const workers = Math.max(1, Math.min(cpus().length, queue.length));
  const started = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) await bundle(name, outDir);
    }),
  );
  console.log(`built ${names.length} bundle(s) into ${path.relative(root, outDir) || '.'} in ${Date.now() - started} ms: ${names.join(', ')}`);
}

try {
  await main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
