// Mode `local`: edit the files in the workspace and leave committing to later steps.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../shared/core/errors.ts';
import { editKustomization, type EditResult } from '../../shared/kustomize-images/edit.ts';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../../shared/kustomize-images/kustomization.ts';

async function kind(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** The kustomization file a path means (a directory means its kustomization.yaml). */
export async function resolveLocal(workingDirectory: string, input: string): Promise<{ absolute: string; display: string }> {
  const absolute = path.resolve(workingDirectory, input);
  const found = await kind(absolute);
  if (found === 'file') return { absolute, display: input };
  if (found === 'dir') {
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      if ((await kind(path.join(absolute, name))) === 'file') return { absolute: path.join(absolute, name), display: path.posix.join(input, name) };
    }
    throw new UserError(`${input} holds no kustomization.yaml.`, { fix: 'Point `kustomization` at an overlay directory or its kustomization.yaml.' });
  }
  throw new UserError(`${input} does not exist in ${workingDirectory}.`, {
    fix: 'Check the `kustomization` path (relative to `working-directory`) and that the repository is checked out.',
  });
}

/**
 * Edits each file in place. Nothing is written until every file has been edited and
 * `beforeWrite` (verify-images) has passed.
 */
export async function editLocal(
  workingDirectory: string,
  inputs: readonly string[],
  requests: readonly ImageRequest[],
  addMissing: boolean,
  beforeWrite: (edits: readonly EditResult[]) => Promise<void>,
): Promise<EditResult[]> {
  const files: { absolute: string; display: string }[] = [];
  for (const input of inputs) {
    const file = await resolveLocal(workingDirectory, input);
    if (!files.some((f) => f.absolute === file.absolute)) files.push(file);
  }
  const edits: EditResult[] = [];
  for (const file of files) edits.push(editKustomization(await readFile(file.absolute, 'utf8'), file.display, requests, { addMissing }));
  if (edits.every((edit) => edit.after === edit.before)) return edits;
  await beforeWrite(edits);
  for (const [index, file] of files.entries()) {
    const edit = edits[index];
    if (edit && edit.after !== edit.before) await writeFile(file.absolute, edit.after, 'utf8');
  }
  return edits;
}
