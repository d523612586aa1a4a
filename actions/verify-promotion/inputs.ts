import { readInputs as readEndpointInputs, type Inputs as EndpointInputs } from '../../shared/endpoints/inputs.ts';
import { readEventContext } from '../../shared/branch/event-context.ts';
import { UserError } from '../../shared/core/errors.ts';
import { parseRepository } from '../../shared/github/client.ts';
import { InputReader } from '../../shared/core/inputs.ts';

/** Everything verify-promotion reads from its inputs (names mirror action.yml). */
export interface Inputs {
  /** The Argo CD Application tracking production. */
  application: string;
  /** The namespace Argo CD's Applications live in. */
  argocdNamespace: string;
  /** The promotion's merge commit, which Argo CD must report as synced. */
  revision: string;
  /** How long to wait for Argo CD, ms. */
  syncTimeoutMs: number;
  /** How long Degraded must last before it is final, ms. */
  degradedGraceMs: number;
  /** Kubeconfig YAML or path; undefined: KUBECONFIG. */
  kubeconfig: string | undefined;
  /** Endpoint checks (verify-endpoints' inputs); undefined when `checks` is empty. */
  endpoints: EndpointInputs | undefined;
  /** Open a rollback pull request on failure. */
  rollback: boolean;
  /** The production kustomization (for the rollback). */
  kustomization: string | undefined;
  /** The production branch (the rollback pull request's base); default the pushed branch. */
  base: string;
  /** The repository holding the overlay; default the current one (empty owner and name when neither is known). */
  repository: { owner: string; repo: string };
  /** Labels of the rollback pull request. */
  rollbackLabels: string[];
  /** The promotion pull request; undefined: found by its merge commit. */
  promotionPull: number | undefined;
  /** GitHub token for the rollback pull request and the comment on the promotion. */
  token: string;
}

/** Reads and checks every input (the endpoint checks' only when `checks` is given). */
export function readInputs(reader = new InputReader(), env: NodeJS.ProcessEnv = process.env): Inputs {
  const context = readEventContext(env);
  const revision = reader.string('revision', context.sha ?? '');
  if (!/^[0-9a-f]{7,40}$/i.test(revision))
    throw new UserError(`Input \`revision\` must be a commit sha, got "${revision}".`, {
      fix: 'Leave it empty on a push to the production branch, or pass the merge commit (e.g. ${{ github.sha }}).',
    });
  const base = reader.string('base', context.branch ?? '');
  const rollback = reader.boolean('rollback', false);
  const kustomization = reader.optional('kustomization');
  if (rollback && !kustomization)
    throw new UserError('Input `kustomization` is required with `rollback: true`.', {
      fix: "Give the production overlay's kustomization.yaml, e.g. manifests/overlays/production/kustomization.yaml.",
    });
  if (rollback && !base) throw new UserError('Input `base` is required with `rollback: true` when the event names no branch.', { fix: 'e.g. base: main' });
  const repository = reader.optional('repository') ? parseRepository(reader.optional('repository')) : context.repository;
  if (rollback && !repository) throw new UserError('No repository: set `repository` (owner/name) or GITHUB_REPOSITORY.');
  const pull = reader.optional('promotion-pull-request');
  return {
    application: reader.required('application', 'The name of the Argo CD Application that syncs production, e.g. production.'),
    argocdNamespace: reader.string('argocd-namespace', 'argocd'),
    revision: revision.toLowerCase(),
    syncTimeoutMs: reader.duration('sync-timeout', '10m'),
    degradedGraceMs: reader.duration('degraded-grace', '30s'),
    kubeconfig: reader.optional('kubeconfig'),
    endpoints: reader.optional('checks') === undefined ? undefined : readEndpointInputs(reader),
    rollback,
    kustomization,
    base,
    repository: repository ?? { owner: '', repo: '' },
    rollbackLabels: reader.list('rollback-labels').length > 0 ? reader.list('rollback-labels') : ['rollback'],
    promotionPull: pull === undefined ? undefined : reader.integer('promotion-pull-request', { fallback: 0, min: 1 }),
    token: reader.string('token'),
  };
}
