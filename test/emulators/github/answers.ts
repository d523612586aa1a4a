// Scripted answers: a test replaces (or edits) the answer to chosen requests, to play a server
// or a middlebox that answers wrongly: a 200 with a JSON object where a list belongs, an HTML
// login page, a page list whose Link header promises pages that never come. Rules are checked
// in order after the request was authenticated, routed and handled; the first that matches and
// has uses left gets the handler's reply and returns the one sent instead.
import type { Reply } from './respond.ts';

export interface AnswerRule {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path (without the query) matches (any when absent). */
  path?: RegExp;
  /** Only requests whose query has these values (`page` absent counts as `1`). */
  query?: Record<string, string>;
  /** How many requests this rule may answer; unlimited when absent. */
  times?: number;
  /** The reply to send, given the one the emulator made. */
  answer: (reply: Reply) => Reply;
}

export class AnswerScript {
  private rules: { rule: AnswerRule; left: number }[] = [];
  /** Requests answered by a rule. */
  used = 0;

  script(...rules: AnswerRule[]): void {
    for (const rule of rules) this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The reply to send for this request. */
  apply(method: string, path: string, query: URLSearchParams, reply: Reply): Reply {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !rule.path.test(path)) continue;
      if (rule.query && !Object.entries(rule.query).every(([key, value]) => (query.get(key) ?? (key === 'page' ? '1' : undefined)) === value)) continue;
      entry.left -= 1;
      this.used += 1;
      return rule.answer(reply);
    }
    return reply;
  }
}

/** A reply with an HTML body, as a proxy or login page sends it. */
export function htmlReply(status: number, html: string): Reply {
  return { status, raw: { contentType: 'text/html; charset=utf-8', data: Buffer.from(html) } };
}

/** The reply without its Link header (a page list cut short). */
export function withoutLink(reply: Reply): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'link'));
  return { ...reply, headers };
}
