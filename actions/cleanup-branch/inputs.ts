// Every input of cleanup-branch, read and checked in one place before anything is contacted.
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { readAzureTarget, readPostgresAdmin, type AzureTargetInputs, type PostgresAdminInputs } from '../../shared/azure/inputs.ts';
import { readTargetInputs, type TargetInputs } from '../../shared/branch/target.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { readProductionNamespaces } from '../../shared/branch/ownership/protected.ts';
import { readTtl, type TtlInputs } from './ttl.ts';

/** `branch`: one branch's environment; `sweep`: every stale one. */
export type Mode = 'branch' | 'sweep';

/** How a branch database is dropped. */
export type DropMethod = 'arm' | 'sql';

/** Everything cleanup-branch reads from its inputs (names mirror action.yml). */
export interface Inputs extends AzureTargetInputs, PostgresAdminInputs, TargetInputs {
  /** `branch`: one branch's environment; `sweep`: every environment whose branch is gone (or idle past `ttl`). */
  mode: Mode;
  /** List and explain only. Default: false for `branch`, true for `sweep`. */
  dryRun: boolean;
  /** Namespaces never deleted, besides `default` and `kube-*` (input `production-namespaces`). */
  productionNamespaces: string[];
  /** Databases never dropped, besides postgres, azure*, template*, pg_*. */
  protectedDatabases: string[];
  /** Sweep: environments deployed more recently than this are kept even when their branch is gone (ms). */
  gracePeriodMs: number;
  /** Sweep: `ttl` and `ttl-dry-run` (ttl.ts). */
  ttl: TtlInputs;
  /** `arm` (default with `server`) or `sql` (`DROP DATABASE ... WITH (FORCE)`). */
  dropMethod: DropMethod;
  /** Kubeconfig YAML or path; undefined means KUBECONFIG (and no namespace part without either). */
  kubeconfig: string | undefined;
  /** GitHub token; undefined means no GitHub part (required for sweep). */
  token: string | undefined;
  /** `owner/repo`; default GITHUB_REPOSITORY. */
  repository: string | undefined;
  /** GitHub environment name with `{slug}`, `{namespace}`, `{branch}` tokens (deploy-overlay's `environment`). */
  environment: string;
  /** Time allowed for one environment's teardown, namespace wait included (ms). */
  timeoutMs: number;
  /** Environments torn down at once in a sweep. */
  concurrency: number;
  /** ARM status poll interval when ARM does not say (Retry-After wins), ms. */
  pollIntervalMs: number;
}

const ENV_TOKENS = new Set(['slug', 'namespace', 'branch']);

function environmentTemplate(value: string): string {
  for (const match of value.matchAll(/\{([^{}]*)\}/g)) {
    if (!ENV_TOKENS.has(match[1] ?? '')) {
      throw new UserError(`Input \`environment\` is ${quoteValue(value)}: unknown token {${match[1] ?? ''}}.`, {
        fix: "Use the same value as deploy-overlay's `environment`; tokens are {slug}, {namespace} and {branch}.",
      });
    }
  }
  if (!/\{(slug|namespace|branch)\}/.test(value)) {
    throw new UserError(
      `Input \`environment\` is ${quoteValue(value)}: without {slug}, {namespace} or {branch} every branch shares one environment, which cleanup would delete with the first branch.`,
      {
        fix: "Use the same value as deploy-overlay's `environment`, e.g. `{namespace}` or `preview/{slug}`.",
      },
    );
  }
  return value;
}

/** Reads and checks every input; nothing is contacted. */
export function readInputs(reader = new InputReader()): Inputs {
  const mode = reader.choice<Mode>('mode', ['branch', 'sweep'], 'branch');
  const azure = readAzureTarget(reader);
  const { server } = azure;
  const dropMethod = reader.choice<DropMethod>('drop-method', ['arm', 'sql'], server === undefined ? 'sql' : 'arm');
  if (dropMethod === 'arm' && server === undefined) {
    throw new UserError('Input `drop-method` is "arm", but `server` is empty: ARM needs the Flexible Server name.', {
      fix: 'Give `server`, `resource-group` and `subscription-id`, or set `drop-method: sql`.',
    });
  }
  const token = reader.optional('token');
  if (mode === 'sweep' && token === undefined) {
    reader.required(
      'token',
      'A sweep asks GitHub which branches still exist: pass `token: ${{ github.token }}` (with `contents: read` and `pull-requests: read`).',
    );
  }
  const target = readTargetInputs(reader);
  const productionNamespaces = readProductionNamespaces(reader);
  return {
    mode,
    dryRun: reader.boolean('dry-run', mode === 'sweep'),
    ...target,
    productionNamespaces,
    protectedDatabases: reader.list('protected-databases'),
    gracePeriodMs: reader.duration('grace-period', '24h', 366 * 24 * 3_600_000),
    ttl: readTtl(reader),
    ...azure,
    ...readPostgresAdmin(reader),
    dropMethod,
    kubeconfig: reader.optional('kubeconfig'),
    token,
    repository: reader.optional('repository'),
    environment: environmentTemplate(reader.string('environment', '{namespace}')),
    timeoutMs: reader.duration('timeout', '5m'),
    concurrency: reader.integer('concurrency', { fallback: 4, min: 1, max: 32 }),
    pollIntervalMs: reader.duration('poll-interval', '1s', 60_000),
  };
}
