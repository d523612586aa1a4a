import { UserError, quoteValue } from '../../shared/core/errors.ts';
import { parseRepository, type RepoRef } from '../../shared/github/client.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { parseImageLines, type ImageRequest } from '../../shared/kustomize-images/image-spec.ts';
import type { RegistryAuth } from './registry.ts';

/** How the edit reaches the repository. */
export type Mode = 'pull-request' | 'commit' | 'local';

/** Everything bump-prod-tag reads from its inputs (names mirror action.yml). */
export interface Inputs {
  /** Kustomization files, or directories holding one (input `kustomization`). */
  kustomizations: string[];
  /** The image changes (inputs `images` and `tag`). */
  requests: ImageRequest[];
  /** Add entries for images a file lacks instead of failing. */
  addMissing: boolean;
  /** Check each new image reference exists in its registry before promoting. */
  verifyImages: boolean;
  /** Credentials for the registries `verify-images` asks (`registry-token`, `registry-username`/`registry-password`, `azure-access-token`). */
  registry: RegistryAuth;
  /** How the edit reaches the repository: a `pull-request`, a direct `commit` on the base, or only the `local` workspace. */
  mode: Mode;
  /** Repository holding the overlays (default: this one). */
  repository: RepoRef | undefined;
  /** Branch to read from and merge into; undefined means the repository's default branch. */
  base: string | undefined;
  /** Promotion branch; undefined means `promote/<overlay path>`. */
  branch: string | undefined;
  /** Title of the pull request; undefined: `Promote <images> to <tag> (<overlay>)`. */
  title: string | undefined;
  /** Message of the commit; undefined: the title and one `image field: old → new` line per change. */
  commitMessage: string | undefined;
  /** Labels put on the promotion pull request. */
  labels: string[];
  /** Users, or `org/team` for teams. */
  reviewers: string[];
  /** GitHub token that writes the branch, commit and pull request (unused in `local` mode). */
  token: string;
  /** Repository whose commits the tags' shas name (for compare links; default this one). */
  sourceRepository: RepoRef | undefined;
  /** Where `local` mode finds the files. */
  workingDirectory: string;
}

const MODES: readonly Mode[] = ['pull-request', 'commit', 'local'];
/** A branch name git and GitHub accept (a subset of check-ref-format). */
const BRANCH = /^(?!\/|.*(?:\/\/|\.\.|@\{|\/\.|\.lock\/|\.lock$|[/.]$))[^\s~^:?*[\\]+$/;
const REVIEWER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/;

function branchInput(reader: InputReader, name: string): string | undefined {
  const value = reader.optional(name)?.replace(/^refs\/heads\//, '');
  const control = value !== undefined && Array.from(value, (c) => c.charCodeAt(0)).some((code) => code < 32 || code === 127);
  if (value !== undefined && (!BRANCH.test(value) || value === '@' || control)) {
    throw new UserError(`Input \`${name}\` must be a branch name, got ${quoteValue(value)}.`, {
      fix: 'Use letters, digits, `/`, `-`, `_` and `.` (no spaces, `..`, `~`, `^`, `:`).',
    });
  }
  return value;
}

function paths(reader: InputReader, mode: Mode): string[] {
  const list = reader.list('kustomization');
  if (list.length === 0) {
    throw new UserError('Input `kustomization` is required.', {
      fix: 'Give the overlay kustomization.yaml path(s), e.g. `manifests/overlays/production/kustomization.yaml`.',
    });
  }
  for (const path of list) {
    if (mode !== 'local' && (path.split('/').includes('..') || path.includes('\\'))) {
      throw new UserError(`Input \`kustomization\` holds ${quoteValue(path)}, which is not a path inside the repository.`, {
        fix: 'Give paths relative to the repository root, with `/` separators and no `..`.',
      });
    }
  }
  return list;
}

function registryAuth(reader: InputReader): RegistryAuth {
  const auth: RegistryAuth = {};
  const token = reader.optional('registry-token');
  const username = reader.optional('registry-username');
  const password = reader.optional('registry-password');
  const azure = reader.optional('azure-access-token');
  if ((username === undefined) !== (password === undefined)) {
    throw new UserError('Inputs `registry-username` and `registry-password` go together: one is set, the other is empty.', {
      fix: 'Set both (for ACR with `az acr login --expose-token`, the username is 00000000-0000-0000-0000-000000000000), or neither.',
    });
  }
  if (token !== undefined) auth.token = token;
  if (username !== undefined) auth.username = username;
  if (password !== undefined) auth.password = password;
  if (azure !== undefined) auth.azureAccessToken = azure;
  return auth;
}

/** Reads and checks every input. */
export function readInputs(reader = new InputReader(), env: NodeJS.ProcessEnv = process.env): Inputs {
  const mode = reader.choice('mode', MODES, 'pull-request');
  const kustomizations = paths(reader, mode);
  const requests = parseImageLines(reader.list('images'), reader.optional('tag'));
  const reviewers = reader.list('reviewers');
  for (const reviewer of reviewers) {
    if (!REVIEWER.test(reviewer)) {
      throw new UserError(`Input \`reviewers\` holds ${quoteValue(reviewer)}, which is not a GitHub user or org/team.`, {
        fix: 'List user logins, or `org/team-slug` for teams.',
      });
    }
  }
  const repositoryText = reader.optional('repository') ?? env['GITHUB_REPOSITORY'];
  const sourceText = reader.optional('source-repository') ?? env['GITHUB_REPOSITORY'];
  const token = reader.string('token');
  if (mode !== 'local' && token === '') {
    throw new UserError('Input `token` is empty.', {
      fix: 'Pass `token: ${{ github.token }}` (the default) or a token with contents: write and pull-requests: write.',
    });
  }
  if (mode !== 'local' && repositoryText === undefined) {
    throw new UserError('No repository to promote in: input `repository` and GITHUB_REPOSITORY are both empty.', { fix: 'Set `repository: owner/name`.' });
  }
  return {
    kustomizations,
    requests,
    addMissing: reader.boolean('add-missing', false),
    verifyImages: reader.boolean('verify-images', false),
    registry: registryAuth(reader),
    mode,
    repository: repositoryText === undefined ? undefined : parseRepository(repositoryText, 'repository'),
    base: branchInput(reader, 'base'),
    branch: branchInput(reader, 'branch'),
    title: reader.optional('title'),
    commitMessage: reader.optional('commit-message'),
    labels: reader.list('labels'),
    reviewers,
    token,
    sourceRepository: sourceText === undefined ? undefined : parseRepository(sourceText, 'source-repository'),
    workingDirectory: reader.string('working-directory', env['GITHUB_WORKSPACE'] ?? process.cwd()),
  };
}
