// JSON renderings shared by several areas: the repository object and the
// `commit` object of the repos API (as branches and compare return it).
import { formatIsoDate, type Signature } from './git-objects.ts';
import type { Repository } from './repo-state.ts';
import { nodeId, notFound, type Ctx, type Urls } from './respond.ts';

const CREATED = '2020-01-01T00:00:00Z';

/** GitHub's `repository` object (the full form adds counts, permissions and settings). */
export function repositoryJson(urls: Urls, repo: Repository, full = false): Record<string, unknown> {
  const api = urls.repoApi(repo);
  const html = urls.repoHtml(repo);
  const base: Record<string, unknown> = {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: urls.user({ login: repo.owner, id: repo.id + 1, type: 'Organization' }),
    html_url: html,
    description: null,
    fork: false,
    url: api,
  };
  for (const [key, suffix] of Object.entries(URL_TEMPLATES)) base[key] = `${api}${suffix}`;
  Object.assign(base, {
    created_at: CREATED,
    updated_at: repo.now(),
    pushed_at: repo.now(),
    git_url: `git://${new URL(urls.html).host}/${repo.fullName}.git`,
    ssh_url: `git@${new URL(urls.html).host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: [...repo.issues.values()].filter((i) => i.state === 'open').length,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: [...repo.issues.values()].filter((i) => i.state === 'open').length,
    watchers: 0,
    default_branch: repo.defaultBranch,
  });
  if (full) {
    Object.assign(base, {
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      temp_clone_token: '',
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      organization: urls.user({ login: repo.owner, id: repo.id + 1, type: 'Organization' }),
      network_count: 0,
      subscribers_count: 0,
    });
  }
  return base;
}

const URL_TEMPLATES: Record<string, string> = {
  forks_url: '/forks',
  keys_url: '/keys{/key_id}',
  collaborators_url: '/collaborators{/collaborator}',
  teams_url: '/teams',
  hooks_url: '/hooks',
  issue_events_url: '/issues/events{/number}',
  events_url: '/events',
  assignees_url: '/assignees{/user}',
  branches_url: '/branches{/branch}',
  tags_url: '/tags',
  blobs_url: '/git/blobs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  git_refs_url: '/git/refs{/sha}',
  trees_url: '/git/trees{/sha}',
  statuses_url: '/statuses/{sha}',
  languages_url: '/languages',
  stargazers_url: '/stargazers',
  contributors_url: '/contributors',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  commits_url: '/commits{/sha}',
  git_commits_url: '/git/commits{/sha}',
  comments_url: '/comments{/number}',
  issue_comment_url: '/issues/comments{/number}',
  contents_url: '/contents/{+path}',
  compare_url: '/compare/{base}...{head}',
  merges_url: '/merges',
  archive_url: '/{archive_format}{/ref}',
  downloads_url: '/downloads',
  issues_url: '/issues{/number}',
  pulls_url: '/pulls{/number}',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  labels_url: '/labels{/name}',
  releases_url: '/releases{/id}',
  deployments_url: '/deployments',
};

/** The repos API's `commit` object (what branches and compare list). */
export function repoCommitJson(ctx: Ctx, sha: string): Record<string, unknown> {
  const commit = ctx.repo.git.commit(sha);
  if (!commit) throw notFound();
  const api = ctx.urls.repoApi(ctx.repo);
  const html = ctx.urls.repoHtml(ctx.repo);
  const person = (sig: Signature): Record<string, string> => ({ name: sig.name, email: sig.email, date: formatIsoDate(sig.seconds) });
  return {
    sha,
    node_id: nodeId('Commit', sha),
    commit: {
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      url: `${api}/git/commits/${sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: `${api}/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    author: null,
    committer: null,
    parents: commit.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${html}/commit/${p}` })),
  };
}
