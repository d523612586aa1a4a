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
