// Long-running ARM operations: each runs its work after a configurable time
// and is observed through the Azure-AsyncOperation status document
// (`{name, status: InProgress|Succeeded|Failed, startTime, endTime, error}`)
// and the Location (operationResults) URL. Scripted failures make the next
// operations end `Failed` with a chosen code, such as ServerBusy.
import { randomUUID } from 'node:crypto';
import { BackendError } from './pg-backend.ts';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

/**
 * How a database operation that overlaps another on the same server is refused: `conflict`
 * (409 ServerBusy at once), `operation` (accepted, then the operation fails with ServerBusy),
 * or `alternate` (one then the other; the default, so both paths are met).
 */
export type BusyPolicy = 'conflict' | 'operation' | 'alternate';

/** One long-running operation. */
export interface Operation {
  id: string;
  /** What it does, e.g. `UpsertServerDatabaseManagementOperation`. */
  name: string;
  kind: 'create' | 'delete';
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  /** The ARM path of the resource it changes. */
  resourcePath: string;
}

/** An error an operation ends with. */
export interface OperationFailure {
  code: string;
  message: string;
}

/** Tracks operations and runs their work when their time comes. */
export class Operations {
  private readonly byId = new Map<string, Operation>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, Operation>();
  private failures: { failure: OperationFailure; left: number }[] = [];
  /** How long an operation stays InProgress before its work runs. */
  operationMs: number;
  /** Status polls served (Azure-AsyncOperation and Location URLs). */
  polls = 0;
  /** How overlapping operations are refused. */
  busyPolicy: BusyPolicy = 'alternate';
  /** Overlapping operations refused so far (either way). */
  busyRefusals = 0;

  constructor(operationMs: number) {
    this.operationMs = operationMs;
  }

  /** Whether an operation on a resource under `prefix` (a server id) is still in progress. */
  activeOn(prefix: string): boolean {
    const key = prefix.toLowerCase();
    for (const op of this.byId.values()) {
      if (op.status === 'InProgress' && op.resourcePath.toLowerCase().startsWith(`${key}/`)) return true;
    }
    return false;
  }

  /** Counts a refusal and says whether it is a 409 (true) or a failing operation (false). */
  nextBusyAsConflict(): boolean {
    this.busyRefusals += 1;
    if (this.busyPolicy === 'conflict') return true;
    if (this.busyPolicy === 'operation') return false;
    return this.busyRefusals % 2 === 1;
  }

  /** An operation that is already over: Failed with `failure` (a refused overlap). */
  startFailed(kind: Operation['kind'], name: string, resourcePath: string, failure: OperationFailure): Operation {
    const now = new Date().toISOString();
    const op: Operation = { id: randomUUID(), name, kind, status: 'Failed', startTime: now, endTime: now, error: failure, resourcePath };
    this.byId.set(op.id, op);
    return op;
  }

  /** Makes the next `times` operations end Failed with this error instead of doing their work. */
  failNext(failure: OperationFailure, times = 1): void {
    this.failures.push({ failure, left: times });
  }

  /** Starts an operation; `work` runs after `operationMs` and decides success. */
  start(kind: Operation['kind'], name: string, resourcePath: string, work: () => Promise<void>): Operation {
    const op: Operation = { id: randomUUID(), name, kind, status: 'InProgress', startTime: new Date().toISOString(), resourcePath };
    this.byId.set(op.id, op);
    const scripted = this.failures.find((entry) => entry.left > 0);
    if (scripted) scripted.left -= 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const running = this.finish(op, scripted?.failure, work).finally(() => this.running.delete(running));
      this.running.add(running);
    }, this.operationMs);
    this.timers.set(timer, op);
    return op;
  }

  private async finish(op: Operation, failure: OperationFailure | undefined, work: () => Promise<void>): Promise<void> {
    try {
      if (failure) throw new BackendError(failure.code, failure.message);
      await work();
      op.status = 'Succeeded';
    } catch (error: unknown) {
      op.status = 'Failed';
      op.error =
        error instanceof BackendError
          ? { code: error.code, message: error.message }
          : { code: 'InternalServerError', message: `An unexpected error occured while processing the request. ${String(error)}` };
    } finally {
      op.endTime = new Date().toISOString();
    }
  }

  get(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  /** The status document the Azure-AsyncOperation URL answers. */
  statusDocument(op: Operation): Record<string, unknown> {
    return {
      name: op.id,
      status: op.status,
      startTime: op.startTime,
      ...(op.endTime ? { endTime: op.endTime } : {}),
      ...(op.error ? { error: op.error } : {}),
    };
  }

  /** Waits until every started operation has finished. */
  async drain(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.all([...this.running]);
    }
  }

  /** Cancels operations whose work has not started (they stay InProgress) and waits for running ones. */
  async close(): Promise<void> {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }
}
