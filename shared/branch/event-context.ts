/**
 * The branch and commit a workflow run really means, read from the event payload at
 * `GITHUB_EVENT_PATH` and the `GITHUB_*` variables. For a pull request that is the head
 * branch and head commit, never the merge commit in `GITHUB_SHA`.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.ts';
import { isRecord, type JsonRecord } from '../core/json.ts';

/** What the triggering event says about branch, commit and repository. */
export interface EventContext {
  /** `GITHUB_EVENT_NAME`, e.g. `push`, `pull_request`; empty when not set. */
  eventName: string;
  /** The branch the run is about (bare name, no `refs/heads/`); undefined when there is none, see `note`. */
  branch?: string;
  /** The commit the run is about (lowercase hex), when known. */
  sha?: string;
  /** Full ref of the branch or tag the run is about (`refs/heads/x`, `refs/tags/v1`). */
  ref?: string;
  /** Whether `ref` names a branch or a tag. */
  refType?: 'branch' | 'tag';
  /** push: payload.before (all zeros for a new branch). */
  before?: string;
  /** pull_request: base branch name; push: undefined. */
  baseRef?: string;
  /** pull_request: base commit. */
  baseSha?: string;
  /** payload.repository.default_branch. */
  defaultBranch?: string;
  /** pull_request: the number. */
  pullRequestNumber?: number;
  /** payload.action (pull_request `opened`, `synchronize`, `closed`, ...). */
  action?: string;
  /** pull_request / workflow_run: true when the head branch lives in another repository (a fork). */
  fork?: boolean;
  /** pull_request / workflow_run: `owner/repo` of the head branch (the fork's, for a fork). */
  headRepository?: string;
  /** `GITHUB_REPOSITORY` (or payload.repository) split in two. */
  repository: { owner: string; repo: string } | undefined;
  /** `GITHUB_SERVER_URL`, default `https://github.com`. */
  serverUrl: string;
  /** `GITHUB_API_URL`, default `https://api.github.com`. */
  apiUrl: string;
  /** True for `delete` events and push events that delete the ref. */
  deleted: boolean;
  /** Why branch is undefined, to put in an error message. */
  note?: string;
}

type Json = JsonRecord;

const ZERO_SHA = /^0+$/;
/** Events whose branch is simply the ref the run was started on. */
const REF_EVENTS = new Set(['workflow_dispatch', 'schedule', 'repository_dispatch', 'merge_group']);

/** The value at `path` inside `obj` when it is a non-empty string. */
function str(obj: unknown, ...path: string[]): string | undefined {
  let v: unknown = obj;
  for (const key of path) v = isRecord(v) ? v[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** A lowercase commit id, or undefined for anything else (including all zeros). */
function commit(v: string | undefined): string | undefined {
  if (v === undefined || !/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(v) || ZERO_SHA.test(v)) return undefined;
  return v.toLowerCase();
}

/**
 * The payload at GITHUB_EVENT_PATH; undefined when unset, missing or unreadable.
 * @throws UserError when the file exists but is not a JSON object.
 */
function readPayload(path: string | undefined): Json | undefined {
  if (path === undefined || path === '') return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw new UserError(`GITHUB_EVENT_PATH names ${JSON.stringify(path)}, which is not valid JSON.`, {
      fix: 'Point GITHUB_EVENT_PATH at the event payload the runner wrote, or unset it.',
      cause: error,
    });
  }
  if (!isRecord(parsed)) {
    throw new UserError(`GITHUB_EVENT_PATH names ${JSON.stringify(path)}, which holds JSON but not an event object.`, {
      fix: 'Point GITHUB_EVENT_PATH at the event payload the runner wrote, or unset it.',
    });
  }
  return parsed;
}

/** Branch, ref and ref type of a full ref; tags and other refs have no branch. */
function fromRef(ref: string | undefined): Pick<EventContext, 'branch' | 'ref' | 'refType'> {
  if (ref === undefined) return {};
  if (ref.startsWith('refs/heads/') && ref.length > 11) return { branch: ref.slice(11), ref, refType: 'branch' };
  if (ref.startsWith('refs/tags/')) return { ref, refType: 'tag' };
  return { ref };
}

/** Branch-only fields when it is known to be a branch name. */
function fromBranch(branch: string | undefined): Pick<EventContext, 'branch' | 'ref' | 'refType'> {
  return branch === undefined ? {} : { branch, ref: `refs/heads/${branch}`, refType: 'branch' };
}

function repositoryOf(env: NodeJS.ProcessEnv, payload: Json | undefined): EventContext['repository'] {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (owner && repo && rest.length === 0) return { owner, repo };
  const pOwner = str(payload, 'repository', 'owner', 'login');
  const pRepo = str(payload, 'repository', 'name');
  return pOwner && pRepo ? { owner: pOwner, repo: pRepo } : undefined;
}

type EventFields = Omit<EventContext, 'eventName' | 'repository' | 'serverUrl' | 'apiUrl' | 'deleted'> & { deleted?: boolean };

function push(env: NodeJS.ProcessEnv, p: Json | undefined): EventFields {
  const ref = str(p, 'ref') ?? nonEmpty(env.GITHUB_REF);
  const after = str(p, 'after');
  const deleted = p?.deleted === true || (after !== undefined && ZERO_SHA.test(after));
  // After a deleting push GITHUB_SHA is the default branch's head, not this branch's.
  const sha = deleted ? undefined : (commit(after) ?? commit(env.GITHUB_SHA));
  const fields: EventFields = { ...fromRef(ref), sha, before: str(p, 'before'), deleted };
  return { ...fields, note: noteForRef('push', fields) };
}

function pullRequest(env: NodeJS.ProcessEnv, p: Json | undefined, event: string): EventFields {
  const pr = p?.pull_request;
  const headRepo = str(pr, 'head', 'repo', 'full_name');
  const baseRepo = str(pr, 'base', 'repo', 'full_name');
  const number = isRecord(pr) ? pr.number : p?.number;
  const fromEnv = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1];
  const fields: EventFields = {
    ...fromBranch(str(pr, 'head', 'ref') ?? nonEmpty(env.GITHUB_HEAD_REF)),
    sha: commit(str(pr, 'head', 'sha')),
    baseRef: str(pr, 'base', 'ref') ?? nonEmpty(env.GITHUB_BASE_REF),
    baseSha: commit(str(pr, 'base', 'sha')),
    pullRequestNumber: typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : fromEnv === undefined ? undefined : Number(fromEnv),
    fork: isFork(headRepo, baseRepo, pr),
    ...(headRepo === undefined ? {} : { headRepository: headRepo }),
  };
  if (fields.branch === undefined)
    fields.note = `the ${event} event payload at GITHUB_EVENT_PATH has no pull_request.head.ref and GITHUB_HEAD_REF is empty; pass the "branch" input`;
  return fields;
}

/** Whether two `owner/repo` names are the same repository (GitHub compares them without case). */
export function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether the head lives in another repository. GitHub also says so in `head.repo.fork`; a
 * head repository that was deleted (`head.repo: null`) is a fork that is gone. Repository names
 * compare without case. Undefined when the payload cannot tell.
 */
function isFork(headRepo: string | undefined, baseRepo: string | undefined, pr: unknown): boolean | undefined {
  if (headRepo !== undefined && baseRepo !== undefined) return !sameRepository(headRepo, baseRepo);
  if (isRecord(pr) && isRecord(pr.head) && pr.head.repo === null) return true;
  return undefined;
}

/**
 * workflow_run: the triggering run's head_branch and head_sha. GitHub puts a tag's name in
 * head_branch when the run was started by a tag push; the payload cannot tell them apart.
 */
function workflowRun(p: Json | undefined): EventFields {
  const run = p?.workflow_run;
  const headRepo = str(run, 'head_repository', 'full_name');
  const repo = str(run, 'repository', 'full_name');
  const fields: EventFields = {
    ...fromBranch(str(run, 'head_branch')),
    sha: commit(str(run, 'head_sha')),
    fork: isFork(headRepo, repo, undefined),
    ...(headRepo === undefined ? {} : { headRepository: headRepo }),
  };
  if (fields.branch === undefined)
    fields.note =
      'the workflow_run event payload has no workflow_run.head_branch (no payload at GITHUB_EVENT_PATH, or the run was not on a branch); pass the "branch" input';
  return fields;
}

/** delete and create carry a bare ref name and ref_type in the payload. */
function createOrDelete(env: NodeJS.ProcessEnv, p: Json | undefined, event: 'create' | 'delete'): EventFields {
  const name = str(p, 'ref');
  const type = str(p, 'ref_type');
  let fields: EventFields;
  if (name !== undefined && type === 'branch')
    fields = fromBranch(name); // a bare name, taken as it is
  else if (name !== undefined && type === 'tag') fields = { ref: `refs/tags/${name}`, refType: 'tag' };
  else if (event === 'create') fields = fromRef(nonEmpty(env.GITHUB_REF));
  else fields = {};
  if (event === 'create') fields.sha = commit(env.GITHUB_SHA);
  else fields.deleted = true;
  fields.note = noteForRef(event, fields);
  return fields;
}

function refEvent(env: NodeJS.ProcessEnv, event: string): EventFields {
  let fields = fromRef(nonEmpty(env.GITHUB_REF));
  const name = nonEmpty(env.GITHUB_REF_NAME);
  if (fields.ref === undefined && name !== undefined && env.GITHUB_REF_TYPE === 'branch') fields = fromBranch(name);
  const result: EventFields = { ...fields, sha: commit(env.GITHUB_SHA) };
  return { ...result, note: noteForRef(event, result) };
}

function noteForRef(event: string, f: EventFields): string | undefined {
  if (f.branch !== undefined) return undefined;
  if (f.refType === 'tag') return `the ${event} event is for tag ${JSON.stringify(f.ref)}, not a branch; pass the "branch" input`;
  if (f.ref !== undefined) return `the ${event} event is for ref ${JSON.stringify(f.ref)}, not a branch; pass the "branch" input`;
  return `the ${event} event names no ref (no payload at GITHUB_EVENT_PATH and no GITHUB_REF); pass the "branch" input`;
}

function eventFields(event: string, env: NodeJS.ProcessEnv, p: Json | undefined): EventFields {
  switch (event) {
    case 'push':
      return push(env, p);
    case 'pull_request':
    case 'pull_request_target':
      return pullRequest(env, p, event);
    case 'workflow_run':
      return workflowRun(p);
    case 'create':
    case 'delete':
      return createOrDelete(env, p, event);
    default:
      if (REF_EVENTS.has(event)) return refEvent(env, event);
      return {
        sha: commit(env.GITHUB_SHA),
        note:
          event === ''
            ? 'GITHUB_EVENT_NAME is not set (not running in GitHub Actions?); pass the "branch" input'
            : `the ${event} event does not say which branch to use; pass the "branch" input`,
      };
  }
}

/**
 * Reads the event context. A missing or unreadable event file falls back to the
 * `GITHUB_*` variables.
 * @throws UserError when GITHUB_EVENT_PATH names a file that is not a JSON object.
 */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const { deleted, ...fields } = eventFields(eventName, env, payload);
  return {
    eventName,
    ...fields,
    defaultBranch: str(payload, 'repository', 'default_branch'),
    action: str(payload, 'action'),
    repository: repositoryOf(env, payload),
    serverUrl: nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com',
    apiUrl: nonEmpty(env.GITHUB_API_URL) ?? 'https://api.github.com',
    deleted: deleted ?? false,
  };
}
