// The action's work from validated inputs to results: mask credentials, show the plan, send
// the checks through a fresh HTTP client, and show the table. main.ts writes outputs after.
import { formatDuration } from '../core/duration.ts';
import type { Logger } from '../core/logger.ts';
import type { SetSecret } from '../core/secrets.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.ts';
import type { Inputs } from './inputs.ts';
import { Redactor } from './redact.ts';
import { headline, textTable } from './report.ts';
import { verifyEndpoints, type VerifyResult } from './verify.ts';
import type { Clock } from '../core/clock.ts';

/** What the action needs from the outside. */
export interface ActionDeps {
  logger: Logger;
  /** Registers a secret with the runner's masker. */
  setSecret: SetSecret;
  /** Makes the HTTP client (default: undici). */
  createClient?: (options: HttpClientOptions) => Promise<HttpClient>;
  clock?: Clock;
}

/** Masks, runs every check, logs the table; returns the results (failing checks do not throw). */
export async function runVerification(inputs: Inputs, deps: ActionDeps): Promise<VerifyResult> {
  const { logger } = deps;
  const redactor = Redactor.forChecks(inputs.checks, inputs.secretHeaders);
  redactor.register(deps.setSecret);
  const version = inputs.expectVersion === undefined ? '' : `, proving version ${inputs.expectVersion}`;
  logger.info(
    `Checking ${inputs.checks.length} endpoint(s) for up to ${formatDuration(inputs.timeoutMs)} ` +
      `(${inputs.concurrency} at a time, ${formatDuration(inputs.requestTimeoutMs)} per request${version}).`,
  );
  for (const check of inputs.checks) {
    const headers = Object.keys(check.headers).length === 0 ? '' : ` [${redactor.headersForLog(check.headers)}]`;
    logger.info(redactor.redact(`  #${check.index} ${check.method} ${check.url}${headers}`));
  }
  const client = await (deps.createClient ?? createHttpClient)({
    insecureTls: inputs.insecureTls,
    caCertificate: inputs.caCertificate,
    followRedirects: inputs.followRedirects,
    markedHeaders: redactor.marked,
  });
  let result: VerifyResult;
  try {
    result = await verifyEndpoints(inputs.checks, inputs, { send: client.send, logger, redactor, ...(deps.clock ? { clock: deps.clock } : {}) });
  } finally {
    await client.close();
  }
  logger.info(`\n${headline(result)}:\n${textTable(result)}`);
  return result;
}
