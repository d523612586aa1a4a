// Objects marked exactly as deploy-overlay marks what it applies: the ownership labels (slug) and
// the exact mark (branch and repository annotations), for tests that seed an environment.
import { ownershipAnnotations } from '../../shared/branch/ownership/kube-marks.ts';
import { branchNames, ownershipLabels } from '../../shared/branch/naming.ts';

/** The metadata deploy-overlay gives an object of `branch` of `repository`. */
export function markedMetadata(
  branch: string,
  repository: string,
  name: string,
  namespace?: string,
): { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> } {
  const names = branchNames(branch);
  return { name, ...(namespace === undefined ? {} : { namespace }), labels: ownershipLabels(names), annotations: ownershipAnnotations({ branch, repository }) };
}

/** The branch Namespace as deploy-overlay makes it. */
export function markedNamespace(branch: string, repository: string): { apiVersion: string; kind: string; metadata: ReturnType<typeof markedMetadata> } {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: markedMetadata(branch, repository, branchNames(branch).namespace) };
}
