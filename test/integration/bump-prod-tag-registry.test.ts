// verify-images against a local registry stub: the HEAD manifest check behind each auth
// flow (anonymous token service, username/password, Basic, a given bearer token, ACR's
// exchange of an Entra token), missing images named, transient faults retried.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyImages, type RegistryAuth } from '../../actions/bump-prod-tag/registry.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { FakeClock } from '../../shared/testing/clock.ts';
import { userErrorOf } from '../helpers/bump-prod-tag-expect.ts';
import { startRegistryStub, type RegistryStub, type RegistryStubOptions } from '../helpers/registry-stub.ts';
import { Deadline } from '../../shared/core/deadline.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;
let stub: RegistryStub | undefined;

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function start(options: Partial<RegistryStubOptions> = {}): Promise<RegistryStub> {
  stub = await startRegistryStub({ images: ['team/api:v1', `team/api@${DIGEST}`, 'web:v2'], auth: 'token-service', ...options });
  return stub;
}

function check(images: string[], auth: RegistryAuth = {}, clock = new FakeClock()): Promise<Map<string, string | undefined>> {
  return verifyImages(images, auth, { logger: new RecordingLogger(), deadline: new Deadline(60_000, { clock }) });
}

describe('verify-images against a registry stub', () => {
  it('finds tags and digests through the anonymous token service, and names every missing image', async () => {
    const r = await start();
    const found = await check([`${r.host}/team/api:v1`, `${r.host}/team/api@${DIGEST}`, `${r.host}/web:v2`]);
    expect([...found.keys()]).toEqual([`${r.host}/team/api:v1`, `${r.host}/team/api@${DIGEST}`, `${r.host}/web:v2`]);
    expect(found.get(`${r.host}/team/api@${DIGEST}`)).toBe(DIGEST);
    expect(r.requests.count('GET', /^\/token$/)).toBe(2);
    const message = await userErrorOf(check([`${r.host}/team/api:v1`, `${r.host}/team/api:v9`, `${r.host}/gone:v1`]));
    expect(message).toMatch(new RegExp(`Not in the registry: "${r.host}/team/api:v9", "${r.host}/gone:v1".*Push the image first`));
  });

  it('gets a token with a username and password, and names the credentials when they are wrong', async () => {
    const r = await start({ username: 'u', password: 'p' });
    await expect(check([`${r.host}/web:v2`], { username: 'u', password: 'p' })).resolves.toBeInstanceOf(Map);
    expect(await userErrorOf(check([`${r.host}/web:v2`], { username: 'u', password: 'wrong' }))).toMatch(
      /refused `registry-username`\/`registry-password` \(HTTP 401 from \/token\)/,
    );
  });

  it('answers a Basic challenge, and asks for credentials when none are given', async () => {
    const r = await start({ auth: 'basic', username: 'u', password: 'p' });
    await expect(check([`${r.host}/web:v2`], { username: 'u', password: 'p' })).resolves.toBeInstanceOf(Map);
    expect(r.authorizations.at(-1)).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(await userErrorOf(check([`${r.host}/web:v2`]))).toMatch(/asks for a username and password.*registry-username/);
  });

  it('sends a given registry token as is, and says when it is rejected', async () => {
    const r = await start({ staticToken: 'static-token' });
    await expect(check([`${r.host}/web:v2`], { token: 'static-token' })).resolves.toBeInstanceOf(Map);
    expect(r.authorizations).toEqual(['Bearer static-token']);
    expect(await userErrorOf(check([`${r.host}/web:v2`], { token: 'expired' }))).toMatch(/rejected `registry-token` while checking/);
  });

  it('exchanges an Entra access token at ACR for a pull token', async () => {
    const r = await start({ auth: 'acr', azureToken: 'entra-token' });
    await expect(check([`${r.host}/team/api:v1`, `${r.host}/web:v2`], { azureAccessToken: 'entra-token' })).resolves.toBeInstanceOf(Map);
    expect(r.requests.count('POST', /^\/oauth2\/exchange$/)).toBe(2);
    expect(r.requests.count('POST', /^\/oauth2\/token$/)).toBe(2);
    expect(await userErrorOf(check([`${r.host}/web:v2`], { azureAccessToken: 'other' }))).toMatch(
      /refused `azure-access-token` \(HTTP 401 from \/oauth2\/exchange\)/,
    );
  });

  it('retries 503 and 429 answers and dropped connections, then succeeds', async () => {
    const r = await start({ auth: 'anonymous' });
    r.faults.script(
      { method: 'HEAD', path: /manifests/, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'HEAD', path: /manifests/, fault: { kind: 'status', status: 429, retryAfterSeconds: 2 }, times: 1 },
      { method: 'HEAD', path: /manifests/, fault: { kind: 'drop' }, times: 1 },
    );
    const clock = new FakeClock();
    await expect(check([`${r.host}/web:v2`], {}, clock)).resolves.toBeInstanceOf(Map);
    expect(r.faults.injected).toBe(3);
    expect(r.requests.count('HEAD', /manifests/)).toBe(4);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(2000);
  });

  it('fails at once on a permanent error, saying which image it was checking', async () => {
    const r = await start({ auth: 'anonymous' });
    r.faults.script({ method: 'HEAD', path: /manifests/, fault: { kind: 'status', status: 400 } });
    expect(await userErrorOf(check([`${r.host}/web:v2`]))).toMatch(new RegExp(`Could not check ${r.host}/web:v2 in its registry: .*HTTP 400`));
    expect(r.requests.count('HEAD', /manifests/)).toBe(1);
  });
});
