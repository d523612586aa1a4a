// Masking secrets and the forms they leak in. The runner replaces each
// registered string with `***` in the log, but only that exact string: a
// password also shows up percent-encoded in a connection URL, base64-encoded
// in a Kubernetes Secret, and line by line when a multi-line value (a PEM
// key, a kubeconfig) is printed.

import * as core from './workflow-commands.ts';

/** Registers one string with the runner's masker. */
export type SetSecret = (value: string) => void;

/**
 * Values shorter than this are not masked. Masking `ab` would turn every `ab`
 * in the log into `***` and make it unreadable, while a secret that short is
 * guessable anyway and protects nothing; real credentials are far longer.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Masks `value` and the forms it leaks in: every non-empty line of a
 * multi-line value (trimmed), its `encodeURIComponent` form and its base64
 * form. Empty, undefined and very short values (< {@link MIN_SECRET_LENGTH})
 * are ignored. Each distinct string is registered once.
 *
 * @returns the strings that were registered (for tests and debugging; never log them).
 */
export function maskSecret(value: string | undefined, setSecret: SetSecret = core.setSecret): string[] {
  const forms = secretForms(value);
  for (const form of forms) setSecret(form);
  return forms;
}

/** The strings {@link maskSecret} registers for `value`, without registering them. */
export function secretForms(value: string | undefined): string[] {
  if (value === undefined || value.trim().length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>();
  const add = (form: string): void => {
    if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  };
  add(value);
  const lines = value.split(/\r?\n|\r/);
  if (lines.length > 1) for (const line of lines) add(line.trim());
  add(encodeURIComponent(value));
  add(Buffer.from(value, 'utf8').toString('base64'));
  return [...forms];
}

/**
 * Masks a URL that carries a credential (a PostgreSQL connection string, an
 * authenticated git remote): the whole URL as written, and its password both
 * percent-encoded (as it appears in the URL) and decoded (as a client uses it),
 * plus a `password` query parameter if present. The user name is not masked on
 * its own (names like `postgres` would blank out half the log): put a token in
 * the password part (`https://x-access-token:TOKEN@host`), or mask it with
 * {@link maskSecret}. Text that does not parse as a URL is masked as a whole.
 *
 * @returns the strings that were registered.
 */
export function maskUrl(url: string | undefined, setSecret: SetSecret = core.setSecret): string[] {
  if (url === undefined || url.trim() === '') return [];
  const values: string[] = [url];
  let parsed: URL | undefined;
  try {
    parsed = new URL(url.trim());
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    if (parsed.password !== '') values.push(parsed.password, safeDecode(parsed.password));
    const password = parsed.searchParams.get('password');
    if (password !== null) values.push(password);
  }
  const forms = new Set(values.flatMap((value) => secretForms(value)));
  for (const form of forms) setSecret(form);
  return [...forms];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
