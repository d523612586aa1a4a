import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { readInputs } from '../../actions/cleanup-branch/inputs.ts';

const read = (record: Record<string, string>) => readInputs(new InputReader(inputsFromRecord(record)));
/** The message and fix a user sees for these inputs. */
function failure(record: Record<string, string>): string {
  try {
    read(record);
  } catch (error: unknown) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
  throw new Error('no failure');
}
const SUB = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('cleanup-branch inputs', () => {
  it('branch mode deletes by default; sweep mode is a dry run unless told otherwise', () => {
    expect(read({}).dryRun).toBe(false);
    expect(read({ mode: 'sweep', token: 't' }).dryRun).toBe(true);
    expect(read({ mode: 'sweep', token: 't', 'dry-run': 'false' }).dryRun).toBe(false);
    expect(read({ 'dry-run': 'true' }).dryRun).toBe(true);
  });

  it('has the documented defaults', () => {
    const inputs = read({});
    expect(inputs).toMatchObject({
      mode: 'branch',
      namespacePrefix: 'feature-',
      maxSlugLength: 40,
      productionNamespaces: ['production', 'prod', 'project'],
      protectedDatabases: [],
      gracePeriodMs: 24 * 3_600_000,
      dropMethod: 'sql',
      environment: '{namespace}',
      timeoutMs: 300_000,
      concurrency: 4,
      port: 5432,
      sslmode: 'verify-full',
      armEndpoint: 'https://management.azure.com',
    });
  });

  it('drops through ARM by default when a server is given, and refuses ARM without one', () => {
    expect(read({ server: 'psql-x', 'subscription-id': SUB, 'resource-group': 'rg' }).dropMethod).toBe('arm');
    expect(read({ server: 'psql-x', 'subscription-id': SUB, 'resource-group': 'rg', 'drop-method': 'sql' }).dropMethod).toBe('sql');
    expect(failure({ 'drop-method': 'arm' })).toContain(
      'Input `drop-method` is "arm", but `server` is empty: ARM needs the Flexible Server name. Give `server`',
    );
  });

  it('needs subscription and resource group with a server or an identity', () => {
    expect(() => read({ server: 'psql-x', 'resource-group': 'rg' })).toThrow('Input `subscription-id` is required.');
    expect(() => read({ 'identity-name': 'id-x', 'subscription-id': SUB })).toThrow('Input `resource-group` is required.');
  });

  it('needs a token for a sweep', () => {
    expect(() => read({ mode: 'sweep' })).toThrow('Input `token` is required.');
  });

  it('refuses typos and bad values, naming the input and quoting the value', () => {
    expect(failure({ mode: 'Sweep' })).toBe('Input `mode` must be one of "branch", "sweep", got "Sweep". Values are case-sensitive: did you mean "sweep"?');
    expect(() => read({ 'dry-run': 'yes' })).toThrow('Input `dry-run` must be true or false, got "yes".');
    expect(() => read({ concurrency: '0' })).toThrow('Input `concurrency` must be a whole number between 1 and 32, got "0".');
    expect(() => read({ 'grace-period': 'a day' })).toThrow('Input `grace-period` must be a duration');
    expect(() => read({ 'production-namespaces': 'Project' })).toThrow('Input `production-namespaces` holds "Project", which is not a namespace name');
    expect(() => read({ server: 'PSQL_X', 'subscription-id': SUB, 'resource-group': 'rg' })).toThrow('Input `server` must be a Flexible Server name');
    expect(() => read({ environment: 'preview/{sha}' })).toThrow('unknown token {sha}');
    expect(() => read({ environment: 'preview' })).toThrow('every branch shares one environment');
    expect(() => read({ 'namespace-prefix': 'default' })).toThrow('Input `namespace-prefix`');
  });

  it('reads lists one per line or comma-separated', () => {
    const inputs = read({ 'production-namespaces': 'project\nstaging, prod', 'protected-databases': 'app, reporting' });
    expect(inputs.productionNamespaces).toEqual(['project', 'staging', 'prod']);
    expect(inputs.protectedDatabases).toEqual(['app', 'reporting']);
  });
});

// The action.yml contract (inputs read, defaults, outputs, README) is test/unit/action-contract.test.ts, for every action.
