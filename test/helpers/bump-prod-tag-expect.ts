// What an edited kustomization must parse to: the original document with only the
// requested image values changed (or the requested entries added). Used by the editor's
// example tests and its property test.
import { parse } from 'yaml';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { UserError } from '../../shared/core/errors.ts';

type Doc = Record<string, unknown>;
type Entry = Record<string, unknown>;

/** Parses as kustomize reads it: every scalar a string (the failsafe schema). */
export function parseStrings(text: string): unknown {
  return parse(text, { schema: 'failsafe' }) as unknown;
}

/** The document `before` should become after `requests` (entries found by name, else by newName). */
export function expectedDocument(before: string, requests: readonly ImageRequest[]): unknown {
  const doc = structuredClone(parseStrings(before)) as Doc;
  for (const request of requests) {
    if (!Array.isArray(doc['images'])) doc['images'] = [];
    const images = doc['images'] as Entry[];
    const entry = images.find((e) => e['name'] === request.name) ?? images.find((e) => e['newName'] === request.name);
    const fields: Entry = {};
    if (request.newName !== undefined) fields['newName'] = request.newName;
    if (request.newTag !== undefined) fields['newTag'] = request.newTag;
    if (request.digest !== undefined) fields['digest'] = request.digest;
    if (entry) Object.assign(entry, fields);
    else images.push({ name: request.name, ...fields });
  }
  return doc;
}

/** The UserError a promise rejects with, as the user sees it (message and fix); fails otherwise. */
export async function userErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error.describe();
}
