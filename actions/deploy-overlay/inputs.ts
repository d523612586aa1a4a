// The only place deploy-overlay reads its inputs (names mirror action.yml).
import path from 'node:path';
import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { readTargetInputs, type TargetInputs } from '../../shared/branch/target.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { isProtectedNamespace, readProductionNamespaces } from '../../shared/branch/ownership/protected.ts';
import { maskSecret, type SetSecret } from '../../shared/core/secrets.ts';
import * as runner from '../../shared/core/workflow-commands.ts';
import { parseImageRules, type ImageRule } from './images.ts';
import { parseLimitRange, parseResourceQuota } from './quota.ts';

/** One value of the `secrets` input. */
export interface SecretEntry {
  /** The Secret's name. */
  secret: string;
  /** The key in the Secret's data. */
  key: string;
  /** The value, as written (masked when read). */
  value: string;
}

/** `false` (apply), `client` (render and plan, no cluster) or `server` (dryRun=All). */
export type DryRun = 'false' | 'client' | 'server';

/** Everything deploy-overlay reads from its inputs (`namespace-prefix` and `max-slug-length`: {@link NamingInputs}). */
export interface Inputs extends TargetInputs {
  /** Kustomize directories, as given (relative to `workingDirectory`). */
  overlays: string[];
  /** Where overlay paths are resolved (`working-directory`, default the workspace), absolute. */
  workingDirectory: string;
  /** Extra flags for kustomize build (e.g. `--enable-helm`). */
  kustomizeFlags: string[];
  /** kubeconfig YAML or path; undefined means KUBECONFIG. */
  kubeconfig: string | undefined;
  /** The commit deployed (the `branch-env.io/sha` label); undefined means the event's head commit. */
  sha: string | undefined;
  /** Explicit namespace; undefined means prefix + slug. */
  namespace: string | undefined;
  /** Images to point at the new build (`images`), matched by exact name. */
  images: ImageRule[];
  /** TOKEN → value (values may use {slug}, {namespace}, ... tokens). */
  replacements: Map<string, string>;
  /** Tokens that must not be left in any object. */
  placeholders: string[];
  /** Values for Secrets (`secrets`), masked as soon as they are read. */
  secrets: SecretEntry[];
  /** Secret that `secrets` lines without a `name/` prefix go to. */
  secretName: string;
  /** Name of this set of objects in the namespace; prune stays within it. */
  applySet: string;
  /** Cluster-scoped kinds that may be applied besides the branch Namespace (`allow-cluster-scoped`). */
  allowClusterScoped: string[];
  /** Other namespaces objects may be applied to (`allow-namespaces`); never a protected one. */
  allowNamespaces: string[];
  /** Namespaces never written to besides `default` and `kube-*` (`production-namespaces`). */
  productionNamespaces: string[];
  /** Take over existing objects outside the branch namespace that lack this branch's mark (`adopt-existing`, dangerous). */
  adoptExisting: boolean;
  /** Remove what an earlier deploy of this apply set made and this one no longer renders. */
  prune: boolean;
  /** `resource-quota`: the branch namespace's ResourceQuota spec.hard (undefined: none). */
  resourceQuota: Record<string, string> | undefined;
  /** `limit-range`: the branch namespace's LimitRange per-container sections (undefined: none). */
  limitRange: Record<string, Record<string, string>> | undefined;
  /** `dry-run`: `false` deploys, `client` plans without a cluster, `server` sends everything with dryRun=All. */
  dryRun: DryRun;
  /** Take over fields another field manager owns (`force-conflicts`, server-side apply `force`). */
  forceConflicts: boolean;
  /** Wait for Deployments, StatefulSets, DaemonSets and Jobs to be ready (`wait`). */
  wait: boolean;
  /** How long to wait for the rollouts (`timeout`), ms; also bounds one call's retries (at most 30 s). */
  timeoutMs: number;
  /** Fail as soon as a pod of the new rollout is stuck, instead of waiting for the timeout (`fail-fast`). */
  failFast: boolean;
  /** Delete and re-create a Job whose pod template changed (`recreate-jobs`). */
  recreateJobs: boolean;
  /** URL of the environment, with {tokens} and replacement tokens. */
  environmentUrl: string | undefined;
  /** A token with `deployments: write` (`github-token`, masked); undefined means no GitHub deployment. */
  githubToken: string | undefined;
  /** GitHub environment name (with {tokens}). */
  environment: string;
}

/** The Secret `secrets` lines go to when they name none (documented for provision-db). */
export const DEFAULT_SECRET_NAME = 'database-credentials';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const TOKEN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The `secrets` input: one `[secret-name/]KEY=value` per line. The value is everything after the
 * first `=`, kept as written (commas and `=` included). Each value is masked at once.
 */
export function parseSecrets(text: string, defaultName: string, setSecret: SetSecret = runner.setSecret): SecretEntry[] {
  const entries: SecretEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const equals = raw.indexOf('=');
    const left = equals < 0 ? '' : raw.slice(0, equals).trim();
    const value = equals < 0 ? '' : raw.slice(equals + 1);
    maskSecret(value, setSecret);
    maskSecret(raw.trim(), setSecret);
    const slash = left.indexOf('/');
    const secret = slash < 0 ? defaultName : left.slice(0, slash);
    const key = slash < 0 ? left : left.slice(slash + 1);
    // Never quote any part of a line: a malformed one may hold the secret anywhere.
    const where = `Input \`secrets\` line ${index + 1}`;
    const form = 'Write one value per line as `[secret-name/]KEY=value`, e.g. `PGPASSWORD=${{ steps.db.outputs.password }}`.';
    if (equals < 0 || key === '') throw new UserError(`${where} is not \`[secret-name/]KEY=value\`.`, { fix: form });
    if (!SUBDOMAIN.test(secret) || secret.length > 253)
      throw new UserError(`${where} does not start with a valid Secret name (lower-case letters, digits, \`-\` and \`.\`) before the \`/\`.`, { fix: form });
    if (!SECRET_KEY.test(key))
      throw new UserError(`${where} has a key that is not valid: Secret keys hold letters, digits, \`-\`, \`_\` and \`.\` only.`, { fix: form });
    if (entries.some((e) => e.secret === secret && e.key === key))
      throw new UserError(`${where} repeats a key an earlier line gives.`, { fix: 'Give each key of a Secret once.' });
    entries.push({ secret, key, value });
  });
  return entries;
}

function readDryRun(reader: InputReader): DryRun {
  const value = reader.optional('dry-run');
  if (value === 'true' || value === 'True' || value === 'TRUE') {
    throw new UserError(
      'Input `dry-run` must say which dry run: `client` (render and plan, no cluster) or `server` (the cluster checks every object, nothing is stored).',
      {
        fix: 'Use `dry-run: server` (or `client`), or `false` to deploy.',
      },
    );
  }
  if (value === 'False' || value === 'FALSE') return 'false';
  return reader.choice('dry-run', ['false', 'client', 'server'] as const, 'false');
}

function checked(values: string[], name: string, pattern: RegExp, expected: string): string[] {
  for (const value of values) if (!pattern.test(value)) throw new UserError(`Input \`${name}\` holds ${quoteValue(value)}, which is not ${expected}.`);
  return values;
}

/** Input `overlays`: at least one directory. */
function readOverlays(reader: InputReader): string[] {
  const overlays = reader.list('overlays', { commas: false });
  if (overlays.length === 0) {
    throw new UserError('Input `overlays` is required.', {
      fix: 'Give one or more Kustomize overlay directories, one per line, e.g. manifests/overlays/feature.',
    });
  }
  return overlays;
}

/** Input `replacements`: TOKEN=value lines whose tokens are placeholder tokens. */
function readReplacements(reader: InputReader): Map<string, string> {
  const replacements = reader.map('replacements');
  for (const token of replacements.keys()) checked([token], 'replacements', TOKEN, 'a placeholder token (letters, digits, `_`, `.` and `-`)');
  return replacements;
}

/** Input `apply-set`: a lower-case name of at most 40 characters. */
function readApplySet(reader: InputReader): string {
  const applySet = reader.string('apply-set', 'app');
  if (!/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(applySet)) {
    throw new UserError(`Input \`apply-set\` must be a lower-case name of at most 40 characters, got ${quoteValue(applySet)}.`, {
      fix: 'For example `app` or `monitoring`.',
    });
  }
  return applySet;
}

/** Input `allow-namespaces`: namespace names, none of them protected. */
function readAllowNamespaces(reader: InputReader, productionNamespaces: readonly string[]): string[] {
  const allowNamespaces = checked(reader.list('allow-namespaces'), 'allow-namespaces', NAMESPACE, 'a namespace name');
  for (const ns of allowNamespaces) {
    if (isProtectedNamespace(ns, productionNamespaces)) {
      throw new UserError(
        `Input \`allow-namespaces\` holds ${quoteValue(ns)}, a protected namespace: deploy-overlay never writes to \`default\`, \`kube-*\` or the production namespaces (${productionNamespaces.join(', ')}).`,
        {
          fix: 'Remove it from `allow-namespaces`; deploy what belongs there through its own pipeline, not a branch environment.',
        },
      );
    }
  }
  return allowNamespaces;
}

/** Reads and checks every input; secrets are masked before anything else happens. */
export function readInputs(reader = new InputReader(), env: NodeJS.ProcessEnv = process.env, setSecret: SetSecret = runner.setSecret): Inputs {
  const githubToken = reader.optional('github-token');
  maskSecret(githubToken, setSecret);
  const secretName = reader.string('secret-name', DEFAULT_SECRET_NAME);
  checked([secretName], 'secret-name', SUBDOMAIN, 'a valid Secret name');
  const secrets = parseSecrets(reader.source('secrets'), secretName, setSecret);
  const overlays = readOverlays(reader);
  const replacements = readReplacements(reader);
  const applySet = readApplySet(reader);
  const productionNamespaces = readProductionNamespaces(reader);
  const allowNamespaces = readAllowNamespaces(reader, productionNamespaces);
  const workingDirectory = path.resolve(reader.string('working-directory', env['GITHUB_WORKSPACE'] ?? process.cwd()));
  return {
    overlays,
    workingDirectory,
    kustomizeFlags: reader.list('kustomize-flags', { commas: false }).flatMap((line) => line.split(/\s+/)),
    kubeconfig: reader.optional('kubeconfig'),
    sha: reader.optional('sha'),
    namespace: reader.optional('namespace'),
    ...readTargetInputs(reader),
    images: parseImageRules(reader.list('images', { commas: false })),
    replacements,
    placeholders: checked(reader.list('placeholders'), 'placeholders', TOKEN, 'a placeholder token'),
    secrets,
    secretName,
    applySet,
    allowClusterScoped: checked(reader.list('allow-cluster-scoped'), 'allow-cluster-scoped', KIND, 'a kind such as CustomResourceDefinition'),
    allowNamespaces,
    productionNamespaces,
    adoptExisting: reader.boolean('adopt-existing', false),
    prune: reader.boolean('prune', true),
    resourceQuota: parseResourceQuota(reader.optional('resource-quota')),
    limitRange: parseLimitRange(reader.optional('limit-range')),
    dryRun: readDryRun(reader),
    forceConflicts: reader.boolean('force-conflicts', false),
    wait: reader.boolean('wait', true),
    timeoutMs: reader.duration('timeout', '5m'),
    failFast: reader.boolean('fail-fast', true),
    recreateJobs: reader.boolean('recreate-jobs', true),
    environmentUrl: reader.optional('environment-url'),
    githubToken,
    environment: reader.string('environment', '{namespace}'),
  };
}
