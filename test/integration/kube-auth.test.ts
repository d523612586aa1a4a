// How shared/kube/client.ts reaches a real-looking API server: HTTPS in front of the Kubernetes
// emulator, with the cluster CA (inline and as a relative file), client certificates, a
// server name that differs from the address (tls-server-name), an HTTP CONNECT proxy
// (proxy-url), a token file, and an exec credential plugin (as kubelogin is on AKS): run once
// and cached, told the cluster through KUBERNETES_EXEC_INFO, run again after a 401, and
// explained when missing. The front maps an accepted client certificate to the emulator's
// token, as the API server maps it to a user.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/core/errors.ts';
import { createKubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { loadKubeconfig } from '../../shared/kube/config.ts';
import { startKubeEmulator, type KubeEmulator } from '../emulators/kubernetes/index.ts';
import { clientCert, makeCa, serverCert, type KeyPair } from '../helpers/http-servers/certs.ts';

let kube: KubeEmulator;
let ca: KeyPair;
let client: KeyPair;
let front: https.Server;
let frontUrl: string;
let proxy: http.Server;
let proxyUrl: string;
let dir: string;
const users: string[] = [];
const tunnels: string[] = [];

const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'auth-test' } };
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** A kubeconfig for the HTTPS front with the given cluster and user fields. */
function kubeconfig(cluster: Record<string, unknown>, user: Record<string, unknown>, server = frontUrl): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'aks',
    clusters: [{ name: 'aks', cluster: { server, ...cluster } }],
    users: [{ name: 'ci', user }],
    contexts: [{ name: 'aks', context: { cluster: 'aks', user: 'ci', namespace: 'auth-test' } }],
  });
}

async function connect(text: string, options: { setSecret?: (s: string) => void } = {}): Promise<ReturnType<typeof createKubeClient>> {
  const { connection } = await loadKubeconfig({ input: text, setSecret: options.setSecret ?? (() => undefined) });
  return createKubeClient(connection, { setSecret: options.setSecret ?? (() => undefined), retryDeadlineMs: 2000 });
}

beforeAll(async () => {
  kube = await startKubeEmulator();
  dir = mkdtempSync(path.join(tmpdir(), 'kube-auth-'));
  ca = await makeCa('kube-auth test CA');
  client = await clientCert('ci-deployer', ca);
  const server = await serverCert(['kube.test'], ca);
  const upstream = new URL(kube.url);
  front = https.createServer({ key: server.key, cert: server.cert, ca: [ca.cert], requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket;
    const tls = socket instanceof TLSSocket ? socket : undefined;
    const peer = tls?.getPeerCertificate();
    const certUser = tls?.authorized && typeof peer?.subject?.CN === 'string' ? peer.subject.CN : undefined;
    users.push(certUser ?? (req.headers.authorization ? 'bearer' : 'anonymous'));
    // Anonymous access is off, as on AKS.
    if (!certUser && !req.headers.authorization)
      return void res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' }));
    const headers = { ...req.headers, ...(certUser ? { authorization: `Bearer ${kube.token}` } : {}) };
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontUrl = `https://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
  // An HTTP CONNECT proxy that records where it tunnels to.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const target = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on('error', () => socket.destroy());
    socket.on('error', () => target.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  const admin = await connect(kube.kubeconfig());
  await admin.apply(namespace, { fieldManager: 'test' });
});

afterAll(async () => {
  front.closeAllConnections();
  proxy.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => proxy.close(resolve));
  await kube.close();
  rmSync(dir, { recursive: true, force: true });
});

const sni = { 'tls-server-name': 'kube.test' };

describe('TLS to the API server', () => {
  it('verifies the server with the inline CA and authenticates with an inline client certificate', async () => {
    users.length = 0;
    const api = await connect(
      kubeconfig({ 'certificate-authority-data': b64(ca.cert), ...sni }, { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(client.key) }),
    );
    const { code } = await api.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-cert' }, data: { a: '1' } }, { fieldManager: 'test' });
    expect(code).toBe(201);
    expect(kube.store.get('configmaps', 'auth-test', 'by-cert')).toBeDefined();
    expect(new Set(users)).toEqual(new Set(['ci-deployer']));
  });

  it('reads the CA, certificate and key from files named relative to the kubeconfig file', async () => {
    writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
    writeFileSync(path.join(dir, 'client.crt'), client.cert);
    writeFileSync(path.join(dir, 'client.key'), client.key);
    const file = path.join(dir, 'config');
    writeFileSync(file, kubeconfig({ 'certificate-authority': 'ca.crt', ...sni }, { 'client-certificate': 'client.crt', 'client-key': './client.key' }));
    const { connection } = await loadKubeconfig({ env: { KUBECONFIG: file }, setSecret: () => undefined });
    const api = createKubeClient(connection, { setSecret: () => undefined });
    users.length = 0;
    expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
    expect(users).toEqual(['ci-deployer']);
  });

  it('refuses a server its CA did not sign, and a name the certificate does not carry, at once', async () => {
    const other = await makeCa('someone else');
    const wrongCa = await connect(kubeconfig({ 'certificate-authority-data': b64(other.cert), ...sni }, { token: kube.token }));
    const started = Date.now();
    expect(describeKubeError(await wrongCa.get(namespace).catch((e: unknown) => e))).toMatch(/certificate/i);
    // Not retried: a certificate that does not verify will not verify on the next try either.
    expect(Date.now() - started).toBeLessThan(1500);
    const noName = await connect(kubeconfig({ 'certificate-authority-data': b64(ca.cert) }, { token: kube.token }));
    expect(describeKubeError(await noName.get(namespace).catch((e: unknown) => e))).toMatch(/IP: 127\.0\.0\.1 is not in the cert's list|altnames/i);
  });

  it('skips verification only when insecure-skip-tls-verify says so', async () => {
    const api = await connect(kubeconfig({ 'insecure-skip-tls-verify': true }, { token: kube.token }));
    expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
  });

  it('tunnels through the proxy-url of the cluster', async () => {
    tunnels.length = 0;
    const api = await connect(kubeconfig({ 'certificate-authority-data': b64(ca.cert), ...sni, 'proxy-url': proxyUrl }, { token: kube.token }));
    expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
    expect(tunnels).toEqual([frontUrl.replace('https://', '')]);
  });
});

describe('credentials', () => {
  it('reads a tokenFile relative to the kubeconfig file and masks the token', async () => {
    writeFileSync(path.join(dir, 'token'), `${kube.token}\n`);
    const file = path.join(dir, 'config-token');
    writeFileSync(file, kubeconfig({ 'certificate-authority-data': b64(ca.cert), ...sni }, { tokenFile: 'token' }));
    const masked: string[] = [];
    const { connection } = await loadKubeconfig({ input: file, setSecret: (s) => masked.push(s) });
    const api = createKubeClient(connection, { setSecret: (s) => masked.push(s) });
    expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
    expect(masked).toContain(kube.token);
  });

  /** An exec plugin (a node script) that counts its runs and prints the token of run N from `tokens`. */
  function plugin(name: string, tokens: string[]): { user: Record<string, unknown>; runs: () => number; info: () => string } {
    const script = path.join(dir, `${name}.mjs`);
    const count = path.join(dir, `${name}.count`);
    const info = path.join(dir, `${name}.info`);
    writeFileSync(count, '0');
    writeFileSync(
      script,
      [
        "import { readFileSync, writeFileSync } from 'node:fs';",
        `const n = Number(readFileSync(${JSON.stringify(count)}, 'utf8')) + 1;`,
        `writeFileSync(${JSON.stringify(count)}, String(n));`,
        `writeFileSync(${JSON.stringify(info)}, process.env.KUBERNETES_EXEC_INFO + '\\n' + process.env.PLUGIN_MODE);`,
        `const tokens = ${JSON.stringify(tokens)};`,
        'const expirationTimestamp = new Date(Date.now() + 3600_000).toISOString();',
        "console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: tokens[Math.min(n, tokens.length) - 1], expirationTimestamp } }));",
      ].join('\n'),
    );
    return {
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [script],
          env: [{ name: 'PLUGIN_MODE', value: 'workloadidentity' }],
          provideClusterInfo: true,
          interactiveMode: 'Never',
        },
      },
      runs: () => Number(readFileSync(count, 'utf8')),
      info: () => readFileSync(info, 'utf8'),
    };
  }

  it('runs an exec plugin once for many requests, tells it the cluster, and masks what it returns', async () => {
    const exec = plugin('kubelogin', [kube.token]);
    const masked: string[] = [];
    const api = await connect(kubeconfig({ 'certificate-authority-data': b64(ca.cert), ...sni }, exec.user), { setSecret: (s) => masked.push(s) });
    await Promise.all(Array.from({ length: 5 }, () => api.get(namespace)));
    await api.list('v1', 'ConfigMap', { namespace: 'auth-test' });
    expect(exec.runs()).toBe(1);
    expect(masked).toContain(kube.token);
    const [execInfo = '', mode] = exec.info().split('\n');
    expect(mode).toBe('workloadidentity');
    expect(JSON.parse(execInfo)).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: frontUrl, 'insecure-skip-tls-verify': false, 'certificate-authority-data': b64(ca.cert) } },
    });
  });

  it('runs the plugin again when the server refuses its token (401), once', async () => {
    const exec = plugin('rotating', ['expired-token-value', kube.token]);
    const api = await connect(kubeconfig({ 'certificate-authority-data': b64(ca.cert), ...sni }, exec.user));
    expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
    expect(exec.runs()).toBe(2);
  });

  it('explains a missing plugin with its install hint', async () => {
    const api = await connect(
      kubeconfig(
        { 'certificate-authority-data': b64(ca.cert), ...sni },
        {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: 'kubelogin-not-installed',
            args: ['get-token'],
            installHint: 'Install kubelogin with azure/use-kubelogin.',
          },
        },
      ),
    );
    const error = await api.get(namespace).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).describe()).toMatch(
      /credential plugin "kubelogin-not-installed" is not installed.*Install kubelogin with azure\/use-kubelogin/s,
    );
  });
});

describe('server addresses', () => {
  it('reaches an IPv6 server and one behind a path prefix (as Rancher serves clusters)', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'auth-test' } }));
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, '::1', () => resolve(true));
    });
    // Without IPv6 loopback on the machine there is nothing to reach; say so rather than pass silently.
    if (!listening) {
      console.warn('no IPv6 loopback here: IPv6 server test not run');
      return;
    }
    try {
      const port = (server.address() as net.AddressInfo).port;
      const api = await connect(kubeconfig({}, { token: 'ipv6-token-value' }, `http://[::1]:${port}/k8s/clusters/c-abc12/`));
      expect((await api.get(namespace))?.metadata?.name).toBe('auth-test');
      expect(seen).toEqual(['/k8s/clusters/c-abc12/api/v1/namespaces/auth-test']);
    } finally {
      server.close();
    }
  });
});
