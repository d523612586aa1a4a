// Errors from the Kubernetes API server, made readable: the Status document inside a
// KubeApiException (shared/kube/http.ts) or client-node's ApiException, as one line.
import { errorMessage } from '../core/errors.ts';

/** The parts of a Kubernetes Status error a message needs. */
export interface KubeApiError {
  /** HTTP status code. */
  code: number;
  /** Status reason: NotFound, Conflict, Invalid, Forbidden, ... */
  reason: string;
  message: string;
  /** Status details.causes (field, reason, message). */
  causes: { field?: string; reason?: string; message?: string }[];
}

/** The Status inside a `KubeApiException` (shared/kube/http.ts; `.body` is the JSON text), or undefined. */
export function kubeApiError(error: unknown): KubeApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; body?: unknown };
  if (typeof e.code !== 'number') return undefined;
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = { message: body };
    }
  }
  const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const details = typeof status.details === 'object' && status.details !== null ? (status.details as Record<string, unknown>) : {};
  const causes = Array.isArray(details.causes) ? (details.causes as KubeApiError['causes']) : [];
  return {
    code: e.code,
    reason: typeof status.reason === 'string' ? status.reason : '',
    message: typeof status.message === 'string' && status.message !== '' ? status.message : `HTTP ${e.code}`,
    causes,
  };
}

/** A readable one-line message for any error from the cluster: `403 Forbidden: <server message>`. */
export function describeKubeError(error: unknown): string {
  const api = kubeApiError(error);
  if (api === undefined) return errorMessage(error).split('\n')[0] ?? '';
  return `${api.code}${api.reason ? ` ${api.reason}` : ''}: ${api.message}`;
}
