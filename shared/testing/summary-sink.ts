// A summary sink that keeps everything in memory, for tests.

import type { SummarySink } from '../core/summary.ts';

/** Keeps the summary in memory, for tests and the local CLI. */
export class MemorySink implements SummarySink {
  /** Everything appended so far. */
  html = '';
  /** The verdict as text, once given. */
  verdictText: string | undefined;
  /** How many times `write()` was called. */
  writes = 0;

  append(html: string): void {
    this.html += html;
  }

  verdict(text: string): void {
    this.verdictText = text;
  }

  write(): Promise<void> {
    this.writes += 1;
    return Promise.resolve();
  }
}
