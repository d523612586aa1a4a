// The sweep's view of GitHub: which branches exist and which pull requests are open. A sweep
// removes every environment whose branch is not listed, so a list it misreads removes live
// environments. Every answer is therefore checked against the shape it must have before it is
// believed: a JSON array of items of the right shape, on every page the Link header promises,
// up to the last one. Anything else (a JSON object, an HTML page from a proxy, a page list that
// stops early, an item without its fields) stops the sweep before it removes anything, with a
// message that names the server's answer. Octokit's `paginate` is not used: it counts a JSON
// object as one item, and a string as nothing.
import { UserError } from '../../shared/core/errors.ts';
import { isRecord } from '../../shared/core/json.ts';

/** Branches that exist, and the open pull requests (head branch, number, head repository). */
export interface LiveBranches {
  branches: string[];
  pulls: { branch: string; number: number; headRepository: string | null }[];
}

/** One answer from GitHub, as Octokit returns it. */
export interface Answer {
  /** The URL that answered. */
  url: string;
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** Fetches the first page (`undefined`) or the page at a URL the Link header gave. */
export type GetPage = (url: string | undefined) => Promise<Answer>;

/** An item read from a list entry, or what is wrong with the entry. */
export type Read<T> = { value: T } | { problem: string };

/** What one list holds, for checks and messages. */
interface ListShape<T> {
  /** `branches`, `open pull requests`. */
  noun: string;
  /** The item read from an array entry, or why it is not one. */
  read: (item: unknown) => Read<T>;
}

/** More pages than this is not a list of branches but a loop. */
const MAX_PAGES = 1000;

/** The rels of a Link header (`<url>; rel="next", ...`). */
export function parseLinkHeader(header: string | number | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (typeof header !== 'string') return links;
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    const rel = match?.[2] ? /\brel="?([^";]+)"?/.exec(match[2])?.[1] : undefined;
    if (match?.[1] !== undefined && rel !== undefined) for (const name of rel.trim().split(/\s+/)) links.set(name, match[1]);
  }
  return links;
}

function pageNumber(url: string): number | undefined {
  try {
    const page = new URL(url).searchParams.get('page');
    if (page === null) return 1;
    return /^[1-9]\d{0,6}$/.test(page) ? Number(page) : undefined;
  } catch {
    return undefined;
  }
}

/** A short, quoted account of what GitHub sent: status, media type and the start of the body. */
export function describeAnswer(answer: Pick<Answer, 'status' | 'headers' | 'data'>): string {
  const type = answer.headers['content-type'];
  const what = typeof type === 'string' ? `, ${type.split(';')[0]?.trim() ?? type}` : ', no content-type';
  const { data } = answer;
  let body: string;
  if (typeof data === 'string') body = data.trim() === '' ? 'an empty body' : `a text body starting ${JSON.stringify(data.trim().slice(0, 120))}`;
  else if (data instanceof ArrayBuffer) body = `${data.byteLength} bytes of binary data`;
  else if (Array.isArray(data)) body = `a JSON array of ${data.length}`;
  else if (isRecord(data)) {
    const keys = Object.keys(data);
    const message = typeof data['message'] === 'string' ? ` (message ${JSON.stringify(data['message'].slice(0, 120))})` : '';
    body = `a JSON object with ${keys.length === 0 ? 'no keys' : `keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`}${message}`;
  } else body = `the JSON value ${JSON.stringify(data)?.slice(0, 60) ?? String(data)}`;
  return `HTTP ${answer.status}${what}: ${body}`;
}

function refuse(repository: string, noun: string, problem: string, cause?: unknown): UserError {
  return new UserError(
    `GitHub's answer when listing the ${noun} of ${repository} cannot be trusted: ${problem}. A sweep removes the environments of branches missing from that list, so it stops here and removes nothing.`,
    {
      fix: 'The server answered, not the suite: check that the API URL (GITHUB_API_URL) reaches the GitHub API itself and not a proxy or login page, that `repository` is right, then run the sweep again.',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** Every item of a paginated list, each page checked (see the file comment). */
export async function readList<T>(get: GetPage, repository: string, shape: ListShape<T>): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  let origin: string | undefined;
  let listPath: string | undefined;
  let promisedLast = 1;
  for (let pages = 1; ; pages += 1) {
    const answer = await get(next);
    const where = `page ${pageNumber(answer.url) ?? '?'} (${answer.url.replace(/^[a-z]+:\/\/[^/]+/i, '')})`;
    if (answer.status !== 200 || !Array.isArray(answer.data)) {
      throw refuse(repository, shape.noun, `${where} is not a JSON list: ${describeAnswer(answer)}`);
    }
    for (const [index, entry] of answer.data.entries()) {
      const item = shape.read(entry);
      if ('problem' in item)
        throw refuse(repository, shape.noun, `item ${index + 1} on ${where} ${item.problem}: ${JSON.stringify(entry)?.slice(0, 160) ?? String(entry)}`);
      items.push(item.value);
    }
    const links = parseLinkHeader(answer.headers['link']);
    const current = pageNumber(answer.url);
    const last = links.get('last');
    if (last !== undefined) {
      const n = pageNumber(last);
      if (n === undefined)
        throw refuse(repository, shape.noun, `the Link header of ${where} gives a last page that is not a page number (${JSON.stringify(last.slice(0, 160))})`);
      promisedLast = Math.max(promisedLast, n);
    }
    origin ??= new URL(answer.url).origin;
    listPath ??= new URL(answer.url).pathname;
    next = links.get('next');
    if (next === undefined) {
      if (current === undefined || current < promisedLast) {
        throw refuse(repository, shape.noun, `the list stops at ${where}, but an earlier Link header promised ${promisedLast} page(s)`);
      }
      return items;
    }
    const nextNumber = pageNumber(next);
    let nextUrl: URL | undefined;
    try {
      nextUrl = new URL(next);
    } catch {
      nextUrl = undefined;
    }
    if (nextUrl?.origin !== origin)
      throw refuse(
        repository,
        shape.noun,
        `the Link header of ${where} points the next page at another server (${JSON.stringify(next.slice(0, 160))}); the token is not sent there`,
      );
    if (nextUrl.pathname !== listPath)
      throw refuse(repository, shape.noun, `the Link header of ${where} points the next page at another list (${JSON.stringify(next.slice(0, 160))})`);
    if (current === undefined || nextNumber !== current + 1) {
      throw refuse(repository, shape.noun, `the Link header of ${where} gives a next page that does not follow it (${JSON.stringify(next.slice(0, 160))})`);
    }
    if (pages >= MAX_PAGES) throw refuse(repository, shape.noun, `it goes on past ${MAX_PAGES} pages`);
  }
}

/** A branch: an object with a non-empty string `name`. */
export function readBranch(item: unknown): Read<string> {
  if (!isRecord(item)) return { problem: 'is not an object' };
  const { name } = item;
  return typeof name === 'string' && name !== '' ? { value: name } : { problem: 'has no non-empty string `name`' };
}

/** An open pull request: a positive integer `number`, a `head` with a non-empty string `ref` and a `repo` (an object with `full_name`, or null for a deleted fork). */
export function readPull(item: unknown): Read<LiveBranches['pulls'][number]> {
  if (!isRecord(item)) return { problem: 'is not an object' };
  const { number, head } = item;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return { problem: 'has no positive integer `number`' };
  if (!isRecord(head)) return { problem: 'has no object `head`' };
  const { ref, repo } = head;
  if (typeof ref !== 'string' || ref === '') return { problem: 'has no non-empty string `head.ref`' };
  if (repo === null) return { value: { branch: ref, number, headRepository: null } };
  if (!isRecord(repo) || typeof repo['full_name'] !== 'string') return { problem: 'has no `head.repo` (an object with `full_name`, or null)' };
  return { value: { branch: ref, number, headRepository: repo['full_name'] } };
}
