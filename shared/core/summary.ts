// The job summary: a small builder that escapes every piece of text, so a
// branch name or a server message can never inject HTML or break the layout.

import { appendSummary, setOutput } from './workflow-commands.ts';
import { errorMessage, isUserError } from './errors.ts';
import { actionsLogger, type Logger } from './logger.ts';
import { failureLine, MARKS, tidy, verdictLine, verdictText, type Verdict } from './verdict.ts';

/** Where summary HTML goes. */
export interface SummarySink {
  /** Adds HTML to the pending summary. */
  append(html: string): void;
  /** Flushes what was appended. */
  write(): Promise<void>;
  /** Receives the verdict as text (the runner's sink sets the `verdict` output with it). */
  verdict?(text: string): void;
}

/**
 * The runner's job summary (the file named by
 * `GITHUB_STEP_SUMMARY`). When that variable is not set (the action runs
 * locally), `write()` logs at debug level and drops the content instead of
 * throwing; when the file cannot be written, it logs a warning and goes on.
 */
export class CoreSummarySink implements SummarySink {
  private readonly logger: Logger;

  /** @param logger receives the debug note when there is no summary file. */
  constructor(logger: Logger = actionsLogger) {
    this.logger = logger;
  }

  private buffer = '';

  append(html: string): void {
    this.buffer += html;
  }

  /** Sets the step output `verdict`, so a later job (the pull request comment) can show it. */
  verdict(text: string): void {
    if (process.env['GITHUB_OUTPUT']) setOutput('verdict', text);
  }

  write(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    if (!process.env.GITHUB_STEP_SUMMARY) {
      this.logger.debug('GITHUB_STEP_SUMMARY is not set; skipping the job summary.');
      return Promise.resolve();
    }
    try {
      appendSummary(text);
    } catch (error: unknown) {
      // The summary is a report, not the result: a broken summary file must not fail the step.
      this.logger.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
    return Promise.resolve();
  }
}

/** Escapes `& < > " '` so text shows literally inside HTML elements and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Escaped text for an element that must stay on one logical block: line
 * breaks become `<br>`. (GitHub renders the summary as Markdown; a blank line
 * inside a `<table>`, `<p>` or `<details>` would end the HTML block there.)
 */
function inline(text: string): string {
  return escapeHtml(text).replace(/\r?\n|\r/g, '<br>');
}

/** A table cell value. */
export type Cell = string | number | boolean;

function tableHtml(header: string[], rows: Cell[][]): string {
  const head = `<tr>${header.map((cell) => `<th>${inline(cell)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => {
    const cells = row.map((cell) => `<td>${inline(String(cell))}</td>`);
    while (cells.length < header.length) cells.push('<td></td>');
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>${head}${body.join('')}</table>`;
}

/**
 * Builds the job summary. Every method takes plain text and escapes it;
 * only {@link Summary.raw} takes HTML. Methods chain; nothing is written
 * until {@link Summary.write}.
 */
export class Summary {
  private readonly sink: SummarySink;

  /** @param sink defaults to the runner's job summary. */
  constructor(sink: SummarySink = new CoreSummarySink()) {
    this.sink = sink;
  }

  /**
   * The verdict, first in every summary: one heading line with the status mark, what was done
   * and how long; on failure, each failure directly below in one line (object in bold, the
   * reason as the service words it, the fix), never folded. Also hands the verdict as text to
   * the sink (the `verdict` output).
   */
  verdict(v: Verdict): this {
    this.heading(verdictLine(v), 3);
    const failures = v.failures ?? [];
    if (failures.length > 0) {
      const items = failures.map((f) => {
        const line = failureLine(f);
        const object = tidy(f.object);
        return `<li>${MARKS.failure} <strong>${inline(object)}</strong>${inline(line.slice(object.length))}</li>`;
      });
      this.block(`<ul>${items.join('')}</ul>`);
    }
    this.sink.verdict?.(verdictText(v));
    return this;
  }

  /** A table folded under `label` (the full list, when the summary shows counts). */
  foldedTable(label: string, header: string[], rows: Cell[][]): this {
    return this.block(`<details><summary>${inline(label)}</summary>\n\n${tableHtml(header, rows)}\n\n</details>`);
  }

  /** A heading, level 1 to 6 (default 2). */
  heading(text: string, level: 1 | 2 | 3 | 4 | 5 | 6 = 2): this {
    return this.block(`<h${level}>${escapeHtml(text).replace(/\s+/g, ' ')}</h${level}>`);
  }

  /** A paragraph; line breaks are kept. */
  paragraph(text: string): this {
    return this.block(`<p>${inline(text)}</p>`);
  }

  /** A table with a header row; a row shorter than the header is padded with empty cells. */
  table(header: string[], rows: Cell[][]): this {
    return this.block(tableHtml(header, rows));
  }

  /** A collapsed section: `label` as the summary line, `text` preformatted inside. */
  details(label: string, text: string): this {
    // The blank lines let the <pre> block keep its own blank lines (see `inline`).
    return this.block(`<details><summary>${inline(label)}</summary>\n\n<pre>${escapeHtml(text)}</pre>\n\n</details>`);
  }

  /** A code block, optionally tagged with a language for highlighting. */
  code(text: string, lang?: string): this {
    const attribute = lang === undefined ? '' : ` lang="${escapeHtml(lang)}"`;
    return this.block(`<pre${attribute}><code>${escapeHtml(text)}</code></pre>`);
  }

  /** A bulleted list. */
  list(items: string[]): this {
    return this.block(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
  }

  /** Trusted HTML, appended as is. Never pass text that came from a user or a server. */
  raw(html: string): this {
    this.sink.append(html);
    return this;
  }

  /** Flushes everything to the sink. */
  async write(): Promise<void> {
    await this.sink.write();
  }

  /** Appends one HTML block followed by a blank line, which ends the block for the Markdown renderer. */
  private block(html: string): this {
    this.sink.append(`${html}\n\n`);
    return this;
  }
}

/**
 * The summary of an action that failed before it had a result to show: the verdict line and the
 * error as its one failure (`object`: what the action was working on), with the fix a
 * `UserError` carries. `ms` defaults to the time since the process started (the action's run).
 */
export async function writeFailureSummary(action: string, object: string, error: unknown, summary = new Summary(), ms = performance.now()): Promise<void> {
  const fix = isUserError(error) ? error.fix : undefined;
  const reason = errorMessage(error).split('\n').join(' ');
  await summary.verdict({ action, status: 'failure', text: 'Failed', ms, failures: [{ object, reason, ...(fix ? { fix } : {}) }] }).write();
}

/** Runs `work`; when it throws, writes {@link writeFailureSummary} first, then rethrows. */
export async function summarizeFailure<T>(action: string, object: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error: unknown) {
    await writeFailureSummary(action, object, error);
    throw error;
  }
}
