// shared/core/workflow-commands.ts writes the runner's workflow commands itself (to keep @actions/core's
// http-client and undici out of every cold start). This runs the same calls through both it
// and the real @actions/core in child processes and compares what the runner would read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readOutputFile } from '../../actions/cli/text.ts';

const runnerModule = pathToFileURL(path.resolve(import.meta.dirname, '../../shared/core/workflow-commands.ts')).href;
const dir = mkdtempSync(path.join(tmpdir(), 'runner-proto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = `
  const m = await import(process.env.MODULE);
  m.info('plain line with %, :: and ,');
  m.debug('debug\\nwith newline and 100%');
  m.warning('warn: a,b\\r\\nc');
  m.setSecret('s3cr3t-value');
  m.startGroup('group: one');
  m.endGroup();
  m.setOutput('simple', 'value');
  m.setOutput('multi', 'line 1\\nline 2');
  m.setOutput('json', { a: [1, 2] });
  m.setOutput('empty', '');
  if (m.appendSummary) m.appendSummary('<h3>x</h3>\\n');
  else { m.summary.addRaw('<h3>x</h3>\\n'); await m.summary.write(); }
  m.setFailed('failed: because');
`;

function runWith(module: string, name: string): { stdout: string; outputs: Record<string, string>; summary: string; status: number } {
  const output = path.join(dir, `${name}.out`);
  const summary = path.join(dir, `${name}.summary`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  let stdout: string;
  let status = 0;
  try {
    stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env['PATH'], MODULE: module, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
      encoding: 'utf8',
    });
  } catch (error: unknown) {
    const e = error as { stdout: string; status: number };
    stdout = e.stdout;
    status = e.status;
  }
  return { stdout, outputs: readOutputFile(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8'), status };
}

describe('runner protocol', () => {
  it('writes exactly what @actions/core writes', () => {
    const ours = runWith(runnerModule, 'ours');
    const theirs = runWith('@actions/core', 'core');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.outputs).toEqual(theirs.outputs);
    expect(ours.summary).toBe(theirs.summary);
    expect(ours.status).toBe(1);
    expect(theirs.status).toBe(1);
    // And the content is what we meant.
    expect(ours.outputs).toEqual({ simple: 'value', multi: 'line 1\nline 2', json: '{"a":[1,2]}', empty: '' });
    expect(ours.stdout).toContain('::add-mask::s3cr3t-value');
    expect(ours.stdout).toContain('::error::failed: because');
    expect(ours.stdout).toContain('::debug::debug%0Awith newline and 100%25');
  });
});
