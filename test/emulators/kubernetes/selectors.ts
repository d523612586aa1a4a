// Label and field selectors: the query-string grammar of `labelSelector`
// (k8s.io/apimachinery/pkg/labels) and `fieldSelector`, and the structured
// LabelSelector (matchLabels / matchExpressions) of workload specs.
import { getPath, isRecord, type KubeObject } from './types.ts';

type Op = 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

/** One parsed requirement of a label selector. */
export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** Thrown for a selector that does not parse; the router answers 400 BadRequest. */
export class SelectorError extends Error {}

const SPECIAL = /^(!=|==|=|!|,|\(|\)|<|>)/;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const special = SPECIAL.exec(rest);
    const word = special ? special[0] : (/^[^\s!=,()<>]+/.exec(rest)?.[0] ?? rest);
    tokens.push(word);
    rest = rest.slice(word.length);
  }
  return tokens;
}

const isIdentifier = (token: string | undefined): token is string => token !== undefined && !SPECIAL.test(token);

/** Parses `k=v, k!=v, k in (a,b), k notin (a), k, !k, k>1`; throws SelectorError. */
export function parseLabelSelector(text: string): Requirement[] {
  const tokens = tokenize(text);
  const requirements: Requirement[] = [];
  let i = 0;
  const fail = (expected: string): never => {
    throw new SelectorError(`unable to parse requirement: found '${tokens[i] ?? 'end of string'}', expected: ${expected}`);
  };
  while (i < tokens.length) {
    if (tokens[i] === '!') {
      i += 1;
      const key = tokens[i];
      if (!isIdentifier(key)) fail('identifier');
      requirements.push({ key: key as string, op: '!exists', values: [] });
      i += 1;
    } else {
      const key = tokens[i];
      if (!isIdentifier(key)) fail('identifier');
      i += 1;
      const op = tokens[i];
      if (op === undefined || op === ',') {
        requirements.push({ key: key as string, op: 'exists', values: [] });
      } else if (op === 'in' || op === 'notin') {
        i += 1;
        if (tokens[i] !== '(') fail("'('");
        i += 1;
        const values: string[] = [];
        while (tokens[i] !== ')') {
          const value = tokens[i];
          if (value === ',') {
            i += 1;
            continue;
          }
          if (!isIdentifier(value)) fail("identifier or ')'");
          values.push(value as string);
          i += 1;
        }
        i += 1;
        requirements.push({ key: key as string, op, values });
      } else if (op === '=' || op === '==' || op === '!=' || op === '<' || op === '>') {
        i += 1;
        const value = isIdentifier(tokens[i]) ? (tokens[i] as string) : '';
        if (value) i += 1;
        if ((op === '<' || op === '>') && !/^-?\d+$/.test(value)) fail('an integer');
        const mapped: Op = op === '!=' ? '!=' : op === '<' ? 'lt' : op === '>' ? 'gt' : '=';
        requirements.push({ key: key as string, op: mapped, values: [value] });
      } else {
        fail("'=', '!=', '==', 'in', 'notin'");
      }
    }
    if (i < tokens.length) {
      if (tokens[i] !== ',') fail("','");
      i += 1;
    }
  }
  return requirements;
}

export function matchRequirements(requirements: Requirement[], labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  return requirements.every(({ key, op, values }) => {
    const value = Object.hasOwn(have, key) ? have[key] : undefined;
    switch (op) {
      case 'exists':
        return value !== undefined;
      case '!exists':
        return value === undefined;
      case '=':
      case 'in':
        return value !== undefined && values.includes(value);
      case '!=':
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'gt':
      case 'lt': {
        if (value === undefined || !/^-?\d+$/.test(value)) return false;
        const diff = Number(value) - Number(values[0]);
        return op === 'gt' ? diff > 0 : diff < 0;
      }
    }
  });
}

/** A structured LabelSelector (`spec.selector` of a Deployment) as requirements. */
export function requirementsOf(selector: unknown): Requirement[] {
  if (!isRecord(selector)) return [];
  const requirements: Requirement[] = [];
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) requirements.push({ key, op: '=', values: [String(value)] });
  }
  const ops: Record<string, Op> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' };
  for (const expr of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isRecord(expr) || typeof expr.key !== 'string' || typeof expr.operator !== 'string') continue;
    const op = ops[expr.operator];
    if (!op) continue;
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    requirements.push({ key: expr.key, op, values });
  }
  return requirements;
}

/** Field labels each kind supports besides metadata.name and metadata.namespace. */
const FIELD_LABELS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
};

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

/** Parses `metadata.name=x,status.phase!=Running`; throws SelectorError for unknown fields. */
export function parseFieldSelector(text: string, kind: string): FieldRequirement[] {
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(FIELD_LABELS[kind] ?? [])]);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = /^([^!=]+?)\s*(!=|==|=)\s*(.*)$/.exec(part);
      if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
      const field = m[1] ?? '';
      if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
      return { field, negate: m[2] === '!=', value: m[3] ?? '' };
    });
}

export function matchFields(requirements: FieldRequirement[], object: KubeObject): boolean {
  return requirements.every(({ field, negate, value }) => {
    const raw = field === 'source' ? getPath(object, 'source.component') : getPath(object, field);
    const actual = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
    return (actual === value) !== negate;
  });
}
