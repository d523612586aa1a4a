// `npm run emulators`: starts everything, writes the state dir, and stops everything on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/run-action.ts';

const run = promisify(execFile);

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return env;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm run emulators', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes kubeconfig, ca.pem, env and ready, serves real clients, and stops everything on SIGTERM', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'emulators-cli-'));
    const child = spawn(process.execPath, [path.join(root, 'test/emulators/cli.ts'), '--state-dir', dir, '--postgres'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 600 && !existsSync(path.join(dir, 'ready')); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(path.join(dir, 'ready')), log).toBe(true);

    const env = parseEnv(await readFile(path.join(dir, 'env'), 'utf8'));
    for (const key of [
      'KUBECONFIG',
      'NODE_EXTRA_CA_CERTS',
      'GITHUB_API_URL',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'AZURE_AUTHORITY_HOST',
      'ARM_ENDPOINT',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_SUBSCRIPTION_ID',
      'AZURE_RESOURCE_GROUP',
      'AZURE_PG_SERVER',
      'GITHUB_REPOSITORY',
      'GITHUB_TOKEN',
      'PGHOST',
      'PGPORT',
      'PGUSER',
      'PGPASSWORD',
    ]) {
      expect(env[key], key).toBeTruthy();
    }
    expect(env['ACTIONS_ID_TOKEN_REQUEST_URL']).toContain('?');
    expect(await readFile(path.join(dir, 'ca.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');

    // kubectl reads the kubeconfig it wrote.
    const { stdout } = await run('kubectl', ['--cache-dir', path.join(dir, 'kube-cache'), 'get', 'namespaces', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: env['KUBECONFIG'] },
    });
    expect(stdout).toContain('namespace/default');
    // The real PostgreSQL answers with the admin credentials.
    const client = new pg.Client({ host: env['PGHOST'], port: Number(env['PGPORT']), user: env['PGUSER'], password: env['PGPASSWORD'], database: 'postgres' });
    await client.connect();
    expect((await client.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    await client.end();
    // GitHub answers for the preset repository.
    const repo = await fetch(`${env['GITHUB_API_URL']}/repos/${env['GITHUB_REPOSITORY']}`, { headers: { authorization: `token ${env['GITHUB_TOKEN']}` } });
    expect(((await repo.json()) as { default_branch: string }).default_branch).toBe('main');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dir, 'ready'))).toBe(false);
    expect(await portOpen(Number(env['PGPORT']))).toBe(false);
    expect(await portOpen(Number(new URL(env['GITHUB_API_URL']!).port))).toBe(false);
  }, 120_000);
});
