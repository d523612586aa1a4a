// The state of one emulated repository: its git data plus the records GitHub
// keeps beside it (issues and pull requests, labels, comments, deployments,
// environments, commit statuses), and the few write operations that both the
// HTTP handlers and the in-process control API use.
import { formatIsoDate, type Signature } from './git-objects.ts';
import { GitStore, type FlatTree } from './git-store.ts';

/** The account a token acts as. */
export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullData {
  /** Head branch name (in this repository). */
  head: string;
  base: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  /** Head and base shas frozen when the pull request closed. */
  closedHeadSha?: string;
  closedBaseSha?: string;
}

/** An issue; a pull request is an issue with `pull` set (they share numbers, as on GitHub). */
export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: UserRecord;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullData;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: UserRecord;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: UserRecord;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface CommitStatusRecord {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: UserRecord;
  createdAt: string;
}

/** Who GitHub records as committer of commits it makes itself. */
export const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

let nextRepoId = 1000;

export class Repository {
  readonly git = new GitStore();
  readonly id = nextRepoId++;
  readonly owner: string;
  readonly name: string;
  defaultBranch = 'main';
  readonly issues = new Map<number, IssueRecord>();
  readonly labels = new Map<string, LabelRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly deployments = new Map<number, DeploymentRecord>();
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly statuses: CommitStatusRecord[] = [];
  private lastId = 0;
  private lastNumber = 0;

  readonly clock: () => Date;

  constructor(owner: string, name: string, clock: () => Date) {
    this.owner = owner;
    this.name = name;
    this.clock = clock;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** A fresh numeric id (ids of all kinds share one sequence, as unique as GitHub's). */
  newId(): number {
    this.lastId += 1;
    return this.id * 100000 + this.lastId;
  }

  newNumber(): number {
    this.lastNumber += 1;
    return this.lastNumber;
  }

  /** Now, as the API renders times. */
  now(): string {
    return formatIsoDate(Math.floor(this.clock().getTime() / 1000));
  }

  signature(name: string, email: string): Signature {
    return { name, email, seconds: Math.floor(this.clock().getTime() / 1000), tz: '+0000' };
  }

  branchSha(branch: string): string | undefined {
    return this.git.refs.get(`refs/heads/${branch}`);
  }

  branches(): string[] {
    return [...this.git.refs.keys()]
      .filter((r) => r.startsWith('refs/heads/'))
      .map((r) => r.slice('refs/heads/'.length))
      .sort();
  }

  /**
   * Commits `files` (path → content; `null` deletes) on top of `branch`,
   * creating the branch from the default branch when it does not exist.
   * Returns the new commit sha.
   */
  commitFiles(branch: string, files: Record<string, string | Buffer | null>, message: string, author?: Signature): string {
    const parent = this.branchSha(branch) ?? this.branchSha(this.defaultBranch);
    const flat: FlatTree = parent ? this.git.flatten(this.git.commit(parent)!.tree) : new Map();
    for (const [path, content] of Object.entries(files)) {
      const clean = path.replace(/^\/+/, '');
      GitStore.setPath(flat, clean, content === null ? undefined : { mode: '100644', sha: this.git.putBlob(Buffer.from(content)) });
    }
    const who = author ?? this.signature(WEB_FLOW.name, WEB_FLOW.email);
    const sha = this.git.put({
      type: 'commit',
      commit: { tree: this.git.buildTree(flat), parents: parent ? [parent] : [], author: who, committer: who, message },
    });
    this.git.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  /** The content of `path` at a ref, or undefined when the ref or file does not exist. */
  readFile(path: string, ref: string = this.defaultBranch): Buffer | undefined {
    const sha = this.git.resolve(ref);
    const tree = sha ? this.git.rootTree(sha) : undefined;
    const entry = tree ? this.git.entryAt(tree, path.replace(/^\/+/, '')) : undefined;
    return entry ? this.git.blob(entry.sha) : undefined;
  }

  /**
   * Merges `from` into branch `into` as GitHub does for pull requests and
   * deployment auto-merge: a no-op when already contained, a fast-forward is
   * NOT taken (GitHub makes a merge commit). Returns the new tip, or the
   * conflicting paths.
   */
  merge(into: string, fromSha: string, message: string): { sha: string; merged: boolean } | { conflicts: string[] } {
    const ours = this.branchSha(into);
    if (!ours) throw new Error(`branch ${into} does not exist`);
    if (this.git.isAncestor(fromSha, ours)) return { sha: ours, merged: false };
    const base = this.git.mergeBase(ours, fromSha);
    const baseTree = base ? this.git.commit(base)!.tree : this.git.put({ type: 'tree', entries: [] });
    const result = this.git.mergeTrees(baseTree, this.git.commit(ours)!.tree, this.git.commit(fromSha)!.tree);
    if ('conflicts' in result) return result;
    const who = this.signature(WEB_FLOW.name, WEB_FLOW.email);
    const sha = this.git.put({
      type: 'commit',
      commit: { tree: result.tree, parents: [ours, fromSha], author: who, committer: who, message },
    });
    this.git.refs.set(`refs/heads/${into}`, sha);
    return { sha, merged: true };
  }

  /** A repository label by name (case-insensitive), created with GitHub's default color when missing. */
  label(name: string): LabelRecord {
    const key = name.toLowerCase();
    let label = this.labels.get(key);
    if (!label) {
      label = { id: this.newId(), name, color: 'ededed', description: null };
      this.labels.set(key, label);
    }
    return label;
  }

  /** The environment of that name, created when missing (GitHub creates it on first deployment). */
  environment(name: string): EnvironmentRecord {
    let env = this.environments.get(name);
    if (!env) {
      const now = this.now();
      env = { id: this.newId(), name, createdAt: now, updatedAt: now };
      this.environments.set(name, env);
    }
    return env;
  }

  /** Open pull request whose head is `branch`, if any. */
  openPullFor(branch: string, base?: string): IssueRecord | undefined {
    for (const issue of this.issues.values()) {
      if (issue.pull && issue.state === 'open' && issue.pull.head === branch && (!base || issue.pull.base === base)) return issue;
    }
    return undefined;
  }

  pulls(): IssueRecord[] {
    return [...this.issues.values()].filter((i) => i.pull);
  }

  /** Closes a pull request, freezing its head and base shas as GitHub shows them afterwards. */
  closePull(issue: IssueRecord): void {
    if (!issue.pull || issue.state === 'closed') return;
    issue.pull.closedHeadSha = this.branchSha(issue.pull.head) ?? issue.pull.closedHeadSha;
    issue.pull.closedBaseSha = this.branchSha(issue.pull.base) ?? issue.pull.closedBaseSha;
    issue.state = 'closed';
    issue.closedAt = this.now();
    issue.updatedAt = issue.closedAt;
  }

  /** GitHub closes the open pull requests whose head or base branch is deleted. */
  branchDeleted(branch: string, shaBefore?: string): void {
    for (const issue of this.pulls()) {
      if (issue.state !== 'open' || (issue.pull!.head !== branch && issue.pull!.base !== branch)) continue;
      if (shaBefore) {
        if (issue.pull!.head === branch) issue.pull!.closedHeadSha = shaBefore;
        else issue.pull!.closedBaseSha = shaBefore;
      }
      this.closePull(issue);
    }
  }

  /** The latest deployment status state, or undefined for a deployment with none. */
  static latestState(deployment: DeploymentRecord): DeploymentState | undefined {
    return deployment.statuses.at(-1)?.state;
  }
}
