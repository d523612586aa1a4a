// Rendering overlays with the real kustomize: `kustomize build` when it is on PATH, else
// `kubectl kustomize` (kustomize v5 is built into kubectl). Always argument arrays, never a
// shell. Kustomize's own error is shown with the overlay path.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { UserError, errorMessage, isUserError, quoteValue } from '../../shared/errors.ts';
import { tail, type ExecOptions, type ExecResult } from '../../shared/exec.ts';
import type { KubeObject } from '../../shared/kube.ts';
import { isRecord } from './objects.ts';

/** Runs a program (shared/exec.ts `exec` in production). */
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

/** `kustomize build` if kustomize is installed, else `kubectl kustomize`. */
export async function findKustomize(exec: Exec): Promise<Kustomize> {
  try {
    await exec('kustomize', ['version'], { allowFailure: true, timeoutMs: 30_000 });
    return { command: 'kustomize', args: ['build'] };
  } catch (error: unknown) {
    if (!isUserError(error)) throw error;
  }
  try {
    await exec('kubectl', ['version', '--client'], { allowFailure: true, timeoutMs: 30_000 });
    return { command: 'kubectl', args: ['kustomize'] };
  } catch (error: unknown) {
    if (!isUserError(error)) throw error;
    throw new UserError('Neither `kustomize` nor `kubectl` is on PATH, so the overlays cannot be rendered.', {
      fix: 'Add a step that installs one (for example azure/setup-kubectl) before this one.',
      cause: error,
    });
  }
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

/** Renders one overlay directory (resolved against `cwd`). */
export async function renderOverlay(overlay: string, cwd: string, kustomize: Kustomize, exec: Exec, flags: readonly string[] = []): Promise<RenderedOverlay> {
  const directory = path.resolve(cwd, overlay);
  const file = kustomizationFile(directory, overlay);
  const result = await exec(kustomize.command, [...kustomize.args, ...flags, directory], { cwd, allowFailure: true, timeoutMs: 120_000 });
  if (result.exitCode !== 0) {
    throw new UserError(`${kustomize.command} ${kustomize.args.join(' ')} failed for overlay ${quoteValue(overlay)} (exit ${result.exitCode}):\n${tail(result.stderr || result.stdout, 30)}\n`, {
      fix: `Run \`${kustomize.command} ${kustomize.args.join(' ')} ${overlay}\` locally to see the same error.`,
    });
  }
  return { overlay, namespace: kustomizationNamespace(file), objects: parseManifests(result.stdout, overlay) };
}
