import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, formatDuration, parseDuration } from '../../shared/core/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['90', 90_000],
    ['0s', 0],
    ['500ms', 500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['2m 30s', 150_000],
    ['1h 2m 3s 4ms', 3_723_004],
    ['5 m', 300_000],
    ['1.5m', 90_000],
    ['0.5s', 500],
    ['1.0004s', 1000],
    ['  90s  ', 90_000],
    ['24h', MAX_DURATION_MS],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    '   ',
    '-5s',
    '+5s',
    '-5',
    '1.5',
    '.5s',
    '5.s',
    '5M',
    '5S',
    '1d',
    '5x',
    'm',
    '5m5m',
    '30s1m',
    '1ms1s',
    '5m30',
    '5 m s',
    '1h,30m',
    'ten seconds',
    '9'.repeat(400) + 's',
    '0x10',
    '1e3',
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [59_990, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [7_200_000, '2h'],
    [3_605_000, '1h5s'],
    [5_400_000, '1h30m'],
  ])('%d ms is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration for whole seconds', () => {
    for (const ms of [1000, 61_000, 3_599_000, 3_661_000, MAX_DURATION_MS]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
