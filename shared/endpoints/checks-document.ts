// Turns the `checks` input into a list of raw items, each with the line it starts on, so
// later errors can point at the check. Accepts YAML (or JSON, which is YAML) holding a list,
// or the shorthand: one path or URL per line.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { UserError, quoteValue } from '../core/errors.ts';

/** One entry of the checks list before validation. */
export interface RawCheck {
  /** 1-based position in the list. */
  index: number;
  /** 1-based line in the input where the entry starts. */
  line: number;
  /** The entry as plain data: a string (a path or URL) or a mapping. */
  value: unknown;
  /** The line of the key reached through `keys` (e.g. `['expect', 'staus']`), else the entry's line. */
  lineOf(keys: readonly string[]): number;
}

/** A line of the shorthand: a path (`/be-health`) or an absolute http(s) URL, nothing else. */
const SHORTHAND_LINE = /^(\/\S*|https?:\/\/\S+)$/;

/** Non-blank lines that are not comments, with their 1-based numbers. */
function contentLines(text: string): { text: string; line: number }[] {
  return text
    .split(/\r?\n|\r/)
    .map((raw, index) => ({ text: raw.trim(), line: index + 1 }))
    .filter(({ text: line }) => line !== '' && !line.startsWith('#'));
}

/**
 * Parses the `checks` input. The shorthand (every line a path or URL) is recognised first;
 * anything else must be a YAML/JSON list. Errors point at the line, quoted after `redact` took
 * the credentials out of it (before it is cut short, which would leave a token's head unmasked).
 */
export function readChecksDocument(text: string, input = 'checks', redact: (line: string) => string = (line) => line): RawCheck[] {
  const lines = contentLines(text);
  if (lines.length === 0) {
    throw new UserError(`Input \`${input}\` is empty.`, { fix: 'List the paths to check, one per line (e.g. /be-health), or give a YAML list of checks.' });
  }
  if (lines.every(({ text: line }) => SHORTHAND_LINE.test(line))) {
    return lines.map(({ text: line, line: number }, i) => ({ index: i + 1, line: number, value: line, lineOf: () => number }));
  }
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const sourceLines = text.split(/\r?\n|\r/);
  const problem = document.errors[0];
  if (problem !== undefined) {
    const { line, col } = counter.linePos(problem.pos[0]);
    const reason = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.code;
    throw new UserError(
      `Input \`${input}\` is not valid YAML or JSON at line ${line}, column ${col}: ${redact(reason)}: ${quoteValue(redact(sourceLines[line - 1] ?? ''))}.`,
      { fix: 'Check the indentation and quoting there; JSON is accepted too, and so is one path per line.' },
    );
  }
  const root = document.contents;
  if (!isSeq(root)) {
    const found = root === null ? 'nothing' : isMap(root) ? 'a mapping' : 'a single value';
    throw new UserError(`Input \`${input}\` must be a list of checks, found ${found}.`, {
      fix: 'Start each check with "- ", e.g.\n- path: /be-health\n- path: /todos\n  expect:\n    status: 200\nor list one path per line.',
    });
  }
  const lineOfNode = (node: Node | null | undefined, fallback: number): number => (node?.range ? counter.linePos(node.range[0]).line : fallback);
  return root.items.map((item, i) => {
    const node = item as Node | null;
    const line = lineOfNode(node, 1);
    return {
      index: i + 1,
      line,
      value: node === null ? null : (node.toJS(document) as unknown),
      lineOf: (keys: readonly string[]) => {
        let current: unknown = node;
        let found = line;
        for (const key of keys) {
          if (!isMap(current)) break;
          const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
          if (pair === undefined) break;
          found = lineOfNode(pair.key as Node, found);
          current = pair.value;
        }
        return found;
      },
    };
  });
}
