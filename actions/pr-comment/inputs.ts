import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';

/** Everything pr-comment reads from its inputs (names mirror action.yml). */
export interface Inputs {
  /** Token that writes the comment (`github-token`). */
  token: string;
  /** The login the token acts as: only its comments are ever edited. */
  author: string;
  /** Explicit pull request number; undefined: the event's. */
  pullRequest: number | undefined;
  /** The comment's name in its hidden marker. */
  marker: string;
  /** `none`: no environment (yet): the comment carries only `note`, e.g. how to ask for one. */
  status: 'success' | 'failure' | 'none';
  /** Verdict lines of the suite's steps (empty lines dropped). */
  verdict: string[];
  /** The environment's URL, shown as a link. */
  environmentUrl: string | undefined;
  /** The branch namespace. */
  namespace: string | undefined;
  /** The branch database. */
  database: string | undefined;
  /** The image tag deployed. */
  imageTag: string | undefined;
  /** undefined: no smoke check ran. */
  smokeCheck: boolean | undefined;
  /** The workflow's own closing line (Markdown, shown as written). */
  note: string | undefined;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`Input \`${name}\` must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`);
}

/** `needs.<job>.result` as the comment's state: cancelled and skipped are not a success. */
function statusOf(value: string): Inputs['status'] {
  if (value === 'none') return 'none';
  return value === 'success' ? 'success' : 'failure';
}

/** Reads and checks the inputs. */
export function readInputs(reader = new InputReader()): Inputs {
  const number = reader.optional('pull-request');
  if (number !== undefined && !/^[1-9]\d{0,9}$/.test(number))
    throw new UserError(`Input \`pull-request\` must be a pull request number, got ${JSON.stringify(number)}.`);
  const marker = reader.string('marker', 'feature-environment');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(marker))
    throw new UserError(`Input \`marker\` must be 1 to 64 letters, digits, \`.\`, \`_\` or \`-\`, got ${JSON.stringify(marker)}.`);
  const author = reader.string('comment-author', 'github-actions[bot]');
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/.test(author))
    throw new UserError(`Input \`comment-author\` must be a GitHub login (a bot's ends in [bot]), got ${JSON.stringify(author)}.`);
  // `needs.<job>.result` can also be `cancelled` or `skipped`: not a success.
  const status = reader.string('status', 'success');
  const smoke = reader.optional('smoke-check');
  return {
    token: reader.string('github-token'),
    author,
    pullRequest: number === undefined ? undefined : Number(number),
    marker,
    status: statusOf(oneOf('status', status, ['success', 'failure', 'cancelled', 'skipped', 'none'])),
    verdict: reader
      .string('verdict')
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== ''),
    environmentUrl: reader.optional('environment-url'),
    namespace: reader.optional('namespace'),
    database: reader.optional('database'),
    imageTag: reader.optional('image-tag'),
    note: reader.optional('note'),
    smokeCheck: smoke === undefined ? undefined : oneOf('smoke-check', smoke, ['true', 'passed', 'false', 'failed']) === 'true' || smoke === 'passed',
  };
}
