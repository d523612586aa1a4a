// Cold start of each bundle next to `node -e 0` on the same Node, median of N runs, and sizes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inputEnvName } from '../../shared/core/inputs.ts';
import { median } from './stats.ts';

function time(args: string[], env: NodeJS.ProcessEnv, expectExit = 0): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== expectExit) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stdout.toString()}${result.stderr.toString()}`);
  return ms;
}

export interface ColdStart {
  action: string;
  medianMs: number;
  baselineMs: number;
  ratio: number;
  runs: number;
}

/** Measures one bundle run with the given inputs (`expectExit` 1: a run refused at its inputs, i.e. load and fail). */
export function coldStart(root: string, action: string, inputs: Record<string, string>, runs = 25, expectExit = 0): ColdStart {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], RUNNER_TEMP: dir };
    for (const [k, v] of Object.entries(inputs)) env[inputEnvName(k)] = v;
    const bundle = path.join(root, 'dist', action, 'index.js');
    const base: number[] = [];
    const bundleTimes: number[] = [];
    // Warm the file cache once, then interleave so both see the same machine load.
    time(['-e', '0'], env);
    for (let i = 0; i < runs; i += 1) {
      const out = path.join(dir, `out-${i}`);
      writeFileSync(out, '');
      writeFileSync(path.join(dir, 'summary'), '');
      base.push(time(['-e', '0'], env));
      bundleTimes.push(time([bundle], { ...env, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: path.join(dir, 'summary') }, expectExit));
    }
    const medianMs = median(bundleTimes);
    const baselineMs = median(base);
    return { action, medianMs, baselineMs, ratio: medianMs / baselineMs, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Size of every bundle directory under dist/. */
export function bundleSizes(root: string): { action: string; bytes: number }[] {
  const dist = path.join(root, 'dist');
  return readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const files = readdirSync(path.join(dist, e.name));
      const bytes = files.reduce((sum, f) => sum + statSync(path.join(dist, e.name, f)).size, 0);
      return { action: e.name, bytes };
    })
    .sort((a, b) => a.action.localeCompare(b.action));
}
