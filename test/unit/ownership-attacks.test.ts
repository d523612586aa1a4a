// No two distinct branches ever act on one environment: not look-alikes, not `refs/heads/`
// forms, not a fork's head branch, and not two names crafted to share the slug's 40-bit hash
// (one such pair is found by search below). The names may collide; the exact marks never do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { checkMark, ownerOf, ownershipAnnotations, type EnvironmentOwner } from '../../shared/branch/ownership/kube-marks.ts';
import type { KubeObject } from '../../shared/kube/client.ts';
import { branchNames, forkPullRequestNames, ownershipLabels, type BranchNames } from '../../shared/branch/naming.ts';
import { markBelongs } from '../../actions/cleanup-branch/environment.ts';
import { craftedCollision } from '../helpers/collisions.ts';
import { newOwnershipMark } from '../../shared/branch/ownership/azure-marks.ts';

const REPO = 'octo-org/preview-app';

/** The namespace deploy-overlay makes for a branch: its labels and its exact mark. */
function namespaceOf(names: BranchNames, repository = REPO): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: names.namespace, labels: ownershipLabels(names), annotations: ownershipAnnotations({ branch: names.branch, repository }) },
  };
}

/** Whether `b` may act on what was made for `a`, by each mark the suite checks. */
function mayAct(a: BranchNames, b: BranchNames): { namespace: boolean; database: boolean } {
  const owner: EnvironmentOwner = ownerOf(b, REPO);
  return {
    namespace: checkMark(namespaceOf(a), owner).state === 'ours',
    database: markBelongs(newOwnershipMark(a.branch), { slug: b.slug, branch: b.branch, repository: REPO }),
  };
}

describe('crafted slug collisions', () => {
  it('two different branches with identical names never act on each other', () => {
    const [a, b] = craftedCollision();
    const na = branchNames(a);
    const nb = branchNames(b);
    expect(a).not.toBe(b);
    // The collision is real: every name is shared...
    expect([nb.slug, nb.namespace, nb.database, nb.role]).toEqual([na.slug, na.namespace, na.database, na.role]);
    // ...and still neither branch may act on the other's environment.
    expect(mayAct(na, nb)).toEqual({ namespace: false, database: false });
    expect(mayAct(nb, na)).toEqual({ namespace: false, database: false });
    expect(mayAct(na, na)).toEqual({ namespace: true, database: true });
    // A label-only namespace with that hashed slug proves no owner at all.
    const labelOnly = { ...namespaceOf(na), metadata: { name: na.namespace, labels: ownershipLabels(na) } };
    expect(checkMark(labelOnly, ownerOf(na, REPO)).state).toBe('unproven');
  });
});

describe('random pairs of branches', () => {
  const word = fc.oneof(
    fc.constantFrom('feature', 'Feature', 'login', 'LOGIN', 'ex', '3', '9', 'main', 'refs', 'heads', 'pull'),
    fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
  );
  const sep = fc.constantFrom('-', '/', '_', '.', '--', '');
  const name = fc
    .tuple(fc.constantFrom('', '', 'refs/heads/', 'refs/pull/', 'Refs/heads/'), fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 6 }))
    .map(([lead, parts]) => lead + parts.map(([w, s]) => w + s).join(''));
  const names = (b: string): BranchNames | undefined => {
    try {
      return branchNames(b);
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(UserError);
      return undefined;
    }
  };

  it('never lets one act on what the other made; refs/ forms get no names at all', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        const na = names(a);
        const nb = names(b);
        for (const [text, n] of [
          [a, na],
          [b, nb],
        ] as const)
          expect(n === undefined).toBe(text.startsWith('refs/'));
        if (na === undefined || nb === undefined) return;
        expect(mayAct(na, nb)).toEqual({ namespace: false, database: false });
        expect(mayAct(nb, na)).toEqual({ namespace: false, database: false });
      }),
      { numRuns: 3000 },
    );
  });

  it('a fork pull request never acts on the branch its head is named like, nor the reverse', () => {
    fc.assert(
      fc.property(name, fc.integer({ min: 1, max: 1_000_000 }), (b, number) => {
        const nb = names(b);
        if (nb === undefined) return;
        const fork = forkPullRequestNames(number);
        expect(mayAct(fork, nb)).toEqual({ namespace: false, database: false });
        expect(mayAct(nb, fork)).toEqual({ namespace: false, database: false });
      }),
      { numRuns: 1000 },
    );
  });

  it("a label-only (older) mark proves only the branch's own Namespace with an unhashed slug, nothing an older version took over", () => {
    const n = branchNames('feature-9');
    const labels = ownershipLabels(n);
    const owner = ownerOf(n, REPO);
    expect(checkMark({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.namespace, labels } }, owner)).toEqual({ state: 'ours', legacy: true });
    expect(checkMark({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd', labels } }, owner).state).toBe('unproven');
    expect(checkMark({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n.namespace, namespace: 'monitoring', labels } }, owner).state).toBe('unproven');
    expect(checkMark({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', labels } }, owner).state).toBe('unproven');
    expect(checkMark({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.namespace, labels } }, { ...owner, namespace: undefined }).state).toBe(
      'unproven',
    );
  });

  it('the same branch of another repository never acts on this one', () => {
    const n = branchNames('feature/login');
    expect(checkMark(namespaceOf(n, 'other-org/preview-app'), ownerOf(n, REPO)).state).toBe('other');
    expect(checkMark(namespaceOf(n, 'Octo-Org/Preview-App'), ownerOf(n, REPO)).state).toBe('ours');
  });
});
