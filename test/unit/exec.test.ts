import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { ExecError, exec, formatCommandLine, tail } from '../../shared/core/exec.ts';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('exec', () => {
  it('runs a real program and captures stdout', async () => {
    const result = await exec('git', ['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^git version \d+\.\d+/);
    expect(result.stderr).toBe('');
  });

  it('passes arguments as data, never through a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-'));
    try {
      const marker = join(dir, 'pwned');
      const hostile = `$(touch ${marker}); \`touch ${marker}\` && echo "x" | cat; 'quoted' \\ *`;
      const result = await exec('printf', ['%s', hostile]);
      expect(result.stdout).toBe(hostile);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a non-zero exit with the quoted command line, exit code and stderr tail', async () => {
    const error = await rejection(exec('sh', ['-c', 'echo partial; echo "it broke" >&2; exit 3']));
    expect(error).toBeInstanceOf(ExecError);
    const failure = error as ExecError;
    expect(failure.message).toBe('"sh" "-c" "echo partial; echo \\"it broke\\" >&2; exit 3" failed with exit code 3:\nit broke');
    expect(failure.exitCode).toBe(3);
    expect(failure.stdout).toBe('partial\n');
    expect(failure.stderr).toBe('it broke\n');
    expect(failure.timedOut).toBe(false);
  });

  it('resolves a non-zero exit when allowFailure is set', async () => {
    const result = await exec('sh', ['-c', 'exit 3'], { allowFailure: true });
    expect(result).toEqual({ stdout: '', stderr: '', exitCode: 3 });
  });

  it('reports a missing program as a UserError that names it and says how to fix', async () => {
    const error = await rejection(exec('kubectl-not-installed-here', ['version']));
    expect(error).toBeInstanceOf(UserError);
    const failure = error as UserError;
    expect(failure.message).toBe('The program "kubectl-not-installed-here" was not found on PATH.');
    expect(failure.describe()).toContain('Install kubectl-not-installed-here on the runner');
    const hinted = (await rejection(exec('kustomize-missing', [], { installHint: 'Add a setup-kustomize step.' }))) as UserError;
    expect(hinted.fix).toBe('Add a setup-kustomize step.');
  });

  it('reports a missing working directory as a UserError', async () => {
    const error = await rejection(exec('git', ['status'], { cwd: '/nonexistent/dir/for/test' }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('"/nonexistent/dir/for/test" does not exist');
  });

  it('runs in cwd, with extra env, and removes env variables set to undefined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-'));
    try {
      const result = await exec('sh', ['-c', 'pwd; echo "$EXTRA"; echo "${HOME-unset}"'], {
        cwd: dir,
        env: { EXTRA: 'value with spaces', HOME: undefined },
      });
      expect(result.stdout).toBe(`${realpathSync(dir)}\nvalue with spaces\nunset\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes input to stdin', async () => {
    const result = await exec('cat', [], { input: 'line 1\nline 2 ünïcode\n' });
    expect(result.stdout).toBe('line 1\nline 2 ünïcode\n');
  });

  it('tolerates a program that ignores its stdin', async () => {
    const result = await exec('true', [], { input: 'x'.repeat(1_000_000) });
    expect(result.exitCode).toBe(0);
  });

  it('kills a program that runs past the timeout', async () => {
    const error = (await rejection(exec('sleep', ['30'], { timeoutMs: 200 }))) as ExecError;
    expect(error).toBeInstanceOf(ExecError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toBe('"sleep" "30" did not finish within 200ms and was killed');
    expect(error.exitCode).toBe(137);
  });

  it('reports a program killed by a signal', async () => {
    const error = (await rejection(exec('sh', ['-c', 'kill -TERM $$']))) as ExecError;
    expect(error.message).toBe('"sh" "-c" "kill -TERM $$" was killed by SIGTERM');
    expect(error.exitCode).toBe(143);
  });
});

describe('helpers', () => {
  it('formatCommandLine JSON-quotes every part', () => {
    expect(formatCommandLine('git', ['log', '--format=%H %s', 'a"b'])).toBe('"git" "log" "--format=%H %s" "a\\"b"');
  });

  it('tail keeps the last lines and characters', () => {
    const text = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
    expect(tail(text).split('\n')).toEqual(Array.from({ length: 20 }, (_, index) => `line ${index + 11}`));
    expect(tail('x'.repeat(5000), 20, 10)).toBe(`…${'x'.repeat(10)}`);
  });
});
