// The local CLI (dist/cli/index.js, the package's `branch-env` bin) runs a bundle as the runner would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readOutputFile, renderCommandLine, summaryToText } from '../../actions/cli/text.ts';
import { root } from '../helpers/run-action.ts';

const run = promisify(execFile);
const cli = path.join(root, 'dist', 'cli', 'index.js');
const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';

describe('branch-env CLI', () => {
  it('maps flags to inputs, prints outputs and the summary as text', async () => {
    const { stdout } = await run(process.execPath, [cli, 'build-tag', '--branch', 'ex-3-9', '--sha', SHA, '--images', 'acr.io/a', '--images', 'acr.io/b']);
    expect(stdout).toContain('namespace: feature-ex-3-9');
    expect(stdout).toContain(`tag: ex-3-9-${SHA}`);
    expect(stdout).toContain(`acr.io/b:ex-3-9-${SHA}`);
    expect(stdout).toContain('Namespace | feature-ex-3-9');
    expect(stdout).toMatch(/build-tag succeeded\n$/);
    expect(stdout).not.toContain('<table>');
  });

  it('prints JSON with --json and keeps the action exit code on failure', async () => {
    const failed = await run(process.execPath, [cli, 'build-tag', '--branch', 'x', '--sha', 'zzz', '--json']).catch(
      (e: unknown) => e as { code: number; stdout: string },
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stdout: string }).stdout).toContain('Error: Input `sha`');
  });

  it('refuses an unknown input, listing the valid ones', async () => {
    const error = (await run(process.execPath, [cli, 'build-tag', '--brnach', 'x']).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/no input "brnach".*branch/);
  });

  it('hides ::add-mask:: values in everything printed after them', () => {
    const secrets: string[] = [];
    expect(renderCommandLine('::add-mask::hunter22', secrets)).toBeUndefined();
    expect(secrets).toEqual(['hunter22']);
    expect(renderCommandLine('::error::bad%0Athing', secrets)).toBe('Error: bad\nthing');
    expect(renderCommandLine('::group::Apply', secrets)).toBe('▸ Apply');
  });

  it('reads heredoc outputs and turns summary tables into text', () => {
    expect(readOutputFile('a<<EOF_1\nx\ny\nEOF_1\nb<<EOF_2\n\nEOF_2\n')).toEqual({ a: 'x\ny', b: '' });
    expect(summaryToText('<h3>T</h3><table><tr><th>A</th><th>B</th></tr><tr><td>1 &amp; 2</td><td>3</td></tr></table>')).toBe('T\nA | B\n1 & 2 | 3');
  });
});
