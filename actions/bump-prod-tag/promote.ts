// The promotion through the GitHub API, without a checkout: read the overlay at the
// base branch, edit it, commit through the Git data API, and either move the base
// branch (mode commit) or the promotion branch behind a single pull request (mode
// pull-request). Ref moves are compare-and-swap (no force): when another run got there
// first GitHub answers 422, and the whole attempt starts over on the fresh state.
import { isUserError, UserError } from '../../shared/core/errors.ts';
import { createCommit, explainGitHubError, githubStatus, readRepositoryPath, type Octokit, type RepoRef } from '../../shared/github/client.ts';
import type { Logger } from '../../shared/core/logger.ts';
import { classifyError } from '../../shared/core/retry-policy.ts';
import { retry } from '../../shared/core/retry.ts';
import { commitMessage, promotionBody, promotionTitle, type LinkContext } from './body.ts';
import { describeChanges, mergeRequests, pendingRequests, shaOfTag, type FileVersions } from './compare.ts';
import { editKustomization, type Change, type EditResult } from '../../shared/kustomize-images/edit.ts';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../../shared/kustomize-images/kustomization.ts';
import { conflictMessage, ensurePull, findOpenPull, PromotionConflict, wasRejected, type PullInfo } from './pulls.ts';
import type { Deadline } from '../../shared/core/deadline.ts';

/** What to promote, and where. */
export interface PromotionRequest {
  repo: RepoRef;
  mode: 'pull-request' | 'commit';
  /** Branch the overlay is read from (and, in commit mode, pushed to). */
  base: string;
  /** The promotion branch (pull-request mode). */
  branch: string;
  /** Kustomization files or the directories holding them. */
  paths: readonly string[];
  requests: readonly ImageRequest[];
  addMissing: boolean;
  title: string | undefined;
  commitMessage: string | undefined;
  labels: readonly string[];
  reviewers: readonly string[];
  links: LinkContext;
}

/** Clients and hooks. */
export interface PromotionDeps {
  octokit: Octokit;
  logger: Logger;
  /** The run's deadline: the promotion, retries included, ends by it. */
  deadline: Deadline;
  /** Called once, before the first write, with the edits (verify-images goes here). */
  beforeWrite?: (edits: readonly EditResult[]) => Promise<void>;
}

/** What happened. */
export interface PromotionResult {
  /** This run committed, or opened the pull request. */
  changed: boolean;
  /** The commit holding the promoted files (the promotion branch head, or the base head). */
  commitSha: string | undefined;
  pullRequest: PullInfo | undefined;
  /** Each file at the base and as promoted. */
  files: FileVersions[];
  /** The values the promotion changes relative to the base. */
  changes: Change[];
  warnings: string[];
  /** Pending values kept because they are newer than the requested ones. */
  kept: string[];
}

/** One promotion run; `run()` retries attempts until one lands. */
export class Promoter {
  private readonly request: PromotionRequest;
  private readonly deps: PromotionDeps;
  private readonly octokit: Octokit;
  private paths: string[] | undefined;
  private verified = false;
  private changed = false;
  private step = 'starting';
  private readonly newer = new Map<string, boolean>();

  constructor(request: PromotionRequest, deps: PromotionDeps) {
    this.request = request;
    this.deps = deps;
    this.octokit = deps.octokit;
  }

  /** Runs the promotion. @throws UserError for bad files, missing permissions, or lasting conflicts. */
  async run(): Promise<PromotionResult> {
    return retry(
      async () => {
        try {
          return this.request.mode === 'commit' ? await this.attemptCommit() : await this.attemptPull();
        } catch (error: unknown) {
          if (error instanceof PromotionConflict || isUserError(error)) throw error;
          const conflict = conflictMessage(error);
          if (conflict) throw new PromotionConflict(conflict, { cause: error });
          throw explainGitHubError(error, this.step);
        }
      },
      {
        deadlineMs: this.deps.deadline.remaining(),
        clock: this.deps.deadline.clock,
        initialDelayMs: 250,
        maxDelayMs: 5_000,
        what: `promoting to ${this.request.repo.owner}/${this.request.repo.repo}`,
        classify: (error) =>
          error instanceof PromotionConflict
            ? {
                retryable: true,
                reason: `another run changed ${this.request.mode === 'commit' ? this.request.base : this.request.branch} first (${error.message})`,
              }
            : isUserError(error)
              ? { retryable: false, reason: error.message }
              : classifyError(error),
        onRetry: ({ reason, delayMs }) => this.deps.logger.info(`Starting over: ${reason}; retrying in ${delayMs} ms.`),
      },
    );
  }

  private async refSha(branch: string): Promise<string | undefined> {
    try {
      return (await this.octokit.rest.git.getRef({ ...this.request.repo, ref: `heads/${branch}` })).data.object.sha;
    } catch (error: unknown) {
      if (githubStatus(error) === 404) return undefined;
      throw error;
    }
  }

  private async baseHead(): Promise<string> {
    const { repo, base } = this.request;
    this.step = `reading the branch ${base}`;
    const sha = await this.refSha(base);
    if (!sha)
      throw new UserError(`The base branch ${JSON.stringify(base)} does not exist in ${repo.owner}/${repo.repo}.`, {
        fix: 'Set `base` to an existing branch (default: the repository default branch).',
      });
    return sha;
  }

  /** Resolves each path (a directory means its kustomization.yaml) once, at the base. */
  private async resolve(ref: string): Promise<string[]> {
    if (this.paths) return this.paths;
    const resolved: string[] = [];
    for (const input of this.request.paths) {
      const path = input.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      this.step = `reading ${path} at ${this.request.base}`;
      const found = await readRepositoryPath(this.octokit, this.request.repo, path, ref);
      let file = path;
      if (found?.type === 'dir') {
        const name = KUSTOMIZATION_FILE_NAMES.find((candidate) => found.entries.includes(candidate));
        if (!name)
          throw new UserError(`${path} on ${this.request.base} holds no kustomization.yaml.`, {
            fix: 'Point `kustomization` at an overlay directory or its kustomization.yaml.',
          });
        file = path === '' ? name : `${path}/${name}`;
      } else if (found?.type !== 'file') {
        const { owner, repo } = this.request.repo;
        throw new UserError(`${path} does not exist on ${this.request.base} in ${owner}/${repo}.`, {
          fix: 'Check the `kustomization` path (relative to the repository root) and the `base` branch.',
        });
      }
      if (!resolved.includes(file)) resolved.push(file);
    }
    this.paths = resolved;
    return resolved;
  }

  private async read(paths: readonly string[], ref: string): Promise<Map<string, string | undefined>> {
    const texts = new Map<string, string | undefined>();
    for (const path of paths) {
      this.step = `reading ${path} at ${ref.slice(0, 12)}`;
      const found = await readRepositoryPath(this.octokit, this.request.repo, path, ref);
      texts.set(path, found?.type === 'file' ? found.content.toString('utf8') : undefined);
    }
    return texts;
  }

  /** The files at the base: path and text, in input order. */
  private async readBase(ref: string): Promise<{ path: string; text: string }[]> {
    const files: { path: string; text: string }[] = [];
    for (const [path, text] of await this.read(await this.resolve(ref), ref)) {
      if (text === undefined) throw new UserError(`${path} is no longer a file on ${this.request.base}.`, { fix: 'Check the `kustomization` path.' });
      files.push({ path, text });
    }
    return files;
  }

  /** True when tag `a`'s commit descends from tag `b`'s in the source repository. */
  private readonly newerThan = async (a: string, b: string): Promise<boolean> => {
    const [shaA, shaB, source] = [shaOfTag(a), shaOfTag(b), this.request.links.sourceRepository];
    if (!shaA || !shaB || shaA === shaB || !source) return false;
    const key = `${shaB}...${shaA}`;
    const known = this.newer.get(key);
    if (known !== undefined) return known;
    let newer = false;
    try {
      const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...source, basehead: key, per_page: 1 });
      newer = data.status === 'ahead';
    } catch (error: unknown) {
      this.deps.logger.debug(`Cannot order ${a} and ${b} by their commits (${String(githubStatus(error) ?? error)}); the newer request wins.`);
    }
    this.newer.set(key, newer);
    return newer;
  };

  private async verifyOnce(edits: readonly EditResult[]): Promise<void> {
    if (this.verified) return;
    await this.deps.beforeWrite?.(edits);
    this.verified = true;
  }

  private async commit(
    baseSha: string,
    parents: string[],
    files: readonly FileVersions[],
    changes: readonly Change[],
    paths: readonly string[],
  ): Promise<string> {
    const { repo } = this.request;
    const title = this.request.title ?? promotionTitle(changes, paths);
    this.step = 'creating the promotion commit (Git data API)';
    const tree = (await this.octokit.rest.git.getCommit({ ...repo, commit_sha: baseSha })).data.tree.sha;
    const written = files.filter((file) => file.before !== file.after).map((file) => ({ path: file.path, content: file.after }));
    const commit = await createCommit(this.octokit, repo, {
      message: this.request.commitMessage ?? commitMessage(title, changes),
      parents,
      baseTree: tree,
      files: written,
    });
    return commit.sha;
  }

  private async moveRef(branch: string, sha: string, exists: boolean): Promise<void> {
    this.step = `${exists ? 'moving' : 'creating'} the branch ${branch}`;
    const { repo } = this.request;
    if (exists) await this.octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
    else await this.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    this.changed = true;
    this.deps.logger.info(`${exists ? 'Moved' : 'Created'} ${branch} at ${sha}.`);
  }

  private result(edits: readonly FileVersions[], extra: Partial<PromotionResult>): PromotionResult {
    const files = edits.map(({ path, before, after }) => ({ path, before, after }));
    return {
      changed: this.changed,
      commitSha: undefined,
      pullRequest: undefined,
      files,
      changes: files.flatMap(describeChanges),
      warnings: [],
      kept: [],
      ...extra,
    };
  }

  private async attemptCommit(): Promise<PromotionResult> {
    const baseSha = await this.baseHead();
    const base = await this.readBase(baseSha);
    const edits = base.map(({ path, text }) => editKustomization(text, path, this.request.requests, { addMissing: this.request.addMissing }));
    const warnings = edits.flatMap((edit) => edit.warnings);
    const files = edits.map(({ file, before, after }) => ({ path: file, before, after }));
    if (files.every((file) => file.after === file.before)) return this.result(files, { commitSha: baseSha, warnings });
    await this.verifyOnce(edits);
    const sha = await this.commit(
      baseSha,
      [baseSha],
      files,
      files.flatMap(describeChanges),
      files.map((f) => f.path),
    );
    await this.moveRef(this.request.base, sha, true);
    return this.result(files, { commitSha: sha, warnings });
  }

  /** The branch head and, when its unmerged commits are a pending promotion, its files. */
  private async readBranch(baseSha: string, paths: readonly string[]): Promise<{ sha?: string; relation: string; texts?: Map<string, string | undefined> }> {
    const { repo, branch, base } = this.request;
    this.step = `reading the promotion branch ${branch}`;
    const sha = await this.refSha(branch);
    if (!sha) return { relation: 'none' };
    const relation = (await this.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${baseSha}...${sha}`, per_page: 1 })).data.status;
    if (relation !== 'ahead' && relation !== 'diverged') return { sha, relation };
    // Unmerged commits are pending unless a closed pull request turned exactly them down.
    const open = await findOpenPull(this.octokit, repo, branch, base);
    if (!open && (await wasRejected(this.octokit, repo, branch, sha))) return { sha, relation };
    return { sha, relation, texts: await this.read(paths, sha) };
  }

  private async attemptPull(): Promise<PromotionResult> {
    const { repo, branch, base: baseBranch } = this.request;
    const baseSha = await this.baseHead();
    const base = await this.readBase(baseSha);
    const paths = base.map((file) => file.path);
    const current = await this.readBranch(baseSha, paths);
    const kept: string[] = [];
    const edits: EditResult[] = [];
    for (const { path, text } of base) {
      const pending = pendingRequests({ path, before: text, after: current.texts?.get(path) ?? text });
      const merged = await mergeRequests(pending.requests, this.request.requests, this.newerThan);
      for (const note of merged.kept) if (!kept.includes(note)) kept.push(note);
      edits.push(editKustomization(text, path, merged.requests, { addMissing: this.request.addMissing ? true : new Set(pending.added) }));
    }
    const warnings = edits.flatMap((edit) => edit.warnings);
    const files = edits.map(({ file, before, after }) => ({ path: file, before, after }));
    if (files.every((file) => file.before === file.after)) return this.result(files, { commitSha: baseSha, warnings, kept });
    await this.verifyOnce(edits);
    const upToDate = current.texts !== undefined && files.every((file) => current.texts?.get(file.path) === file.after);
    let head = current.sha ?? baseSha;
    if (!upToDate) {
      const { sha, relation } = current;
      const parents = !sha || relation === 'behind' || relation === 'identical' ? [baseSha] : relation === 'ahead' ? [sha] : [sha, baseSha];
      head = await this.commit(baseSha, parents, files, files.flatMap(describeChanges), paths);
      await this.moveRef(branch, head, sha !== undefined);
    } else {
      this.deps.logger.info(`${branch} already holds this promotion; no new commit.`);
    }
    let shown = { head, files };
    this.step = 'opening or updating the promotion pull request';
    const render = async (at: string): Promise<{ title: string; body: string }> => {
      if (at !== shown.head) {
        const texts = await this.read(paths, at);
        shown = { head: at, files: base.map(({ path, text }) => ({ path, before: text, after: texts.get(path) ?? text })) };
      }
      const changes = shown.files.flatMap(describeChanges);
      return { title: this.request.title ?? promotionTitle(changes, paths), body: promotionBody(shown.files, changes, this.request.links) };
    };
    const { labels, reviewers } = this.request;
    const options = { repo, branch, base: baseBranch, labels, reviewers, requestReviews: !upToDate, head: () => this.refSha(branch), render };
    const ensured = await ensurePull(this.octokit, options, this.deps.logger);
    if (ensured.created) this.changed = true;
    return this.result(shown.files, { commitSha: shown.head, pullRequest: ensured.pull, warnings, kept });
  }
}
