// Access to the PostgreSQL server that test/setup/global.ts starts once per
// vitest run. Only for test files (it imports vitest).
import { inject } from 'vitest';
import type { PostgresInfo } from '../postgres.ts';

/**
 * The shared server's connection facts. Throws with the reason when there is
 * none, so a test that needs PostgreSQL fails loudly instead of skipping;
 * with `ALLOW_NO_POSTGRES=1` it returns undefined instead (use it with
 * `describe.skipIf(!pg)`).
 */
export function sharedPostgres(): PostgresInfo | undefined {
  const info = inject('postgres');
  if (info) return info;
  if (process.env.ALLOW_NO_POSTGRES === '1') return undefined;
  const reason = inject('postgresUnavailable') ?? 'the global setup did not provide one';
  throw new Error(`This test needs the real PostgreSQL server, and there is none: ${reason}. Set ALLOW_NO_POSTGRES=1 to skip such tests instead.`);
}
