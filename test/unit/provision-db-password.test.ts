// Which password a run hands on (created, recovered from the branch Secret, rotated and why),
// and the generated passwords and SCRAM verifiers. The database side of the same rule runs
// against the real server in test/integration/provision-db-arm.test.ts.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, scramVerifier } from '../../actions/provision-db/credentials.ts';
import { settlePassword, type SettleOptions } from '../../actions/provision-db/password.ts';
import type { PasswordStore } from '../../actions/provision-db/secret-store.ts';

/** A role whose password can be checked and set, and a Secret that may hold one. */
function world(current: string, stored: string | undefined) {
  const state = { password: current, sets: 0, masked: [] as string[], reads: 0 };
  const store: PasswordStore = {
    describe: 'Secret feature-x/database-credentials (key PGPASSWORD)',
    read: () => {
      state.reads += 1;
      return Promise.resolve(stored);
    },
  };
  const options = (over: Partial<SettleOptions>): SettleOptions => ({
    createdWith: undefined,
    rotate: false,
    store,
    verify: (password) => Promise.resolve(password === state.password),
    setPassword: (password) => {
      state.password = password;
      state.sets += 1;
      return Promise.resolve();
    },
    generate: generatePassword,
    mask: (value) => state.masked.push(value),
    ...over,
  });
  return { state, options };
}

describe('settling the password', () => {
  it('hands on the password a new role was created with, reading nothing', async () => {
    const { state, options } = world('new-one', 'old');
    const decision = await settlePassword(options({ createdWith: 'new-one' }));
    expect(decision).toMatchObject({ password: 'new-one', source: 'created', warn: false });
    expect(state).toMatchObject({ sets: 0, reads: 0 });
  });

  it('recovers a working password from the Secret and changes nothing', async () => {
    const { state, options } = world('kept-password', 'kept-password');
    const decision = await settlePassword(options({}));
    expect(decision).toMatchObject({ password: 'kept-password', source: 'recovered', warn: false });
    expect(decision.note).toContain('Secret feature-x/database-credentials');
    expect(state.sets).toBe(0);
    expect(state.masked).toContain('kept-password');
  });

  it('rotates when asked, even with a working Secret', async () => {
    const { state, options } = world('kept-password', 'kept-password');
    const decision = await settlePassword(options({ rotate: true }));
    expect(decision.source).toBe('rotated');
    expect(decision.password).not.toBe('kept-password');
    expect(state.password).toBe(decision.password);
    expect(state.masked).toContain(decision.password);
    expect(state.reads).toBe(0);
  });

  it('rotates, with a warning, when there is no kubeconfig to read the Secret', async () => {
    const { state, options } = world('old', undefined);
    const decision = await settlePassword(options({ store: undefined }));
    expect(decision).toMatchObject({ source: 'rotated', warn: true });
    expect(decision.note).toContain('without a kubeconfig');
    expect(state.password).toBe(decision.password);
  });

  it('rotates quietly when the Secret does not exist yet', async () => {
    const { state, options } = world('old', undefined);
    const decision = await settlePassword(options({}));
    expect(decision).toMatchObject({ source: 'rotated', warn: false });
    expect(decision.note).toContain('does not exist yet');
    expect(state.sets).toBe(1);
  });

  it('rotates, with a warning, when the stored password no longer works', async () => {
    const { state, options } = world('changed-by-hand', 'stale');
    const decision = await settlePassword(options({}));
    expect(decision).toMatchObject({ source: 'rotated', warn: true });
    expect(decision.note).toContain('no longer signs in');
    expect(state.password).toBe(decision.password);
  });

  it('fails instead of rotating when the Secret cannot be read', async () => {
    const { state, options } = world('old', undefined);
    const broken: PasswordStore = { describe: 'x', read: () => Promise.reject(new Error('cluster unreachable')) };
    await expect(settlePassword(options({ store: broken }))).rejects.toThrow('cluster unreachable');
    expect(state.sets).toBe(0);
  });
});

describe('generated passwords', () => {
  it('are long, alphanumeric, mixed and different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const password = generatePassword();
      expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword(48)).toHaveLength(48);
    expect(() => generatePassword(8)).toThrow();
  });
});

describe('SCRAM-SHA-256 verifier', () => {
  it("has PostgreSQL's format and follows RFC 5802 key derivation", () => {
    const salt = Buffer.from('0123456789abcdef');
    const verifier = scramVerifier('pencil', salt, 4096);
    const match = /^SCRAM-SHA-256\$4096:([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(verifier);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toEqual(salt);
    // Independent derivation: StoredKey = H(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key").
    const salted = pbkdf2Sync('pencil', salt, 4096, 32, 'sha256');
    expect(match![2]).toBe(createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64'));
    expect(match![3]).toBe(createHmac('sha256', salted).update('Server Key').digest('base64'));
  });

  it('uses a fresh salt each time and refuses non-ASCII passwords', () => {
    expect(scramVerifier('same')).not.toBe(scramVerifier('same'));
    expect(() => scramVerifier('pässword')).toThrow();
    expect(() => scramVerifier('')).toThrow();
  });
});
