// The only way actions read their inputs. Each action's `readInputs()` builds
// its typed `Inputs` object with an InputReader; every reader refuses typos
// instead of silently turning them into `false`, `NaN` or an empty list, and
// every error names the input, quotes the value and says the expected form.

import * as yaml from 'js-yaml';
import { UserError, errorMessage, quoteValue } from './errors.ts';
import { MAX_DURATION_MS, formatDuration, parseDuration } from './duration.ts';

/** Returns an input's raw value, trimmed; `''` when the input is unset. */
export type InputSource = (name: string) => string;

/**
 * The environment variable the runner sets for an input: `INPUT_` plus the name
 * upper-cased with spaces turned into `_` (hyphens are kept, so `dry-run` is
 * `INPUT_DRY-RUN`). The same rule as `core.getInput`.
 */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Inputs read from an environment (such as `process.env`), looked up on each call. */
export function inputsFromEnv(env: NodeJS.ProcessEnv): InputSource {
  return (name) => (env[inputEnvName(name)] ?? '').trim();
}

/** Inputs exactly as the runner passes them to a JavaScript action. */
export const runnerInputs: InputSource = inputsFromEnv(process.env);

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

/** Options for {@link InputReader.integer}. */
export interface IntegerOptions {
  /** Returned when the input is empty; not range-checked. */
  fallback: number;
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
}

/** Options for {@link InputReader.list}. */
export interface ListOptions {
  /** Whether commas also separate items (default `true`); turn off for globs such as `{a,b}`. */
  commas?: boolean;
}

/**
 * Typed readers over an {@link InputSource}. An empty input always means
 * "unset": readers with a fallback return it, `required` fails.
 */
export class InputReader {
  /** Where raw values come from. */
  readonly source: InputSource;

  /** @param source defaults to the runner's `INPUT_*` environment variables. */
  constructor(source: InputSource = runnerInputs) {
    this.source = source;
  }

  /** The trimmed value, or `fallback` (default `''`) when empty. */
  string(name: string, fallback = ''): string {
    const value = this.source(name).trim();
    return value === '' ? fallback : value;
  }

  /** The trimmed value, or `undefined` when empty. */
  optional(name: string): string | undefined {
    const value = this.source(name).trim();
    return value === '' ? undefined : value;
  }

  /**
   * The trimmed value; a {@link UserError} `Input \`name\` is required.` when
   * empty, followed by `hint` (what to pass) or a pointer to the step's `with:`.
   */
  required(name: string, hint?: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new UserError(`Input \`${name}\` is required.`, {
        fix: hint ?? `Set it under \`with:\` in the workflow step.`,
      });
    }
    return value;
  }

  /**
   * A boolean in the YAML 1.2 core schema: `true`, `True`, `TRUE`, `false`,
   * `False`, `FALSE`. Anything else (`yes`, `1`, `on`, `ture`) is an error,
   * never a silent `false`.
   */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const parsed = BOOLEANS[value];
    if (parsed === undefined) {
      throw invalid(name, value, 'true or false', 'Use true, True, TRUE, false, False or FALSE (YAML 1.2 booleans).');
    }
    return parsed;
  }

  /**
   * A decimal integer (`42`, `-3`, `+7`; no `1.0`, `1e3`, `0x10`, `1_000`),
   * within `min`..`max` when given.
   */
  integer(name: string, options: IntegerOptions): number {
    const value = this.optional(name);
    if (value === undefined) return options.fallback;
    const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) {
      throw invalid(name, value, `a whole number written in decimal digits${rangeText(options)}`);
    }
    const { min, max } = options;
    if ((min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
      throw invalid(name, value, `a whole number${rangeText(options)}`);
    }
    return parsed;
  }

  /**
   * A duration in milliseconds (see {@link parseDuration}): `500ms`, `90s`,
   * `5m`, `1h30m`, `2m 30s`, `1.5m`; a bare integer means **seconds**. Zero is
   * allowed; negatives and anything longer than `maxMs` (default 24h) are not.
   *
   * @param fallbackMs returned when empty: milliseconds, or a duration text such as `'5m'`.
   */
  duration(name: string, fallbackMs: number | string, maxMs = MAX_DURATION_MS): number {
    const value = this.optional(name);
    if (value === undefined) {
      if (typeof fallbackMs === 'number') return fallbackMs;
      const fallback = parseDuration(fallbackMs);
      if (fallback === undefined) throw new Error(`invalid fallback duration ${quoteValue(fallbackMs)} for input ${name}`);
      return fallback;
    }
    const form = 'a duration such as 90s, 5m, 1h or 1h30m (a bare number means seconds)';
    if (value.startsWith('-')) throw invalid(name, value, `${form}; durations cannot be negative`);
    const parsed = parseDuration(value);
    if (parsed === undefined) throw invalid(name, value, form);
    if (parsed > maxMs) throw invalid(name, value, `a duration of at most ${formatDuration(maxMs)}`);
    return parsed;
  }

  /**
   * Items separated by newlines (and by commas unless `commas: false`),
   * trimmed, with empty items and lines starting with `#` dropped.
   */
  list(name: string, options: ListOptions = {}): string[] {
    const items: string[] = [];
    for (const { text } of contentLines(this.source(name))) {
      const parts = options.commas === false ? [text] : text.split(',');
      for (const part of parts) {
        const item = part.trim();
        if (item !== '') items.push(item);
      }
    }
    return items;
  }

  /**
   * `KEY=VALUE` pairs, one per line (blank lines and `#` lines ignored), or
   * comma-separated when the whole input is a single line (`A=1, B=2`; to put
   * a comma in a value, write one pair per line). Keys and values are trimmed;
   * a value may contain `=` and may be empty; a key may not be empty or repeated.
   * Errors name the line (and the entry, for the one-line form).
   */
  map(name: string): Map<string, string> {
    const lines = contentLines(this.source(name));
    const entries: { text: string; where: string }[] = [];
    const only = lines.length === 1 ? lines[0] : undefined;
    if (only !== undefined && only.text.includes(',')) {
      only.text.split(',').forEach((text, index) => {
        if (text.trim() !== '') entries.push({ text, where: `line ${only.line}, entry ${index + 1}` });
      });
    } else {
      for (const { text, line } of lines) entries.push({ text, where: `line ${line}` });
    }
    const result = new Map<string, string>();
    const seen = new Map<string, string>();
    for (const { text, where } of entries) {
      const equals = text.indexOf('=');
      const key = equals < 0 ? '' : text.slice(0, equals).trim();
      if (equals < 0 || key === '') {
        throw new UserError(`Input \`${name}\` ${where} must be KEY=VALUE, got ${quoteValue(text.trim())}.`, {
          fix: 'Write one KEY=VALUE pair per line; the key may not be empty.',
        });
      }
      const first = seen.get(key);
      if (first !== undefined) {
        throw new UserError(`Input \`${name}\` ${where} repeats the key ${quoteValue(key)} (first given at ${first}).`, {
          fix: 'Give each key once.',
        });
      }
      seen.set(key, where);
      result.set(key, text.slice(equals + 1).trim());
    }
    return result;
  }

  /**
   * A YAML 1.2 (core schema) or JSON document, or `undefined` when the input
   * is empty or holds only comments. Duplicate keys and multiple documents
   * are errors; a parse error quotes the line and column and the offending line.
   */
  document(name: string): unknown {
    const value = this.source(name);
    if (contentLines(value).length === 0) return undefined;
    try {
      return yaml.load(value);
    } catch (error: unknown) {
      throw new UserError(`Input \`${name}\` is not valid YAML or JSON: ${yamlProblem(error, value)}.`, {
        fix: 'Check the indentation and quoting; JSON is accepted too.',
        cause: error,
      });
    }
  }

  /** One of `allowed` (case-sensitive), or `fallback` when empty. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value);
    if (match !== undefined) return match;
    const near = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    const options = allowed.map((candidate) => JSON.stringify(candidate)).join(', ');
    throw invalid(name, value, `one of ${options}`, near === undefined ? undefined : `Values are case-sensitive: did you mean ${JSON.stringify(near)}?`);
  }
}

/** `Input \`name\` must be <expected>, got "<value>".` plus an optional fix. */
function invalid(name: string, value: string, expected: string, fix?: string): UserError {
  return new UserError(`Input \`${name}\` must be ${expected}, got ${quoteValue(value)}.`, fix === undefined ? {} : { fix });
}

function rangeText({ min, max }: IntegerOptions): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** Non-blank lines that are not `#` comments, with their 1-based line numbers (CRLF-safe). */
function contentLines(value: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  value.split(/\r?\n|\r/).forEach((raw, index) => {
    const text = raw.trim();
    if (text !== '' && !text.startsWith('#')) lines.push({ text: raw, line: index + 1 });
  });
  return lines;
}

/** `<reason> at line L, column C: "<that line>"` from a js-yaml error. */
function yamlProblem(error: unknown, source: string): string {
  if (!(error instanceof yaml.YAMLException)) return errorMessage(error);
  const mark = error.mark;
  if (mark === undefined) return error.reason;
  const line = source.split(/\r?\n|\r/)[mark.line] ?? '';
  return `${error.reason} at line ${mark.line + 1}, column ${mark.column + 1}: ${quoteValue(line)}`;
}
