// cleanup-branch's sweep with a time to live (issue 17), through the bundle on the emulators and
// the real PostgreSQL: an environment whose branch is alive but which was last deployed 20 days
// ago is removed only when asked (`ttl` set, `dry-run: false` and `ttl-dry-run: false`), and the
// removal is said on the branch's open pull request; a recently deployed live environment stays.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, connectionInputs, leftOf, seedBranch, startWorld, type World } from '../helpers/cleanup-branch-world.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

let w: World;
let dir: string;
beforeAll(async () => {
  w = await startWorld();
  dir = await mkdtemp(path.join(tmpdir(), 'cleanup-ttl-e2e-'));
  await writeFile(path.join(dir, 'ca.pem'), w.az.caPem);
}, 120_000);
afterAll(async () => {
  await w?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function liveEnvironment(branch: string, daysAgo: number) {
  w.githubClockOffset.ms = -daysAgo * DAY_MS;
  try {
    return await seedBranch(w, branch, {
      namespace: true,
      database: true,
      role: true,
      credential: true,
      deployment: `feature-${branch}`,
      createdAt: new Date(Date.now() - daysAgo * DAY_MS),
    });
  } finally {
    w.githubClockOffset.ms = 0;
  }
}

function ttlSweep(inputs: Record<string, string>): Promise<RunResult> {
  w.az.setBranch('main');
  return runAction('cleanup-branch', {
    eventName: 'schedule',
    env: {
      ...w.az.env(),
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      GITHUB_API_URL: w.gh.url,
      GITHUB_REPOSITORY: 'octo-org/preview-app',
      GITHUB_REF: 'refs/heads/main',
    },
    inputs: { ...connectionInputs(w), mode: 'sweep', ...inputs },
  });
}

const names = (json: string | undefined): string[] =>
  (JSON.parse(json ?? '[]') as { kind: string; name: string }[]).filter((e) => e.kind === 'namespace').map((e) => e.name);
const all = { namespace: true, database: true, role: true, credential: true };
const none = { namespace: false, database: false, role: false, credential: false };

describe('cleanup-branch sweep with ttl', () => {
  it('removes an idle live environment only when asked, and says so on its pull request', async () => {
    const idle = await liveEnvironment(`e2e-idle-${w.id}`, 20);
    const fresh = await liveEnvironment(`e2e-fresh-${w.id}`, 2);
    w.gh.commitFiles({ 'idle.txt': 'idle\n' }, { branch: idle.branch, message: 'Idle work' });
    const opened = await fetch(`${w.gh.url}/repos/octo-org/preview-app/pulls`, {
      method: 'POST',
      headers: { authorization: `token ${w.gh.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Idle', head: idle.branch, base: 'main' }),
    });
    expect(opened.ok, await opened.clone().text()).toBe(true);
    const pull = ((await opened.json()) as { number: number }).number;

    // No ttl: a live branch's environment is kept, however old.
    const plain = await ttlSweep({ 'dry-run': 'false' });
    expect(plain.exitCode, plain.stdout).toBe(0);
    expect(await leftOf(w, idle)).toEqual(all);

    // ttl given, removals on, but ttl-dry-run defaults to true: listed, not removed.
    const listed = await ttlSweep({ 'dry-run': 'false', ttl: '14d' });
    expect(listed.exitCode, listed.stdout).toBe(0);
    expect(names(listed.outputs['would-remove'])).toEqual([idle.namespace]);
    expect(names(listed.outputs['removed'])).toEqual([]);
    expect(await leftOf(w, idle)).toEqual(all);
    expect(w.gh.comments(pull)).toEqual([]);

    // Asked: removed, the fresh one kept, the pull request told.
    const removed = await ttlSweep({ 'dry-run': 'false', ttl: '14d', 'ttl-dry-run': 'false' });
    expect(removed.exitCode, removed.stdout).toBe(0);
    expect(names(removed.outputs['removed'])).toEqual([idle.namespace]);
    expect(await leftOf(w, idle)).toEqual(none);
    expect(await leftOf(w, fresh)).toEqual(all);
    const comments = w.gh.comments(pull);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('idle: no deploy for');
  }, 180_000);

  it('refuses a ttl that is not a duration, with an example', async () => {
    const run = await ttlSweep({ ttl: 'fortnight' });
    expect(run.exitCode).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('ttl');
  });
});
