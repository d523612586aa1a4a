export const id = 644;
export const ids = [644];
export const modules = {

/***/ 5644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   clusterCa: () => (/* binding */ clusterCa),
/* harmony export */   createAuthenticator: () => (/* binding */ createAuthenticator)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3243);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2635);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5931);
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
        const k8s = await __webpack_require__.e(/* import() */ 356).then(__webpack_require__.bind(__webpack_require__, 7356));
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


/***/ })

};
