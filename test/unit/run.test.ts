import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { BUG_NOTE, describeStack, run } from '../../shared/core/run.ts';

/** run() with a fake setFailed and a recording logger; returns what was reported. */
async function runWith(main: () => Promise<void>, debug = false) {
  const failures: string[] = [];
  const logger = new RecordingLogger({ debug });
  await run(main, { setFailed: (message) => failures.push(message), logger });
  return { failures, logger, exitCode: process.exitCode };
}

describe('run', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('does nothing visible when main succeeds', async () => {
    let ran = false;
    const { failures, logger, exitCode } = await runWith(async () => {
      await Promise.resolve();
      ran = true;
    });
    expect(ran).toBe(true);
    expect(failures).toEqual([]);
    expect(logger.entries).toEqual([]);
    expect(exitCode).toBeUndefined();
  });

  it('reports a UserError with its fix, not as a bug', async () => {
    const { failures, logger, exitCode } = await runWith(() =>
      Promise.reject(new UserError('Input `sha` must be hex, got "xyz".', { fix: 'Pass a 40-character commit sha.' })),
    );
    expect(failures).toEqual(['Input `sha` must be hex, got "xyz". Pass a 40-character commit sha.']);
    expect(logger.entries).toEqual([]);
    expect(exitCode).toBe(1);
  });

  it('logs the cause of a UserError at debug level', async () => {
    const { failures, logger } = await runWith(() => Promise.reject(new UserError('Cannot reach the cluster.', { cause: new Error('connect ECONNREFUSED') })));
    expect(failures).toEqual(['Cannot reach the cluster.']);
    expect(logger.messages('debug')[0]).toMatch(/^Caused by: Error: connect ECONNREFUSED\n\s+at /);
  });

  it('reports any other error as a bug, with the stack at debug level', async () => {
    const { failures, logger, exitCode } = await runWith(() => Promise.reject(new TypeError('x is undefined')));
    expect(failures).toEqual([`x is undefined ${BUG_NOTE}`]);
    expect(BUG_NOTE).toBe('(this is a bug in the suite; please report it with the debug log)');
    const [stack] = logger.messages('debug');
    expect(stack).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(logger.messages('error')).toEqual([]);
    expect(exitCode).toBe(1);
  });

  it('puts the stack in an error line when debug logging is on', async () => {
    const { logger } = await runWith(() => Promise.reject(new RangeError('bad')), true);
    expect(logger.messages('error')[0]).toMatch(/^RangeError: bad\n/);
    expect(logger.messages('debug')).toEqual([]);
  });

  it('handles thrown non-errors and empty messages', async () => {
    // Non-Error rejections are what this test is about.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    expect((await runWith(() => Promise.reject('plain string'))).failures).toEqual([`plain string ${BUG_NOTE}`]);
    expect((await runWith(() => Promise.reject(new Error('')))).failures).toEqual([`Error ${BUG_NOTE}`]);
    const thrown = await runWith(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { weird: true };
    });
    expect(thrown.failures).toEqual([`{"weird":true} ${BUG_NOTE}`]);
  });

  it('catches a synchronous throw from main', async () => {
    const { failures } = await runWith(() => {
      throw new UserError('sync');
    });
    expect(failures).toEqual(['sync']);
  });
});

describe('describeStack', () => {
  it('includes the cause chain', () => {
    const error = new Error('outer', { cause: new Error('inner', { cause: 'root' }) });
    const text = describeStack(error);
    expect(text).toMatch(/^Error: outer\n/);
    expect(text).toContain('\nCaused by: Error: inner\n');
    expect(text.endsWith('\nCaused by: root')).toBe(true);
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeStack(a).split('Caused by:').length).toBe(8);
  });
});

describe('run in a real process', () => {
  it('fails the step through core.setFailed and exits 1', () => {
    const script = `
      import { run } from './shared/core/run.ts';
      import { UserError } from './shared/core/errors.ts';
      await run(async () => { throw new UserError('Input \\\`sha\\\` is bad.', { fix: 'Pass a hex sha.' }); });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, RUNNER_DEBUG: '' },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('::error::Input `sha` is bad. Pass a hex sha.');
    expect(child.status).toBe(1);
  });

  it('exits 0 when main succeeds', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', "import { run } from './shared/core/run.ts'; await run(async () => {});"], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(child.stdout).toBe('');
    expect(child.status).toBe(0);
  });
});
