// Writing step outputs in one place, with one rule for each value type.

import * as core from './workflow-commands.ts';

/** A value an action can output; `undefined` means "do not set this output". */
export type OutputValue = string | number | boolean | object | undefined;

/** Sets one output (default `core.setOutput`, which appends to `GITHUB_OUTPUT`). */
export type SetOutput = (name: string, value: string) => void;

/**
 * The text an output holds: strings as they are, numbers and booleans via
 * `String` (`true`, `3`), objects and arrays as compact JSON (ready for
 * `fromJSON()` in a workflow), `null` as `null`.
 */
export function outputText(value: Exclude<OutputValue, undefined>): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Sets every defined output, in the record's order; `undefined` values are skipped. */
export function writeOutputs(outputs: Record<string, OutputValue>, setOutput: SetOutput = core.setOutput): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) setOutput(name, outputText(value));
  }
}
