// How clients come to trust the emulator's self-signed certificate: in a
// child process through NODE_EXTRA_CA_CERTS (what the action bundles see),
// and in-process through trustCaInProcess (tls.setDefaultCACertificates).
// The real @actions/core getIDToken, @azure/identity and ARM client run it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureEmulator, trustCaInProcess, type AzureEmulator } from '../emulators/azure/index.ts';

const CHILD = `
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
const env = process.env;
try {
  const credential = new ClientAssertionCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID,
    () => core.getIDToken('api://AzureADTokenExchange'),
    { authorityHost: env.AZURE_AUTHORITY_HOST, disableInstanceDiscovery: true });
  const client = new PostgreSQLManagementFlexibleServerClient(credential, env.AZURE_SUBSCRIPTION_ID, { endpoint: env.ARM_ENDPOINT });
  const server = await client.servers.get(env.AZURE_RESOURCE_GROUP, env.AZURE_PG_SERVER);
  console.log('RESULT ' + JSON.stringify({ ok: true, state: server.state, name: server.name }));
} catch (error) {
  console.log('RESULT ' + JSON.stringify({ ok: false, message: String(error && error.message || error) }));
}
`;

let az: AzureEmulator;
let dir: string;
let caFile: string;

beforeAll(async () => {
  az = await startAzureEmulator();
  dir = await mkdtemp(join(tmpdir(), 'azure-ca-'));
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, az.caPem);
});
afterAll(async () => {
  await az?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function runChild(extraEnv: Record<string, string>): Promise<{ ok: boolean; state?: string; name?: string; message?: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...az.env(), ...extraEnv };
  if (!('NODE_EXTRA_CA_CERTS' in extraEnv)) delete env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: process.cwd(), env, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) {
        reject(new Error(`child printed no result: ${error?.message ?? ''}\n${stdout}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(line.slice('RESULT '.length)) as { ok: boolean });
    });
  });
}

describe('trusting the emulator certificate', () => {
  it('works in a child process through NODE_EXTRA_CA_CERTS, with the env a workflow step sees', async () => {
    const result = await runChild({ NODE_EXTRA_CA_CERTS: caFile });
    expect(result).toEqual({ ok: true, state: 'Ready', name: az.serverName });
    expect(az.requests.count('GET', /^\/oidc\/token$/)).toBeGreaterThanOrEqual(1);
  });

  it('fails with a certificate error without it', async () => {
    const result = await runChild({});
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/self[- ]signed certificate/i);
  });

  it('works in-process after trustCaInProcess, for clients that take no CA option', async () => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = az.oidcRequestUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = az.oidcRequestToken;
    await expect(core.getIDToken('api://AzureADTokenExchange')).rejects.toThrow(/self[- ]signed certificate/i);
    const restore = trustCaInProcess(az.caPem);
    try {
      const token = await core.getIDToken('api://AzureADTokenExchange');
      expect(token.split('.')).toHaveLength(3);
    } finally {
      restore();
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
      delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    }
  });
});
