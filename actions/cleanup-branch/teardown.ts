// Tears one environment down, in the order that lets each step succeed: the objects the
// environment keeps in other namespaces, then the namespace (its pods stop using the database), then the database, then the role (after the database, which held
// what it owned). The federated credential and the GitHub deployments and environment depend on
// none of these and go at the same time. Each object is a separate step: one that fails or is
// skipped never stops the next.
import { formatExternalRef } from '../../shared/branch/ownership/outside-objects.ts';
import type { KubeClient } from '../../shared/kube/client.ts';
import { removeDatabase, removeRole, type PgAccess } from './databases.ts';
import type { BranchEnvironment, StepContext } from './environment.ts';
import { federatedCredentialName } from '../../shared/branch/ownership/azure-marks.ts';
import type { ManagedIdentity } from '../../shared/azure/managed-identity.ts';
import { ownerCredentialName, removeCredential } from './federated.ts';
import {
  environmentName,
  findDeployments,
  isProductionEnvironment,
  removeDeployment,
  removeEnvironment,
  type DeploymentInfo,
  type GitHubTarget,
} from './github-env.ts';
import { externalObjectsOf, removeExternalObject, removeNamespace } from './namespaces.ts';
import type { Recorder } from './report.ts';

/** The clients of the parts that are configured; a missing one means that part is not cleaned. */
export interface Connections {
  kube?: KubeClient;
  pg?: PgAccess;
  identity?: ManagedIdentity;
  github?: GitHubTarget;
}

/** The namespace the GitHub environment template's `{namespace}` stands for. */
export function primaryNamespace(env: BranchEnvironment, namespacePrefix: string): string {
  return env.namespaces[0] ?? `${namespacePrefix}${env.slug}`;
}

/**
 * Runs every step for the environment; outcomes go to `recorder`. `deployments`, when given,
 * are the GitHub deployments already found (a sweep reads them to date the last deploy).
 */
export async function teardown(
  env: BranchEnvironment,
  clients: Connections,
  ctx: StepContext,
  recorder: Recorder,
  options: { namespacePrefix: string; deployments?: DeploymentInfo[] },
): Promise<void> {
  const { slug } = env;
  const { kube, pg, identity, github } = clients;
  const chain = async (): Promise<void> => {
    if (kube) {
      for (const name of env.namespaces) {
        const found = await externalObjectsOf(kube, name, env, ctx).catch((error: unknown) => {
          recorder.fail('object', `objects recorded on ${name}`, slug, error);
          return undefined;
        });
        for (const ref of found?.refs ?? []) await recorder.track('object', formatExternalRef(ref), slug, () => removeExternalObject(kube, ref, env, ctx));
        await recorder.track('namespace', name, slug, () => removeNamespace(kube, name, env, ctx, found?.namespace));
      }
    }
    if (pg) {
      for (const name of env.databases) await recorder.track('database', name, slug, () => removeDatabase(pg, name, env, ctx));
      for (const name of env.roles) await recorder.track('role', name, slug, () => removeRole(pg, name, env, ctx));
    }
  };
  const credentials = async (): Promise<void> => {
    if (identity)
      for (const name of credentialNames(env)) await recorder.track('federated-credential', name, slug, () => removeCredential(identity, name, env, ctx));
  };
  await Promise.all([chain(), credentials(), github ? teardownGitHub(github, env, ctx, recorder, options) : undefined]);
}

/**
 * The credential names to handle: those found, with a name computed without the repository
 * (by a caller that does not know it) replaced by the one this branch of this repository makes.
 */
function credentialNames(env: BranchEnvironment): string[] {
  const expected = ownerCredentialName(env);
  const withoutRepository = env.branch === undefined ? undefined : federatedCredentialName({ slug: env.slug, branch: env.branch }).toLowerCase();
  const names = env.federatedCredentials.map((name) => (expected !== undefined && name.toLowerCase() === withoutRepository ? expected : name));
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}

async function teardownGitHub(
  github: GitHubTarget,
  env: BranchEnvironment,
  ctx: StepContext,
  recorder: Recorder,
  options: { namespacePrefix: string; deployments?: DeploymentInfo[] },
): Promise<void> {
  const environment = environmentName(github.environmentTemplate, env, primaryNamespace(env, options.namespacePrefix));
  let deployments = options.deployments;
  if (deployments === undefined) {
    try {
      deployments = await findDeployments(github, env, environment, ctx);
    } catch (error: unknown) {
      recorder.fail('deployment', `deployments of ${env.branch ?? env.slug}`, env.slug, error);
      return;
    }
  }
  const found = deployments;
  for (const d of found) await recorder.track('deployment', `#${d.id}`, env.slug, () => removeDeployment(github, d, ctx));
  // Only the environment the template names for this branch, exactly: a name that merely holds
  // the slug or the branch (branch `qa`, environment `qa-eu`) is another's.
  const names = new Set<string>(environment === undefined ? [] : [environment]);
  for (const other of new Set(found.map((d) => d.environment))) {
    if (names.has(other)) continue;
    const reason = isProductionEnvironment(other, ctx)
      ? 'a production environment (never deleted)'
      : `not the environment the \`environment\` template names for this branch (${environment ?? 'none'}); only this branch's deployments in it were removed`;
    recorder.note('environment', other, env.slug, { action: 'skipped', reason, warn: isProductionEnvironment(other, ctx) });
  }
  for (const name of names) await recorder.track('environment', name, env.slug, () => removeEnvironment(github, name, env, ctx));
}
