// The request pipeline of the Azure emulator: count, inject faults, then hand
// ARM paths (`/subscriptions/...`, bearer-checked) to the ARM routes and the
// rest (Entra, GitHub OIDC) to the plain router. Each kind of path answers
// errors in its own service's shape.
import type http from 'node:http';
import { readBody, sendJson, type Request, type Router } from '../common/http.ts';
import { sleep, type Fault, type FaultInjector, type RequestCounter } from '../common/faults.ts';
import { armCodeForStatus, armError, type ArmRoutes } from './arm-http.ts';

export interface DispatchContext {
  router: Router;
  armRoutes: ArmRoutes;
  faults: FaultInjector;
  requests: RequestCounter;
  /** Checks the bearer token of an ARM request; answers 401 itself when it fails. */
  checkArmToken(req: Request, res: http.ServerResponse): boolean;
  /** Name used in ServerBusy messages. */
  serverName(): string;
}

function isArm(path: string): boolean {
  return path.toLowerCase().startsWith('/subscriptions/');
}

function defaultMessage(status: number, code: string, server: string): string {
  if (code === 'ServerBusy' || code === 'ServerIsBusy') return `The server '${server}' is busy processing another operation. Please try again later.`;
  if (status === 429) return 'The request is being throttled as the limit has been reached for operation type. Please try again later.';
  return `The service is temporarily unable to process the request (injected ${status}).`;
}

/** Renders a fault; returns true when the request is finished (answered or dropped). */
async function applyFault(ctx: DispatchContext, fault: Fault, req: Request, res: http.ServerResponse): Promise<boolean> {
  if (fault.kind === 'delay') {
    await sleep(fault.ms);
    return false;
  }
  if (fault.kind === 'drop') {
    req.raw.socket.destroy();
    return true;
  }
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  if (isArm(req.path)) {
    const code = fault.code ?? armCodeForStatus(fault.status);
    armError(res, fault.status, code, fault.message ?? defaultMessage(fault.status, code, ctx.serverName()), headers);
  } else if (req.path.startsWith('/oidc/')) {
    sendJson(res, fault.status, { message: fault.message ?? `injected ${fault.status}` }, headers);
  } else {
    sendJson(
      res,
      fault.status,
      { error: fault.code ?? 'temporarily_unavailable', error_description: fault.message ?? `AADSTS50196: injected ${fault.status}.`, error_codes: [50196] },
      headers,
    );
  }
  return true;
}

/** The http listener for the emulator. */
export function createListener(ctx: DispatchContext): (raw: http.IncomingMessage, res: http.ServerResponse) => void {
  const handle = async (raw: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(raw.url ?? '/', 'https://127.0.0.1');
    const req: Request = {
      method: raw.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: raw.headers,
      raw,
      body: await readBody(raw),
    };
    ctx.requests.record(req.method, req.path);
    const fault = ctx.faults.pick(req.method, req.path);
    if (fault && (await applyFault(ctx, fault, req, res))) return;
    if (isArm(req.path)) {
      if (!ctx.checkArmToken(req, res)) return;
      const match = ctx.armRoutes.match(req.method, req.path);
      if (match) return match.handler(req, res, match.params);
      if (ctx.armRoutes.hasPath(req.path))
        return armError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
      return armError(
        res,
        404,
        'InvalidResourceType',
        `The resource type could not be found for the request '${req.method} ${req.path}' (the emulator does not serve it).`,
      );
    }
    const match = ctx.router.match(req.method, req.path);
    if (match) return match.handler(req, res, match.params);
    sendJson(res, 404, { error: 'not_found', error_description: `No route for ${req.method} ${req.path}` });
  };
  return (raw, res) => {
    handle(raw, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      armError(
        res,
        500,
        'InternalServerError',
        `An unexpected error occured while processing the request. ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
}
