import { InputReader } from '../../shared/core/inputs.ts';
import { readTargetInputs, type TargetInputs } from '../../shared/branch/target.ts';
import { UserError } from '../../shared/core/errors.ts';

/** Everything build-tag reads from its inputs (names mirror action.yml). */
export interface Inputs extends TargetInputs {
  /** Explicit sha; undefined means "what the event means". */
  sha: string | undefined;
  /** The branch that deploys to production (`production-branch`); on it `is-production` is true. */
  productionBranch: string;
  /** The namespace output on the production branch (`production-namespace`). */
  productionNamespace: string;
  /** Image tag format (`tag-format`): `{slug}` and `{sha}` or `{short-sha}`. */
  tagFormat: string;
  /** Image names without tags. */
  images: string[];
  /** Service name to path globs; empty when detection is off. */
  services: Map<string, string[]>;
  /** What changed services are compared with (`base-ref`); undefined means what the event means. */
  baseRef: string | undefined;
  /** The repository's default branch (`default-branch`); undefined means the event's. */
  defaultBranch: string | undefined;
  /** The git checkout (`working-directory`, default the workspace). */
  workingDirectory: string;
  /** How deep to fetch when the base is missing from a shallow clone (`fetch-depth`). */
  fetchDepth: number;
}

const IMAGE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;

export function readInputs(reader = new InputReader(), env: NodeJS.ProcessEnv = process.env): Inputs {
  const images = reader.list('images');
  for (const image of images) {
    if (!IMAGE_NAME.test(image)) {
      throw new UserError(`Input \`images\` holds an invalid image name ${JSON.stringify(image)}.`, {
        fix: 'Give the registry and repository in lower case without a tag or digest, e.g. myacr.azurecr.io/todo-be.',
      });
    }
  }
  return {
    sha: reader.optional('sha'),
    productionBranch: reader.string('production-branch', 'main'),
    productionNamespace: reader.string('production-namespace', 'production'),
    tagFormat: reader.string('tag-format', '{slug}-{sha}'),
    ...readTargetInputs(reader),
    images,
    services: readServices(reader.document('services')),
    baseRef: reader.optional('base-ref'),
    defaultBranch: reader.optional('default-branch'),
    workingDirectory: reader.string('working-directory', env['GITHUB_WORKSPACE'] ?? process.cwd()),
    fetchDepth: reader.integer('fetch-depth', { fallback: 50, min: 1, max: 100_000 }),
  };
}

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** `services` is a YAML mapping of service name to a glob or a list of globs. */
export function readServices(document: unknown): Map<string, string[]> {
  const services = new Map<string, string[]>();
  if (document === undefined || document === null || document === '') return services;
  const example = 'e.g.\n  todo-be: [apps/be/**, manifests/base/todo-be/**]\n  todo-fe: apps/fe/**';
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new UserError('Input `services` must be a YAML mapping of service name to path globs.', { fix: example });
  }
  for (const [name, value] of Object.entries(document)) {
    if (!SERVICE_NAME.test(name)) {
      throw new UserError(`Input \`services\` has an invalid service name ${JSON.stringify(name)}.`, {
        fix: 'Use letters, digits, `.`, `_` and `-` (it becomes a matrix value).',
      });
    }
    const globs = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (!globs || globs.length === 0 || globs.some((g) => typeof g !== 'string' || g.trim() === '')) {
      throw new UserError(`Input \`services\`: service ${JSON.stringify(name)} must map to a glob or a non-empty list of globs.`, {
        fix: example,
      });
    }
    services.set(
      name,
      (globs as string[]).map((g) => g.trim()),
    );
  }
  return services;
}
