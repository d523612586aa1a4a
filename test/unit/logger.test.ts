import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RecordingLogger, silentLogger } from '../../shared/testing/logger.ts';

describe('RecordingLogger', () => {
  it('records every level in order and renders runner-like text', () => {
    const logger = new RecordingLogger();
    logger.info('hello');
    logger.debug('details');
    logger.warning('careful');
    logger.error('broken');
    expect(logger.entries).toEqual([
      { level: 'info', message: 'hello' },
      { level: 'debug', message: 'details' },
      { level: 'warning', message: 'careful' },
      { level: 'error', message: 'broken' },
    ]);
    expect(logger.text()).toBe('hello\n##[debug]details\n##[warning]careful\n##[error]broken');
    expect(logger.messages('warning')).toEqual(['careful']);
  });

  it('answers isDebug as configured', () => {
    expect(new RecordingLogger().isDebug()).toBe(false);
    expect(new RecordingLogger({ debug: true }).isDebug()).toBe(true);
  });

  it('returns the group function result and closes the group', async () => {
    const logger = new RecordingLogger();
    const result = await logger.group('Apply', async () => {
      await Promise.resolve();
      logger.info('inside');
      return 42;
    });
    expect(result).toBe(42);
    expect(logger.text()).toBe('##[group]Apply\ninside\n##[endgroup]');
  });

  it('closes the group when the function throws, and rethrows', async () => {
    const logger = new RecordingLogger();
    await expect(
      logger.group('Fails', () => {
        logger.info('before');
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(logger.messages('endgroup')).toHaveLength(1);
    logger.info('after');
    // A later group opens normally: the depth was restored.
    await logger.group('Next', () => Promise.resolve());
    expect(logger.text()).toBe('##[group]Fails\nbefore\n##[endgroup]\nafter\n##[group]Next\n##[endgroup]');
  });

  it('flattens nested groups into the outer one', async () => {
    const logger = new RecordingLogger();
    await logger.group('Outer', async () => {
      await logger.group('Inner', async () => {
        logger.info('deep');
        await logger.group('Innermost', () => Promise.reject(new Error('x'))).catch(() => undefined);
      });
      logger.info('still outer');
    });
    expect(logger.text()).toBe('##[group]Outer\n▸ Inner\ndeep\n▸ Innermost\nstill outer\n##[endgroup]');
  });
});

describe('silentLogger', () => {
  it('discards messages but still runs group functions', async () => {
    silentLogger.info('nothing');
    expect(silentLogger.isDebug()).toBe(false);
    await expect(silentLogger.group('g', () => Promise.resolve('ran'))).resolves.toBe('ran');
  });
});

describe('actionsLogger', () => {
  it('writes workflow commands and always closes groups, flattening nested ones', () => {
    // Run in a child process so the runner commands land on its stdout, not the test log.
    const script = `
      import { actionsLogger } from './shared/core/logger.ts';
      actionsLogger.info('plain');
      actionsLogger.debug('dbg');
      actionsLogger.warning('warn');
      await actionsLogger.group('Outer', async () => {
        await actionsLogger.group('Inner', async () => { actionsLogger.info('deep'); });
        await actionsLogger.group('Broken', () => Promise.reject(new Error('boom'))).catch(() => {});
      });
      await actionsLogger.group('Throws', () => Promise.reject(new Error('x'))).catch(() => {});
      console.log('debug=' + actionsLogger.isDebug());
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, RUNNER_DEBUG: '1', GITHUB_OUTPUT: '' },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim().split('\n')).toEqual([
      'plain',
      '::debug::dbg',
      '::warning::warn',
      '::group::Outer',
      '▸ Inner',
      'deep',
      '▸ Broken',
      '::endgroup::',
      '::group::Throws',
      '::endgroup::',
      'debug=true',
    ]);
  });
});
