import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { CoreSummarySink, Summary, escapeHtml } from '../../shared/core/summary.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';

function build(): { summary: Summary; sink: MemorySink } {
  const sink = new MemorySink();
  return { summary: new Summary(sink), sink };
}

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes & first so entities are not double-decoded', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('Summary', () => {
  it('writes a heading, paragraph and table with every cell escaped', async () => {
    const { summary, sink } = build();
    await summary
      .heading('Deploy <feature/x>')
      .paragraph('line one\nline <two>')
      .table(
        ['Name', 'Value'],
        [
          ['branch', 'feature/<script>alert(1)</script>'],
          ['replicas', 3],
          ['ready', true],
        ],
      )
      .write();
    expect(sink.html).toBe(
      '<h2>Deploy &lt;feature/x&gt;</h2>\n\n' +
        '<p>line one<br>line &lt;two&gt;</p>\n\n' +
        '<table><tr><th>Name</th><th>Value</th></tr>' +
        '<tr><td>branch</td><td>feature/&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>' +
        '<tr><td>replicas</td><td>3</td></tr>' +
        '<tr><td>ready</td><td>true</td></tr></table>\n\n',
    );
    expect(sink.writes).toBe(1);
    expect(sink.html).not.toContain('<script>');
  });

  it('keeps each block free of blank lines so Markdown does not cut it', () => {
    const { summary, sink } = build();
    summary
      .table(['a'], [['x\n\ny']])
      .list(['one\r\n\r\ntwo'])
      .paragraph('p\n\nq')
      .heading('h\n\ni', 3);
    const blocks = sink.html.split('\n\n').filter((block) => block !== '');
    expect(blocks).toEqual([
      '<table><tr><th>a</th></tr><tr><td>x<br><br>y</td></tr></table>',
      '<ul><li>one<br><br>two</li></ul>',
      '<p>p<br><br>q</p>',
      '<h3>h i</h3>',
    ]);
  });

  it('pads short table rows', () => {
    const { summary, sink } = build();
    summary.table(['a', 'b', 'c'], [['1']]);
    expect(sink.html).toContain('<tr><td>1</td><td></td><td></td></tr>');
  });

  it('puts details text in a <pre> block that may hold blank lines', () => {
    const { summary, sink } = build();
    summary.details('Rendered <manifests>', 'kind: Secret\n\nname: <x>');
    expect(sink.html).toBe('<details><summary>Rendered &lt;manifests&gt;</summary>\n\n<pre>kind: Secret\n\nname: &lt;x&gt;</pre>\n\n</details>\n\n');
  });

  it('writes code with an escaped language attribute, lists, and raw HTML untouched', () => {
    const { summary, sink } = build();
    summary.code('a < b', 'yaml"x').code('plain').list(['<b>', 'c']).raw('<hr/>');
    expect(sink.html).toBe(
      '<pre lang="yaml&quot;x"><code>a &lt; b</code></pre>\n\n' + '<pre><code>plain</code></pre>\n\n' + '<ul><li>&lt;b&gt;</li><li>c</li></ul>\n\n' + '<hr/>',
    );
  });
});

describe('CoreSummarySink', () => {
  const saved = process.env.GITHUB_STEP_SUMMARY;
  const dirs: string[] = [];
  afterEach(() => {
    if (saved === undefined) Reflect.deleteProperty(process.env, 'GITHUB_STEP_SUMMARY');
    else process.env.GITHUB_STEP_SUMMARY = saved;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('skips quietly (debug note) when GITHUB_STEP_SUMMARY is not set', async () => {
    Reflect.deleteProperty(process.env, 'GITHUB_STEP_SUMMARY');
    const logger = new RecordingLogger();
    await new Summary(new CoreSummarySink(logger)).heading('local run').write();
    expect(logger.messages('debug')).toEqual(['GITHUB_STEP_SUMMARY is not set; skipping the job summary.']);
  });

  it('warns instead of failing when the summary file cannot be written', async () => {
    process.env.GITHUB_STEP_SUMMARY = '/nonexistent/dir/summary.md';
    const logger = new RecordingLogger();
    await new Summary(new CoreSummarySink(logger)).heading('x').write();
    expect(logger.messages('warning')).toEqual([
      "Could not write the job summary: Unable to access summary file: '/nonexistent/dir/summary.md'. Check if the file has correct read/write permissions.",
    ]);
  });

  it('appends to the GITHUB_STEP_SUMMARY file as the runner expects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    dirs.push(dir);
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'earlier step\n');
    const script = `
      import { Summary } from './shared/core/summary.ts';
      await new Summary().heading('Names').table(['k', 'v'], [['tag', 'a<b']]).write();
      await new Summary().paragraph('second').write();
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, GITHUB_STEP_SUMMARY: file },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      'earlier step\n<h2>Names</h2>\n\n<table><tr><th>k</th><th>v</th></tr><tr><td>tag</td><td>a&lt;b</td></tr></table>\n\n<p>second</p>\n\n',
    );
  });
});
