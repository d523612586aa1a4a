// Inputs for tests: from a plain record instead of the runner's environment.

import type { InputSource } from '../core/inputs.ts';

/** Inputs from a plain record keyed by input name (`dry-run`), for tests and the local CLI. */
export function inputsFromRecord(record: Record<string, string | undefined>): InputSource {
  return (name) => (Object.hasOwn(record, name) ? (record[name] ?? '') : '').trim();
}
