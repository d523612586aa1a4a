// A user-assigned managed identity and its federated identity credentials, through ARM's REST
// API (Microsoft.ManagedIdentity has no SDK in the suite's dependencies). Every request is retried
// under the run's deadline and explained with the inputs to fix; lists are read to their last
// page; writes to one identity go one at a time in this process, because Azure refuses
// overlapping ones (409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity,
// which is also retried when another run causes it).
import type { Deadline } from '../core/deadline.ts';
import { recordOr } from '../core/json.ts';
import { Limiter } from '../core/limit.ts';
import { retry } from '../core/retry.ts';
import { armCall } from './arm-call.ts';
import { ArmRequestError, type ArmRestClient } from './arm.ts';
import type { ArmErrorContext } from './errors.ts';

/** api-version of Microsoft.ManagedIdentity used by the suite. */
export const MSI_API_VERSION = '2023-01-31';
/** Azure's limit of federated identity credentials per managed identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** Where the identity is. */
export interface IdentityRef {
  subscriptionId: string;
  resourceGroup: string;
  identity: string;
}

/** A federated identity credential as ARM lists it. */
export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

/** Reads one credential out of an ARM answer (anything missing is empty). */
export function credentialOf(item: unknown): FederatedCredential {
  const body = recordOr(item);
  const properties = recordOr(body['properties']);
  const str = (value: unknown): string => (typeof value === 'string' ? value : '');
  const audiences = properties['audiences'];
  return {
    name: str(body['name']),
    issuer: str(properties['issuer']),
    subject: str(properties['subject']),
    audiences: Array.isArray(audiences) ? audiences.filter((a): a is string => typeof a === 'string') : [],
  };
}

/** One write at a time per identity (by its path, in lower case), in this process. */
const identityWrites = new Map<string, Limiter>();

/** One managed identity; `permission` is what a 403 answer says is missing. */
export class ManagedIdentity {
  readonly arm: ArmRestClient;
  readonly ref: IdentityRef;
  private readonly permission: string;

  constructor(arm: ArmRestClient, ref: IdentityRef, permission: string) {
    this.arm = arm;
    this.ref = ref;
    this.permission = permission;
  }

  /** The identity's ARM path. */
  get path(): string {
    const { subscriptionId, resourceGroup, identity } = this.ref;
    return `/subscriptions/${subscriptionId}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(identity)}`;
  }

  /** What explainArmError says about a failed request on this identity. */
  get context(): ArmErrorContext {
    return {
      subscriptionId: this.ref.subscriptionId,
      resourceGroup: this.ref.resourceGroup,
      resource: `Managed identity ${JSON.stringify(this.ref.identity)}`,
      notFoundFix: 'Check `identity-name` and `identity-resource-group` (default: `resource-group`).',
      permission: this.permission,
    };
  }

  private credentialPath(name: string): string {
    return `${this.path}/federatedIdentityCredentials/${encodeURIComponent(name)}`;
  }

  /** Reads the identity (so a wrong `identity-name` fails clearly); returns its client id. */
  async read(deadline: Deadline): Promise<{ clientId: string | undefined }> {
    const answer = await armCall(deadline, `Reading managed identity ${this.ref.identity}`, this.context, () =>
      this.arm.request('GET', this.path, MSI_API_VERSION),
    );
    const properties = recordOr(recordOr(answer.body)['properties']);
    return { clientId: typeof properties['clientId'] === 'string' ? properties['clientId'] : undefined };
  }

  /** Every federated credential on the identity (every page). */
  async listCredentials(deadline: Deadline): Promise<FederatedCredential[]> {
    const items = await armCall(deadline, 'Listing federated credentials', this.context, () =>
      this.arm.listAll(`${this.path}/federatedIdentityCredentials`, MSI_API_VERSION),
    );
    return items.map(credentialOf);
  }

  /** One credential, or undefined when it does not exist. */
  async getCredential(name: string, deadline: Deadline): Promise<FederatedCredential | undefined> {
    const answer = await armCall(deadline, `Reading federated credential ${name}`, this.context, () =>
      this.arm.request('GET', this.credentialPath(name), MSI_API_VERSION, { allowNotFound: true }),
    );
    return answer.status === 404 ? undefined : credentialOf(answer.body);
  }

  /** Creates or replaces a credential. Errors are returned unexplained, for the caller to read 400s first. */
  putCredential(name: string, properties: Omit<FederatedCredential, 'name'>, deadline: Deadline): Promise<unknown> {
    return this.oneWriteAtATime(() =>
      retry(
        () => this.arm.request('PUT', this.credentialPath(name), MSI_API_VERSION, { body: { properties } }),
        deadline.retry(`Writing federated credential ${name}`),
      ),
    );
  }

  /** Deletes a credential; `gone` when it did not exist (or no longer does). */
  async deleteCredential(name: string, deadline: Deadline): Promise<'deleted' | 'gone'> {
    try {
      const answer = await armCall(deadline, `Deleting federated credential ${name}`, this.context, () =>
        this.oneWriteAtATime(() => this.arm.request('DELETE', this.credentialPath(name), MSI_API_VERSION, { allowNotFound: true })),
      );
      return answer.status === 204 || answer.status === 404 ? 'gone' : 'deleted';
    } catch (error: unknown) {
      if (error instanceof ArmRequestError && error.statusCode === 404) return 'gone';
      throw error;
    }
  }

  /** Runs `write` after every earlier write to this identity in this process has settled. */
  private oneWriteAtATime<T>(write: () => Promise<T>): Promise<T> {
    const key = this.path.toLowerCase();
    let queue = identityWrites.get(key);
    if (!queue) identityWrites.set(key, (queue = new Limiter(1)));
    return queue.run(write);
  }
}
