// A generated corpus of kubeconfigs for proving the suite's resolver (shared/kube/config.ts,
// shared/kube/auth.ts) against kubectl and @kubernetes/client-node: KUBECONFIG lists of one to
// three files that share names (so merge precedence decides), every user kind (token, tokenFile,
// basic, client certificates inline and as files, exec plugins with and without installHint,
// auth-provider), relative and absolute paths, proxy-url, tls-server-name,
// insecure-skip-tls-verify, IPv6 and path-prefixed servers, contexts with and without namespaces.
// The exec plugins are real scripts that print a token made of their name, arguments and env,
// so running one proves the command, args and env were resolved alike.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

const CLUSTERS = ['c1', 'c2'] as const;
const USERS = ['u1', 'u2', 'u3'] as const;
const CONTEXTS = ['x1', 'x2'] as const;

export const SERVERS = [
  'https://aks-dns.hcp.westeurope.azmk8s.io:443',
  'https://[fd00::10]:6443',
  'https://10.0.0.1:6443/prefix/',
  'https://kube.example/',
  'http://127.0.0.1:8080',
];

/** Where a path-valued field points: written inline as data, or a file named relative or absolute. */
type Where = 'data' | 'relative' | 'absolute';

export interface GenCluster {
  server: string;
  ca?: Where;
  insecure?: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

export type GenUser =
  | { kind: 'none' }
  | { kind: 'token'; withCert?: Where }
  | { kind: 'tokenFile'; where: 'relative' | 'absolute' }
  | { kind: 'basic' }
  | { kind: 'cert'; where: Where }
  | { kind: 'exec'; command: 'relative' | 'absolute'; args: string[]; env: boolean; installHint: boolean }
  | { kind: 'auth-provider'; name: 'azure' | 'gcp' | 'oidc' };

export interface GenContext {
  cluster: string;
  user?: string;
  namespace?: string;
}

export interface GenFile {
  currentContext?: string;
  clusters: [string, GenCluster][];
  users: [string, GenUser][];
  contexts: [string, GenContext][];
}

const where = fc.constantFrom<Where>('data', 'relative', 'absolute');

const cluster: fc.Arbitrary<GenCluster> = fc.record(
  {
    server: fc.constantFrom(...SERVERS),
    ca: where,
    insecure: fc.boolean(),
    tlsServerName: fc.constantFrom('api.internal', 'kube.test'),
    proxyUrl: fc.constantFrom('http://proxy.example:3128', 'https://user@proxy.example'),
  },
  { requiredKeys: ['server'] },
);

const user: fc.Arbitrary<GenUser> = fc.oneof(
  fc.constant<GenUser>({ kind: 'none' }),
  fc.record({ kind: fc.constant('token' as const), withCert: where }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('tokenFile' as const), where: fc.constantFrom('relative' as const, 'absolute' as const) }),
  fc.constant<GenUser>({ kind: 'basic' }),
  fc.record({ kind: fc.constant('cert' as const), where }),
  fc.record({
    kind: fc.constant('exec' as const),
    command: fc.constantFrom('relative' as const, 'absolute' as const),
    args: fc.array(fc.constantFrom('get-token', '--login', 'azurecli', 'a b'), { maxLength: 3 }),
    env: fc.boolean(),
    installHint: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('auth-provider' as const), name: fc.constantFrom('azure' as const, 'gcp' as const, 'oidc' as const) }),
);

const context: fc.Arbitrary<GenContext> = fc.record(
  { cluster: fc.constantFrom(...CLUSTERS), user: fc.constantFrom(...USERS), namespace: fc.constantFrom('team-a', 'feature-x', '') },
  { requiredKeys: ['cluster'] },
);

function entries<T>(names: readonly string[], value: fc.Arbitrary<T>): fc.Arbitrary<[string, T][]> {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...names), value), { selector: ([name]) => name, maxLength: names.length });
}

const file: fc.Arbitrary<GenFile> = fc.record(
  { currentContext: fc.constantFrom(...CONTEXTS), clusters: entries(CLUSTERS, cluster), users: entries(USERS, user), contexts: entries(CONTEXTS, context) },
  { requiredKeys: ['clusters', 'users', 'contexts'] },
);

/**
 * One to `maxFiles` files, then a last one that defines every name none of them did and sets a
 * current context if none did, so every reference resolves and merge precedence is what varies.
 */
export function corpus(maxFiles = 3): fc.Arbitrary<GenFile[]> {
  return fc.tuple(fc.array(file, { minLength: 1, maxLength: maxFiles }), cluster, user, context).map(([files, c, u, x]) => {
    const has = (pick: (f: GenFile) => [string, unknown][], name: string): boolean => files.some((f) => pick(f).some(([n]) => n === name));
    const rest: GenFile = {
      ...(files.some((f) => f.currentContext) ? {} : { currentContext: 'x1' }),
      clusters: CLUSTERS.filter((n) => !has((f) => f.clusters, n)).map((n) => [n, c]),
      users: USERS.filter((n) => !has((f) => f.users, n)).map((n) => [n, u]),
      contexts: CONTEXTS.filter((n) => !has((f) => f.contexts, n)).map((n) => [n, x]),
    };
    return [...files, rest];
  });
}

/** The PEM text a generated file of this name holds (content only matters for comparing). */
export function pem(label: string, id: string): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(id).toString('base64')}\n-----END ${label}-----\n`;
}

/** Writes the files (file i in `root/k<i>/config`, its relative files beside it) and returns the KUBECONFIG list. */
export function writeCorpus(root: string, files: GenFile[]): string[] {
  return files.map((f, i) => {
    const dir = path.join(root, `k${i}`);
    mkdirSync(path.join(dir, 'certs'), { recursive: true });
    mkdirSync(path.join(dir, 'bin'), { recursive: true });
    /** A file-valued field: the data inline, or the file written and named relative or absolute. */
    const field = (key: string, kind: Where, text: string, name: string): Record<string, string> => {
      if (kind === 'data') return { [`${key}-data`]: Buffer.from(text).toString('base64') };
      writeFileSync(path.join(dir, 'certs', name), text);
      return { [key]: kind === 'relative' ? `certs/${name}` : path.join(dir, 'certs', name) };
    };
    const clusters = f.clusters.map(([name, c]) => ({
      name,
      cluster: {
        server: c.server,
        ...(c.ca ? field('certificate-authority', c.ca, pem('CERTIFICATE', `ca ${i} ${name}`), `${name}-ca.crt`) : {}),
        ...(c.insecure ? { 'insecure-skip-tls-verify': true } : {}),
        ...(c.tlsServerName ? { 'tls-server-name': c.tlsServerName } : {}),
        ...(c.proxyUrl ? { 'proxy-url': c.proxyUrl } : {}),
      },
    }));
    const users = f.users.map(([name, u]) => ({ name, user: userFields(dir, i, name, u, field) }));
    const contexts = f.contexts.map(([name, x]) => ({
      name,
      context: { cluster: x.cluster, ...(x.user ? { user: x.user } : {}), ...(x.namespace !== undefined ? { namespace: x.namespace } : {}) },
    }));
    const doc = { apiVersion: 'v1', kind: 'Config', ...(f.currentContext ? { 'current-context': f.currentContext } : {}), clusters, users, contexts };
    const file = path.join(dir, 'config');
    writeFileSync(file, JSON.stringify(doc, null, 1));
    return file;
  });
}

function userFields(
  dir: string,
  i: number,
  name: string,
  u: GenUser,
  field: (key: string, kind: Where, text: string, name: string) => Record<string, string>,
): Record<string, unknown> {
  const id = `${i}-${name}`;
  const cert = (kind: Where): Record<string, string> => ({
    ...field('client-certificate', kind, pem('CERTIFICATE', `cert ${id}`), `${name}.crt`),
    ...field('client-key', kind, pem('EC PRIVATE KEY', `key ${id}`), `${name}.key`),
  });
  switch (u.kind) {
    case 'none':
      return {};
    case 'token':
      return { token: `token-${id}`, ...(u.withCert ? cert(u.withCert) : {}) };
    case 'tokenFile': {
      writeFileSync(path.join(dir, `${name}.token`), `file-token-${id}\n`);
      return { tokenFile: u.where === 'relative' ? `${name}.token` : path.join(dir, `${name}.token`) };
    }
    case 'basic':
      return { username: `admin-${id}`, password: `pw-${id}` };
    case 'cert':
      return cert(u.where);
    case 'exec': {
      const script = path.join(dir, 'bin', `plugin-${name}`);
      writeFileSync(
        script,
        `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-${id}-%s-%s"}}' "$*" "$PLUGIN_MODE"\n`,
      );
      chmodSync(script, 0o755);
      return {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: u.command === 'relative' ? `./bin/plugin-${name}` : script,
          args: u.args,
          ...(u.env ? { env: [{ name: 'PLUGIN_MODE', value: `mode-${id}` }] } : {}),
          ...(u.installHint ? { installHint: `install plugin-${name}` } : {}),
          interactiveMode: 'Never',
        },
      };
    }
    case 'auth-provider':
      return { 'auth-provider': { name: u.name, config: { 'access-token': `ap-token-${id}`, 'tenant-id': 't' } } };
  }
}
