// The suite's kubeconfig resolver (shared/kube/config.ts + kube-auth.ts) against the two
// well-kept ones, over generated corpora (test/helpers/kubeconfig-corpus.ts): for the current
// context, the same server, CA, TLS options (insecure-skip-tls-verify, tls-server-name,
// proxy-url), credentials (the Authorization header, client certificate and key, what an exec
// plugin returns) and namespace as
//   - `kubectl config view --minify --flatten --raw` (plus client-go's rule, checked here through
//     kubectl itself, that tokenFile and an exec command with a slash are taken from the file's
//     folder: `view` prints them unresolved), over KUBECONFIG lists that merge; and
//   - @kubernetes/client-node's KubeConfig, where its semantics are kubectl's.
// The deliberate differences (each pinned by a test below, documented in shared/kube/KUBECONFIG.md):
// legacy auth-provider users are refused; client-node's merge (last current-context wins,
// duplicate names throw), its missing tokenFile support, its relative exec commands taken from
// the working directory, its CA left out for a context without a user, its refusal of http://.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as k8s from '@kubernetes/client-node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { clusterCa, createAuthenticator } from '../../shared/kube/auth.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { corpus, writeCorpus, type GenCluster, type GenFile, type GenUser } from '../helpers/kubeconfig-corpus.ts';
import { makeCa, serverCert } from '../helpers/http-servers/certs.ts';

const run = promisify(execFile);

/** What a client makes of the current context. */
interface View {
  server: string;
  namespace: string;
  ca?: string;
  insecure: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  /** The Authorization header, `none`, or `refused auth-provider <name>`. */
  auth: string;
  cert?: string;
  key?: string;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const unb64 = (data: unknown): string | undefined => (typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : undefined);
const noSlash = (server: string): string => server.replace(/\/+$/, '');
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
function defined<T extends object>(view: T): T {
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as T;
}

let root: string;
let seq = 0;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kube-conformance-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function world(files: GenFile[]): string[] {
  seq += 1;
  return writeCorpus(path.join(root, `w${seq}`), files);
}

/** The suite's view: loadKubeconfig, the CA it trusts, the credentials a request carries. */
async function ours(list: string[]): Promise<View> {
  const setSecret = (): void => undefined;
  let connection;
  try {
    ({ connection } = await loadKubeconfig({ env: { KUBECONFIG: list.join(path.delimiter) }, setSecret }));
  } catch (error: unknown) {
    const provider = error instanceof UserError ? /legacy auth-provider "([^"]+)"/.exec(error.message)?.[1] : undefined;
    if (provider) return { server: '', namespace: '', insecure: false, auth: `refused auth-provider ${provider}` };
    throw error;
  }
  const { cluster } = connection;
  const credentials = await createAuthenticator(connection, { setSecret }).credentials();
  return defined({
    server: noSlash(connection.server),
    namespace: connection.namespace,
    ca: clusterCa(connection),
    insecure: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: str(cluster['tls-server-name']),
    proxyUrl: str(cluster['proxy-url']),
    auth: credentials.headers['Authorization'] ?? 'none',
    cert: credentials.cert,
    key: credentials.key,
  });
}

/** The folder of the first file in the list that defines this user (kubectl's merge: first wins). */
function userDir(files: GenFile[], list: string[], name: string): string {
  const index = files.findIndex((f) => f.users.some(([n]) => n === name));
  return path.dirname(list[index] ?? '');
}

/** kubectl's view: `config view --minify --flatten --raw`, paths resolved as client-go does. */
async function kubectl(files: GenFile[], list: string[]): Promise<View> {
  const { stdout } = await run('kubectl', ['config', 'view', '--minify', '--flatten', '--raw', '-o', 'json'], {
    env: { ...process.env, KUBECONFIG: list.join(path.delimiter) },
  });
  const doc = JSON.parse(stdout) as {
    clusters: { cluster: Record<string, unknown> }[];
    users?: { name: string; user: Record<string, unknown> }[];
    contexts: { context: Record<string, unknown> }[];
  };
  const cluster = doc.clusters[0]?.cluster ?? {};
  const context = doc.contexts[0]?.context ?? {};
  const userName = str(context['user']);
  const user = doc.users?.find((u) => u.name === userName)?.user ?? {};
  const dir = userName ? userDir(files, list, userName) : root;
  const resolve = (file: string): string => (path.isAbsolute(file) ? file : path.resolve(dir, file));
  const provider = user['auth-provider'] as { name?: string } | undefined;
  if (provider) return { server: '', namespace: '', insecure: false, auth: `refused auth-provider ${provider.name ?? ''}` };
  let auth = 'none';
  const exec = user['exec'] as { command: string; args?: string[]; env?: { name: string; value: string }[] } | undefined;
  if (exec) {
    const command = exec.command.includes('/') ? resolve(exec.command) : exec.command;
    const env = { ...process.env, ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])) };
    auth = `Bearer ${(JSON.parse(execFileSync(command, exec.args ?? [], { env }).toString()) as { status: { token: string } }).status.token}`;
  } else if (str(user['token'])) auth = `Bearer ${String(user['token'])}`;
  else if (str(user['tokenFile'])) auth = `Bearer ${readFileSync(resolve(String(user['tokenFile'])), 'utf8').trim()}`;
  else if (str(user['username'])) auth = `Basic ${b64(`${String(user['username'])}:${str(user['password']) ?? ''}`)}`;
  const cert = unb64(user['client-certificate-data']);
  const key = unb64(user['client-key-data']);
  return defined({
    server: noSlash(String(cluster['server'])),
    namespace: str(context['namespace']) ?? 'default',
    ca: unb64(cluster['certificate-authority-data']),
    insecure: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: str(cluster['tls-server-name']),
    proxyUrl: str(cluster['proxy-url']),
    auth,
    ...(cert && key ? { cert, key } : {}),
  });
}

/** client-node's view: KubeConfig.loadFromDefault and the options it puts on an HTTPS request. */
async function clientNode(list: string[]): Promise<View> {
  const saved = process.env['KUBECONFIG'];
  process.env['KUBECONFIG'] = list.join(path.delimiter);
  try {
    const kc = new k8s.KubeConfig();
    kc.loadFromDefault();
    const cluster = kc.getCurrentCluster();
    const opts: https.RequestOptions & { headers: Record<string, string> } = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined);
    return defined({
      server: noSlash(cluster?.server ?? ''),
      namespace: kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default',
      ca: text(opts.ca),
      insecure: opts.rejectUnauthorized === false,
      tlsServerName: opts.servername ?? undefined,
      proxyUrl: cluster?.proxyUrl,
      auth: opts.headers['Authorization'] ?? (opts.auth ? `Basic ${b64(opts.auth)}` : 'none'),
      cert: text(opts.cert),
      key: text(opts.key),
    });
  } finally {
    if (saved === undefined) delete process.env['KUBECONFIG'];
    else process.env['KUBECONFIG'] = saved;
  }
}

/** The current context's cluster and user as the corpus made them (kubectl's merge: first definition wins). */
function current(files: GenFile[]): { cluster: GenCluster | undefined; user: GenUser | undefined } {
  const name = files.find((f) => f.currentContext)?.currentContext;
  const context = files.flatMap((f) => f.contexts).find(([n]) => n === name)?.[1];
  return {
    cluster: files.flatMap((f) => f.clusters).find(([n]) => n === context?.cluster)?.[1],
    user: files.flatMap((f) => f.users).find(([n]) => n === context?.user)?.[1],
  };
}

describe('the resolver against kubectl config view --minify --flatten --raw', () => {
  it('resolves the same server, CA, TLS options, credentials and namespace over merged KUBECONFIG lists', async () => {
    // kubectl runs once per case (about 50 ms each): the number of cases is bounded.
    await fc.assert(
      fc.asyncProperty(corpus(3), async (files) => {
        const list = world(files);
        expect(await ours(list)).toEqual(await kubectl(files, list));
      }),
      { numRuns: 40 },
    );
  });

  it("and kubectl itself takes tokenFile and an exec command with a slash from the kubeconfig's folder, not the working directory", async () => {
    const ca = await makeCa('conformance CA');
    const cert = await serverCert(['127.0.0.1'], ca);
    const seen: string[] = [];
    const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      seen.push(req.headers.authorization ?? 'none');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"major":"1","minor":"32","gitVersion":"v1.32.0"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
      for (const u of [
        { kind: 'tokenFile', where: 'relative' },
        { kind: 'exec', command: 'relative', args: ['get-token'], env: true, installHint: false },
      ] as GenUser[]) {
        const files: GenFile[] = [
          { currentContext: 'x1', clusters: [['c1', { server: url, insecure: true }]], users: [['u1', u]], contexts: [['x1', { cluster: 'c1', user: 'u1' }]] },
        ];
        const list = world(files);
        seen.length = 0;
        await run('kubectl', ['--cache-dir', path.join(root, `cache-${seq}`), 'get', '--raw', '/version'], {
          cwd: '/',
          env: { ...process.env, KUBECONFIG: list.join(path.delimiter) },
        });
        const expected = (await ours(list)).auth;
        expect(expected).toMatch(/^Bearer (file-token|exec)-/);
        expect(seen).toContain(expected);
      }
    } finally {
      server.close();
    }
  });
});

describe('the resolver against @kubernetes/client-node KubeConfig', () => {
  it('resolves the same where client-node follows kubectl (no name defined twice, one current-context)', async () => {
    await fc.assert(
      fc.asyncProperty(corpus(1), async (files) => {
        const { cluster, user } = current(files);
        // Deliberate differences, pinned below.
        fc.pre(user !== undefined && user.kind !== 'auth-provider' && user.kind !== 'tokenFile' && !(user.kind === 'exec' && user.command === 'relative'));
        fc.pre(cluster !== undefined && (cluster.server.startsWith('https:') || cluster.insecure === true));
        const list = world(files);
        expect(await ours(list)).toEqual(await clientNode(list));
      }),
      { numRuns: 60 },
    );
  });

  const single = (u: GenUser, extra: Partial<GenFile> = {}): GenFile => ({
    currentContext: 'x1',
    clusters: [['c1', { server: 'https://kube.example', ca: 'relative' }]],
    users: [['u1', u]],
    contexts: [['x1', { cluster: 'c1', user: 'u1', namespace: 'team-a' }]],
    ...extra,
  });

  it("differs, deliberately: client-node lets the last file's current-context win and throws on a name defined twice; the suite merges as kubectl does", async () => {
    const first = single({ kind: 'token' });
    const second: GenFile = {
      currentContext: 'x2',
      clusters: [['c2', { server: 'https://other.example' }]],
      users: [],
      contexts: [['x2', { cluster: 'c2', user: 'u1' }]],
    };
    const list = world([first, second]);
    expect((await ours(list)).server).toBe('https://kube.example');
    expect((await kubectl([first, second], list)).server).toBe('https://kube.example');
    expect((await clientNode(list)).server).toBe('https://other.example');
    const dup = world([first, single({ kind: 'basic' })]);
    expect((await ours(dup)).auth).toBe('Bearer token-0-u1');
    await expect(clientNode(dup)).rejects.toThrow(/Duplicate cluster: c1/);
  });

  it('differs, deliberately: tokenFile (client-node ignores it) and a relative exec command (client-node runs it from the working directory)', async () => {
    const tokenFile = world([single({ kind: 'tokenFile', where: 'relative' })]);
    expect((await ours(tokenFile)).auth).toMatch(/^Bearer file-token-0-u1$/);
    expect((await clientNode(tokenFile)).auth).toBe('none');
    const exec = world([single({ kind: 'exec', command: 'relative', args: [], env: false, installHint: true })]);
    expect((await ours(exec)).auth).toMatch(/^Bearer exec-0-u1-/);
    await expect(clientNode(exec)).rejects.toThrow(/ENOENT|plugin-u1/);
  });

  it('differs, deliberately: a legacy auth-provider user is refused with the way to an exec plugin (kubectl kept only oidc after 1.26)', async () => {
    for (const name of ['azure', 'gcp', 'oidc'] as const) {
      const list = world([single({ kind: 'auth-provider', name })]);
      expect((await ours(list)).auth).toBe(`refused auth-provider ${name}`);
    }
  });

  it('differs, deliberately: the suite trusts the cluster CA for a context without a user (client-node applies no TLS options then)', async () => {
    const files = [single({ kind: 'none' }, { contexts: [['x1', { cluster: 'c1' }]] })];
    const list = world(files);
    const view = await ours(list);
    expect(view.ca).toContain('BEGIN CERTIFICATE');
    expect(view).toEqual(await kubectl(files, list));
    expect((await clientNode(list)).ca).toBeUndefined();
  });

  it('differs, deliberately: an http:// server without insecure-skip-tls-verify is reached (as kubectl does); client-node refuses it', async () => {
    const files = [single({ kind: 'token' }, { clusters: [['c1', { server: 'http://127.0.0.1:8080' }]] })];
    const list = world(files);
    expect(await ours(list)).toEqual(await kubectl(files, list));
    await expect(clientNode(list)).rejects.toThrow(/HTTP protocol is not allowed/);
  });

  it('a missing exec plugin fails with its installHint', async () => {
    const list = world([single({ kind: 'exec', command: 'absolute', args: [], env: false, installHint: true })]);
    rmSync(path.join(path.dirname(list[0] ?? ''), 'bin', 'plugin-u1'));
    const { connection } = await loadKubeconfig({ env: { KUBECONFIG: list[0] ?? '' }, setSecret: () => undefined });
    await expect(createAuthenticator(connection, { setSecret: () => undefined }).credentials()).rejects.toThrow(UserError);
    const error = (await createAuthenticator(connection, { setSecret: () => undefined })
      .credentials()
      .catch((e: unknown) => e)) as UserError;
    expect(error.describe()).toContain('install plugin-u1');
  });
});
