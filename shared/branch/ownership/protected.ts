// What the suite never touches, whoever asks: `default`, `kube-*` and the production namespaces;
// and the label selector of what it made for a branch.
import { UserError, quoteValue } from '../../core/errors.ts';
import type { InputReader } from '../../core/inputs.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, isValidDnsLabel, type BranchNames } from '../naming.ts';

/**
 * Production namespaces when `production-namespaces` is not given (deploy-overlay and
 * cleanup-branch share it): never written to or removed, like `default` and `kube-*`.
 */
export const DEFAULT_PRODUCTION_NAMESPACES: readonly string[] = ['production', 'prod', 'project'];

/**
 * Input `production-namespaces` (deploy-overlay and cleanup-branch): namespace names, default
 * {@link DEFAULT_PRODUCTION_NAMESPACES}.
 * @throws UserError naming the input for a value that is not a namespace name.
 */
export function readProductionNamespaces(reader: InputReader): string[] {
  const given = reader.list('production-namespaces');
  for (const name of given) {
    if (!isValidDnsLabel(name)) {
      throw new UserError(`Input \`production-namespaces\` holds ${quoteValue(name)}, which is not a namespace name.`, {
        fix: 'List namespace names (lower-case letters, digits and `-`), one per line or comma-separated.',
      });
    }
  }
  return given.length > 0 ? given : [...DEFAULT_PRODUCTION_NAMESPACES];
}

/** Namespaces the suite never writes into or deletes: `default`, `kube-*`, and `extra` (the production namespaces). */
export function isProtectedNamespace(name: string, extra: readonly string[] = []): boolean {
  return name === 'default' || name.startsWith('kube-') || extra.includes(name);
}

/** The label selector of everything the suite made for a branch. */
export function ownershipSelector(names: Pick<BranchNames, 'labelValue'>): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${BRANCH_LABEL}=${names.labelValue}`;
}
