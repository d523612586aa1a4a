// A repository's git data: content-addressed objects and refs, with the tree
// and history operations the REST API needs (paths in trees, building trees
// from path lists, ancestry, merge bases, a file-level three-way merge).
import { EMPTY_TREE_SHA, MODE_TYPES, objectSha, sortTreeEntries, type CommitData, type GitObject, type GitObjectType, type TreeEntry } from './git-objects.ts';

/** A non-tree entry of a flattened tree: what sits at one path. */
export interface FlatEntry {
  mode: string;
  sha: string;
}

/** Path → entry for every blob (and submodule) under a tree. */
export type FlatTree = Map<string, FlatEntry>;

export class GitStore {
  private readonly objects = new Map<string, GitObject>();
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refs = new Map<string, string>();

  constructor() {
    this.objects.set(EMPTY_TREE_SHA, { type: 'tree', entries: [] });
  }

  put(input: GitObject): string {
    // Trees are kept in git's order so listings come out as git lists them.
    const object: GitObject = input.type === 'tree' ? { type: 'tree', entries: sortTreeEntries(input.entries) } : input;
    const sha = objectSha(object);
    if (!this.objects.has(sha)) this.objects.set(sha, object);
    return sha;
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha.toLowerCase());
  }

  typeOf(sha: string): GitObjectType | undefined {
    return this.get(sha)?.type;
  }

  putBlob(content: Buffer): string {
    return this.put({ type: 'blob', content });
  }

  blob(sha: string): Buffer | undefined {
    const object = this.get(sha);
    return object?.type === 'blob' ? object.content : undefined;
  }

  tree(sha: string): TreeEntry[] | undefined {
    const object = this.get(sha);
    return object?.type === 'tree' ? object.entries : undefined;
  }

  commit(sha: string): CommitData | undefined {
    const object = this.get(sha);
    return object?.type === 'commit' ? object.commit : undefined;
  }

  /**
   * Resolves what the API accepts as a ref: a full sha, `refs/...`,
   * `heads/x`, `tags/x`, a branch name or a tag name. Returns the commit sha.
   */
  resolve(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/i.test(ref)) return this.get(ref) ? ref.toLowerCase() : undefined;
    for (const name of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(name);
      if (sha) return sha;
    }
    return undefined;
  }

  /** The root tree of a commit, or the tree itself when given a tree sha. */
  rootTree(commitOrTree: string): string | undefined {
    const object = this.get(commitOrTree);
    if (object?.type === 'tree') return commitOrTree.toLowerCase();
    if (object?.type === 'commit') return object.commit.tree;
    return undefined;
  }

  /** The entry at `path` inside a tree (path `''` is the tree itself). */
  entryAt(treeSha: string, path: string): TreeEntry | undefined {
    const parts = path.split('/').filter((p) => p !== '');
    let current: TreeEntry = { mode: '040000', name: '', sha: treeSha };
    for (const part of parts) {
      const entries = this.tree(current.sha);
      const next = entries?.find((e) => e.name === part);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /** Every non-tree entry under a tree, keyed by its full path. */
  flatten(treeSha: string, prefix = '', out: FlatTree = new Map()): FlatTree {
    for (const entry of this.tree(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.mode === '040000') this.flatten(entry.sha, path, out);
      else out.set(path, { mode: entry.mode, sha: entry.sha });
    }
    return out;
  }

  /** Writes the trees for a flat path list and returns the root tree sha. */
  buildTree(flat: FlatTree): string {
    const files: TreeEntry[] = [];
    const dirs = new Map<string, FlatTree>();
    for (const [path, entry] of flat) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        files.push({ mode: entry.mode, name: path, sha: entry.sha });
        continue;
      }
      const dir = path.slice(0, slash);
      let sub = dirs.get(dir);
      if (!sub) dirs.set(dir, (sub = new Map<string, FlatEntry>()));
      sub.set(path.slice(slash + 1), entry);
    }
    for (const [name, sub] of dirs) files.push({ mode: '040000', name, sha: this.buildTree(sub) });
    return this.put({ type: 'tree', entries: files });
  }

  /** Sets (or with `undefined`, removes) a path in a flat tree, replacing files that block it. */
  static setPath(flat: FlatTree, path: string, entry: FlatEntry | undefined): void {
    for (const key of [...flat.keys()]) {
      if (key === path || key.startsWith(`${path}/`)) flat.delete(key);
    }
    if (!entry) return;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) flat.delete(parts.slice(0, i).join('/'));
    flat.set(path, entry);
  }

  /** Adds the content of a tree under `path` to a flat tree. */
  graftTree(flat: FlatTree, path: string, treeSha: string): void {
    GitStore.setPath(flat, path, undefined);
    for (const [sub, entry] of this.flatten(treeSha)) flat.set(`${path}/${sub}`, entry);
  }

  /** True when `ancestor` is `descendant` or reachable from it through parents. */
  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor);
  }

  /** All commits reachable from `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      const commit = this.commit(next);
      if (!commit) continue;
      seen.add(next);
      stack.push(...commit.parents);
    }
    return seen;
  }

  /** The nearest common ancestor of two commits (first found by date order), if any. */
  mergeBase(a: string, b: string): string | undefined {
    const fromA = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((sha) => fromA.has(sha));
    // A best common ancestor is one no other common ancestor descends from.
    const best = common.filter((c) => !common.some((other) => other !== c && this.isAncestor(c, other)));
    best.sort((x, y) => (this.commit(y)?.committer.seconds ?? 0) - (this.commit(x)?.committer.seconds ?? 0));
    return best[0];
  }

  /** Commits reachable from `head` but not from `base`, oldest first (parents before children). */
  commitsBetween(base: string, head: string): string[] {
    const exclude = this.ancestors(base);
    const order: string[] = [];
    const visited = new Set<string>();
    const visit = (sha: string): void => {
      // Iterative post-order so long histories do not exhaust the stack.
      const stack: { sha: string; expanded: boolean }[] = [{ sha, expanded: false }];
      while (stack.length > 0) {
        const top = stack.pop()!;
        if (top.expanded) {
          order.push(top.sha);
          continue;
        }
        if (visited.has(top.sha) || exclude.has(top.sha) || !this.commit(top.sha)) continue;
        visited.add(top.sha);
        stack.push({ sha: top.sha, expanded: true });
        const parents = this.commit(top.sha)?.parents ?? [];
        for (const parent of [...parents].reverse()) stack.push({ sha: parent, expanded: false });
      }
    };
    visit(head);
    return order;
  }

  /**
   * Three-way merge of trees at file level: a path changed on one side only
   * takes that side; changed identically on both is fine; changed
   * differently on both is a conflict. Returns the merged tree or the
   * conflicting paths.
   */
  mergeTrees(baseTree: string, oursTree: string, theirsTree: string): { tree: string } | { conflicts: string[] } {
    const base = this.flatten(baseTree);
    const ours = this.flatten(oursTree);
    const theirs = this.flatten(theirsTree);
    const merged: FlatTree = new Map();
    const conflicts: string[] = [];
    const same = (x: FlatEntry | undefined, y: FlatEntry | undefined): boolean => x?.sha === y?.sha && x?.mode === y?.mode;
    for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
      const b = base.get(path);
      const o = ours.get(path);
      const t = theirs.get(path);
      let pick: FlatEntry | undefined;
      if (same(o, t) || same(t, b)) pick = o;
      else if (same(o, b)) pick = t;
      else {
        conflicts.push(path);
        continue;
      }
      if (pick) merged.set(path, pick);
    }
    if (conflicts.length > 0) return { conflicts: conflicts.sort() };
    return { tree: this.buildTree(merged) };
  }
}

/** Whether `mode` is one the API accepts and names an object of `type`. */
export function modeMatches(mode: string, type: string): boolean {
  return MODE_TYPES[mode] === type;
}
