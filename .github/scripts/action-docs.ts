// Renders each action's inputs and outputs from its action.yml into its README.md, between
// `<!-- action-docs:start -->` and `<!-- action-docs:end -->` (appended when the markers are
// missing), so the docs never drift from the metadata.
//
//   npm run docs            rewrite the READMEs
//   npm run docs -- --check fail (and list the files) when a README is out of date
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

export const START = '<!-- action-docs:start (generated from action.yml by `npm run docs`; do not edit) -->';
export const END = '<!-- action-docs:end -->';

interface ActionYml {
  name?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string | number | boolean } | null>;
  outputs?: Record<string, { description?: string } | null>;
}

function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** The generated markdown for one action.yml text. */
export function renderActionDocs(actionYml: string): string {
  const action = yaml.load(actionYml) as ActionYml;
  const lines = [START, '', '## Inputs', ''];
  const inputs = Object.entries(action.inputs ?? {});
  if (inputs.length === 0) lines.push('None.');
  else {
    lines.push('| Input | Required | Default | Description |', '| --- | --- | --- | --- |');
    for (const [name, spec] of inputs) {
      const def = spec?.default === undefined || spec.default === '' ? '' : `\`${cell(String(spec.default))}\``;
      lines.push(`| \`${name}\` | ${spec?.required ? 'yes' : 'no'} | ${def} | ${cell(spec?.description ?? '')} |`);
    }
  }
  lines.push('', '## Outputs', '');
  const outputs = Object.entries(action.outputs ?? {});
  if (outputs.length === 0) lines.push('None.');
  else {
    lines.push('| Output | Description |', '| --- | --- |');
    for (const [name, spec] of outputs) lines.push(`| \`${name}\` | ${cell(spec?.description ?? '')} |`);
  }
  lines.push('', END);
  return lines.join('\n');
}

/** The README with its generated section replaced (or appended). */
export function updateReadme(readme: string, section: string): string {
  const start = readme.indexOf(START.slice(0, 26));
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) return readme.slice(0, start) + section + readme.slice(end + END.length);
  return `${readme.replace(/\s*$/, '')}\n\n${section}\n`;
}

/** Actions whose README differs from what the generator makes; writes them unless `check`. */
export function syncActionDocs(root: string, check: boolean): string[] {
  const stale: string[] = [];
  const actionsDir = path.join(root, 'actions');
  for (const name of readdirSync(actionsDir).sort()) {
    const yml = path.join(actionsDir, name, 'action.yml');
    if (!existsSync(yml)) continue;
    const readmePath = path.join(actionsDir, name, 'README.md');
    const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : `# ${name}\n`;
    const updated = updateReadme(readme, renderActionDocs(readFileSync(yml, 'utf8')));
    if (updated !== readme) {
      stale.push(path.relative(root, readmePath));
      if (!check) writeFileSync(readmePath, updated);
    }
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const check = process.argv.includes('--check');
  const stale = syncActionDocs(root, check);
  if (check && stale.length > 0) {
    console.error(`Action docs are out of date: ${stale.join(', ')}\nFix: run \`npm run docs\` and commit the READMEs.`);
    process.exitCode = 1;
  } else {
    console.log(stale.length ? `updated ${stale.join(', ')}` : 'action docs are up to date');
  }
}
