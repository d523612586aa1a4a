// What the apiextensions server does with a custom resource after decoding it, from the
// constraints of its CRD's openAPIV3Schema (schema.ts `Checks`):
// - structural defaulting: a missing field whose schema has a `default` gets it, in objects,
//   list items and map values, before validation (apiextensions-apiserver pkg/apiserver/schema/
//   defaulting);
// - validation (kube-openapi validate, errors turned into field errors as apiextensions'
//   kubeOpenAPIResultToFieldErrors does): enum → `Unsupported value: "x": supported values: ...`,
//   required → `Required value`, maxLength → `Too long: may not be longer than N`, maxItems and
//   maxProperties → `Too many: N: must have at most M items`, and pattern, minLength, minimum,
//   maximum, minItems, minProperties → `Invalid value: v: <path> in body should ...`;
// - ratcheting (CRDValidationRatcheting, on by default since 1.30): on an update, an error about
//   a value that did not change is dropped.
// CEL rules (x-kubernetes-validations) are kept in the schema but only the cheap, common forms
// are evaluated (see celCheck); the others are not modelled (README).
import { fieldSchema, type Schema } from './schema.ts';
import type { StatusCause } from './status.ts';
import { clone, deepEqual, isRecord } from './types.ts';

type Step = string | number;

function render(path: readonly Step[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out;
}

/** A bad value as a field error prints it (Go's %q for strings, %v for numbers, JSON otherwise). */
function shown(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

/** Length in Unicode code points, as kube-openapi counts a string's length (utf8.RuneCountInString). */
function runes(text: string): number {
  let n = 0;
  for (const _char of text) n += 1;
  return n;
}

const patterns = new Map<string, RegExp | undefined>();

/** A schema's pattern as a JavaScript RegExp (RE2 and JavaScript agree on what CRDs use); undefined when JavaScript cannot read it. */
function regex(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

/** Fills in the defaults the schema declares for missing fields, in place (structural defaulting). */
export function applyCrdDefaults(value: unknown, schema: Schema | undefined): void {
  if (!schema) return;
  if (schema.type === 'object' && isRecord(value)) {
    for (const [name, child] of Object.entries(schema.fields)) {
      if (value[name] === undefined && child.checks?.default !== undefined) value[name] = clone(child.checks.default);
      applyCrdDefaults(value[name], child);
    }
  } else if (schema.type === 'map' && isRecord(value)) {
    for (const item of Object.values(value)) applyCrdDefaults(item, schema.values);
  } else if (schema.type === 'list' && Array.isArray(value)) {
    for (const item of value) applyCrdDefaults(item, schema.items);
  }
}

/** The `self`-only CEL rules cheap to evaluate exactly; undefined for any other rule (not evaluated). */
function celCheck(rule: string, value: unknown): boolean | undefined {
  // self.size() <= N / >= N / == N
  const size = /^self\.size\(\)\s*(<=|>=|<|>|==)\s*(\d+)$/.exec(rule.trim());
  if (size && (typeof value === 'string' || Array.isArray(value) || isRecord(value))) {
    const n = typeof value === 'string' ? runes(value) : Array.isArray(value) ? value.length : Object.keys(value).length;
    const limit = Number(size[2]);
    switch (size[1]) {
      case '<=':
        return n <= limit;
      case '>=':
        return n >= limit;
      case '<':
        return n < limit;
      case '>':
        return n > limit;
      default:
        return n === limit;
    }
  }
  // self.all(x, self.exists_one(y, y.f == x.f)) and friends are the list-uniqueness rules the
  // Gateway API uses; they are left to the list-map keys here.
  return undefined;
}

/** The field errors of a custom resource against its schema's constraints (after defaulting). */
export function validateCustomResource(obj: unknown, schema: Schema | undefined, old?: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  const path: Step[] = [];
  const oldAt = (): unknown => {
    let current = old;
    for (const step of path) {
      if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
      else current = isRecord(current) ? current[step] : undefined;
    }
    return current;
  };
  // Ratcheting: on an update, a value equal to what was stored is not judged again.
  const unchanged = (value: unknown): boolean => old !== undefined && deepEqual(oldAt(), value);
  const push = (cause: StatusCause, value: unknown): void => {
    if (!unchanged(value)) causes.push(cause);
  };
  const invalid = (value: unknown, detail: string): void =>
    push({ reason: 'FieldValueInvalid', message: `Invalid value: ${shown(value)}: ${render(path)} in body ${detail}`, field: render(path) }, value);

  const walk = (value: unknown, node: Schema | undefined): void => {
    if (!node || value === undefined) return;
    const checks = node.checks;
    if (value === null) return;
    if (checks) {
      const field = render(path);
      if (checks.enum && !checks.enum.some((allowed) => deepEqual(allowed, value))) {
        const supported = checks.enum.map((v) => JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
        push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${shown(value)}: supported values: ${supported}`, field }, value);
      }
      if (typeof value === 'string') {
        const length = runes(value);
        if (checks.maxLength !== undefined && length > checks.maxLength)
          push({ reason: 'FieldValueTooLong', message: `Too long: may not be longer than ${checks.maxLength}`, field }, value);
        if (checks.minLength !== undefined && length < checks.minLength) invalid(value, `should be at least ${checks.minLength} chars long`);
        const re = checks.pattern === undefined ? undefined : regex(checks.pattern);
        if (re && !re.test(value)) invalid(value, `should match '${checks.pattern ?? ''}'`);
      }
      if (typeof value === 'number') {
        if (checks.minimum !== undefined && (checks.exclusiveMinimum ? value <= checks.minimum : value < checks.minimum))
          invalid(value, `should be greater than ${checks.exclusiveMinimum ? '' : 'or equal to '}${checks.minimum}`);
        if (checks.maximum !== undefined && (checks.exclusiveMaximum ? value >= checks.maximum : value > checks.maximum))
          invalid(value, `should be less than ${checks.exclusiveMaximum ? '' : 'or equal to '}${checks.maximum}`);
      }
      if (Array.isArray(value)) {
        if (checks.maxItems !== undefined && value.length > checks.maxItems)
          push({ reason: 'FieldValueTooMany', message: `Too many: ${value.length}: must have at most ${checks.maxItems} items`, field }, value);
        if (checks.minItems !== undefined && value.length < checks.minItems) invalid(value, `should have at least ${checks.minItems} items`);
      }
      if (isRecord(value)) {
        const count = Object.keys(value).length;
        if (checks.maxProperties !== undefined && count > checks.maxProperties)
          push({ reason: 'FieldValueTooMany', message: `Too many: ${count}: must have at most ${checks.maxProperties} items`, field }, value);
        if (checks.minProperties !== undefined && count < checks.minProperties) invalid(value, `should have at least ${checks.minProperties} properties`);
        for (const name of checks.required ?? []) {
          if (value[name] !== undefined) continue;
          path.push(name);
          push({ reason: 'FieldValueRequired', message: 'Required value', field: render(path) }, undefined);
          path.pop();
        }
      }
      for (const rule of checks.rules ?? []) {
        if (celCheck(rule.rule, value) !== false) continue;
        const at = rule.fieldPath ? `${field}${rule.fieldPath}` : field;
        push(
          {
            reason: rule.reason === 'FieldValueForbidden' ? 'FieldValueForbidden' : 'FieldValueInvalid',
            message: `Invalid value: ${JSON.stringify(typeName(value))}: ${rule.message ?? `failed rule: ${rule.rule}`}`,
            field: at,
          },
          value,
        );
      }
    }
    if (Array.isArray(value) && node.type === 'list') {
      value.forEach((item, i) => {
        path.push(i);
        walk(item, node.items);
        path.pop();
      });
    } else if (isRecord(value) && (node.type === 'object' || node.type === 'map')) {
      for (const [key, item] of Object.entries(value)) {
        // metadata is the API server's (validated by its own rules), not the CRD's.
        if (path.length === 0 && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
        path.push(key);
        walk(item, fieldSchema(node, key));
        path.pop();
      }
    }
  };
  walk(obj, schema);
  return causes;
}
