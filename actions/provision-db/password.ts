// Which password the run hands on. PostgreSQL gives a role one password, so changing it
// breaks every pod that opens a new connection with the old one until it is redeployed.
// The rule, in order:
//   1. a role created now gets a new password (`created`);
//   2. `rotate-password: true` sets a new one (`rotated`);
//   3. with a kubeconfig, the password is read back from the Secret deploy-overlay keeps in
//      the branch namespace and checked by signing in; if it works it is handed on unchanged
//      (`recovered`: nothing changes, running pods keep working);
//   4. otherwise a new one is set (`rotated`) and the run says why: there was no kubeconfig,
//      the Secret does not exist yet (nothing can be running with the old one), or its
//      password no longer works (whatever uses it is broken already).
// A Secret that cannot be read (forbidden, cluster unreachable) fails the run rather than
// rotate under pods that may be using it.
import type { PasswordStore } from './secret-store.ts';

/** Where the password came from. */
export type PasswordSource = 'created' | 'recovered' | 'rotated';

/** The password to hand on and why. */
export interface PasswordDecision {
  password: string;
  source: PasswordSource;
  /** One sentence for the log and summary. */
  note: string;
  /** Whether a warning is due (a rotation that was not asked for). */
  warn: boolean;
}

/** What {@link settlePassword} needs. */
export interface SettleOptions {
  /** The password the role was just created with; undefined when the role existed. */
  createdWith: string | undefined;
  rotate: boolean;
  /** The Secret, when a kubeconfig was given. */
  store: PasswordStore | undefined;
  /** True when the role can sign in with `password`; false when it is refused (28P01). */
  verify: (password: string) => Promise<boolean>;
  /** Sets a new password on the role. */
  setPassword: (password: string) => Promise<void>;
  generate: () => string;
  /** Masks a secret value. */
  mask: (value: string) => void;
}

/** Applies the rule above; sets a new password only when it says so. */
export async function settlePassword(options: SettleOptions): Promise<PasswordDecision> {
  if (options.createdWith !== undefined) {
    return { password: options.createdWith, source: 'created', note: 'The role was created with a new password.', warn: false };
  }
  const rotate = async (note: string, warn: boolean): Promise<PasswordDecision> => {
    const password = options.generate();
    options.mask(password);
    await options.setPassword(password);
    return { password, source: 'rotated', note, warn };
  };
  if (options.rotate) return rotate('The password was rotated (`rotate-password: true`).', false);
  const store = options.store;
  if (store === undefined) {
    return rotate(
      'The password was rotated: without a kubeconfig the current one cannot be read back from the branch namespace. Pods keep their open connections but cannot open new ones until deploy-overlay rolls them out with the new password; give `kubeconfig` (or run azure/aks-set-context first) to keep the password across runs.',
      true,
    );
  }
  const stored = await store.read();
  if (stored === undefined) {
    return rotate(`The password was rotated: ${store.describe} does not exist yet, so nothing deployed uses the old one.`, false);
  }
  options.mask(stored);
  if (await options.verify(stored)) {
    return {
      password: stored,
      source: 'recovered',
      note: `The password was read back from ${store.describe}; it still works and was left unchanged.`,
      warn: false,
    };
  }
  return rotate(
    `The password was rotated: the one in ${store.describe} no longer signs in, so whatever uses it is broken already; deploy-overlay will store the new one.`,
    true,
  );
}
