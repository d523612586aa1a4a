// Comparing two versions of a kustomization's images: what a promotion branch
// changes relative to its base (for the pull request body, and to carry an open
// promotion's pending changes onto a fresh base), and which of two tags is newer.
import type { Change, ImageValues } from '../../shared/kustomize-images/edit.ts';
import { imageValues } from '../../shared/kustomize-images/edit.ts';
import { IMAGE_FIELDS, type ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { parseKustomization } from '../../shared/kustomize-images/kustomization.ts';

/** A file before and after a promotion. */
export interface FileVersions {
  path: string;
  before: string;
  after: string;
}

/** The image values `after` changes relative to `before`, field by field. */
export function describeChanges(file: FileVersions): Change[] {
  const before = imageValues(parseKustomization(file.before, file.path));
  const after = imageValues(parseKustomization(file.after, file.path));
  const changes: Change[] = [];
  for (const [image, values] of after) {
    const old: ImageValues | undefined = before.get(image);
    for (const field of IMAGE_FIELDS) {
      const value = values[field];
      if (value === undefined || value === old?.[field]) continue;
      const change: Change = { file: file.path, image, field, old: old?.[field], new: value, line: 0 };
      if (!old) change.added = 'entry';
      else if (old[field] === undefined) change.added = 'field';
      changes.push(change);
    }
  }
  return changes;
}

/** The changes of `after` over `before` as requests that redo them on another base. */
export function pendingRequests(file: FileVersions): { requests: ImageRequest[]; added: string[] } {
  const byImage = new Map<string, ImageRequest>();
  const added: string[] = [];
  for (const change of describeChanges(file)) {
    const request = byImage.get(change.image) ?? { name: change.image };
    request[change.field] = change.new;
    byImage.set(change.image, request);
    if (change.added === 'entry' && !added.includes(change.image)) added.push(change.image);
  }
  return { requests: [...byImage.values()], added };
}

/**
 * The commit sha a tag carries at its end (`main-c945b89…`, `sha-1a2b3c4`, or a bare sha): the
 * last `-`/`_`/`.`-separated part when it is 40 hex digits, or 7 to 39 with at least one letter
 * (so build numbers and dates are not taken for shas).
 */
export function shaOfTag(tag: string | undefined): string | undefined {
  const last = tag?.split(/[-_.]/).at(-1)?.toLowerCase();
  if (last === undefined || !/^[0-9a-f]{7,40}$/.test(last)) return undefined;
  return last.length === 40 || /[a-f]/.test(last) ? last : undefined;
}

/** Decides whether tag `a` is newer than tag `b` (by commit ancestry), when it can tell. */
export type NewerThan = (a: string, b: string) => Promise<boolean>;

/** The outcome of merging our requests over pending ones. */
export interface MergedRequests {
  requests: ImageRequest[];
  /** Messages about pending values kept because they are newer than ours. */
  kept: string[];
}

/**
 * Pending changes (from an open promotion) overlaid by ours, field by field; except that a
 * pending tag newer than ours (its commit descends from ours) is kept, so two runs finishing
 * in either order leave the newer tag.
 */
export async function mergeRequests(pending: readonly ImageRequest[], ours: readonly ImageRequest[], newerThan: NewerThan): Promise<MergedRequests> {
  const merged = new Map<string, ImageRequest>(pending.map((request) => [request.name, { ...request }]));
  const kept: string[] = [];
  for (const request of ours) {
    const theirs = merged.get(request.name);
    if (theirs?.newTag !== undefined && request.newTag !== undefined && theirs.newTag !== request.newTag && (await newerThan(theirs.newTag, request.newTag))) {
      kept.push(`${request.name}: the open promotion already moves it to ${theirs.newTag}, which is newer than ${request.newTag}; keeping ${theirs.newTag}.`);
      const { newTag: _tag, digest: _digest, ...rest } = request;
      merged.set(request.name, { ...theirs, ...rest, name: theirs.name });
      continue;
    }
    const next: ImageRequest = { ...theirs, ...request };
    // A tag of ours must not run under a digest of theirs.
    if (request.newTag !== undefined && request.digest === undefined) delete next.digest;
    merged.set(request.name, next);
  }
  return { requests: [...merged.values()], kept };
}
