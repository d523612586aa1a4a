export const id = 994;
export const ids = [994,644];
export const modules = {

/***/ 75644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   clusterCa: () => (/* binding */ clusterCa),
/* harmony export */   createAuthenticator: () => (/* binding */ createAuthenticator)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(33243);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(32635);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(35931);
// How a request to the API server proves who it is, from the kubeconfig user: a bearer token
// (inline or `tokenFile`, re-read as kubectl does), basic auth, a client certificate, or a
// credential plugin (`exec`, e.g. kubelogin on AKS: run with KUBERNETES_EXEC_INFO, its
// ExecCredential cached until it expires and renewed after a 401). Legacy `auth-provider`
// users are handed to @kubernetes/client-node, loaded only for them.






const TOKEN_FILE_TTL_MS = 60_000;
/** Renew an exec credential this long before it expires. */
const EXPIRY_SKEW_MS = 10_000;
function readPem(data, file, what) {
    if (typeof data === 'string' && data !== '')
        return Buffer.from(data, 'base64').toString('utf8');
    if (typeof file === 'string' && file !== '') {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig's ${what} file ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(file)} cannot be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}`, { fix: 'Check the path (relative paths are taken from the kubeconfig file\'s folder).' });
        }
    }
    return undefined;
}
/** The cluster's CA certificate (PEM), if the kubeconfig names one. */
function clusterCa(connection) {
    return readPem(connection.cluster['certificate-authority-data'], connection.cluster['certificate-authority'], 'certificate-authority');
}
const defaultRunPlugin = (command, args, env, timeoutMs) => new Promise((resolve, reject) => {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
        if (code === 0)
            resolve(stdout);
        else
            reject(new Error(`exited with ${signal ?? `code ${String(code)}`}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`));
    });
});
/** The exec plugin as a credential source, cached until its expiry. */
function execAuthenticator(connection, exec, options) {
    const now = options.now ?? Date.now;
    let cached;
    const command = exec.command ?? '';
    if (command === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig user ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(connection.userName)} has an \`exec\` plugin without a \`command\`.`, { fix: 'Set `exec.command` (e.g. `kubelogin`), as `az aks get-credentials` writes it.' });
    // client-go: a command with a path separator but not absolute is relative to the kubeconfig's folder.
    const resolved = command.includes('/') && !node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(command) ? node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(connection.baseDir, command) : command;
    const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
    const run = async () => {
        const env = { ...process.env };
        for (const { name, value } of exec.env ?? [])
            env[name] = value;
        const spec = { interactive: false };
        if (exec.provideClusterInfo) {
            const ca = connection.cluster['certificate-authority-data'];
            spec['cluster'] = { server: connection.server, 'insecure-skip-tls-verify': connection.cluster['insecure-skip-tls-verify'] === true, ...(typeof ca === 'string' ? { 'certificate-authority-data': ca } : {}) };
        }
        env['KUBERNETES_EXEC_INFO'] = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
        let stdout;
        try {
            stdout = await (options.runPlugin ?? defaultRunPlugin)(resolved, exec.args ?? [], env, options.pluginTimeoutMs ?? 120_000);
        }
        catch (error) {
            const missing = error.code === 'ENOENT';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig's credential plugin ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(command)} ${missing ? 'is not installed (not found on PATH)' : `failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}`}.`, {
                fix: missing ? (exec.installHint?.trim() || 'Install it before this step (e.g. azure/use-kubelogin for kubelogin).') : 'Run the same command locally to see why; with kubelogin, check the login mode (`kubelogin convert-kubeconfig -l workloadidentity` or `azurecli`).',
                cause: error,
            });
        }
        let status;
        try {
            status = (JSON.parse(stdout).status ?? {});
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig's credential plugin ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(command)} printed something that is not an ExecCredential JSON document.`, { fix: 'Run it locally with KUBERNETES_EXEC_INFO set and check its output.' });
        }
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecret */ .$l)(status.token, options.setSecret);
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecret */ .$l)(status.clientKeyData, options.setSecret);
        if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig's credential plugin ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(command)} returned neither a token nor a client certificate and key.`, { fix: 'Check the plugin\'s login settings.' });
        }
        const credentials = { headers: status.token ? { Authorization: `Bearer ${status.token}` } : {} };
        if (status.clientCertificateData && status.clientKeyData) {
            credentials.cert = status.clientCertificateData;
            credentials.key = status.clientKeyData;
        }
        const expiry = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Number.POSITIVE_INFINITY;
        cached = { credentials, expires: Number.isNaN(expiry) ? Number.POSITIVE_INFINITY : expiry };
        return credentials;
    };
    let pending;
    return {
        credentials: () => {
            if (cached && cached.expires - EXPIRY_SKEW_MS > now())
                return Promise.resolve(cached.credentials);
            pending ??= run().finally(() => (pending = undefined));
            return pending;
        },
        invalidate: () => {
            cached = undefined;
            return true;
        },
    };
}
/** Legacy `auth-provider` users (oidc, and azure/gcp before kubectl 1.26): client-node does the work. */
function providerAuthenticator(connection) {
    let kcPromise;
    const load = async () => {
        const k8s = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(356)]).then(__webpack_require__.bind(__webpack_require__, 17356));
        const kc = new k8s.KubeConfig();
        kc.loadFromString(js_yaml__WEBPACK_IMPORTED_MODULE_3__/* .dump */ .Bh({
            apiVersion: 'v1', kind: 'Config', 'current-context': connection.context,
            clusters: [{ name: 'c', cluster: connection.cluster }],
            users: [{ name: connection.userName, user: connection.user }],
            contexts: [{ name: connection.context, context: { cluster: 'c', user: connection.userName, namespace: connection.namespace } }],
        }));
        return kc;
    };
    return {
        credentials: async () => {
            kcPromise ??= load();
            const opts = { headers: {} };
            await (await kcPromise).applyToHTTPSOptions(opts);
            return { headers: Object.fromEntries(Object.entries(opts.headers ?? {}).filter(([, v]) => typeof v === 'string')) };
        },
        invalidate: () => false,
    };
}
/** The authenticator for the connection's user. */
function createAuthenticator(connection, options) {
    const { user } = connection;
    if (user.exec)
        return execAuthenticator(connection, user.exec, options);
    if (user['auth-provider'])
        return providerAuthenticator(connection);
    const cert = readPem(user['client-certificate-data'], user['client-certificate'], 'client-certificate');
    const key = readPem(user['client-key-data'], user['client-key'], 'client-key');
    if (key !== undefined)
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecret */ .$l)(key, options.setSecret);
    const tls = cert !== undefined && key !== undefined ? { cert, key } : {};
    const basic = typeof user.username === 'string' && typeof user.password === 'string' ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : '';
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecret */ .$l)(basic, options.setSecret);
    const now = options.now ?? Date.now;
    let fileToken;
    const bearer = () => {
        if (typeof user.token === 'string' && user.token !== '')
            return user.token;
        const file = user.tokenFile;
        if (typeof file !== 'string' || file === '')
            return undefined;
        if (!fileToken || now() - fileToken.read > TOKEN_FILE_TTL_MS) {
            let token;
            try {
                token = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8').trim();
            }
            catch (error) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`The kubeconfig's tokenFile ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .quoteValue */ .cl)(file)} cannot be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}`, { fix: 'Check the path (relative paths are taken from the kubeconfig file\'s folder).' });
            }
            (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecret */ .$l)(token, options.setSecret);
            fileToken = { token, read: now() };
        }
        return fileToken.token;
    };
    return {
        credentials: () => Promise.resolve().then(() => {
            const token = bearer();
            const headers = {};
            if (token)
                headers['Authorization'] = `Bearer ${token}`;
            else if (basic !== '')
                headers['Authorization'] = `Basic ${basic}`;
            return { headers, ...tls };
        }),
        invalidate: () => {
            const hadFile = fileToken !== undefined;
            fileToken = undefined;
            return hadFile;
        },
    };
}


/***/ }),

/***/ 54994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KubeApiException: () => (/* binding */ KubeApiException),
/* harmony export */   createKubeHttp: () => (/* binding */ createKubeHttp)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(32635);
/* harmony import */ var _kube_auth_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75644);
// HTTP to the Kubernetes API server with Node's own http/https (nothing to load at start-up):
// keep-alive connections, the cluster's CA or `insecure-skip-tls-verify`, `tls-server-name`,
// client certificates, the kubeconfig's `proxy-url` or the usual proxy variables, a deadline per
// request, and one more try with fresh credentials after a 401. Non-2xx answers become a
// {@link KubeApiException} carrying the status code and the Status body, as client-node's does.




/** A non-2xx answer of the API server (`code` and `body` as client-node's ApiException has them). */
class KubeApiException extends Error {
    code;
    /** The response body (a Status JSON document, usually). */
    body;
    headers;
    constructor(code, body, headers, what) {
        super(`HTTP ${code} from ${what}`);
        this.name = 'KubeApiException';
        this.code = code;
        this.body = body;
        this.headers = headers;
    }
}
function queryString(query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
        if (value !== undefined)
            params.set(key, value);
    const text = params.toString();
    return text === '' ? '' : `?${text}`;
}
/** Builds the HTTP client for a resolved kubeconfig context. */
function createKubeHttp(connection, auth, options = {}) {
    let base;
    try {
        base = new URL(connection.server);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`The kubeconfig's server ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteValue */ .cl)(connection.server)} (context ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteValue */ .cl)(connection.context)}) is not a URL.`, { fix: 'Set `clusters[].cluster.server` to the API server URL, e.g. https://my-aks-dns.hcp.westeurope.azmk8s.io:443.' });
    }
    const secure = base.protocol === 'https:';
    if (!secure && base.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`The kubeconfig's server ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteValue */ .cl)(connection.server)} uses ${base.protocol}, which is not http or https.`, { fix: 'Use the https:// URL of the API server.' });
    }
    const proxyUrl = connection.cluster['proxy-url'];
    if (typeof proxyUrl === 'string' && proxyUrl !== '' && !/^https?:\/\//.test(proxyUrl)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`The kubeconfig's proxy-url ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteValue */ .cl)(proxyUrl)} is not an http(s) proxy; only http:// and https:// proxies are supported.`, { fix: 'Use an HTTP CONNECT proxy URL, or reach the API server directly.' });
    }
    const proxyEnv = typeof proxyUrl === 'string' && proxyUrl !== '' ? { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl } : (options.env ?? process.env);
    const ca = secure ? (0,_kube_auth_js__WEBPACK_IMPORTED_MODULE_3__.clusterCa)(connection) : undefined;
    const insecure = connection.cluster['insecure-skip-tls-verify'] === true;
    const servername = typeof connection.cluster['tls-server-name'] === 'string' ? connection.cluster['tls-server-name'] : undefined;
    const basePath = base.pathname.replace(/\/+$/, '');
    const agents = new Map();
    const agentFor = (credentials) => {
        const id = `${credentials.cert ?? ''}\0${credentials.key ?? ''}`;
        let agent = agents.get(id);
        if (!agent) {
            agent = secure
                ? new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({ keepAlive: true, ca, cert: credentials.cert, key: credentials.key, rejectUnauthorized: !insecure, ...(servername ? { servername } : {}), proxyEnv })
                : new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)({ keepAlive: true, proxyEnv });
            agents.set(id, agent);
        }
        return agent;
    };
    const send = (method, path, query, credentials, headers, signal) => (secure ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default())).request({
        protocol: base.protocol, hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'), port: base.port || undefined, method, path: `${basePath}${path}${queryString(query)}`,
        headers: { ...headers, ...credentials.headers, 'User-Agent': 'branch-env' }, agent: agentFor(credentials), ...(signal ? { signal } : {}),
    });
    const what = (method, path) => `${method} ${path}`;
    const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    const clientSignal = options.signal;
    const once = async (method, path, options) => {
        const credentials = await auth.credentials();
        const body = options.body === undefined ? undefined : JSON.stringify(options.body);
        const headers = { Accept: options.accept ?? 'application/json, */*' };
        if (body !== undefined) {
            headers['Content-Type'] = options.contentType ?? 'application/json';
            headers['Content-Length'] = String(Buffer.byteLength(body));
        }
        return new Promise((resolve, reject) => {
            const req = send(method, path, options.query, credentials, headers, clientSignal);
            req.setTimeout(requestTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer to ${what(method, path)} within ${requestTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
            req.on('error', reject);
            req.on('response', (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('error', reject);
                res.on('end', () => resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
            });
            req.end(body);
        });
    };
    return {
        async request(method, path, options = {}) {
            let answer = await once(method, path, options);
            if (answer.code === 401 && auth.invalidate())
                answer = await once(method, path, options);
            if (answer.code < 200 || answer.code > 299)
                throw new KubeApiException(answer.code, answer.text, answer.headers, what(method, path));
            return { code: answer.code, text: answer.text, contentType: answer.headers['content-type'] ?? '' };
        },
        async stream(path, query, onLine, signal) {
            const credentials = await auth.credentials();
            await new Promise((resolve, reject) => {
                if (signal.aborted)
                    return resolve();
                const req = send('GET', path, query, credentials, { Accept: 'application/json' });
                const abort = () => void req.destroy();
                signal.addEventListener('abort', abort, { once: true });
                const done = (error) => {
                    signal.removeEventListener('abort', abort);
                    if (error === undefined || signal.aborted)
                        resolve();
                    else
                        reject(error instanceof Error ? error : new Error('the stream failed'));
                };
                req.setTimeout(options.streamIdleMs ?? 330_000, () => req.destroy(Object.assign(new Error(`watch ${path} idle too long`), { code: 'ETIMEDOUT' })));
                req.on('error', done);
                req.on('response', (res) => {
                    if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) {
                        const chunks = [];
                        res.on('data', (chunk) => chunks.push(chunk));
                        res.on('end', () => {
                            if (res.statusCode === 401)
                                auth.invalidate();
                            done(new KubeApiException(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), res.headers, what('GET', path)));
                        });
                        return;
                    }
                    let buffered = '';
                    res.setEncoding('utf8');
                    res.on('data', (chunk) => {
                        buffered += chunk;
                        let newline = buffered.indexOf('\n');
                        while (newline >= 0) {
                            const line = buffered.slice(0, newline).trim();
                            buffered = buffered.slice(newline + 1);
                            if (line !== '')
                                onLine(line);
                            newline = buffered.indexOf('\n');
                        }
                    });
                    res.on('error', done);
                    res.on('end', () => {
                        if (buffered.trim() !== '')
                            onLine(buffered.trim());
                        done();
                    });
                    res.on('close', () => done());
                });
                req.end();
            });
        },
    };
}


/***/ })

};
