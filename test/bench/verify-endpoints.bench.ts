// verify-endpoints: 50 checks against a local server that answers after 100 ms, concurrency 10.
// Ideal wall time is 5 waves x 100 ms = 0.5 s; target <= 0.7 s. Also the requests the server got
// (target 50: no check retried) and the same run through the bundle (includes Node start-up).
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readInputs } from '../../shared/endpoints/inputs.ts';
import { runVerification } from '../../shared/endpoints/run-verification.ts';
import { InputReader, inputEnvName } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { silentLogger } from '../../shared/testing/logger.ts';
import { startTestServer } from '../helpers/http-servers/servers.ts';
import { median } from './stats.ts';

const CHECKS = 50;
const LATENCY_MS = 100;
const CONCURRENCY = 10;

export default async function bench({ root }: { root: string }): Promise<void> {
  const server = await startTestServer((req) => ({ body: { ok: true, path: req.url }, delayMs: LATENCY_MS }));
  try {
    const record = {
      'base-url': server.url,
      checks: Array.from({ length: CHECKS }, (_, i) => `- path: /item/${i}\n  expect: { json: { $.ok: true } }`).join('\n'),
      concurrency: String(CONCURRENCY),
      timeout: '30s',
    };
    const walls: number[] = [];
    let requests = 0;
    for (let run = 0; run < 5; run += 1) {
      const before = server.requests.length;
      const started = performance.now();
      const result = await runVerification(readInputs(new InputReader(inputsFromRecord(record))), { logger: silentLogger, setSecret: () => undefined });
      walls.push(performance.now() - started);
      requests = server.requests.length - before;
      if (!result.passed) throw new Error(`a check failed: ${JSON.stringify(result.results.find((r) => !r.passed))}`);
    }
    console.log(
      `verify-endpoints: ${CHECKS} checks, ${LATENCY_MS} ms server latency, concurrency ${CONCURRENCY}: ` +
        `wall median ${(median(walls) / 1000).toFixed(3)} s (runs: ${walls.map((w) => (w / 1000).toFixed(3)).join(', ')}; ideal 0.500 s, target <= 0.7 s), ` +
        `${requests} requests sent per run (target ${CHECKS}), max ${server.maxInFlight()} in flight`,
    );

    const dir = mkdtempSync(path.join(tmpdir(), 'bench-verify-'));
    try {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        GITHUB_OUTPUT: path.join(dir, 'out'),
        GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
      };
      for (const [name, value] of Object.entries(record)) env[inputEnvName(name)] = value;
      const bundleWalls: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        writeFileSync(path.join(dir, 'out'), '');
        writeFileSync(path.join(dir, 'summary'), '');
        const started = performance.now();
        // Asynchronously: the server lives in this process and must keep answering.
        await promisify(execFile)(process.execPath, [path.join(root, 'dist', 'verify-endpoints', 'index.js')], { env, maxBuffer: 16 * 1024 * 1024 });
        bundleWalls.push(performance.now() - started);
      }
      console.log(`verify-endpoints bundle, same run including Node start-up: median ${(median(bundleWalls) / 1000).toFixed(3)} s`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
}
