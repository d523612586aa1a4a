import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, writeOutputs } from '../../shared/core/outputs.ts';

describe('writeOutputs', () => {
  it('writes strings as is, numbers and booleans as text, objects as JSON, and skips undefined', () => {
    const set: [string, string][] = [];
    writeOutputs(
      {
        slug: 'ex-3-9',
        empty: '',
        count: 3,
        'is-production': false,
        'changed-services': ['api', 'web'],
        matrix: { include: [{ service: 'api' }] },
        skipped: undefined,
      },
      (name, value) => set.push([name, value]),
    );
    expect(set).toEqual([
      ['slug', 'ex-3-9'],
      ['empty', ''],
      ['count', '3'],
      ['is-production', 'false'],
      ['changed-services', '["api","web"]'],
      ['matrix', '{"include":[{"service":"api"}]}'],
    ]);
  });

  it('writes an empty array as [] so fromJSON() still works', () => {
    expect(outputText([])).toBe('[]');
    expect(outputText({})).toBe('{}');
  });

  it('lands in GITHUB_OUTPUT through core.setOutput, multi-line values intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outputs-'));
    try {
      const file = join(dir, 'output');
      writeFileSync(file, '');
      const script = `
        import { writeOutputs } from './shared/core/outputs.ts';
        writeOutputs({ tag: 'a-b', labels: 'x=1\\ny=2', ok: true, list: [1] });
      `;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: process.cwd(),
        env: { ...process.env, GITHUB_OUTPUT: file },
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      const text = readFileSync(file, 'utf8');
      // core writes name<<DELIMITER\nvalue\nDELIMITER per output.
      const outputs = Object.fromEntries([...text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((match) => [match[1], match[3]]));
      expect(outputs).toEqual({ tag: 'a-b', labels: 'x=1\ny=2', ok: 'true', list: '[1]' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
