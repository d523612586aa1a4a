import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader, inputEnvName, inputsFromEnv, runnerInputs } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { parseDuration } from '../../shared/core/duration.ts';

function reader(record: Record<string, string | undefined>): InputReader {
  return new InputReader(inputsFromRecord(record));
}

/** The UserError `fn` throws, so tests can assert on its text. */
function failure(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

describe('input sources', () => {
  const touched: string[] = [];
  afterEach(() => {
    for (const name of touched.splice(0)) Reflect.deleteProperty(process.env, name);
  });

  it('names env variables as the runner does: upper case, spaces to _, hyphens kept', () => {
    expect(inputEnvName('dry-run')).toBe('INPUT_DRY-RUN');
    expect(inputEnvName('my input name')).toBe('INPUT_MY_INPUT_NAME');
    expect(inputEnvName('Image-Tag')).toBe('INPUT_IMAGE-TAG');
  });

  it('runnerInputs reads process.env at call time and trims', () => {
    touched.push('INPUT_DRY-RUN', 'INPUT_SOME_NAME');
    expect(runnerInputs('dry-run')).toBe('');
    process.env['INPUT_DRY-RUN'] = '  true \n';
    process.env.INPUT_SOME_NAME = 'x';
    expect(runnerInputs('dry-run')).toBe('true');
    expect(runnerInputs('some name')).toBe('x');
    expect(new InputReader().boolean('dry-run', false)).toBe(true);
  });

  it('inputsFromEnv reads a given environment', () => {
    const source = inputsFromEnv({ 'INPUT_TAG-FORMAT': ' {slug}-{sha} ' });
    expect(source('tag-format')).toBe('{slug}-{sha}');
    expect(source('other')).toBe('');
  });

  it('inputsFromRecord returns empty for unset and undefined, ignores prototype keys', () => {
    const source = inputsFromRecord({ a: ' 1 ', b: undefined });
    expect(source('a')).toBe('1');
    expect(source('b')).toBe('');
    expect(source('toString')).toBe('');
  });
});

describe('string, optional, required', () => {
  const inputs = reader({ name: '  value  ', empty: '   ', crlf: 'x\r\n' });

  it('trims and falls back when empty', () => {
    expect(inputs.string('name')).toBe('value');
    expect(inputs.string('empty', 'fallback')).toBe('fallback');
    expect(inputs.string('missing')).toBe('');
    expect(inputs.string('crlf')).toBe('x');
  });

  it('optional is undefined when empty', () => {
    expect(inputs.optional('name')).toBe('value');
    expect(inputs.optional('empty')).toBeUndefined();
  });

  it('required names the input and gives the hint or a default fix', () => {
    expect(inputs.required('name')).toBe('value');
    const withHint = failure(() => inputs.required('branch', 'Pass `branch`, or run on a push event.'));
    expect(withHint.describe()).toBe('Input `branch` is required. Pass `branch`, or run on a push event.');
    const plain = failure(() => inputs.required('empty'));
    expect(plain.message).toBe('Input `empty` is required.');
    expect(plain.describe()).toContain('with:');
  });
});

describe('boolean', () => {
  it.each(['true', 'True', 'TRUE', ' true '])('%j is true', (value) => {
    expect(reader({ flag: value }).boolean('flag', false)).toBe(true);
  });

  it.each(['false', 'False', 'FALSE', 'false\r\n'])('%j is false', (value) => {
    expect(reader({ flag: value }).boolean('flag', true)).toBe(false);
  });

  it('uses the fallback when empty', () => {
    expect(reader({}).boolean('flag', true)).toBe(true);
    expect(reader({ flag: '  ' }).boolean('flag', false)).toBe(false);
  });

  it.each(['yes', 'no', '1', '0', 'on', 'off', 'ture', 'tRUE', 'y', 'true!'])('%j is refused', (value) => {
    const error = failure(() => reader({ 'dry-run': value }).boolean('dry-run', false));
    expect(error.message).toBe(`Input \`dry-run\` must be true or false, got ${JSON.stringify(value)}.`);
    expect(error.describe()).toContain('YAML 1.2');
  });
});

describe('integer', () => {
  it.each([
    ['42', 42],
    ['-3', -3],
    ['+7', 7],
    ['007', 7],
    [' 12 ', 12],
  ])('%j is %d', (value, expected) => {
    expect(reader({ n: value }).integer('n', { fallback: 0 })).toBe(expected);
  });

  it('uses the fallback when empty', () => {
    expect(reader({}).integer('n', { fallback: 5, min: 10 })).toBe(5);
  });

  it.each(['1.0', '1e3', '0x10', '1_000', '12abc', 'ten', '--1', '99999999999999999999'])('%j is refused', (value) => {
    const error = failure(() => reader({ replicas: value }).integer('replicas', { fallback: 1 }));
    expect(error.message).toBe(`Input \`replicas\` must be a whole number written in decimal digits, got ${JSON.stringify(value)}.`);
  });

  it('checks bounds and says which', () => {
    const inputs = reader({ low: '0', high: '11', ok: '10' });
    expect(inputs.integer('ok', { fallback: 1, min: 1, max: 10 })).toBe(10);
    expect(failure(() => inputs.integer('low', { fallback: 1, min: 1, max: 10 })).message).toBe(
      'Input `low` must be a whole number between 1 and 10, got "0".',
    );
    expect(failure(() => inputs.integer('low', { fallback: 1, min: 1 })).message).toContain('of at least 1');
    expect(failure(() => inputs.integer('high', { fallback: 1, max: 10 })).message).toContain('of at most 10');
  });
});

describe('duration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['90', 90_000],
    ['0', 0],
    ['1.5m', 90_000],
  ])('%j is %d ms', (value, ms) => {
    expect(reader({ timeout: value }).duration('timeout', 1)).toBe(ms);
  });

  it('falls back to milliseconds or a duration text', () => {
    expect(reader({}).duration('timeout', 1234)).toBe(1234);
    expect(reader({}).duration('timeout', '5m')).toBe(300_000);
    expect(() => reader({}).duration('timeout', 'soon')).toThrow(/invalid fallback/);
  });

  it.each(['5x', 'ten', '1.5', '5M', '1d', 'm'])('%j says the expected form', (value) => {
    const error = failure(() => reader({ timeout: value }).duration('timeout', 0));
    expect(error.message).toBe(
      `Input \`timeout\` must be a duration such as 90s, 5m, 1h or 1h30m (a bare number means seconds), got ${JSON.stringify(value)}.`,
    );
  });

  it('refuses negatives with a reason', () => {
    expect(failure(() => reader({ timeout: '-5m' }).duration('timeout', 0)).message).toContain('durations cannot be negative, got "-5m"');
  });

  it('bounds huge values at 24h by default, or at a given maximum', () => {
    expect(reader({ timeout: '24h' }).duration('timeout', 0)).toBe(86_400_000);
    expect(failure(() => reader({ timeout: '25h' }).duration('timeout', 0)).message).toBe('Input `timeout` must be a duration of at most 24h, got "25h".');
    expect(failure(() => reader({ timeout: '999999999' }).duration('timeout', 0)).message).toContain('at most 24h');
    expect(failure(() => reader({ timeout: '11m' }).duration('timeout', 0, 600_000)).message).toContain('at most 10m');
  });

  it('re-exports the pure parser', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
  });
});

describe('list', () => {
  it('splits on newlines and commas, trims, drops empties and # lines', () => {
    const value = 'api, web\r\n\n  # a comment\nworker ,\n,\n  db  ';
    expect(reader({ services: value }).list('services')).toEqual(['api', 'web', 'worker', 'db']);
  });

  it('keeps commas when told (globs with braces)', () => {
    const value = 'src/{api,web}/**\ndocs/**';
    expect(reader({ paths: value }).list('paths', { commas: false })).toEqual(['src/{api,web}/**', 'docs/**']);
  });

  it('keeps a # that is not at the start of a line', () => {
    expect(reader({ x: 'a#1, #b' }).list('x')).toEqual(['a#1', '#b']);
  });

  it('is empty when unset', () => {
    expect(reader({}).list('x')).toEqual([]);
  });
});

describe('map', () => {
  it('reads KEY=VALUE lines; values may hold = and commas; order is kept', () => {
    const value = 'B=2\r\n# comment\n\n  URL = postgres://h/db?sslmode=require \nLIST=a,b\nEMPTY=';
    const map = reader({ env: value }).map('env');
    expect([...map]).toEqual([
      ['B', '2'],
      ['URL', 'postgres://h/db?sslmode=require'],
      ['LIST', 'a,b'],
      ['EMPTY', ''],
    ]);
  });

  it('reads comma-separated pairs on one line', () => {
    expect([...reader({ env: 'A=1, B = two ,C=x=y,' }).map('env')]).toEqual([
      ['A', '1'],
      ['B', 'two'],
      ['C', 'x=y'],
    ]);
  });

  it('reads a single pair', () => {
    expect([...reader({ env: 'A=1' }).map('env')]).toEqual([['A', '1']]);
  });

  it('is empty when unset', () => {
    expect(reader({}).map('env').size).toBe(0);
  });

  it('names the line of a pair without =', () => {
    const error = failure(() => reader({ env: 'A=1\n\nFOO\nB=2' }).map('env'));
    expect(error.message).toBe('Input `env` line 3 must be KEY=VALUE, got "FOO".');
  });

  it('names the line of an empty key', () => {
    expect(failure(() => reader({ env: 'A=1\r\n = x' }).map('env')).message).toBe('Input `env` line 2 must be KEY=VALUE, got "= x".');
  });

  it('names line and entry in the one-line form', () => {
    expect(failure(() => reader({ env: 'A=1, oops, B=2' }).map('env')).message).toBe('Input `env` line 1, entry 2 must be KEY=VALUE, got "oops".');
  });

  it('refuses duplicate keys, naming both places', () => {
    const error = failure(() => reader({ env: 'A=1\nB=2\nA=3' }).map('env'));
    expect(error.message).toBe('Input `env` line 3 repeats the key "A" (first given at line 1).');
    expect(error.fix).toBe('Give each key once.');
  });
});

describe('document', () => {
  it('reads YAML and JSON', () => {
    expect(reader({ doc: 'api:\n  - src/api/**\nweb: [src/web/**]' }).document('doc')).toEqual({
      api: ['src/api/**'],
      web: ['src/web/**'],
    });
    expect(reader({ doc: '{"a": [1, true, null]}' }).document('doc')).toEqual({ a: [1, true, null] });
    expect(reader({ doc: 'a: 1\r\nb: yes\r\n' }).document('doc')).toEqual({ a: 1, b: 'yes' });
  });

  it('uses YAML 1.2 core types: yes/on stay strings, 010 is 10', () => {
    expect(reader({ doc: 'a: on\nb: 010\nc: 0o10' }).document('doc')).toEqual({ a: 'on', b: 10, c: 8 });
  });

  it('is undefined when empty or only comments', () => {
    expect(reader({}).document('doc')).toBeUndefined();
    expect(reader({ doc: '# nothing here\n\n' }).document('doc')).toBeUndefined();
  });

  it('quotes line, column and the offending line on a parse error', () => {
    const error = failure(() => reader({ values: 'key: value\n  bad: indent' }).document('values'));
    expect(error.message).toBe('Input `values` is not valid YAML or JSON: bad indentation of a mapping entry at line 2, column 6: "  bad: indent".');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('counts CRLF lines correctly', () => {
    const error = failure(() => reader({ values: 'a: 1\r\nb: 2\r\nb: 3' }).document('values'));
    expect(error.message).toContain('duplicated mapping key at line 3, column 1: "b: 3"');
  });

  it('refuses several documents and broken JSON', () => {
    expect(failure(() => reader({ d: 'a: 1\n---\nb: 2' }).document('d')).message).toMatch(/^Input `d` is not valid YAML/);
    expect(failure(() => reader({ d: '{"a": [1, 2}' }).document('d')).message).toMatch(/at line 1, column \d+: /);
  });
});

describe('choice', () => {
  const modes = ['apply', 'dry-run', 'diff'] as const;

  it('returns an allowed value or the fallback', () => {
    expect(reader({ mode: ' diff ' }).choice('mode', modes, 'apply')).toBe('diff');
    expect(reader({}).choice('mode', modes, 'apply')).toBe('apply');
  });

  it('lists the allowed values', () => {
    const error = failure(() => reader({ mode: 'delete' }).choice('mode', modes, 'apply'));
    expect(error.message).toBe('Input `mode` must be one of "apply", "dry-run", "diff", got "delete".');
    expect(error.fix).toBeUndefined();
  });

  it('is case-sensitive and suggests the near match', () => {
    const error = failure(() => reader({ mode: 'Apply' }).choice('mode', modes, 'apply'));
    expect(error.describe()).toContain('did you mean "apply"?');
  });
});

describe('quoting bad values', () => {
  it('JSON-quotes and cuts long values to about 80 characters', () => {
    const long = 'x'.repeat(500);
    const error = failure(() => reader({ flag: long }).boolean('flag', false));
    expect(error.message).toContain(`got "${'x'.repeat(79)}"….`);
    expect(error.message.length).toBeLessThan(150);
  });

  it('shows control characters and quotes visibly', () => {
    const error = failure(() => reader({ flag: 'tr"ue\tx' }).boolean('flag', false));
    expect(error.message).toContain('got "tr\\"ue\\tx".');
  });
});
