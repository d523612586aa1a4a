// Whether a label selector (`matchLabels` and `matchExpressions`, as in a Deployment's
// spec.selector) selects a set of labels. Anything that is not a selector selects nothing.
import { isRecord } from '../../core/json.ts';
import { at, text } from '../../core/json.ts';

function expressionMatches(expression: unknown, labels: Record<string, string>): boolean {
  const key = text(at(expression, 'key'));
  const values = at(expression, 'values');
  const list = Array.isArray(values) ? values.map(String) : [];
  switch (at(expression, 'operator')) {
    case 'In':
      return key in labels && list.includes(labels[key] ?? '');
    case 'NotIn':
      return !(key in labels) || !list.includes(labels[key] ?? '');
    case 'Exists':
      return key in labels;
    case 'DoesNotExist':
      return !(key in labels);
    default:
      return false;
  }
}

/** Whether `selector` selects `labels`. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector['matchLabels']) ? selector['matchLabels'] : {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  return expressions.every((e) => expressionMatches(e, labels));
}
