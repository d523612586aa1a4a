// Rendering overlays with the real kustomize: `kustomize build` when it is on PATH, else
// `kubectl kustomize` (kustomize v5 is built into kubectl). Always argument arrays, never a
// shell. Kustomize's own error is shown with the overlay path.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { UserError, errorMessage, isUserError, quoteValue } from '../../shared/core/errors.ts';
import { tail, type ExecOptions, type ExecResult } from '../../shared/core/exec.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { isRecord } from '../../shared/core/json.ts';

/** Runs a program (shared/core/exec.ts `exec` in production). */
export type Exec = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** What rendering one overlay gives. */
export interface RenderedOverlay {
  /** The overlay directory as given in the input. */
  overlay: string;
  /** The `namespace:` its kustomization sets, if any (kustomize put every namespaced object there). */
  namespace: string | undefined;
  objects: KubeObject[];
}

/** How kustomize is run: the program and the arguments before the directory. */
export interface Kustomize {
  command: string;
  args: string[];
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const KUSTOMIZE: Kustomize = { command: 'kustomize', args: ['build'] };
const KUBECTL_KUSTOMIZE: Kustomize = { command: 'kubectl', args: ['kustomize'] };

/**
 * Runs `kustomize build` if kustomize is installed, else `kubectl kustomize` (no probe first: a
 * missing program fails at once), and remembers which one worked in `found`.
 */
async function build(
  exec: Exec,
  found: { kustomize?: Kustomize },
  args: readonly string[],
  cwd: string,
): Promise<{ kustomize: Kustomize; result: ExecResult }> {
  const options = { cwd, allowFailure: true, timeoutMs: 120_000 };
  for (const candidate of found.kustomize ? [found.kustomize] : [KUSTOMIZE, KUBECTL_KUSTOMIZE]) {
    try {
      const result = await exec(candidate.command, [...candidate.args, ...args], options);
      found.kustomize = candidate;
      return { kustomize: candidate, result };
    } catch (error: unknown) {
      if (!isUserError(error) || !/was not found on PATH/.test(error.message)) throw error;
    }
  }
  throw new UserError('Neither `kustomize` nor `kubectl` is on PATH, so the overlays cannot be rendered.', {
    fix: 'Add a step that installs one (for example azure/setup-kubectl) before this one.',
  });
}

/** The kustomization file of a directory, or a UserError naming the overlay. */
function kustomizationFile(directory: string, overlay: string): string {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UserError(`Input \`overlays\` names ${quoteValue(overlay)}, which is not a directory (looked at ${directory}).`, {
      fix: 'Give overlay directories relative to `working-directory` (the workspace by default); check out the repository first.',
    });
  }
  const file = KUSTOMIZATION_FILES.map((name) => path.join(directory, name)).find((candidate) => existsSync(candidate));
  if (!file) {
    throw new UserError(`Input \`overlays\` names ${quoteValue(overlay)}, which holds no kustomization.yaml.`, {
      fix: 'Point at the overlay directory that holds kustomization.yaml (e.g. manifests/overlays/feature).',
    });
  }
  return file;
}

/** The `namespace:` field of a kustomization file, if set. */
function kustomizationNamespace(file: string): string | undefined {
  try {
    const doc = yaml.load(readFileSync(file, 'utf8'));
    const value = isRecord(doc) ? doc['namespace'] : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined; // kustomize reports a broken file itself, with more detail.
  }
}

/** Parses kustomize's multi-document output into objects, refusing anything that is not one. */
export function parseManifests(text: string, overlay: string): KubeObject[] {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text);
  } catch (error: unknown) {
    throw new UserError(`The output of kustomize for ${quoteValue(overlay)} is not valid YAML: ${errorMessage(error)}`, { cause: error });
  }
  const objects: KubeObject[] = [];
  docs.forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    const meta = isRecord(doc) ? doc['metadata'] : undefined;
    if (!isRecord(doc) || typeof doc['apiVersion'] !== 'string' || typeof doc['kind'] !== 'string' || !isRecord(meta) || typeof meta['name'] !== 'string') {
      throw new UserError(`Document ${index + 1} rendered from ${quoteValue(overlay)} is not a Kubernetes object with apiVersion, kind and metadata.name.`, {
        fix: 'Check the resources the kustomization lists.',
      });
    }
    if (doc['kind'] === 'List') {
      throw new UserError(`Document ${index + 1} rendered from ${quoteValue(overlay)} is a ${doc['kind']}; list its items as separate resources.`);
    }
    objects.push(doc);
  });
  return objects;
}

/** Which kustomize worked, shared by the overlays of one run. */
export interface KustomizeChoice {
  kustomize?: Kustomize;
}

/** Renders one overlay directory (resolved against `cwd`). */
export async function renderOverlay(
  overlay: string,
  cwd: string,
  exec: Exec,
  found: KustomizeChoice,
  flags: readonly string[] = [],
): Promise<RenderedOverlay & { kustomize: Kustomize }> {
  const directory = path.resolve(cwd, overlay);
  const file = kustomizationFile(directory, overlay);
  const { kustomize, result } = await build(exec, found, [...flags, directory], cwd);
  if (result.exitCode !== 0) {
    throw new UserError(
      `${kustomize.command} ${kustomize.args.join(' ')} failed for overlay ${quoteValue(overlay)} (exit ${result.exitCode}):\n${tail(result.stderr || result.stdout, 30)}\n`,
      {
        fix: `Run \`${kustomize.command} ${kustomize.args.join(' ')} ${overlay}\` locally to see the same error.`,
      },
    );
  }
  return { overlay, namespace: kustomizationNamespace(file), objects: parseManifests(result.stdout, overlay), kustomize };
}
