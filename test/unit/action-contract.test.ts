// The contract between each action's action.yml and its code, for every action in actions/:
//
//   (a) readInputs reads every input action.yml declares, and no other name;
//   (b) an input left unset reads the same as that input set to its action.yml default: the runner
//       passes every input that has a default as `INPUT_<NAME>` even when the workflow does not set
//       it, while the local CLI, tests and a step that passes '' leave it unset, so the two must
//       agree or the action behaves differently depending on who runs it;
//   (c) toOutputs writes every output action.yml declares, and no other (`verdict` comes from the
//       shared summary, also when the run fails);
//   (d) the README's input and output tables are the ones generated from action.yml.
//   (e) every field of the action's `Inputs` (and of the interfaces it extends) has a doc comment.
//
// The checks return their findings as sentences naming the action, the input or output and the
// values, and the last block shows they do find a difference planted in a parsed action.yml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import * as yaml from 'js-yaml';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderActionDocs, updateReadme } from '../../.github/scripts/action-docs.ts';
import { branchNames } from '../../shared/branch/naming.ts';
import { readEventContext } from '../../shared/branch/event-context.ts';
import { InputReader, type InputSource } from '../../shared/core/inputs.ts';
import type { OutputValue } from '../../shared/core/outputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { silentLogger } from '../../shared/testing/logger.ts';
import { readInputs as readEndpointInputs } from '../../shared/endpoints/inputs.ts';
import { toOutputs as endpointOutputs } from '../../actions/verify-endpoints/outputs.ts';
import { buildTag } from '../../actions/build-tag/build-tag.ts';
import { readInputs as readBuildTagInputs } from '../../actions/build-tag/inputs.ts';
import { toOutputs as buildTagOutputs } from '../../actions/build-tag/outputs.ts';
import { readInputs as readBumpInputs } from '../../actions/bump-prod-tag/inputs.ts';
import { toOutputs as bumpOutputs } from '../../actions/bump-prod-tag/outputs.ts';
import { newReport as newCleanupReport } from '../../actions/cleanup-branch/cleanup-branch.ts';
import { readInputs as readCleanupInputs } from '../../actions/cleanup-branch/inputs.ts';
import { toOutputs as cleanupOutputs } from '../../actions/cleanup-branch/outputs.ts';
import { readInputs as readDeployInputs } from '../../actions/deploy-overlay/inputs.ts';
import { toOutputs as deployOutputs } from '../../actions/deploy-overlay/outputs.ts';
import { newReport as newDeployReport } from '../../actions/deploy-overlay/report.ts';
import { readInputs as readCommentInputs } from '../../actions/pr-comment/inputs.ts';
import { toOutputs as commentOutputs } from '../../actions/pr-comment/outputs.ts';
import { readInputs as readProvisionInputs } from '../../actions/provision-db/inputs.ts';
import { serverFacts } from '../../actions/provision-db/policy.ts';
import { toOutputs as provisionOutputs } from '../../actions/provision-db/outputs.ts';
import { readInputs as readPromotionInputs } from '../../actions/verify-promotion/inputs.ts';
import { reportOutputs as promotionReportOutputs, toOutputs as promotionOutputs } from '../../actions/verify-promotion/outputs.ts';
import type { PromotionResult } from '../../actions/verify-promotion/verify-promotion.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The runner's environment the inputs are read in (the same for every read, so only the inputs differ). */
const ENV: NodeJS.ProcessEnv = {
  GITHUB_WORKSPACE: '/home/runner/work/app/app',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_SHA: 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SERVER_URL: 'https://github.com',
};
const SHA = ENV['GITHUB_SHA'] ?? '';
/** Secrets are not registered with the runner while reading here. */
const noMasking = (): void => undefined;
const SUBSCRIPTION = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CHECKS = '- path: /health\n  expect:\n    status: 200';
/** A value for inputs whose default is an expression (`${{ github.token }}`): the runner always passes one. */
const TOKEN = 'ghs_contract';

/** What the contract needs of one action. */
interface Contract {
  /** The folder under actions/. */
  name: string;
  /** The file declaring its `Inputs` (default `actions/<name>/inputs.ts`). */
  inputsFile?: string;
  /** The action's readInputs over `source`, in {@link ENV}. */
  readInputs(source: InputSource): unknown;
  /**
   * Input sets readInputs accepts. The first gives just the required inputs (and a value for
   * expression defaults, which the runner always passes); the others switch on inputs that only
   * some modes read. Together they make readInputs ask for every input.
   */
  valid: [Record<string, string>, ...Record<string, string>[]];
  /** toOutputs of a representative result in which every output has a value. */
  outputs(): Record<string, OutputValue> | Promise<Record<string, OutputValue>>;
  /** The outputs a failed run still writes from its report (runAction's reportOutputs), for actions that have them. */
  failedOutputs?(): Record<string, OutputValue>;
}

const CONTRACTS: Contract[] = [
  {
    name: 'build-tag',
    readInputs: (source) => readBuildTagInputs(new InputReader(source), ENV),
    valid: [{}],
    outputs: async () => {
      const inputs = readBuildTagInputs(new InputReader(inputsFromRecord({ images: 'myacr.azurecr.io/todo-be' })), ENV);
      const git = (): Promise<never> => Promise.reject(new Error('no git: no services are given'));
      return buildTagOutputs(await buildTag(inputs, readEventContext(ENV), { git, logger: silentLogger, now: new Date('2026-01-02T03:04:05Z') }));
    },
  },
  {
    name: 'bump-prod-tag',
    readInputs: (source) => readBumpInputs(new InputReader(source), ENV),
    valid: [{ kustomization: 'manifests/overlays/production/kustomization.yaml', images: 'todo-api', tag: 'main-c945b89', token: TOKEN }],
    outputs: () =>
      bumpOutputs({
        mode: 'pull-request',
        changed: true,
        commitSha: SHA,
        pullRequest: { number: 7, url: 'https://github.com/octo/app/pull/7', title: 'Promote todo-api', body: '', labels: [] },
        repository: { owner: 'octo', repo: 'app' },
        base: 'main',
        branch: 'promote/manifests-overlays-production',
        files: [],
        changes: [{ file: 'kustomization.yaml', image: 'todo-api', field: 'newTag', old: 'main-0000000', new: 'main-c945b89', line: 7 }],
        verified: [],
        warnings: [],
        kept: [],
      }),
  },
  {
    name: 'cleanup-branch',
    readInputs: (source) => readCleanupInputs(new InputReader(source)),
    valid: [
      {},
      { mode: 'sweep', token: TOKEN, ttl: '7d' },
      { server: 'psql-x', 'subscription-id': SUBSCRIPTION, 'resource-group': 'rg', 'identity-name': 'id-app' },
    ],
    outputs: () => cleanupOutputs(newCleanupReport()),
    failedOutputs: () => cleanupOutputs(newCleanupReport()),
  },
  {
    name: 'deploy-overlay',
    readInputs: (source) => readDeployInputs(new InputReader(source), ENV, noMasking),
    valid: [{ overlays: 'manifests/overlays/feature' }],
    outputs: () => {
      const report = newDeployReport(readDeployInputs(new InputReader(inputsFromRecord({ overlays: 'manifests/overlays/feature' })), ENV, noMasking));
      Object.assign(report, { namespace: 'feature-ex-3-9', url: 'https://ex-3-9.preview.example.com', deploymentId: 42, changed: true });
      return deployOutputs(report);
    },
  },
  {
    name: 'pr-comment',
    readInputs: (source) => readCommentInputs(new InputReader(source)),
    valid: [{ 'github-token': TOKEN }],
    outputs: () => commentOutputs({ result: 'created', issue: 7, id: 11, url: 'https://github.com/octo/app/pull/7#issuecomment-11', event: 'pull_request' }),
  },
  {
    name: 'provision-db',
    readInputs: (source) => readProvisionInputs(new InputReader(source), ENV),
    valid: [{ host: 'localhost' }, { server: 'psql-x', 'subscription-id': SUBSCRIPTION, 'resource-group': 'rg' }],
    outputs: () => {
      const names = branchNames('ex-3-9');
      const password = 'Abcdefghijklmnopqrstuvwxyz012345';
      return provisionOutputs({
        plan: { branch: 'ex-3-9', repository: 'octo/app', names, database: names.database, role: names.role, namespace: names.namespace, mode: 'arm' },
        host: 'psql-x.postgres.database.azure.com',
        port: 5432,
        sslmode: 'verify-full',
        server: serverFacts({ name: 'psql-x', location: 'westeurope', version: '16', state: 'Ready' }),
        policy: [],
        created: true,
        password,
        passwordSource: 'created',
        passwordNote: 'The role was created with a new password.',
        databaseUrl: `postgresql://${names.role}:${password}@psql-x.postgres.database.azure.com:5432/${names.database}?sslmode=verify-full`,
        migrationsApplied: ['001.sql'],
        federated: { name: 'branch-env-ex-3-9', subject: 'system:serviceaccount:feature-ex-3-9:app', result: 'created', identityClientId: 'c1' },
        elapsedMs: 1234,
      });
    },
  },
  {
    name: 'verify-endpoints',
    inputsFile: 'shared/endpoints/inputs.ts',
    readInputs: (source) => readEndpointInputs(new InputReader(source), noMasking),
    valid: [{ checks: CHECKS, 'base-url': 'https://ex-3-9.preview.example.com' }],
    outputs: () => endpointOutputs({ passed: true, results: [], elapsedMs: 120, attempts: 1 }),
  },
  {
    name: 'verify-promotion',
    readInputs: (source) => readPromotionInputs(new InputReader(source), ENV),
    valid: [
      { application: 'production', token: TOKEN },
      { application: 'production', token: TOKEN, checks: CHECKS, 'base-url': 'https://app.example.com', rollback: 'true', kustomization: 'k.yaml' },
    ],
    outputs: () => promotionOutputs(degradedPromotion({ number: 9, url: 'https://github.com/octo/app/pull/9', created: true, changes: [], diff: '' })),
    failedOutputs: () => promotionReportOutputs({ application: 'production', revision: SHA, judged: degradedPromotion(undefined) }),
  },
];

/** A promotion Argo CD found Degraded, with or without its rollback pull request. */
function degradedPromotion(rollback: PromotionResult['rollback']): PromotionResult {
  return {
    passed: false,
    reason: 'production is Degraded',
    app: { outcome: 'degraded', revision: SHA, syncStatus: 'Synced', phase: 'Succeeded', health: 'Degraded', message: '', resources: [], seenAt: 0 },
    waitedMs: 1000,
    endpoints: undefined,
    rollback,
  };
}

/** The parts of action.yml the contract reads. */
interface ActionYml {
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown } | null>;
  outputs?: Record<string, { description?: string } | null>;
  runs?: { using?: string; main?: string };
}

const ymlText = (name: string): string => readFileSync(path.join(root, 'actions', name, 'action.yml'), 'utf8');
const actionYml = (name: string): ActionYml => yaml.load(ymlText(name)) as ActionYml;

/** Runs readInputs on `record`, recording every name it asks for. */
function readRecording(contract: Contract, record: Record<string, string>): { inputs: unknown; asked: Set<string> } {
  const asked = new Set<string>();
  const source = inputsFromRecord(record);
  const inputs = contract.readInputs((name) => {
    asked.add(name);
    return source(name);
  });
  return { inputs, asked };
}

/** (a) Every declared input read, nothing else read. */
function inputNameProblems(contract: Contract, yml: ActionYml): string[] {
  const declared = new Set(Object.keys(yml.inputs ?? {}));
  const asked = new Set<string>();
  for (const record of contract.valid) for (const name of readRecording(contract, record).asked) asked.add(name);
  const problems: string[] = [];
  for (const name of declared) if (!asked.has(name)) problems.push(`${contract.name}: action.yml declares input \`${name}\`, but readInputs never reads it`);
  for (const name of asked) if (!declared.has(name)) problems.push(`${contract.name}: readInputs reads input \`${name}\`, which action.yml does not declare`);
  return problems;
}

/** `value` as the runner passes it: YAML scalars as text. */
const asInput = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/** The defaults of action.yml the runner passes as they are (an expression default is evaluated by the runner: left out). */
function plainDefaults(yml: ActionYml): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    if (spec?.default === undefined) continue;
    const value = asInput(spec.default);
    if (!value.includes('${{')) defaults[name] = value;
  }
  return defaults;
}

/** (b) For each input with a (non-expression) default: unset and set to that default read the same. */
function defaultProblems(contract: Contract, yml: ActionYml): string[] {
  const problems: string[] = [];
  const askedBy = contract.valid.map((record) => readRecording(contract, record).asked);
  for (const [name, value] of Object.entries(plainDefaults(yml))) {
    const index = askedBy.findIndex((asked) => asked.has(name));
    const { [name]: _given, ...unset } = contract.valid[index === -1 ? 0 : index] ?? {};
    const difference = readDifference(contract, unset, { ...unset, [name]: value }, { unset: 'when it is unset', set: 'when it is set to that default' });
    if (difference !== undefined)
      problems.push(`${contract.name}: input \`${name}\` defaults to ${JSON.stringify(value)} in action.yml, but readInputs ${difference}`);
  }
  return problems;
}

/** (b) The runner's case: every default passed at once, for each valid input set, reads as none passed. */
function allDefaultsProblems(contract: Contract, yml: ActionYml): string[] {
  const defaults = plainDefaults(yml);
  const problems: string[] = [];
  for (const record of contract.valid) {
    const words = { unset: 'when the defaults are unset', set: 'when every default is passed (as the runner does)' };
    const difference = readDifference(contract, record, { ...defaults, ...record }, words);
    if (difference !== undefined) problems.push(`${contract.name}: with ${JSON.stringify(record)}, readInputs ${difference}`);
  }
  return problems;
}

/** How readInputs reads `unset` differently from `set`, as the rest of a sentence; undefined when it reads them the same. */
function readDifference(
  contract: Contract,
  unset: Record<string, string>,
  set: Record<string, string>,
  words: { unset: string; set: string },
): string | undefined {
  const without = attempt(() => contract.readInputs(inputsFromRecord(unset)));
  const withDefault = attempt(() => contract.readInputs(inputsFromRecord(set)));
  if (without instanceof Refused || withDefault instanceof Refused) {
    if (without instanceof Refused && withDefault instanceof Refused && without.message === withDefault.message) return undefined;
    return (
      (without instanceof Refused ? `refuses the inputs ${words.unset} (${without.message})` : `accepts the inputs ${words.unset}`) +
      ' and ' +
      (withDefault instanceof Refused ? `refuses them ${words.set} (${withDefault.message})` : `accepts them ${words.set}`)
    );
  }
  const difference = firstDifference(without, withDefault, '');
  if (difference === undefined) return undefined;
  return `reads ${difference.path || 'the inputs'} as ${show(difference.a)} ${words.unset} and as ${show(difference.b)} ${words.set}`;
}

/** (c) Every declared output written by toOutputs (or, `verdict`, by the summary), nothing else. */
async function outputProblems(contract: Contract, yml: ActionYml): Promise<string[]> {
  const declared = new Set(Object.keys(yml.outputs ?? {}));
  const outputs = await contract.outputs();
  const written = new Set(Object.keys(outputs).filter((name) => outputs[name] !== undefined));
  written.add('verdict');
  const problems: string[] = [];
  for (const name of declared)
    if (!written.has(name)) problems.push(`${contract.name}: action.yml declares output \`${name}\`, but toOutputs does not write it`);
  for (const name of written)
    if (!declared.has(name)) problems.push(`${contract.name}: toOutputs writes output \`${name}\`, which action.yml does not declare`);
  const failed = contract.failedOutputs?.() ?? {};
  for (const name of Object.keys(failed))
    if (!declared.has(name)) problems.push(`${contract.name}: a failed run writes output \`${name}\`, which action.yml does not declare`);
  return problems;
}

/** (d) The README's generated section differs from what action.yml makes: the first line that differs. */
function readmeProblems(name: string): string[] {
  const file = `actions/${name}/README.md`;
  const readme = readFileSync(path.join(root, file), 'utf8');
  const wanted = updateReadme(readme, renderActionDocs(ymlText(name)));
  if (wanted === readme) return [];
  const has = readme.split('\n');
  const makes = wanted.split('\n');
  const line = makes.findIndex((text, index) => text !== has[index]);
  return [`${file} line ${line + 1} is ${JSON.stringify(has[line])} where action.yml makes ${JSON.stringify(makes[line])}: run npm run docs`];
}

/** (e) The fields of interface `name` in `file` (and of the interfaces it extends, followed through imports) without a doc comment. */
function undocumentedFields(file: string, name = 'Inputs'): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (declaration === undefined) return [`${file} declares no interface ${name}`];
  const missing = declaration.members
    .filter((m) => ts.getJSDocCommentsAndTags(m).length === 0)
    .map((m) => `${name}.${m.name?.getText(source) ?? '?'} (${file})`);
  for (const base of (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)))) {
    missing.push(...undocumentedFields(importedFrom(source, base) ?? file, base));
  }
  return missing;
}

/** The repository path of the module `source` imports `name` from, if it imports it. */
function importedFrom(source: ts.SourceFile, name: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name)) {
      return path.posix.join(path.posix.dirname(source.fileName), statement.moduleSpecifier.text);
    }
  }
  return undefined;
}

/** readInputs refused the inputs, with this message. */
class Refused {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** What readInputs read, or its refusal (so a refusal on one side is a difference too). */
function attempt(read: () => unknown): unknown {
  try {
    return read();
  } catch (error: unknown) {
    return new Refused(error instanceof Error ? error.message : String(error));
  }
}

function show(value: unknown): string {
  return inspect(value, { depth: 4, breakLength: Infinity });
}

/** The first place two read results differ (`path` like `.timeoutMs` or `.services["api"]`), or undefined. */
function firstDifference(a: unknown, b: unknown, where: string): { path: string; a: unknown; b: unknown } | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // Functions made per read (closures) cannot be compared; their presence on both sides is what counts.
    return typeof a === 'function' && typeof b === 'function' ? undefined : { path: where, a, b };
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return { path: where, a, b };
  if (a instanceof Map && b instanceof Map) return firstDifference(Object.fromEntries(a), Object.fromEntries(b), where);
  if (a instanceof Set && b instanceof Set) return firstDifference([...a], [...b], where);
  if (a instanceof RegExp || a instanceof Date || a instanceof URL) return show(a) === show(b) ? undefined : { path: where, a, b };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const step = Array.isArray(a) ? `${where}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], step);
    if (found) return found;
  }
  return undefined;
}

describe('every action is covered by the contract', () => {
  it('lists exactly the folders of actions/ that hold an action.yml', () => {
    const folders = readdirSync(path.join(root, 'actions')).filter((name) => existsSync(path.join(root, 'actions', name, 'action.yml')));
    expect(CONTRACTS.map((c) => c.name).sort()).toEqual(folders.sort());
  });

  it.each(CONTRACTS.map((c) => [c.name, c] as const))('%s: the minimal inputs are accepted', (_name, contract) => {
    for (const record of contract.valid) expect(() => contract.readInputs(inputsFromRecord(record)), JSON.stringify(record)).not.toThrow();
  });
});

describe.each(CONTRACTS.map((c) => [c.name, c] as const))('%s action.yml ↔ code', (name, contract) => {
  const yml = actionYml(name);

  it('(a) readInputs reads every declared input and no other', () => {
    expect(inputNameProblems(contract, yml)).toEqual([]);
  });

  it('(a) an input action.yml marks required is refused when missing (the runner does not enforce `required`)', () => {
    const [minimal] = contract.valid;
    for (const [input, spec] of Object.entries(yml.inputs ?? {})) {
      if (spec?.required !== true) continue;
      const { [input]: _missing, ...rest } = minimal;
      expect(() => contract.readInputs(inputsFromRecord(rest)), `${name}: without \`${input}\``).toThrow(new RegExp(`\`${input}\``));
    }
  });

  it('(b) an input left unset reads as its action.yml default (the runner passes every default)', () => {
    expect(defaultProblems(contract, yml)).toEqual([]);
  });

  it('(b) every default passed at once, as the runner does, reads as none passed', () => {
    expect(allDefaultsProblems(contract, yml)).toEqual([]);
  });

  it('(c) toOutputs writes every declared output and no other; verdict is declared for the summary', async () => {
    expect(await outputProblems(contract, yml)).toEqual([]);
    expect(Object.keys(yml.outputs ?? {})).toContain('verdict');
  });

  it('(d) the README tables are the ones generated from action.yml (fix: npm run docs)', () => {
    expect(readmeProblems(name)).toEqual([]);
  });

  it('(e) every field of Inputs has a doc comment', () => {
    expect(undocumentedFields(contract.inputsFile ?? `actions/${name}/inputs.ts`)).toEqual([]);
  });

  it('describes every input and output, and runs its bundle on node24', () => {
    for (const [input, spec] of Object.entries(yml.inputs ?? {})) expect(spec?.description?.trim(), `input ${input}`).toBeTruthy();
    for (const [output, spec] of Object.entries(yml.outputs ?? {})) expect(spec?.description?.trim(), `output ${output}`).toBeTruthy();
    expect(yml.runs).toEqual({ using: 'node24', main: `../../dist/${name}/index.js` });
  });
});

/** The contract of one action. */
const contract = (name: string): Contract => CONTRACTS.find((c) => c.name === name) as Contract;

/** An action's action.yml, parsed and then changed in memory. */
function changed(name: string, change: (yml: ActionYml) => void): ActionYml {
  const yml = actionYml(name);
  change(yml);
  return yml;
}

describe('the contract finds a default that drifted (each check run on a parsed action.yml changed in memory)', () => {
  it('a default that differs from readInputs is named with the action, the input and both values', () => {
    const yml = changed('pr-comment', (y) => {
      const marker = y.inputs?.['marker'];
      if (marker) marker.default = 'deploy-preview';
    });
    expect(defaultProblems(contract('pr-comment'), yml)).toEqual([
      'pr-comment: input `marker` defaults to "deploy-preview" in action.yml, but readInputs reads .marker as ' +
        "'feature-environment' when it is unset and as 'deploy-preview' when it is set to that default",
    ]);
  });

  it("the runner's case (every default at once) reports it too", () => {
    const yml = changed('pr-comment', (y) => {
      const status = y.inputs?.['status'];
      if (status) status.default = 'failure';
    });
    expect(allDefaultsProblems(contract('pr-comment'), yml)).toEqual([
      `pr-comment: with {"github-token":"${TOKEN}"}, readInputs reads .status as 'success' when the defaults are unset and as 'failure' when every default is passed (as the runner does)`,
    ]);
  });

  it('a duration default that differs is shown in the unit readInputs keeps', () => {
    const yml = changed('verify-promotion', (y) => {
      const timeout = y.inputs?.['sync-timeout'];
      if (timeout) timeout.default = '5m';
    });
    expect(defaultProblems(contract('verify-promotion'), yml)).toEqual([
      'verify-promotion: input `sync-timeout` defaults to "5m" in action.yml, but readInputs reads .syncTimeoutMs as 600000 when it is unset and as 300000 when it is set to that default',
    ]);
  });

  it('a default readInputs refuses is a difference too', () => {
    const yml = changed('bump-prod-tag', (y) => {
      const mode = y.inputs?.['mode'];
      if (mode) mode.default = 'pull_request';
    });
    const [problem, ...rest] = defaultProblems(contract('bump-prod-tag'), yml);
    expect(rest).toEqual([]);
    expect(problem).toBe(
      'bump-prod-tag: input `mode` defaults to "pull_request" in action.yml, but readInputs accepts the inputs when it is unset and refuses them when it is set to that default ' +
        '(Input `mode` must be one of "pull-request", "commit", "local", got "pull_request".)',
    );
  });
});

describe('the contract finds an input or output that drifted (each check run on a parsed action.yml changed in memory)', () => {
  it('an input action.yml lacks, or one readInputs never reads, is named', () => {
    const yml = changed('verify-promotion', (y) => {
      if (y.inputs) {
        delete y.inputs['degraded-grace'];
        y.inputs['grace'] = { description: 'x' };
      }
    });
    expect(inputNameProblems(contract('verify-promotion'), yml)).toEqual([
      'verify-promotion: action.yml declares input `grace`, but readInputs never reads it',
      'verify-promotion: readInputs reads input `degraded-grace`, which action.yml does not declare',
    ]);
  });

  it('an output toOutputs does not write, or one action.yml lacks, is named', async () => {
    const yml = changed('bump-prod-tag', (y) => {
      if (y.outputs) {
        delete y.outputs['commit-sha'];
        y.outputs['pull-request'] = { description: 'x' };
      }
    });
    expect(await outputProblems(contract('bump-prod-tag'), yml)).toEqual([
      'bump-prod-tag: action.yml declares output `pull-request`, but toOutputs does not write it',
      'bump-prod-tag: toOutputs writes output `commit-sha`, which action.yml does not declare',
    ]);
  });
});
