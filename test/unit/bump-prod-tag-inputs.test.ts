// The `images`/`tag` grammar and the rest of bump-prod-tag's inputs.
import { describe, expect, it } from 'vitest';
import { parseImageLines, splitReference } from '../../shared/kustomize-images/image-spec.ts';
import { readInputs } from '../../actions/bump-prod-tag/inputs.ts';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';

const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const ENV = { GITHUB_REPOSITORY: 'octo-org/app', GITHUB_WORKSPACE: '/work' };

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('bump-prod-tag images grammar', () => {
  it.each([
    ['acr.io/app=main-1', undefined, { name: 'acr.io/app', newTag: 'main-1' }],
    ['acr.io/app=mirror.io/app:v2', undefined, { name: 'acr.io/app', newName: 'mirror.io/app', newTag: 'v2' }],
    ['acr.io/app=mirror.io/app', 'v3', { name: 'acr.io/app', newName: 'mirror.io/app', newTag: 'v3' }],
    [`acr.io/app@${DIGEST}`, undefined, { name: 'acr.io/app', digest: DIGEST }],
    [`acr.io/app=@${DIGEST}`, undefined, { name: 'acr.io/app', digest: DIGEST }],
    [`acr.io/app=mirror.io/app:v2@${DIGEST}`, undefined, { name: 'acr.io/app', newName: 'mirror.io/app', newTag: 'v2', digest: DIGEST }],
    ['acr.io/app:v4', undefined, { name: 'acr.io/app', newTag: 'v4' }],
    ['localhost:5000/team/app:v5', undefined, { name: 'localhost:5000/team/app', newTag: 'v5' }],
    ['localhost:5000/team/app', `main-${SHA}`, { name: 'localhost:5000/team/app', newTag: `main-${SHA}` }],
    [' acr.io/app = main-2 ', undefined, { name: 'acr.io/app', newTag: 'main-2' }],
  ])('%s (tag %s)', (line, tag, expected) => {
    expect(parseImageLines([line], tag)).toEqual([expected]);
  });

  it('splits references with a registry port', () => {
    expect(splitReference('r:5000/a')).toEqual({ name: 'r:5000/a' });
    expect(splitReference(`r:5000/a:t@${DIGEST}`)).toEqual({ name: 'r:5000/a', tag: 't', digest: DIGEST });
  });

  it.each([
    [['acr.io/app'], undefined, /entry 1 "acr.io\/app": it names no tag or digest and the `tag` input is empty/],
    [['acr.io/App=v1'], undefined, /"acr.io\/App" is not a valid image name/],
    [['acr.io/app=-v1'], undefined, /"-v1" is not a valid new image name/],
    [['acr.io/app:v1!'], undefined, /"v1!" is not a valid tag/],
    [['acr.io/app@sha256:abc'], undefined, /"sha256:abc" is not a valid digest/],
    [['acr.io/app='], undefined, /nothing follows `=`/],
    [['acr.io/app=v1', 'acr.io/app=v2'], undefined, /entry 2 .*already given in entry 1.*Give each image once/],
    [[], 'v1', /Input `images` is required/],
    [['acr.io/app'], '.bad', /Input `tag` must be a Docker tag, got "\.bad"/],
  ])('refuses %j (tag %s)', (lines, tag, expected) => {
    expect(message(() => parseImageLines(lines, tag))).toMatch(expected);
  });
});

describe('bump-prod-tag readInputs', () => {
  const read = (record: Record<string, string>, env: NodeJS.ProcessEnv = ENV): ReturnType<typeof readInputs> =>
    readInputs(new InputReader(inputsFromRecord({ token: 'ghs_x', ...record })), env);

  it('reads the defaults and the kubemooc form', () => {
    const inputs = read({
      kustomization: 'manifests/overlays/production/kustomization.yaml\nmanifests/overlays/staging',
      images: 'kubemooc.azurecr.io/todo-app-be\nkubemooc.azurecr.io/todo-app-fe',
      tag: `main-${SHA}`,
      labels: 'promotion, production',
      reviewers: 'alice\nocto-org/sre',
    });
    expect(inputs).toMatchObject({
      kustomizations: ['manifests/overlays/production/kustomization.yaml', 'manifests/overlays/staging'],
      requests: [
        { name: 'kubemooc.azurecr.io/todo-app-be', newTag: `main-${SHA}` },
        { name: 'kubemooc.azurecr.io/todo-app-fe', newTag: `main-${SHA}` },
      ],
      mode: 'pull-request',
      addMissing: false,
      verifyImages: false,
      repository: { owner: 'octo-org', repo: 'app' },
      sourceRepository: { owner: 'octo-org', repo: 'app' },
      base: undefined,
      branch: undefined,
      labels: ['promotion', 'production'],
      reviewers: ['alice', 'octo-org/sre'],
      workingDirectory: '/work',
      registry: {},
    });
  });

  it('reads registry credentials and the other choices', () => {
    const inputs = read({
      kustomization: 'k.yaml',
      images: 'a/b=v1',
      mode: 'commit',
      base: 'refs/heads/release/1',
      branch: 'promote/prod',
      'add-missing': 'true',
      'verify-images': 'TRUE',
      'registry-username': '00000000-0000-0000-0000-000000000000',
      'registry-password': 'refresh-token',
      'azure-access-token': 'eyJ.x.y',
      repository: 'acme/gitops',
    });
    expect(inputs).toMatchObject({
      mode: 'commit',
      base: 'release/1',
      branch: 'promote/prod',
      addMissing: true,
      verifyImages: true,
      repository: { owner: 'acme', repo: 'gitops' },
    });
    expect(inputs.registry).toEqual({ username: '00000000-0000-0000-0000-000000000000', password: 'refresh-token', azureAccessToken: 'eyJ.x.y' });
  });

  it.each([
    [{ images: 'a/b=v1' }, /Input `kustomization` is required/],
    [{ kustomization: '../outside/kustomization.yaml', images: 'a/b=v1' }, /not a path inside the repository/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', mode: 'Commit' }, /Input `mode` must be one of .*did you mean "commit"/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', 'verify-images': 'yes' }, /Input `verify-images` must be true or false, got "yes"/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', branch: 'bad..name' }, /Input `branch` must be a branch name, got "bad\.\.name"/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', base: 'has space' }, /Input `base` must be a branch name/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', reviewers: 'not a user' }, /Input `reviewers` holds "not a user"/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', 'registry-username': 'u' }, /`registry-username` and `registry-password` go together/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', token: '' }, /Input `token` is empty/],
    [{ kustomization: 'k.yaml', images: 'a/b=v1', repository: 'not-a-repo' }, /Input `repository` must be owner\/repo/],
  ])('refuses %j', (record, expected) => {
    expect(message(() => read(record))).toMatch(expected);
  });

  it('needs no token or repository in local mode, and allows paths outside the repository there', () => {
    const inputs = read({ kustomization: '../other/k.yaml', images: 'a/b=v1', mode: 'local', token: '' }, {});
    expect(inputs.mode).toBe('local');
    expect(inputs.repository).toBeUndefined();
  });

  it('refuses a missing repository outside local mode', () => {
    expect(message(() => read({ kustomization: 'k.yaml', images: 'a/b=v1' }, {}))).toMatch(/No repository to promote in/);
  });
});
