// Tokens the emulator accepts, the account each acts as, and the fine-grained
// permissions each carries (as a GITHUB_TOKEN or an app installation token
// does). A token without a permission map may do everything.
import type { UserRecord } from './repo-state.ts';

export type PermissionLevel = 'none' | 'read' | 'write';

/** Repository permission names as GitHub spells them in `x-accepted-github-permissions`. */
export type PermissionScope = 'actions' | 'administration' | 'contents' | 'deployments' | 'environments' | 'issues' | 'metadata' | 'pull_requests' | 'statuses';

/**
 * Permissions of a token, as a workflow's `permissions:` block writes them
 * (`pull-requests` and `pull_requests` both work). A scope left out is `none`,
 * except `metadata`, which is always readable.
 */
export type TokenPermissions = Partial<Record<PermissionScope | 'pull-requests', PermissionLevel>>;

/** One way to be allowed: this scope at this level or higher. */
export interface Requirement {
  scope: PermissionScope;
  level: 'read' | 'write';
}

export interface TokenInfo {
  user: UserRecord;
  /** Undefined: every permission at `write`. */
  permissions?: Map<PermissionScope, PermissionLevel>;
}

/** The account a GITHUB_TOKEN acts as. */
export const ACTIONS_BOT: UserRecord = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenInfo>();
  private nextUserId = 5000;

  /** Accepts `token` from now on, acting as `login` (default the Actions bot). */
  add(token: string, permissions?: TokenPermissions, login?: string): void {
    const user: UserRecord = login ? { login, id: this.nextUserId++, type: login.endsWith('[bot]') ? 'Bot' : 'User' } : ACTIONS_BOT;
    let map: Map<PermissionScope, PermissionLevel> | undefined;
    if (permissions) {
      map = new Map();
      for (const [key, level] of Object.entries(permissions)) {
        if (level) map.set(key === 'pull-requests' ? 'pull_requests' : (key as PermissionScope), level);
      }
    }
    this.tokens.set(token, map ? { user, permissions: map } : { user });
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  /** The token's info from an `Authorization: token X` or `Bearer X` header. */
  lookup(header: string | undefined): TokenInfo | undefined {
    const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
    return m?.[1] ? this.tokens.get(m[1]) : undefined;
  }
}

function levelOf(info: TokenInfo, scope: PermissionScope): PermissionLevel {
  if (scope === 'metadata') return 'read';
  if (!info.permissions) return 'write';
  return info.permissions.get(scope) ?? 'none';
}

/** Whether the token meets any one of the alternatives (an empty list needs nothing). */
export function allows(info: TokenInfo, alternatives: readonly Requirement[]): boolean {
  if (alternatives.length === 0) return true;
  return alternatives.some((req) => {
    const have = levelOf(info, req.scope);
    return have === 'write' || (have === 'read' && req.level === 'read');
  });
}

/** The `x-accepted-github-permissions` value: alternatives separated by `; `. */
export function acceptedHeader(alternatives: readonly Requirement[]): string {
  return alternatives.map((r) => `${r.scope}=${r.level}`).join('; ');
}
