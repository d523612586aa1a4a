// The mark on the GitHub deployments the suite creates: deploy-overlay sends it as the
// deployment's `payload`, cleanup-branch removes a deployment only when its payload carries it
// and names exactly the branch being cleaned up, of the repository the deployment is in.
// Other workflows' deployments of the same branch (no mark, or another tool's payload) are
// never touched. Pure functions, no I/O.
import { sameRepository } from '../event-context.ts';
import { MANAGED_BY_VALUE } from '../naming.ts';

/** What a deployment's mark records. */
export interface DeploymentMark {
  /** Always {@link MANAGED_BY_VALUE}. */
  managedBy: string;
  /** The exact branch deployed (or a fork pull request's identity), as the naming function got it. */
  branch: string;
  /** `owner/repo` whose branch it is. */
  repository: string;
}

/** The `payload` deploy-overlay sends when it creates a deployment. */
export function deploymentPayload(branch: string, repository: string): Record<string, string> {
  return { 'managed-by': MANAGED_BY_VALUE, branch, repository };
}

/**
 * Reads a deployment's `payload` as GitHub returns it (an object, or a string when a client
 * sent a string). Returns undefined for anything that is not the suite's mark. Never throws:
 * any workflow can create a deployment with any payload.
 */
export function parseDeploymentMark(payload: unknown): DeploymentMark | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const json = value as Record<string, unknown>;
  const { branch, repository } = json;
  if (json['managed-by'] !== MANAGED_BY_VALUE || typeof branch !== 'string' || branch === '' || typeof repository !== 'string' || repository === '')
    return undefined;
  return { managedBy: MANAGED_BY_VALUE, branch, repository };
}

/**
 * Whether the payload marks the deployment as the suite's, for exactly `branch` (compared to
 * the letter: `refs/heads/x` is not `x`) of `repository` (compared without case, as GitHub does).
 */
export function deploymentMarkNames(payload: unknown, branch: string, repository: string): boolean {
  const mark = parseDeploymentMark(payload);
  return mark !== undefined && mark.branch === branch && sameRepository(mark.repository, repository);
}
