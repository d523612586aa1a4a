// GitHub Actions expressions (`${{ ... }}`) evaluated with GitHub's own evaluator
// (@actions/expressions), for running workflow templates locally.
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';

export type Contexts = Record<string, unknown>;

/** Job status functions (`success()`, `failure()`, `always()`, `cancelled()`). */
function statusFunctions(failed: boolean): Map<string, { name: string; minArgs: number; maxArgs: number; call: () => data.ExpressionData }> {
  const fn = (name: string, value: boolean) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) });
  return new Map([
    ['success', fn('success', !failed)],
    ['failure', fn('failure', failed)],
    ['always', fn('always', true)],
    ['cancelled', fn('cancelled', false)],
  ]);
}

/** The runner's truthiness (as @actions/expressions' result.truthy, which the package does not export). */
function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return value.value;
    case data.Kind.Number: {
      const n = value.number();
      return n !== 0 && !Number.isNaN(n);
    }
    case data.Kind.String:
      return value.coerceString().length > 0;
    default:
      return true;
  }
}

function toData(contexts: Contexts): data.Dictionary {
  return JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
}

/** Evaluates one expression (without `${{ }}`) to expression data. */
export function evaluateExpression(expression: string, contexts: Contexts, failed = false): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = statusFunctions(failed);
  const parser = new Parser(lexed.tokens, Object.keys(contexts), [...functions.values()]);
  return new Evaluator(parser.parse(), toData(contexts), functions).evaluate();
}

function asString(value: data.ExpressionData): string {
  return value.kind === data.Kind.Dictionary || value.kind === data.Kind.Array ? JSON.stringify(value, data.replacer) : value.coerceString();
}

/** Replaces every `${{ expr }}` in a string, as the runner does for `with:`, `env:` and `run:`. */
export function interpolate(text: string, contexts: Contexts): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => asString(evaluateExpression(expr.trim(), contexts)));
}

/** An `if:` condition: a bare expression or one wrapped in `${{ }}`; `success()` is implied. */
export function condition(text: string | boolean | undefined, contexts: Contexts, failed: boolean): boolean {
  if (text === undefined) return !failed;
  if (typeof text === 'boolean') return text;
  const expr = text
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  const usesStatus = /\b(success|failure|always|cancelled)\(\)/.test(expr);
  const value = truthy(evaluateExpression(expr, contexts, failed));
  return usesStatus ? value : value && !failed;
}
