// `npm run emulators -- --state-dir DIR [--postgres] [--faults RATE]`
// Starts every emulator on free loopback ports, writes DIR/kubeconfig, DIR/ca.pem, DIR/env and
// then DIR/ready, and runs until SIGTERM or SIGINT, when it stops everything it started.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulators } from './start.ts';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run emulators -- --state-dir DIR [--postgres] [--faults RATE]`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: { 'state-dir': { type: 'string' }, postgres: { type: 'boolean', default: false }, faults: { type: 'string' } },
    strict: true,
  });
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
const stateDir = parsed.values['state-dir'];
if (!stateDir) usage('--state-dir is required');
const faultRate = parsed.values.faults === undefined ? 0 : Number(parsed.values.faults);
if (!(faultRate >= 0 && faultRate <= 1)) usage(`--faults must be a rate between 0 and 1, got ${JSON.stringify(parsed.values.faults)}`);

const dir = path.resolve(stateDir);
await mkdir(dir, { recursive: true });
await rm(path.join(dir, 'ready'), { force: true });
const emulators = await startEmulators({ postgres: parsed.values.postgres, faultRate });
const env = await emulators.writeState(dir);
await writeFile(path.join(dir, 'ready'), `${new Date().toISOString()}\n`);
console.log(`emulators ready; state in ${dir}`);
console.log(`  kubernetes ${emulators.kube.url}\n  azure      ${emulators.azure.url}\n  github     ${emulators.github.url}`);
if (emulators.postgres) console.log(`  postgres   ${emulators.postgres.host}:${emulators.postgres.port}`);
console.log(`source ${path.join(dir, 'env')} (${Object.keys(env).length} variables); stop with Ctrl-C or SIGTERM`);

let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping emulators`);
  await emulators.close();
  await rm(path.join(dir, 'ready'), { force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
