import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { explainGitHubError, parseRepository } from '../../shared/github/client.ts';

describe('parseRepository', () => {
  it('splits owner/repo', () => {
    expect(parseRepository('octo-org/app.web')).toEqual({ owner: 'octo-org', repo: 'app.web' });
  });
  it.each(['', 'octo', 'a/b/c', '/x', 'o/ r'])('rejects %j naming the input', (value) => {
    expect(() => parseRepository(value, 'repository')).toThrow(/Input `repository` must be owner\/repo/);
  });
});

describe('explainGitHubError', () => {
  it('names the missing permission from x-accepted-github-permissions', () => {
    const error = Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
      response: { headers: { 'x-accepted-github-permissions': 'pull_requests=write' } },
    });
    const explained = explainGitHubError(error, 'opening the promotion pull request');
    expect(explained).toBeInstanceOf(UserError);
    expect((explained as UserError).describe()).toMatch(/opening the promotion pull request.*pull_requests: write/s);
  });
  it('explains a bad token and a 404, and leaves other errors alone', () => {
    expect(explainGitHubError(Object.assign(new Error('Bad credentials'), { status: 401 }), 'x')).toBeInstanceOf(UserError);
    expect(explainGitHubError(Object.assign(new Error('Not Found'), { status: 404 }), 'reading x')).toBeInstanceOf(UserError);
    const server = Object.assign(new Error('boom'), { status: 502 });
    expect(explainGitHubError(server, 'x')).toBe(server);
    const plain = new Error('plain');
    expect(explainGitHubError(plain, 'x')).toBe(plain);
  });
});
