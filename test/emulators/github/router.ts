// The request pipeline: count, inject faults, add latency, authenticate,
// route, check the token's permissions, parse JSON, run the handler and
// answer with GitHub's headers and error bodies.
import http from 'node:http';
import { parseJson, readBody, Router, type Request } from '../common/http.ts';
import { FaultInjector, RequestCounter, sleep, type Fault } from '../common/faults.ts';
import { AnswerScript } from './answers.ts';
import { acceptedHeader, allows, TokenRegistry, type Requirement } from './auth.ts';
import type { Repository } from './repo-state.ts';
import { DOCS, GitHubError, Urls, type Ctx, type Reply } from './respond.ts';

export type ApiHandler = (ctx: Ctx) => Reply;

export interface RouteSpec {
  /** Any one of these permissions lets the token in; none listed: metadata only. */
  perm?: Requirement[];
  /** documentation_url for this route's errors. */
  doc?: string;
}

const SECONDARY_LIMIT =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';
const RATE_LIMIT_DOC = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export class GitHubApi {
  readonly router = new Router();
  readonly faults = new FaultInjector();
  readonly requests = new RequestCounter();
  readonly tokens = new TokenRegistry();
  /** Scripted answers that replace the handlers' (see answers.ts). */
  readonly answers = new AnswerScript();
  /** Lower-cased `owner/name` → repository. */
  readonly repos = new Map<string, Repository>();
  urls = new Urls('http://127.0.0.1', 'https://github.com');
  latencyMs = 0;
  private used = 0;

  /** Registers a route under `/repos/{owner}/{repo}` (`sub` '' is the repository itself). */
  route(method: string, sub: string, spec: RouteSpec, handler: ApiHandler): void {
    const template = sub ? `/repos/{owner}/{repo}/${sub}` : '/repos/{owner}/{repo}';
    this.router.add(method, template, (req, res, params) => {
      this.dispatch(req, res, params, spec, handler);
    });
  }

  /** The Node request listener. */
  readonly listener = (raw: http.IncomingMessage, res: http.ServerResponse): void => {
    this.handle(raw, res).catch((error: unknown) => {
      if (!res.headersSent) this.send(res, { status: 500, body: { message: `emulator bug: ${String(error)}`, documentation_url: DOCS, status: '500' } });
      else res.destroy();
    });
  };

  private async handle(raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://emulator');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = (raw.method ?? 'GET').toUpperCase();
    this.requests.record(method, path);
    const body = await readBody(raw);
    const fault = this.faults.pick(method, path);
    if (fault?.kind === 'drop') {
      raw.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    if (fault?.kind === 'status') {
      this.send(res, faultReply(fault));
      return;
    }
    const req: Request = { method, path, query: url.searchParams, headers: raw.headers, raw, body };
    if (!this.tokens.lookup(raw.headers.authorization)) {
      const message = raw.headers.authorization ? 'Bad credentials' : 'Requires authentication';
      this.send(res, { status: 401, body: { message, documentation_url: DOCS, status: '401' } });
      return;
    }
    let match: ReturnType<Router['match']>;
    try {
      match = this.router.match(method, path);
    } catch {
      this.send(res, errorReply(new GitHubError(400, 'Bad Request')));
      return;
    }
    if (!match) {
      this.send(res, errorReply(new GitHubError(404, 'Not Found')));
      return;
    }
    await match.handler(req, res, match.params);
  }

  private dispatch(req: Request, res: http.ServerResponse, params: Record<string, string>, spec: RouteSpec, handler: ApiHandler): void {
    const doc = spec.doc ?? DOCS;
    const token = this.tokens.lookup(req.headers.authorization)!;
    const repo = this.repos.get(`${params['owner'] ?? ''}/${params['repo'] ?? ''}`.toLowerCase());
    if (!repo) {
      this.send(res, errorReply(new GitHubError(404, 'Not Found', 'https://docs.github.com/rest/repos/repos#get-a-repository')));
      return;
    }
    const perm = spec.perm ?? [];
    if (!allows(token, perm)) {
      const error = new GitHubError(403, 'Resource not accessible by integration', doc, {}, { 'x-accepted-github-permissions': acceptedHeader(perm) });
      this.send(res, errorReply(error));
      return;
    }
    let body: unknown;
    try {
      body = parseJson(req);
    } catch {
      this.send(res, errorReply(new GitHubError(400, 'Problems parsing JSON', doc)));
      return;
    }
    const ctx: Ctx = { repo, params, query: req.query, body, user: token.user, urls: this.urls, req };
    let reply: Reply;
    try {
      reply = handler(ctx);
    } catch (error: unknown) {
      if (!(error instanceof GitHubError)) throw error;
      reply = errorReply(error);
    }
    this.send(res, this.answers.apply(req.method, req.path, req.query, reply));
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    this.used += 1;
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `0000:${this.used.toString(16).padStart(5, '0')}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.used)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-type': reply.raw.contentType, 'content-length': String(reply.raw.data.length), ...headers });
      res.end(reply.raw.data);
      return;
    }
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  }
}

function errorReply(error: GitHubError): Reply {
  return { status: error.status, body: error.body, headers: error.headers };
}

const SERVER_MESSAGES: Record<number, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

/**
 * A scripted status fault in GitHub's shape: 429 (or 403 with a Retry-After,
 * or code `secondary_rate_limit`) is the secondary rate limit; 403 with code
 * `rate_limit` is the primary limit (remaining 0); 5xx are server errors.
 */
function faultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  let message = fault.message ?? SERVER_MESSAGES[fault.status] ?? http.STATUS_CODES[fault.status] ?? 'Error';
  let doc = DOCS;
  const secondary = fault.status === 429 || (fault.status === 403 && (fault.code === 'secondary_rate_limit' || fault.retryAfterSeconds !== undefined));
  if (fault.status === 403 && fault.code === 'rate_limit') {
    message = fault.message ?? 'API rate limit exceeded for installation ID 1.';
    doc = `${RATE_LIMIT_DOC}#primary-rate-limit-for-github-app-installations`;
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (fault.retryAfterSeconds ?? 60));
  } else if (secondary) {
    message = fault.message ?? SECONDARY_LIMIT;
    doc = `${RATE_LIMIT_DOC}#about-secondary-rate-limits`;
  }
  return { status: fault.status, body: { message, documentation_url: doc, status: String(fault.status) }, headers };
}
