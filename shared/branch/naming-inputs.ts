// The naming inputs every action that names a branch environment takes, read once so build-tag,
// provision-db, deploy-overlay and cleanup-branch accept, default and refuse them alike.
import type { InputReader } from '../core/inputs.ts';
import { DEFAULT_MAX_SLUG_LENGTH, DEFAULT_NAMESPACE_PREFIX, MAX_SLUG_LENGTH, MIN_SLUG_LENGTH, branchNames } from './naming.ts';

/** `namespace-prefix` and `max-slug-length`, as read. */
export interface NamingInputs {
  /** Prefix of the branch namespace (`namespace-prefix`, default `feature-`). */
  namespacePrefix: string;
  /** Longest branch slug (`max-slug-length`, 11..57, default 40). */
  maxSlugLength: number;
}

/** Reads `namespace-prefix` and `max-slug-length`; a prefix the naming function refuses fails now, naming the input. */
export function readNamingInputs(reader: InputReader): NamingInputs {
  const namespacePrefix = reader.string('namespace-prefix', DEFAULT_NAMESPACE_PREFIX);
  const maxSlugLength = reader.integer('max-slug-length', { fallback: DEFAULT_MAX_SLUG_LENGTH, min: MIN_SLUG_LENGTH, max: MAX_SLUG_LENGTH });
  branchNames('x', { namespacePrefix, maxSlugLength });
  return { namespacePrefix, maxSlugLength };
}
