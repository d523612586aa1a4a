// The `images` input: which container images to point at the tag (or digest) just built,
// applied to containers, init containers and ephemeral containers anywhere in an object
// (pod specs, workload templates, CronJob job templates), leaving every other image alone.
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { displayName, joinPath } from './objects.ts';
import { isRecord } from '../../shared/core/json.ts';

/** One line of the `images` input. */
export interface ImageRule {
  /** The image name to match (no tag or digest), e.g. `myacr.azurecr.io/todo-be`. */
  name: string;
  /** New image name, when the line renames (`name=newName:tag`). */
  newName?: string;
  tag?: string;
  digest?: string;
  /** The line as written, for messages. */
  text: string;
}

/** An image reference split in parts. */
export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

const NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Splits `registry:5000/app:tag@sha256:...` into name, tag and digest (no validation). */
export function splitImage(reference: string): ImageRef {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const rest = at >= 0 ? reference.slice(0, at) : reference;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const name = tag === undefined ? rest : rest.slice(0, colon);
  const ref: ImageRef = { name };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

function bad(line: string, what: string): UserError {
  return new UserError(`Input \`images\` has ${quoteValue(line)}: ${what}.`, {
    fix: 'Write one image per line as `name:tag`, `name@sha256:<digest>` or `name=newName:tag`, e.g. myacr.azurecr.io/todo-be:ex-3-9-<sha>.',
  });
}

function checkRef(line: string, ref: ImageRef, role: string): void {
  if (!NAME.test(ref.name)) throw bad(line, `${quoteValue(ref.name)} is not a valid ${role} (lower-case registry/repository)`);
  if (ref.tag !== undefined && !TAG.test(ref.tag)) throw bad(line, `${quoteValue(ref.tag)} is not a valid tag`);
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) throw bad(line, `${quoteValue(ref.digest)} is not a digest such as sha256:<64 hex digits>`);
}

/** Parses the lines of the `images` input. */
export function parseImageRules(lines: readonly string[]): ImageRule[] {
  const rules: ImageRule[] = [];
  for (const text of lines) {
    const equals = text.indexOf('=');
    let rule: ImageRule;
    if (equals >= 0) {
      const name = text.slice(0, equals).trim();
      const target = splitImage(text.slice(equals + 1).trim());
      checkRef(text, { name }, 'image name');
      checkRef(text, target, 'new image name');
      rule = { name, newName: target.name, text };
      if (target.tag !== undefined) rule.tag = target.tag;
      if (target.digest !== undefined) rule.digest = target.digest;
    } else {
      const ref = splitImage(text.trim());
      checkRef(text, ref, 'image name');
      if (ref.tag === undefined && ref.digest === undefined) throw bad(text, 'it names no tag or digest, so it would change nothing');
      rule = { name: ref.name, text };
      if (ref.tag !== undefined) rule.tag = ref.tag;
      if (ref.digest !== undefined) rule.digest = ref.digest;
    }
    const earlier = rules.find((r) => r.name === rule.name);
    if (earlier) throw bad(text, `the image ${quoteValue(rule.name)} is already set by ${quoteValue(earlier.text)}`);
    rules.push(rule);
  }
  return rules;
}

/** The image a rule makes of `current` (whose name matched). */
export function rewriteImage(current: string, rule: ImageRule): string {
  const ref = splitImage(current);
  const name = rule.newName ?? ref.name;
  if (rule.digest !== undefined) return `${name}@${rule.digest}`;
  if (rule.tag !== undefined) return `${name}:${rule.tag}`;
  if (ref.digest !== undefined) return `${name}@${ref.digest}`;
  return ref.tag === undefined ? name : `${name}:${ref.tag}`;
}

/** One image that was changed. */
export interface ImageChange {
  object: string;
  path: string;
  from: string;
  to: string;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * Applies the rules to every container image in the objects (in place). Returns what changed
 * and the rules that matched nothing (usually a typo, or an image another overlay uses).
 */
export function applyImageRules(objects: readonly KubeObject[], rules: readonly ImageRule[]): { changes: ImageChange[]; unused: ImageRule[] } {
  const used = new Set<ImageRule>();
  const changes: ImageChange[] = [];
  const visit = (node: unknown, path: string, object: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, joinPath(path, index), object));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const childPath = joinPath(path, key);
      if (CONTAINER_LISTS.has(key) && Array.isArray(value)) {
        value.forEach((container, index) => {
          if (!isRecord(container) || typeof container['image'] !== 'string') return;
          const image = container['image'];
          const rule = rules.find((r) => r.name === splitImage(image).name);
          if (!rule) return;
          used.add(rule);
          const next = rewriteImage(image, rule);
          if (next !== image) changes.push({ object, path: joinPath(joinPath(childPath, index), 'image'), from: image, to: next });
          container['image'] = next;
        });
      } else {
        visit(value, childPath, object);
      }
    }
  };
  for (const obj of objects) visit(obj, '', displayName(obj));
  return { changes, unused: rules.filter((rule) => !used.has(rule)) };
}
