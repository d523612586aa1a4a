// Verifying a set of endpoints from validated inputs to results, as named stages: mask the
// credentials, show the plan, send the checks through a fresh HTTP client, show the table.
// verify-endpoints' orchestrator is this and nothing else; verify-promotion runs it as one of its
// stages. Outputs and the summary are the caller's.
import type { Clock } from '../core/clock.ts';
import { formatDuration } from '../core/duration.ts';
import type { Logger } from '../core/logger.ts';
import type { SetSecret } from '../core/secrets.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.ts';
import type { Inputs } from './inputs.ts';
import { Redactor } from './redact.ts';
import { headline, textTable } from './report.ts';
import { runChecks, type VerifyResult } from './verify.ts';

/** What a verification talks to; tests pass their own. */
export interface EndpointClients {
  logger: Logger;
  /** Registers a secret with the runner's masker. */
  setSecret: SetSecret;
  /** Makes the HTTP client (default: undici). */
  createClient?: (options: HttpClientOptions) => Promise<HttpClient>;
  clock?: Clock;
}

/** Masks, runs every check, logs the table; returns the results (failing checks do not throw). */
export async function runVerification(inputs: Inputs, clients: EndpointClients): Promise<VerifyResult> {
  const redactor = maskCredentials(inputs, clients.setSecret);
  logPlan(inputs, redactor, clients.logger);
  const result = await sendChecks(inputs, redactor, clients);
  clients.logger.info(`\n${headline(result)}:\n${textTable(result)}`);
  return result;
}

/** Registers every credential the checks carry (headers, URL user info, marked headers) with the masker. */
function maskCredentials(inputs: Inputs, setSecret: SetSecret): Redactor {
  const redactor = Redactor.forChecks(inputs.checks, inputs.secretHeaders);
  redactor.register(setSecret);
  return redactor;
}

/** One line for the run, one per check (credentials redacted). */
function logPlan(inputs: Inputs, redactor: Redactor, logger: Logger): void {
  const version = inputs.expectVersion === undefined ? '' : `, proving version ${inputs.expectVersion}`;
  logger.info(
    `Checking ${inputs.checks.length} endpoint(s) for up to ${formatDuration(inputs.timeoutMs)} ` +
      `(${inputs.concurrency} at a time, ${formatDuration(inputs.requestTimeoutMs)} per request${version}).`,
  );
  for (const check of inputs.checks) {
    const headers = Object.keys(check.headers).length === 0 ? '' : ` [${redactor.headersForLog(check.headers)}]`;
    logger.info(redactor.redact(`  #${check.index} ${check.method} ${check.url}${headers}`));
  }
}

/** Runs the checks through a fresh HTTP client, closed afterwards whatever happened. */
async function sendChecks(inputs: Inputs, redactor: Redactor, clients: EndpointClients): Promise<VerifyResult> {
  const client = await (clients.createClient ?? createHttpClient)({
    insecureTls: inputs.insecureTls,
    caCertificate: inputs.caCertificate,
    followRedirects: inputs.followRedirects,
    markedHeaders: redactor.marked,
  });
  try {
    const send = client.send.bind(client);
    return await runChecks(inputs.checks, inputs, { send, logger: clients.logger, redactor, ...(clients.clock ? { clock: clients.clock } : {}) });
  } finally {
    await client.close();
  }
}
