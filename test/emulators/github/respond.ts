// What handlers return and throw: replies, GitHub-shaped errors, pagination
// with Link headers, body field readers, and the URLs objects carry.
import type { Request } from '../common/http.ts';
import type { Repository, UserRecord } from './repo-state.ts';

export const DOCS = 'https://docs.github.com/rest';

export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of `body` (raw media types). */
  raw?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

/** An error answered with GitHub's body `{message, documentation_url, status}` (422s add `errors`). */
export class GitHubError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, doc = DOCS, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.body = { message, ...extra, documentation_url: doc, status: String(status) };
    this.headers = headers;
  }
}

export function notFound(doc = DOCS): GitHubError {
  return new GitHubError(404, 'Not Found', doc);
}

/** 422 with a plain message (GitHub's form for git data and ref errors). */
export function unprocessable(message: string, doc = DOCS): GitHubError {
  return new GitHubError(422, message, doc);
}

/** 422 `Validation Failed` with an `errors` list. */
export function validationFailed(errors: Record<string, unknown>[], doc = DOCS): GitHubError {
  return new GitHubError(422, 'Validation Failed', doc, { errors });
}

/** Builds the API and web URLs objects carry. */
export class Urls {
  readonly api: string;
  readonly html: string;

  constructor(api: string, html: string) {
    this.api = api;
    this.html = html;
  }

  repoApi(repo: Repository): string {
    return `${this.api}/repos/${repo.fullName}`;
  }

  repoHtml(repo: Repository): string {
    return `${this.html}/${repo.fullName}`;
  }

  /** GitHub's `simple-user` object. */
  user(user: UserRecord): Record<string, unknown> {
    const login = encodeURIComponent(user.login);
    const api = `${this.api}/users/${login}`;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId(user.type, user.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `${this.html}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }
}

/** A GraphQL-style node id (opaque to clients; stable per kind and id). */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

/** Everything a handler may read. */
export interface Ctx {
  repo: Repository;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  user: UserRecord;
  urls: Urls;
  req: Request;
}

/** A route parameter (routes only declare parameters they use, so it is always present). */
export function param(ctx: Ctx, name: string): string {
  return ctx.params[name] ?? '';
}

function bodyRecord(ctx: Ctx): Record<string, unknown> {
  const body = ctx.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** A body field, undefined when absent or null. */
export function field(ctx: Ctx, name: string): unknown {
  const value = bodyRecord(ctx)[name];
  return value === null ? undefined : value;
}

/** Whether the body has the key at all (null included). */
export function hasField(ctx: Ctx, name: string): boolean {
  return name in bodyRecord(ctx);
}

/** A required string field; 422 with GitHub's wording when missing or of another type. */
export function requireString(ctx: Ctx, name: string, doc = DOCS): string {
  const value = bodyRecord(ctx)[name];
  if (value === undefined) throw unprocessable(`Invalid request.\n\n"${name}" wasn't supplied.`, doc);
  if (typeof value !== 'string') throw unprocessable(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a string.`, doc);
  return value;
}

export function optionalString(ctx: Ctx, name: string, doc = DOCS): string | undefined {
  const value = field(ctx, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw unprocessable(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a string.`, doc);
  return value;
}

export function optionalBoolean(ctx: Ctx, name: string, doc = DOCS): boolean | undefined {
  const value = field(ctx, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw unprocessable(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a boolean.`, doc);
  return value;
}

export function optionalStringArray(ctx: Ctx, name: string, doc = DOCS): string[] | undefined {
  const value = field(ctx, name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw unprocessable(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not an array of strings.`, doc);
  }
  return value;
}

/**
 * One page of `items` by `per_page` (default 30, at most 100) and `page`
 * (from 1), with GitHub's Link header (`prev`, `next`, `last`, `first`).
 */
export function paginate<T>(ctx: Ctx, items: readonly T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(ctx.query.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number): string => {
    const query = new URLSearchParams(ctx.query);
    query.set('per_page', String(perPage));
    query.set('page', String(n));
    return `<${ctx.urls.api}${ctx.req.path}?${query.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) rels.push(`${link(page + 1)}; rel="next"`, `${link(lastPage)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  const headers: Record<string, string> = rels.length > 0 ? { link: rels.join(', ') } : {};
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

/** A 200 reply holding one page of a list. */
export function pageReply<T>(ctx: Ctx, items: readonly T[], render: (item: T) => unknown): Reply {
  const page = paginate(ctx, items);
  return { status: 200, body: page.items.map(render), headers: page.headers };
}
