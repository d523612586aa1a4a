// bump-prod-tag: edit a 2,000-line kustomization with 200 images in-process (target <= 50 ms)
// and confirm the diff holds exactly the changed lines.
import { performance } from 'node:perf_hooks';
import { changedLines } from '../../shared/kustomize-images/diff.ts';
import { editKustomization } from '../../shared/kustomize-images/edit.ts';
import type { ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import { median } from './stats.ts';

const LINES = 2000;
const IMAGES = 200;
const OLD = 'main-c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const NEW = 'main-8ada9600e2a2df704273dff62f54d02cafd83807';

/** A kustomization of exactly LINES lines: resources, patches with comments, then IMAGES entries. */
export function bigKustomization(): string {
  const head = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', '# generated for the benchmark', 'namespace: production', 'resources:'];
  const images = ['images: # 200 services'];
  for (let i = 0; i < IMAGES; i += 1) {
    images.push(
      `# service ${i}`,
      `- name: acme.azurecr.io/svc-${i}`,
      `  newName: acme.azurecr.io/svc-${i}`,
      `  newTag: ${i % 3 === 0 ? `"${OLD}"` : OLD} # pinned by CI`,
    );
  }
  const body: string[] = [];
  for (let i = 0; body.length < LINES - head.length - images.length - 1; i += 1)
    body.push(i < 150 ? `- ../../base/svc-${i}/` : `# note ${i}: keep the patches below in order`);
  const patches = ['patches:'];
  return `${[...head, ...body.slice(0, 150), ...patches, ...body.slice(150), ...images].join('\n')}\n`;
}

export default function bench(): void {
  const text = bigKustomization();
  const lines = text.split('\n').length - 1;
  const half: ImageRequest[] = Array.from({ length: IMAGES / 2 }, (_, i) => ({ name: `acme.azurecr.io/svc-${i * 2}`, newTag: NEW }));
  const all: ImageRequest[] = Array.from({ length: IMAGES }, (_, i) => ({ name: `acme.azurecr.io/svc-${i}`, newTag: NEW }));
  for (const [label, requests] of [
    ['100 of 200 images', half],
    ['all 200 images', all],
  ] as const) {
    const first = performance.now();
    const result = editKustomization(text, 'kustomization.yaml', requests, { addMissing: false });
    const coldMs = performance.now() - first;
    const times: number[] = [];
    for (let run = 0; run < 20; run += 1) {
      const start = performance.now();
      editKustomization(text, 'kustomization.yaml', requests, { addMissing: false });
      times.push(performance.now() - start);
    }
    const diff = changedLines(text, result.after);
    const removed = diff.filter((line) => line.startsWith('-'));
    const added = diff.filter((line) => line.startsWith('+'));
    const exact =
      removed.length === requests.length &&
      added.length === requests.length &&
      removed.every((line) => line.includes(OLD) && line.includes('newTag:')) &&
      added.every((line) => line.includes(NEW) && line.includes('# pinned by CI'));
    console.log(
      `bump-prod-tag edit of a ${lines}-line kustomization, ${label}: median ${median(times).toFixed(1)} ms, first ${coldMs.toFixed(1)} ms ` +
        `(target <= 50 ms, 20 runs, Node ${process.version}); diff ${removed.length} removed + ${added.length} added lines, ` +
        `${exact ? 'exactly the changed newTag lines' : 'NOT exactly the changed lines'}.`,
    );
    if (!exact) process.exitCode = 1;
  }
}
