// Talking to Azure Resource Manager: the Flexible Server SDK client and a plain JSON client (over
// the Azure pipeline: bearer token, retries, TLS options) for resource types without an SDK in
// the suite, both for an `arm-endpoint` (sovereign clouds, the emulator).
import type { TokenCredential } from '@azure/identity';
import type { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import type { AzureClientOptions } from './login.ts';
import { UserError, errorMessage } from '../core/errors.ts';
import { formatDuration } from '../core/duration.ts';

/** ARM of the public cloud. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

/** The `.default` scope of an ARM endpoint (`https://management.azure.com/.default`). */
export function armScope(endpoint: string = PUBLIC_ARM_ENDPOINT): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}

/** Where ARM is. */
export interface ArmOptions {
  /** ARM endpoint (default the public cloud's). */
  endpoint?: string;
  clientOptions?: AzureClientOptions;
}

/** The Flexible Server management client for `subscriptionId` at `endpoint`. */
export async function flexibleServerClient(
  credential: TokenCredential,
  subscriptionId: string,
  options: ArmOptions = {},
): Promise<PostgreSQLManagementFlexibleServerClient> {
  const { PostgreSQLManagementFlexibleServerClient } = await import('@azure/arm-postgresql-flexible');
  const endpoint = (options.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
  return new PostgreSQLManagementFlexibleServerClient(credential, subscriptionId, {
    endpoint,
    credentialScopes: [armScope(endpoint)],
    userAgentOptions: { userAgentPrefix: 'branch-env-actions' },
    ...options.clientOptions,
  });
}

/** An ARM answer with status >= 400, shaped like the SDK's RestError (`statusCode`, `code`). */
export class ArmRequestError extends Error {
  readonly statusCode: number;
  readonly code: string;
  /** The answer's headers (lower-case names), e.g. `retry-after`. */
  readonly headers: Record<string, string>;

  constructor(statusCode: number, code: string, message: string, headers: Record<string, string>) {
    super(message);
    this.name = 'ArmRequestError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * Plain ARM JSON requests for resource types without an SDK in the suite (managed identity
 * federated credentials), over the Azure pipeline: bearer token for the endpoint's scope,
 * retries of 429/5xx and dropped connections, TLS options.
 */
export class ArmRestClient {
  private readonly send: (method: string, url: string, body: string | undefined) => Promise<{ status: number; text: string; headers: Record<string, string> }>;
  /** The ARM endpoint, without a trailing slash. */
  readonly endpoint: string;

  private constructor(endpoint: string, send: ArmRestClient['send']) {
    this.endpoint = endpoint;
    this.send = send;
  }

  /** A client for `endpoint` (default the public cloud) signed in with `credential`. */
  static async create(credential: TokenCredential, options: ArmOptions = {}): Promise<ArmRestClient> {
    const rest = await import('@azure/core-rest-pipeline');
    const endpoint = (options.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
    const pipeline = rest.createPipelineFromOptions({ ...options.clientOptions, userAgentOptions: { userAgentPrefix: 'branch-env-actions' } });
    pipeline.addPolicy(rest.bearerTokenAuthenticationPolicy({ credential, scopes: armScope(endpoint) }));
    const http = rest.createDefaultHttpClient();
    return new ArmRestClient(endpoint, async (method, url, body) => {
      const request = rest.createPipelineRequest({
        url,
        method: method as 'GET',
        headers: rest.createHttpHeaders({ accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }),
        ...(body === undefined ? {} : { body }),
      });
      const response = await pipeline.sendRequest(http, request);
      return { status: response.status, text: response.bodyAsText ?? '', headers: response.headers.toJSON() };
    });
  }

  /**
   * Every item of a paged ARM list (`{value, nextLink}`), following `nextLink` to the last page.
   * A `nextLink` that leaves this endpoint is refused (the bearer token would go with it).
   */
  async listAll(path: string, apiVersion: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: string | undefined = `${this.endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`;
    for (let page = 0; url !== undefined; page += 1) {
      if (page >= 1000) throw new Error(`ARM list ${path} did not end after 1000 pages`);
      const body = await this.requestUrl('GET', url);
      const value = (body as { value?: unknown } | undefined)?.value;
      if (!Array.isArray(value)) throw new Error(`ARM answered the list ${path} without a \`value\` array.`);
      items.push(...(value as unknown[]));
      const next = (body as { nextLink?: unknown }).nextLink;
      url = typeof next === 'string' && next !== '' ? this.sameEndpoint(next) : undefined;
    }
    return items;
  }

  private sameEndpoint(link: string): string {
    const base = new URL(this.endpoint);
    const next = new URL(link, base);
    if (next.origin !== base.origin)
      throw new Error(`ARM answered a nextLink on another host (${next.origin}, not ${base.origin}); the suite does not follow it.`);
    return next.toString();
  }

  /**
   * Sends `method` to `path` (starting `/subscriptions/...`) with `api-version`; returns the
   * status and parsed JSON body. 404 is returned (`body` undefined) when `allowNotFound`.
   * @throws ArmRequestError for any other status >= 400, with ARM's error code and message.
   */
  async request(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    apiVersion: string,
    options: { body?: unknown; allowNotFound?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = `${this.endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`;
    const response = await this.send(method, url, options.body === undefined ? undefined : JSON.stringify(options.body));
    return ArmRestClient.parse(response, options.allowNotFound === true);
  }

  private async requestUrl(method: 'GET', url: string): Promise<unknown> {
    return ArmRestClient.parse(await this.send(method, url, undefined), false).body;
  }

  private static parse(response: { status: number; text: string; headers: Record<string, string> }, allowNotFound: boolean): { status: number; body: unknown } {
    let body: unknown;
    try {
      body = response.text ? JSON.parse(response.text) : undefined;
    } catch {
      body = response.text;
    }
    if (response.status === 404 && allowNotFound) return { status: 404, body: undefined };
    if (response.status >= 400) {
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof error?.code === 'string' ? error.code : `HTTP${response.status}`;
      const message = typeof error?.message === 'string' ? error.message : errorMessage(body ?? `HTTP ${response.status}`);
      throw new ArmRequestError(response.status, code, message, response.headers);
    }
    return { status: response.status, body };
  }
}

/** A long-running operation that was still running when the time allowed ran out. */
export class OperationDeadlineError extends UserError {
  constructor(what: string, allowedMs: number, cause: unknown) {
    super(
      `${what} did not finish within the ${formatDuration(allowedMs)} left of \`timeout\`: ARM still reports it in progress. It may yet finish; a re-run picks up whatever it left.`,
      {
        fix: 'Raise `timeout` (a Flexible Server runs one database operation at a time, so others may be queued ahead), or re-run later.',
        cause,
      },
    );
    this.name = 'OperationDeadlineError';
  }
}

/** The pollers of `@azure/arm-postgresql-flexible` (`begin...` without `AndWait`). */
interface Poller<T> {
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T>;
}

/**
 * Starts a long-running operation with `begin` and polls it until done, but never past
 * `allowedMs`: the start request and every poll wait are aborted when the time is up, so the
 * caller returns within one poll interval of its deadline (the SDK's `...AndWait` methods poll
 * forever). @throws OperationDeadlineError when the time runs out.
 */
export async function untilDone<T>(what: string, allowedMs: number, begin: (options: { abortSignal: AbortSignal }) => Promise<Poller<T>>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`${what}: time is up`)), Math.max(0, allowedMs));
  try {
    const poller = await begin({ abortSignal: controller.signal });
    return await poller.pollUntilDone({ abortSignal: controller.signal });
  } catch (error: unknown) {
    if (controller.signal.aborted) throw new OperationDeadlineError(what, allowedMs, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
