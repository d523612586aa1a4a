// build-tag's outputs, by the names in action.yml.
import type { BuildTagResult } from './build-tag.ts';

/** The action's outputs, by output name (mirrors action.yml). */
export function toOutputs(result: BuildTagResult): Record<string, string> {
  const outputs: Record<string, string> = {
    branch: result.branch,
    sha: result.sha,
    slug: result.names.slug,
    hash: result.names.hash,
    tag: result.tag,
    namespace: result.namespace,
    database: result.names.database,
    role: result.names.role,
    'label-value': result.names.labelValue,
    'is-production': String(result.isProduction),
    images: JSON.stringify(result.images),
    tags: Object.values(result.images).join('\n'),
    labels: Object.entries(result.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    'changed-services': JSON.stringify(result.changes.changed),
    matrix: JSON.stringify({ include: result.changes.changed.map((service) => ({ service })) }),
  };
  const json: Record<string, unknown> = { ...outputs };
  json['is-production'] = result.isProduction;
  json['images'] = result.images;
  json['tags'] = Object.values(result.images);
  json['labels'] = result.labels;
  json['changed-services'] = result.changes.changed;
  json['matrix'] = { include: result.changes.changed.map((service) => ({ service })) };
  json['changed-files'] = result.changes.files.length;
  json['base'] = result.changes.base ?? null;
  outputs['json'] = JSON.stringify(json);
  return outputs;
}
