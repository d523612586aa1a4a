// The sweep's reading of GitHub lists (issue 12, item 4): only JSON arrays of well-formed items,
// on every page the Link header promises, on the API's own server.
import { describe, expect, it } from 'vitest';
import { parseLinkHeader, readBranch, readList, readPull, type Answer } from '../../actions/cleanup-branch/github-lists.ts';
import { isUserError } from '../../shared/core/errors.ts';
import { deploymentMarkNames, deploymentPayload, parseDeploymentMark } from '../../shared/branch/ownership/deployment-marks.ts';

const API = 'https://api.github.com/repos/o/r/branches';
const url = (page: number): string => `${API}?per_page=2&page=${page}`;
const link = (page: number, last: number): string =>
  [page < last ? `<${url(page + 1)}>; rel="next", <${url(last)}>; rel="last"` : '', page > 1 ? `<${url(1)}>; rel="first"` : ''].filter(Boolean).join(', ');

/** Pages of branch names, answered as GitHub would, with `edit` applied to page n. */
function server(pages: string[][], edit: (n: number, answer: Answer) => Answer = (_n, a) => a) {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    get: (target: string | undefined): Promise<Answer> => {
      asked.push(target);
      const n = target === undefined ? 1 : Number(new URL(target).searchParams.get('page'));
      const answer: Answer = {
        url: target ?? `${API}?per_page=2`,
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', link: link(n, pages.length) },
        data: (pages[n - 1] ?? []).map((name) => ({ name })),
      };
      return Promise.resolve(edit(n, answer));
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(error), String(error)).toBe(true);
  return (error as Error).message;
}

const shape = { noun: 'branches', read: readBranch };

describe('readList', () => {
  it('follows every page to the last one', async () => {
    const s = server([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await readList(s.get, 'o/r', shape)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(s.asked).toEqual([undefined, url(2), url(3)]);
  });

  it.each<[string, (n: number, a: Answer) => Answer, RegExp]>([
    [
      'a JSON object',
      (n, a) => (n === 1 ? { ...a, data: { message: 'hi' } } : a),
      /page 1 .* is not a JSON list: HTTP 200, application\/json: a JSON object with keys message \(message "hi"\)/,
    ],
    [
      'an HTML page',
      (n, a) => (n === 2 ? { ...a, headers: { 'content-type': 'text/html' }, data: '<html>login</html>' } : a),
      /page 2 .* is not a JSON list: HTTP 200, text\/html: a text body starting "<html>login<\/html>"/,
    ],
    [
      'a page that loses its Link header',
      (n, a) => (n === 2 ? { ...a, headers: { 'content-type': 'application/json' } } : a),
      /stops at page 2 .* promised 3 page\(s\)/,
    ],
    [
      'a next link to another server',
      (n, a) =>
        n === 1 ? { ...a, headers: { ...a.headers, link: '<https://evil.example/x?page=2>; rel="next", <https://evil.example/x?page=3>; rel="last"' } } : a,
      /another server/,
    ],
    [
      'a next link to another list',
      (n, a) =>
        n === 1
          ? {
              ...a,
              headers: {
                ...a.headers,
                link: '<https://api.github.com/repos/o/other/branches?per_page=2&page=2>; rel="next", <https://api.github.com/repos/o/other/branches?per_page=2&page=3>; rel="last"',
              },
            }
          : a,
      /another list/,
    ],
    [
      'a next link that skips a page',
      (n, a) => (n === 1 ? { ...a, headers: { ...a.headers, link: `<${url(3)}>; rel="next", <${url(3)}>; rel="last"` } } : a),
      /does not follow it/,
    ],
    ['an item without a name', (n, a) => (n === 3 ? { ...a, data: [{ nme: 'e' }] } : a), /item 1 on page 3 .* has no non-empty string `name`: \{"nme":"e"\}/],
    ['a 204 with no body', (n, a) => (n === 1 ? { ...a, status: 204, data: '' } : a), /HTTP 204, application\/json: an empty body/],
  ])('refuses %s, naming the answer', async (_what, edit, message) => {
    const text = await refusal(readList(server([['a', 'b'], ['c', 'd'], ['e']], edit).get, 'o/r', shape));
    expect(text).toMatch(message);
    expect(text).toMatch(/removes nothing/);
  });

  it('reads pull requests with their head repository (null for a deleted fork)', async () => {
    const get = (): Promise<Answer> =>
      Promise.resolve({
        url: API,
        status: 200,
        headers: {},
        data: [
          { number: 3, head: { ref: 'x', repo: { full_name: 'o/r' } } },
          { number: 4, head: { ref: 'y', repo: null } },
        ],
      });
    expect(await readList(get, 'o/r', { noun: 'open pull requests', read: readPull })).toEqual([
      { branch: 'x', number: 3, headRepository: 'o/r' },
      { branch: 'y', number: 4, headRepository: null },
    ]);
    for (const bad of [
      { number: '3', head: { ref: 'x', repo: null } },
      { number: 3, head: { ref: '', repo: null } },
      { number: 3, head: { ref: 'x' } },
      { number: 3 },
    ]) {
      expect(readPull(bad)).toHaveProperty('problem');
    }
  });

  it('parses Link headers', () => {
    expect([...parseLinkHeader(`<${url(2)}>; rel="next", <${url(5)}>; rel="last"`)]).toEqual([
      ['next', url(2)],
      ['last', url(5)],
    ]);
    expect(parseLinkHeader(undefined).size).toBe(0);
  });
});

describe('deployment payload marks', () => {
  it('names exactly one branch of one repository, as an object or JSON text', () => {
    const mark = deploymentPayload('feature/x', 'Octo/App');
    expect(deploymentMarkNames(mark, 'feature/x', 'octo/app')).toBe(true);
    expect(deploymentMarkNames(JSON.stringify(mark), 'feature/x', 'octo/app')).toBe(true);
    expect(deploymentMarkNames(mark, 'refs/heads/feature/x', 'octo/app')).toBe(false);
    expect(deploymentMarkNames(mark, 'feature/x', 'evil/app')).toBe(false);
    for (const other of [{}, '', 'not json', [mark], { ...mark, 'managed-by': 'x' }, { branch: 'feature/x', repository: 'octo/app' }, null])
      expect(parseDeploymentMark(other)).toBeUndefined();
  });
});
