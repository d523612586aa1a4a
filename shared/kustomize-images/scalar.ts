// Writing a new value in the quoting style of the value it replaces, falling back to
// double quotes only when the plain form would be read as something else.
import { parse } from 'yaml';
import type { ScalarStyle } from './kustomization.ts';

/** Plain words YAML 1.1 readers (PyYAML, older Go yaml) take as booleans or null. */
const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
/** YAML 1.1 and 1.2 numbers: binary, octal (`017`, `0o17`), hex, sexagesimal, underscores, floats. */
const YAML11_NUMBER =
  /^[-+]?(0b[01_]+|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9_]+([eE][-+]?[0-9]+)?|\.(inf|Inf|INF|nan|NaN|NAN))$/;
/** Characters that may start or end a plain scalar safely, and may appear inside it. */
const PLAIN_CHARS = /^[A-Za-z0-9_][A-Za-z0-9_./:@+=-]*$/;

/** Where a scalar is written: flow collections forbid `,[]{}` in plain scalars. */
export type ScalarContext = 'block' | 'flow';

/**
 * True when `value` written plain is read back as that same string by YAML 1.2 and 1.1
 * readers alike (so no number, boolean, null or timestamp look-alikes).
 */
export function isPlainSafe(value: string, context: ScalarContext = 'block'): boolean {
  if (!PLAIN_CHARS.test(value) || value.endsWith(':') || value.includes(': ')) return false;
  // PyYAML and other YAML 1.1 readers refuse `:` inside a plain scalar in a flow collection.
  if (context === 'flow' && /[,[\]{}:]/.test(value)) return false;
  if (YAML11_SPECIAL.test(value) || YAML11_NUMBER.test(value)) return false;
  if (/^\d{4}-\d\d?-\d\d?/.test(value)) return false;
  // Starting with a letter or `_` and free of `:`, `@`, `+`, `=`, none of the checks above can
  // miss a non-string reading; anything else is also read back by a YAML parser to be sure.
  if (/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value)) return true;
  try {
    const inFlow: unknown = parse(`[${value}]`, { schema: 'core' });
    const alone: unknown = parse(value, { schema: 'core' });
    return Array.isArray(inFlow) && inFlow[0] === value && alone === value;
  } catch {
    return false;
  }
}

/** A YAML double-quoted scalar (JSON escapes are valid YAML escapes). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** A YAML single-quoted scalar (`'` doubled). */
export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `value` in `style`; a plain value that would not read back as the same string is
 * double-quoted instead.
 */
export function renderScalar(value: string, style: ScalarStyle, context: ScalarContext = 'block'): string {
  switch (style) {
    case 'QUOTE_SINGLE':
      return singleQuoted(value);
    case 'QUOTE_DOUBLE':
      return doubleQuoted(value);
    case 'PLAIN':
      return isPlainSafe(value, context) ? value : doubleQuoted(value);
  }
}
