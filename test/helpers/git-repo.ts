// Real git repositories in temp dirs: a bare "origin" and shallow or full clones of it,
// for tests of what actions do with a checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

export class TempRepos {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'git-'));
  /** The bare origin every clone fetches from. */
  readonly origin = path.join(this.dir, 'origin.git');
  /** A working repo that pushes to origin (the "developer"). */
  readonly work = path.join(this.dir, 'work');

  constructor(defaultBranch = 'main') {
    git(this.dir, 'init', '-q', '--bare', `--initial-branch=${defaultBranch}`, this.origin);
    // Let shallow clients fetch commits by sha, as GitHub allows.
    git(this.origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    git(this.dir, 'init', '-q', `--initial-branch=${defaultBranch}`, this.work);
    git(this.work, 'remote', 'add', 'origin', this.origin);
  }

  /** Writes files (path to content) in the work repo and commits them; returns the sha. */
  commit(files: Record<string, string>, message = 'change'): string {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(this.work, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    git(this.work, 'add', '-A');
    git(this.work, 'commit', '-q', '--allow-empty', '-m', message);
    return git(this.work, 'rev-parse', 'HEAD');
  }

  checkout(branch: string, create = false): void {
    git(this.work, 'checkout', '-q', ...(create ? ['-b'] : []), branch);
  }

  push(branch: string): void {
    git(this.work, 'push', '-q', '--force', 'origin', `${branch}:refs/heads/${branch}`);
  }

  /** A clone as actions/checkout makes it: `depth` commits of one branch at `sha` (0 = full). */
  clone(name: string, branch: string, depth = 1): string {
    const target = path.join(this.dir, name);
    const args = ['clone', '-q', '--no-tags', '--single-branch', '--branch', branch];
    if (depth > 0) args.push(`--depth=${depth}`);
    git(this.dir, ...args, `file://${this.origin}`, target);
    return target;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
