// Kubernetes `Status` bodies, as the API server sends them for errors
// (k8s.io/apimachinery/pkg/api/errors). Handlers throw an ApiError; the
// router renders it.

/** One entry of `details.causes`. */
export interface StatusCause {
  reason?: string;
  type?: string;
  message?: string;
  field?: string;
}

/** The `Status` object (kind Status, apiVersion v1). */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  /** HTTP status; absent on a Success Status, as the API server sends it. */
  code?: number;
}

/** A failure the router answers with `status.code` and the Status body. */
export class ApiError extends Error {
  readonly status: StatusBody;
  readonly headers: Record<string, string>;

  constructor(status: StatusBody, headers: Record<string, string> = {}) {
    super(status.message ?? status.reason ?? `HTTP ${status.code ?? 500}`);
    this.status = status;
    this.headers = headers;
  }
}

/** A group-qualified resource name as the API server prints it: `deployments.apps`, `pods`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): ApiError {
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) body.details = details;
  return new ApiError(body);
}

function detailsOf(gr: GroupResource, name: string): StatusBody['details'] {
  const details: NonNullable<StatusBody['details']> = {};
  if (name) details.name = name;
  if (gr.group) details.group = gr.group;
  details.kind = gr.resource;
  return details;
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return failure(404, 'NotFound', `${qualified(gr)} "${name}" not found`, detailsOf(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, detailsOf(gr, name));
}

/** The optimistic-concurrency conflict of an update with a stale resourceVersion. */
export function updateConflict(gr: GroupResource, name: string): ApiError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(gr)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(gr, name),
  );
}

/** `NewApplyConflict`: details carry only the causes. */
export function applyConflict(message: string, causes: StatusCause[]): ApiError {
  return failure(409, 'Conflict', message, { causes });
}

export function forbidden(gr: GroupResource, name: string, why: string, causes?: StatusCause[]): ApiError {
  const prefix = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  const details = detailsOf(gr, name) ?? {};
  if (causes) details.causes = causes;
  return failure(403, 'Forbidden', `${prefix} is forbidden: ${why}`, details);
}

/** 422 Invalid: `Kind.group "name" is invalid: field: reason, ...`. */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): ApiError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const list = causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
  const summary = list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
  const details: NonNullable<StatusBody['details']> = { name, kind, causes };
  if (group) details.group = group;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${summary}`, details);
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(message: string): ApiError {
  return failure(405, 'MethodNotAllowed', message);
}

export function unsupportedMediaType(contentType: string): ApiError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${JSON.stringify(contentType)})`,
  );
}

export function expired(message: string): ApiError {
  return failure(410, 'Expired', message);
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** The Status for an injected fault: reason chosen by code as the API server would. */
export function faultStatus(code: number, message?: string, retryAfterSeconds?: number): ApiError {
  const reasons: Record<number, [string, string]> = {
    429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
    500: ['InternalError', 'an error on the server ("injected fault") has prevented the request from succeeding'],
    503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
    504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
  };
  const [reason, text] = reasons[code] ?? ['InternalError', `injected fault ${code}`];
  const error = failure(code, reason, message ?? text, retryAfterSeconds !== undefined ? { retryAfterSeconds } : undefined);
  return retryAfterSeconds !== undefined ? new ApiError(error.status, { 'retry-after': String(retryAfterSeconds) }) : error;
}

/** A Success Status, answered by DELETE of most built-in kinds. */
export function success(gr: GroupResource, name: string, uid: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { ...detailsOf(gr, name), uid } };
}
