// The promotion through Octokit against the GitHub emulator: a pull request with the right
// diff, re-runs that change nothing, a newer tag updating the same pull request, an older
// one never undoing it, concurrent runs ending with one pull request, a moved base, commit
// mode racing another push, and the refusals (missing file or image, missing permission).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedLines } from '../../shared/kustomize-images/diff.ts';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { Promoter, type PromotionRequest, type PromotionResult } from '../../actions/bump-prod-tag/promote.ts';
import { UserError } from '../../shared/core/errors.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { FakeClock } from '../../shared/testing/clock.ts';
import { userErrorOf } from '../helpers/bump-prod-tag-expect.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { Deadline } from '../../shared/core/deadline.ts';

const PROD = 'manifests/overlays/production/kustomization.yaml';
const OLD = 'main-1111111111111111111111111111111111111111';
const production = readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'kustomizations', 'production.yaml'), 'utf8');
const crlf = readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'kustomizations', 'crlf.yaml'), 'utf8');
const API = 'acme.azurecr.io/todo-api';
const WEB = 'acme.azurecr.io/todo-web';

let gh: GitHubEmulator;
let octokit: ReturnType<typeof getOctokit>;
/** Three commits of the app, oldest first, on their own branch (so main does not move). */
let app: string[];

beforeAll(async () => {
  const overlays: Record<string, string> = {};
  for (const name of ['production', 'staging', 'canary', 'race', 'moved', 'rejected', 'merged', 'commit', 'faults', 'verify']) {
    overlays[`manifests/overlays/${name}/kustomization.yaml`] = production;
  }
  overlays['manifests/overlays/windows/kustomization.yaml'] = crlf;
  gh = await startGitHubEmulator({ owner: 'acme', repo: 'todo', files: overlays });
  octokit = getOctokit(gh.token, { baseUrl: gh.url });
  app = [1, 2, 3].map((n) => gh.commitFiles({ 'app/main.go': `package main // v${n}\n` }, { branch: 'app', message: `app v${n}` }));
});

afterAll(async () => {
  await gh.close();
});

const tagOf = (n: number): string => `main-${app[n]!}`;

function request(overrides: Partial<PromotionRequest> & { requests: ImageRequest[] }): PromotionRequest {
  return {
    repo: { owner: 'acme', repo: 'todo' },
    mode: 'pull-request',
    base: 'main',
    branch: 'promote/manifests-overlays-production',
    paths: [PROD],
    addMissing: false,
    title: undefined,
    commitMessage: undefined,
    labels: [],
    reviewers: [],
    links: { serverUrl: 'https://github.com', sourceRepository: { owner: 'acme', repo: 'todo' } },
    ...overrides,
  };
}

async function promote(
  overrides: Partial<PromotionRequest> & { requests: ImageRequest[] },
  client = octokit,
  logger = new RecordingLogger(),
): Promise<PromotionResult> {
  const clock = new FakeClock();
  return new Promoter(request(overrides), { octokit: client, logger, deadline: new Deadline(180_000, { clock }) }).run();
}

const openPulls = (branch: string): ReturnType<GitHubEmulator['pulls']> => gh.pulls().filter((p) => p.head === branch && p.state === 'open');

describe('bump-prod-tag promotion on the GitHub emulator', () => {
  it('opens one pull request whose diff is exactly the tag lines, with labels and reviewers', async () => {
    const result = await promote({
      requests: [
        { name: API, newTag: tagOf(0) },
        { name: WEB, newTag: tagOf(0) },
      ],
      labels: ['promotion'],
      reviewers: ['alice', 'acme/sre'],
    });
    const branch = 'promote/manifests-overlays-production';
    expect(result.changed).toBe(true);
    expect(result.commitSha).toBe(gh.branchSha(branch));
    const promoted = gh.readFile(PROD, branch)!;
    expect(changedLines(production, promoted)).toEqual([`-  newTag: ${OLD}`, `+  newTag: ${tagOf(0)}`, `-  newTag: ${OLD}`, `+  newTag: ${tagOf(0)}`]);
    expect(promoted).toBe(
      production
        .replace(`todo-api\n  newTag: ${OLD}`, `todo-api\n  newTag: ${tagOf(0)}`)
        .replace(`todo-web\n  newTag: ${OLD}`, `todo-web\n  newTag: ${tagOf(0)}`),
    );
    expect(gh.log(branch)[0]).toMatchObject({
      parents: [gh.branchSha('main')],
      message: expect.stringMatching(
        /^Promote todo-api, todo-web to main-[0-9a-f]{7} \(manifests\/overlays\/production\)\n\n- acme.azurecr.io\/todo-api newTag: main-1{40} → main-/,
      ),
    });
    const [pull] = openPulls(branch);
    expect(result.pullRequest?.number).toBe(pull?.number);
    expect(pull).toMatchObject({ base: 'main', labels: ['promotion'], requestedReviewers: ['alice'] });
    expect(pull?.body).toContain(
      `| \`${API}\` | newTag | \`${OLD}\` → \`${tagOf(0)}\` | [1111111...${app[0]!.slice(0, 7)}](https://github.com/acme/todo/compare/${'1'.repeat(40)}...${app[0]!}) |`,
    );
    expect(gh.listFiles(branch)).toEqual(gh.listFiles('main'));
  });

  it('changes nothing when run again with the same tag', async () => {
    const branch = 'promote/manifests-overlays-production';
    const head = gh.branchSha(branch);
    const before = gh.requests.count();
    const writes = (): number => gh.requests.count('POST') + gh.requests.count('PATCH');
    const writesBefore = writes();
    const result = await promote({
      requests: [
        { name: API, newTag: tagOf(0) },
        { name: WEB, newTag: tagOf(0) },
      ],
      labels: ['promotion'],
      reviewers: ['alice'],
    });
    expect(result.changed).toBe(false);
    expect(result.commitSha).toBe(head);
    expect(gh.branchSha(branch)).toBe(head);
    expect(result.pullRequest?.number).toBe(openPulls(branch)[0]?.number);
    expect(writes()).toBe(writesBefore);
    expect(gh.requests.count()).toBeGreaterThan(before);
  });

  it('moves the same pull request to a newer tag, refreshing title and body', async () => {
    const branch = 'promote/manifests-overlays-production';
    const previous = gh.branchSha(branch)!;
    const number = openPulls(branch)[0]!.number;
    const result = await promote({ requests: [{ name: API, newTag: tagOf(1) }] });
    expect(result.changed).toBe(true);
    expect(result.pullRequest?.number).toBe(number);
    expect(openPulls(branch)).toHaveLength(1);
    expect(gh.log(branch)[0]?.parents).toEqual([previous]);
    const promoted = gh.readFile(PROD, branch)!;
    expect(promoted).toContain(`todo-api\n  newTag: ${tagOf(1)}`);
    expect(promoted).toContain(`todo-web\n  newTag: ${tagOf(0)}`);
    const pull = openPulls(branch)[0]!;
    expect(pull.body).toContain(`[1111111...${app[1]!.slice(0, 7)}](https://github.com/acme/todo/compare/${'1'.repeat(40)}...${app[1]!})`);
    expect(pull.title).toBe('Promote todo-api, todo-web (manifests/overlays/production)');
    expect(result.changes.map((c) => `${c.image}=${c.new}`)).toEqual([`${API}=${tagOf(1)}`, `${WEB}=${tagOf(0)}`]);
  });

  it('never moves a pending promotion back to an older tag', async () => {
    const branch = 'promote/manifests-overlays-production';
    const head = gh.branchSha(branch);
    const result = await promote({ requests: [{ name: API, newTag: tagOf(0) }] });
    expect(result.changed).toBe(false);
    expect(result.kept).toEqual([expect.stringContaining(`already moves it to ${tagOf(1)}, which is newer than ${tagOf(0)}`)]);
    expect(gh.branchSha(branch)).toBe(head);
  });

  it('ends two concurrent runs with one pull request at the newer tag, in either order', async () => {
    for (const [index, order] of [
      [0, 2],
      [2, 0],
      [1, 2],
    ].entries()) {
      const paths = ['manifests/overlays/race/kustomization.yaml'];
      const branch = `promote/race-${index}`;
      const loggers = order.map(() => new RecordingLogger());
      const runs = order.map((n, i) => promote({ paths, branch, requests: [{ name: API, newTag: tagOf(n) }] }, octokit, loggers[i]));
      const results = await Promise.all(runs);
      // Both read the same state first, so one of them lost the race for the branch and started over.
      expect(loggers.flatMap((l) => l.messages('info')).filter((m) => m.startsWith('Starting over'))).not.toEqual([]);
      expect(openPulls(branch)).toHaveLength(1);
      expect(gh.readFile(paths[0]!, branch)).toContain(`todo-api\n  newTag: ${tagOf(2)}`);
      expect(new Set(results.map((r) => r.pullRequest?.number))).toEqual(new Set([openPulls(branch)[0]!.number]));
      expect(openPulls(branch)[0]!.body).toContain(tagOf(2));
      expect(openPulls(branch)[0]!.body).not.toContain(`→ \`${tagOf(0)}\``);
    }
  });

  it('carries the promotion onto a moved base with a merge commit that keeps the base edits', async () => {
    const file = 'manifests/overlays/moved/kustomization.yaml';
    const branch = 'promote/moved';
    await promote({ paths: [file], branch, requests: [{ name: API, newTag: tagOf(0) }] });
    const edited = `# reviewed by SRE\n${production}`;
    const mainHead = gh.commitFiles({ [file]: edited, 'README.md': '# moved\n' }, { message: 'Edit the overlay on main' });
    const branchHead = gh.branchSha(branch)!;
    const result = await promote({ paths: [file], branch, requests: [{ name: API, newTag: tagOf(0) }] });
    expect(result.changed).toBe(true);
    expect(gh.log(branch)[0]?.parents).toEqual([branchHead, mainHead]);
    expect(gh.readFile(file, branch)).toBe(edited.replace(`todo-api\n  newTag: ${OLD}`, `todo-api\n  newTag: ${tagOf(0)}`));
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'todo', basehead: `main...${branch}` });
    expect(compare.data.files?.map((f) => f.filename)).toEqual([file]);
  });

  it('starts afresh after a promotion was turned down or merged', async () => {
    const file = 'manifests/overlays/rejected/kustomization.yaml';
    const branch = 'promote/rejected';
    const first = await promote({ paths: [file], branch, requests: [{ name: API, newTag: 'turned-down' }] });
    await octokit.rest.pulls.update({ owner: 'acme', repo: 'todo', pull_number: first.pullRequest!.number, state: 'closed' });
    const second = await promote({ paths: [file], branch, requests: [{ name: WEB, newTag: 'v2' }] });
    expect(second.pullRequest?.number).not.toBe(first.pullRequest?.number);
    expect(gh.readFile(file, branch)).not.toContain('turned-down');
    expect(gh.readFile(file, branch)).toContain('todo-web\n  newTag: v2');
    gh.mergePull(second.pullRequest!.number);
    const third = await promote({ paths: [file], branch, requests: [{ name: WEB, newTag: 'v3' }] });
    expect(gh.log(branch)[0]?.parents).toEqual([gh.branchSha('main')]);
    expect(changedLines(gh.readFile(file)!, gh.readFile(file, branch)!)).toEqual(['-  newTag: v2', '+  newTag: v3']);
    expect(third.pullRequest?.number).toBeGreaterThan(second.pullRequest!.number);
  });

  it('commits straight to the base in commit mode, retrying when another push lands first', async () => {
    const file = 'manifests/overlays/commit/kustomization.yaml';
    const racer = getOctokit(gh.token, { baseUrl: gh.url });
    let raced = false;
    racer.hook.before('request', (options) => {
      if (!raced && options.method === 'PATCH' && options.url.includes('/git/refs/')) {
        raced = true;
        gh.commitFiles({ 'NOTES.md': 'someone else pushed\n' }, { message: 'Concurrent push' });
      }
    });
    const logger = new RecordingLogger();
    const result = await promote({ mode: 'commit', paths: [file], requests: [{ name: API, newTag: tagOf(2) }] }, racer, logger);
    expect(raced).toBe(true);
    expect(logger.messages('info').some((m) => /Starting over: another run changed main first \(.*not a fast forward/i.test(m))).toBe(true);
    expect(result).toMatchObject({ changed: true, commitSha: gh.branchSha('main'), pullRequest: undefined });
    expect(gh.log('main')[1]?.message).toBe('Concurrent push');
    expect(gh.readFile('NOTES.md')).toBe('someone else pushed\n');
    expect(gh.readFile(file)).toContain(`todo-api\n  newTag: ${tagOf(2)}`);
    const again = await promote({ mode: 'commit', paths: [file], requests: [{ name: API, newTag: tagOf(2) }] });
    expect(again).toMatchObject({ changed: false, commitSha: gh.branchSha('main'), changes: [] });
  });

  it('commits a CRLF file byte for byte through the Git data API', async () => {
    const file = 'manifests/overlays/windows/kustomization.yaml';
    await promote({ paths: [file], branch: 'promote/windows', requests: [{ name: 'example/api', newTag: 'v2' }] });
    expect(gh.readFile(file, 'promote/windows')).toBe(crlf.replace('newTag: v1\r\n', 'newTag: v2\r\n'));
  });

  it('retries transient GitHub errors', async () => {
    gh.faults.script(
      { method: 'POST', path: /git\/trees/, fault: { kind: 'status', status: 502 }, times: 1 },
      { method: 'POST', path: /pulls$/, fault: { kind: 'status', status: 503 }, times: 1 },
    );
    const result = await promote({
      paths: ['manifests/overlays/faults/kustomization.yaml'],
      branch: 'promote/faults',
      requests: [{ name: API, newTag: 'v5' }],
    });
    expect(result.pullRequest).toBeDefined();
    expect(openPulls('promote/faults')).toHaveLength(1);
  });

  it('verifies before writing anything, and writes nothing when verification fails', async () => {
    const branch = 'promote/verify';
    const paths = ['manifests/overlays/verify'];
    const promoter = new Promoter(request({ paths, branch, requests: [{ name: API, newTag: 'missing' }] }), {
      octokit,
      logger: new RecordingLogger(),
      deadline: new Deadline(180_000),
      beforeWrite: () => Promise.reject(new UserError('Not in the registry: "acme.azurecr.io/todo-api:missing".')),
    });
    expect(await userErrorOf(promoter.run())).toMatch(/Not in the registry/);
    expect(gh.branchSha(branch)).toBeUndefined();
  });

  it('refuses a missing file, a directory without a kustomization, a missing image and a missing base', async () => {
    expect(await userErrorOf(promote({ paths: ['manifests/overlays/nope/kustomization.yaml'], requests: [{ name: API, newTag: 'v1' }] }))).toMatch(
      /manifests\/overlays\/nope\/kustomization\.yaml does not exist on main in acme\/todo/,
    );
    expect(await userErrorOf(promote({ paths: ['manifests'], requests: [{ name: API, newTag: 'v1' }] }))).toMatch(
      /manifests on main holds no kustomization\.yaml/,
    );
    expect(await userErrorOf(promote({ requests: [{ name: 'acme.azurecr.io/todo-apii', newTag: 'v1' }] }))).toMatch(
      /manifests\/overlays\/production\/kustomization\.yaml has no `images` entry for "acme.azurecr.io\/todo-apii"/,
    );
    expect(await userErrorOf(promote({ base: 'release', requests: [{ name: API, newTag: 'v1' }] }))).toMatch(
      /base branch "release" does not exist in acme\/todo/,
    );
  });

  it('names the permission a token lacks', async () => {
    gh.addToken('read-only', { contents: 'read', pull_requests: 'write' });
    gh.addToken('no-pulls', { contents: 'write', pull_requests: 'read' });
    const staging = ['manifests/overlays/staging/kustomization.yaml'];
    const readOnly = getOctokit('read-only', { baseUrl: gh.url });
    expect(await userErrorOf(promote({ paths: staging, branch: 'promote/staging', requests: [{ name: API, newTag: 'v1' }] }, readOnly))).toMatch(
      /GitHub refused creating the promotion commit \(Git data API\): Resource not accessible by integration.*`permissions:` contents: write/,
    );
    const noPulls = getOctokit('no-pulls', { baseUrl: gh.url });
    expect(await userErrorOf(promote({ paths: staging, branch: 'promote/staging', requests: [{ name: API, newTag: 'v1' }] }, noPulls))).toMatch(
      /GitHub refused opening or updating the promotion pull request: .*pull_requests: write/,
    );
  });
});
