// The `images` input: one line per image, in the forms the issue names
// (`name=tag`, `name=newName:tag`, `name@sha256:...`) plus `name:tag` and a bare
// `name` that takes the `tag` input. Every value is checked against the Docker
// reference grammar before anything is read or written.
import { UserError, quoteValue } from '../core/errors.ts';

/** The fields of a kustomization `images` entry this action may set. */
export type ImageField = 'newName' | 'newTag' | 'digest';

/** The settable fields in kustomize's own order (after `name`). */
export const IMAGE_FIELDS: readonly ImageField[] = ['newName', 'newTag', 'digest'];

/** One requested change to an `images` entry. */
export interface ImageRequest {
  /** The entry's `name`: the image name kustomize matches in the manifests. */
  name: string;
  /** New image name (registry/repository), when asked. */
  newName?: string;
  /** New tag, when asked. */
  newTag?: string;
  /** New digest (`sha256:<64 hex>`), when asked. */
  digest?: string;
}

/** A Docker tag: word characters, `.` and `-`, not starting with `.` or `-`, at most 128. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const HOST = `(?:${LABEL}(?:\\.${LABEL})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)`;

/** A Docker image name: optional registry host (with port), then lower-case path components. */
export const IMAGE_NAME = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*$`);

const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** True for `sha256:<64 lower-case hex>` (or sha384/sha512 with their lengths). */
export function isDigest(value: string): boolean {
  const [, algorithm = '', hex = ''] = /^(sha256|sha384|sha512):([0-9a-f]+)$/.exec(value) ?? [];
  return hex.length > 0 && hex.length === DIGEST_ALGORITHMS[algorithm];
}

/** A reference split into its parts: `name[:tag][@digest]`. */
export interface Reference {
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `name[:tag][@digest]`; a `:` before the last `/` is a registry port, not a tag. */
export function splitReference(text: string): Reference {
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const rest = at >= 0 ? text.slice(0, at) : text;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const reference: Reference = { name: hasTag ? rest.slice(0, colon) : rest };
  if (hasTag) reference.tag = rest.slice(colon + 1);
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/** `name[:tag][@digest]` for display and for the registry. */
export function formatReference(reference: Reference): string {
  return `${reference.name}${reference.tag === undefined ? '' : `:${reference.tag}`}${reference.digest === undefined ? '' : `@${reference.digest}`}`;
}

const FORMS =
  'Write one image per line as `name=tag`, `name=newName:tag`, `name@sha256:<64 hex>`, `name:tag`, or a bare `name` with the `tag` input, ' +
  'e.g. `myacr.azurecr.io/todo-be=main-c945b89`.';

function bad(line: number, text: string, why: string, fix = FORMS): UserError {
  return new UserError(`Input \`images\` entry ${line} ${quoteValue(text)}: ${why}.`, { fix });
}

function checkParts(line: number, text: string, reference: Reference, what: string): void {
  if (!IMAGE_NAME.test(reference.name)) {
    throw bad(line, text, `${quoteValue(reference.name)} is not a valid ${what} (lower-case registry/repository, no spaces)`);
  }
  if (reference.tag !== undefined && !TAG.test(reference.tag)) {
    throw bad(
      line,
      text,
      `${quoteValue(reference.tag)} is not a valid tag (letters, digits, \`_\`, \`.\`, \`-\`; not starting with \`.\` or \`-\`; at most 128)`,
    );
  }
  if (reference.digest !== undefined && !isDigest(reference.digest)) {
    throw bad(line, text, `${quoteValue(reference.digest)} is not a valid digest (expected sha256: followed by 64 lower-case hex digits)`);
  }
}

/**
 * Parses one line of the `images` input.
 * @param tag the `tag` input, applied when the line names no tag and no digest.
 * @param line 1-based position, for messages.
 */
export function parseImageLine(text: string, tag: string | undefined, line: number): ImageRequest {
  const equals = text.indexOf('=');
  let request: ImageRequest;
  if (equals >= 0) {
    const name = text.slice(0, equals).trim();
    const value = text.slice(equals + 1).trim();
    if (value === '') throw bad(line, text, 'nothing follows `=`');
    checkParts(line, text, { name }, 'image name');
    request = { name };
    if (value.startsWith('@')) {
      const digest = value.slice(1);
      checkParts(line, text, { name, digest }, 'image name');
      request.digest = digest;
    } else if (TAG.test(value)) {
      request.newTag = value;
    } else {
      const reference = splitReference(value);
      checkParts(line, text, reference, 'new image name');
      request.newName = reference.name;
      if (reference.tag !== undefined) request.newTag = reference.tag;
      if (reference.digest !== undefined) request.digest = reference.digest;
    }
  } else {
    const reference = splitReference(text.trim());
    checkParts(line, text, reference, 'image name');
    request = { name: reference.name };
    if (reference.tag !== undefined) request.newTag = reference.tag;
    if (reference.digest !== undefined) request.digest = reference.digest;
  }
  if (request.newTag === undefined && request.digest === undefined) {
    if (tag === undefined) {
      if (request.newName === undefined) throw bad(line, text, 'it names no tag or digest and the `tag` input is empty');
    } else {
      request.newTag = tag;
    }
  }
  return request;
}

/** Parses every line of the `images` input; an image named twice is an error. */
export function parseImageLines(lines: readonly string[], tag: string | undefined): ImageRequest[] {
  if (tag !== undefined && !TAG.test(tag)) {
    throw new UserError(`Input \`tag\` must be a Docker tag, got ${quoteValue(tag)}.`, {
      fix: 'Use letters, digits, `_`, `.` and `-` (not starting with `.` or `-`), at most 128 characters, e.g. main-c945b89.',
    });
  }
  if (lines.length === 0) {
    throw new UserError('Input `images` is required: which images should move?', {
      fix: `${FORMS} With \`tag\`, list the image names to move together, one per line.`,
    });
  }
  const seen = new Map<string, number>();
  return lines.map((text, index) => {
    const request = parseImageLine(text, tag, index + 1);
    const first = seen.get(request.name);
    if (first !== undefined) {
      throw bad(index + 1, text, `image ${quoteValue(request.name)} is already given in entry ${first}`, 'Give each image once.');
    }
    seen.set(request.name, index + 1);
    return request;
  });
}
