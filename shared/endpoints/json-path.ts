// A small JSON path: `$.a.b[0]`, `a.b[0]`, `$['odd key'].c`, `$` (the whole document).
// Enough to point at a field of a health or version endpoint; no wildcards or filters.

/** One step of a path: an object key or an array index. */
export type PathSegment = string | number;

/** A parsed path with the text it came from (for messages). */
export interface JsonPath {
  text: string;
  segments: PathSegment[];
}

const IDENTIFIER = /[A-Za-z0-9_$@-]/;

/**
 * Parses a path. Returns an error message (not a throw) so the caller can name the
 * check it came from.
 */
export function parseJsonPath(text: string): JsonPath | string {
  const source = text.trim();
  if (source === '') return 'an empty JSON path';
  const segments: PathSegment[] = [];
  let index = source.startsWith('$') ? 1 : 0;
  let first = index === 0;
  while (index < source.length) {
    const char = source[index];
    if (char === '[') {
      const close = source.indexOf(']', index);
      if (close < 0) return `an unclosed "[" at position ${index + 1}`;
      const inner = source.slice(index + 1, close).trim();
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted) segments.push(quoted[2] ?? '');
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else return `"[${inner}]" at position ${index + 1} (use [0] for an index or ['key'] for a key)`;
      index = close + 1;
    } else if (char === '.' || first) {
      if (char === '.') index += 1;
      const start = index;
      while (index < source.length && IDENTIFIER.test(source[index] ?? '')) index += 1;
      if (index === start) return `a missing key at position ${start + 1}`;
      segments.push(source.slice(start, index));
    } else {
      return `an unexpected ${JSON.stringify(char)} at position ${index + 1}`;
    }
    first = false;
  }
  return { text: source, segments };
}

/** The value at `path` in `document`, or `{ found: false }` with the first missing step. */
export function readJsonPath(document: unknown, path: JsonPath): { found: true; value: unknown } | { found: false; missing: string } {
  let current: unknown = document;
  let walked = '$';
  for (const segment of path.segments) {
    const next = step(current, segment);
    walked += typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$-]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
    if (next === undefined) return { found: false, missing: walked };
    current = next.value;
  }
  return { found: true, value: current };
}

function step(current: unknown, segment: PathSegment): { value: unknown } | undefined {
  if (typeof segment === 'number') {
    return Array.isArray(current) && segment < current.length ? { value: current[segment] as unknown } : undefined;
  }
  if (typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, segment)) {
    return { value: (current as Record<string, unknown>)[segment] };
  }
  return undefined;
}
