// In-process control of one emulated repository for tests: seed content and
// branches, read files at a ref, and inspect what clients did (pull
// requests, comments, labels, deployments, environments).
import { mergePull } from './handlers/pulls.ts';
import type { CommitStatusRecord, DeploymentState, Repository } from './repo-state.ts';

/** A pull request as a test sees it. */
export interface PullSummary {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  /** Head branch name and its current (or, once closed, last) sha. */
  head: string;
  headSha: string;
  base: string;
  labels: string[];
  requestedReviewers: string[];
  /** Login of the account that opened it. */
  user: string;
}

export interface DeploymentSummary {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  payload: unknown;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  /** Latest status state, undefined when none was posted. */
  state: DeploymentState | undefined;
  /** Oldest first. */
  statuses: { state: DeploymentState; environmentUrl: string; logUrl: string; description: string }[];
}

export interface CommitOptions {
  /** Branch to commit on (default: the default branch); created from the default branch when missing. */
  branch?: string;
  message?: string;
}

/** Test-side handle on one repository. Every method acts at once, without HTTP. */
export class RepoControl {
  /** The raw state, for anything the helpers below do not cover. */
  readonly state: Repository;

  constructor(state: Repository) {
    this.state = state;
  }

  get fullName(): string {
    return this.state.fullName;
  }

  get defaultBranch(): string {
    return this.state.defaultBranch;
  }

  /** Commits files (`null` deletes a path); returns the new commit sha. */
  commitFiles(files: Record<string, string | Buffer | null>, options: CommitOptions = {}): string {
    return this.state.commitFiles(options.branch ?? this.state.defaultBranch, files, options.message ?? 'Update files');
  }

  /** Creates (or moves) a branch to `from` (a branch, tag or sha; default the default branch); returns its sha. */
  createBranch(name: string, from: string = this.state.defaultBranch): string {
    const sha = this.state.git.resolve(from);
    if (!sha) throw new Error(`createBranch: ref ${JSON.stringify(from)} does not exist in ${this.fullName}`);
    this.state.git.refs.set(`refs/heads/${name}`, sha);
    return sha;
  }

  /** Deletes a branch as a push would (closing its open pull requests); false when it did not exist. */
  deleteBranch(name: string): boolean {
    const sha = this.state.branchSha(name);
    if (!sha) return false;
    this.state.git.refs.delete(`refs/heads/${name}`);
    this.state.branchDeleted(name, sha);
    return true;
  }

  branchSha(name: string): string | undefined {
    return this.state.branchSha(name);
  }

  branches(): string[] {
    return this.state.branches();
  }

  /** A file's text at a ref (default branch when absent), or undefined. */
  readFile(path: string, ref?: string): string | undefined {
    return this.state.readFile(path, ref)?.toString('utf8');
  }

  /** Every file path at a ref, sorted. */
  listFiles(ref: string = this.state.defaultBranch): string[] {
    const sha = this.state.git.resolve(ref);
    const tree = sha ? this.state.git.rootTree(sha) : undefined;
    return tree ? [...this.state.git.flatten(tree).keys()].sort() : [];
  }

  /** Commit messages from a ref back to the root, newest first (first parents only). */
  log(ref: string = this.state.defaultBranch): { sha: string; message: string; parents: string[] }[] {
    const out: { sha: string; message: string; parents: string[] }[] = [];
    let sha = this.state.git.resolve(ref);
    while (sha) {
      const commit = this.state.git.commit(sha);
      if (!commit) break;
      out.push({ sha, message: commit.message, parents: commit.parents });
      sha = commit.parents[0];
    }
    return out;
  }

  pulls(): PullSummary[] {
    return this.state.pulls().map((issue) => {
      const pull = issue.pull!;
      return {
        number: issue.number,
        title: issue.title,
        body: issue.body,
        state: issue.state,
        merged: pull.merged,
        head: pull.head,
        headSha: (issue.state === 'open' ? this.state.branchSha(pull.head) : undefined) ?? pull.closedHeadSha ?? '',
        base: pull.base,
        labels: [...issue.labels],
        requestedReviewers: [...pull.requestedReviewers],
        user: issue.user.login,
      };
    });
  }

  /** Merges an open pull request as the merge button does; returns the new base sha. */
  mergePull(number: number, method: 'merge' | 'squash' | 'rebase' = 'merge'): string {
    const issue = this.state.issues.get(number);
    if (!issue?.pull) throw new Error(`mergePull: #${number} is not a pull request in ${this.fullName}`);
    return mergePull(this.state, issue, method);
  }

  /** Comments on an issue or pull request, oldest first. */
  comments(issueNumber: number): { id: number; body: string; user: string }[] {
    return [...this.state.comments.values()].filter((c) => c.issueNumber === issueNumber).map((c) => ({ id: c.id, body: c.body, user: c.user.login }));
  }

  labelsOf(issueNumber: number): string[] {
    return [...(this.state.issues.get(issueNumber)?.labels ?? [])];
  }

  deployments(): DeploymentSummary[] {
    return [...this.state.deployments.values()].map((d) => ({
      id: d.id,
      ref: d.ref,
      sha: d.sha,
      task: d.task,
      environment: d.environment,
      payload: d.payload,
      transientEnvironment: d.transientEnvironment,
      productionEnvironment: d.productionEnvironment,
      createdAt: d.createdAt,
      state: d.statuses.at(-1)?.state,
      statuses: d.statuses.map((s) => ({ state: s.state, environmentUrl: s.environmentUrl, logUrl: s.logUrl, description: s.description })),
    }));
  }

  environments(): string[] {
    return [...this.state.environments.keys()].sort();
  }

  /** Creates an environment as the settings page would. */
  addEnvironment(name: string): void {
    this.state.environment(name);
  }

  /** Posts a commit status (used by deployments' `required_contexts` check). */
  setCommitStatus(ref: string, context: string, state: CommitStatusRecord['state']): void {
    const sha = this.state.git.resolve(ref);
    if (!sha) throw new Error(`setCommitStatus: ref ${JSON.stringify(ref)} does not exist in ${this.fullName}`);
    this.state.statuses.push({
      id: this.state.newId(),
      sha,
      state,
      context,
      description: null,
      targetUrl: null,
      creator: { login: 'ci', id: 1, type: 'Bot' },
      createdAt: this.state.now(),
    });
  }
}
