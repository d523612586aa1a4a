// Reading untyped JSON and YAML (API answers, event payloads, manifests) without casts.

/** A JSON object: a mapping from keys to anything. */
export type JsonRecord = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a plain JSON object, else an empty one. */
export function recordOr(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** The value at a dotted path (`status.updatedReplicas`) through plain objects, or undefined. */
export function at(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path.split('.')) node = isRecord(node) ? node[part] : undefined;
  return node;
}

/** Strings as they are, numbers and booleans printed, anything else `fallback`. */
export function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}
