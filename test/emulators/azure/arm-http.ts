// ARM wire helpers: error bodies in ARM's shape, api-version checks, and a
// route table whose fixed segments match case-insensitively (ARM ignores the
// case of `resourceGroups`, provider namespaces and types; clients and
// Location headers use either spelling). Parameters keep their case.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Router, sendJson, type Request } from '../common/http.ts';

/** Sends `{"error":{"code","message"}}` with ARM's request-id headers. */
export function armError(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, { 'x-ms-request-id': randomUUID(), 'x-ms-failure-cause': 'gateway', ...headers });
}

/** The default ARM error code for a bare HTTP status (used by injected faults). */
export function armCodeForStatus(status: number): string {
  switch (status) {
    case 429:
      return 'TooManyRequests';
    case 409:
      return 'Conflict';
    case 503:
      return 'ServiceUnavailable';
    case 500:
      return 'InternalServerError';
    case 502:
      return 'BadGateway';
    case 504:
      return 'GatewayTimeout';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}

/**
 * Checks `api-version` against the versions a resource type supports; answers
 * the ARM error and returns undefined when it is missing or unknown.
 */
export function checkApiVersion(req: Request, res: http.ServerResponse, type: string, supported: readonly string[]): string | undefined {
  const version = req.query.get('api-version');
  if (!version) {
    armError(res, 400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    return undefined;
  }
  if (!supported.includes(version)) {
    armError(
      res,
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'westeurope' and API version '${version}' for type '${type}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'westeurope, northeurope, eastus'.`,
    );
    return undefined;
  }
  return version;
}

/** ARM routes: fixed path text matches without regard to case, with an optional trailing `/`. */
export class ArmRoutes extends Router {
  constructor() {
    super({ ignoreCase: true, trailingSlash: true });
  }
}
