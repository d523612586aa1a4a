// cleanup-branch, mode branch, in process against the emulators and the shared PostgreSQL:
// what carries the branch's mark goes, everything else stays (other branches, production,
// unmarked lookalikes, protected names), dry runs change nothing, re-runs converge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownershipAnnotations } from '../../shared/branch/ownership/kube-marks.ts';
import { federatedCredentialName, formatOwnershipMark, newOwnershipMark, serviceAccountSubject } from '../../shared/branch/ownership/azure-marks.ts';
import { closeQuietly, connectOnce } from '../../shared/postgres/client.ts';
import { serviceTarget } from '../emulators/postgres.ts';
import { sharedPostgres } from '../emulators/postgres/shared.ts';
import {
  WORLD_REPOSITORY,
  cleanupInProcess,
  connectionInputs,
  leftOf,
  present,
  seedBranch,
  seedCredential,
  seedDatabase,
  seedDeployment,
  seedNamespace,
  seedRole,
  startWorld,
  type World,
} from '../helpers/cleanup-branch-world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld({ postgres: sharedPostgres()! });
});
afterAll(async () => {
  await w?.close();
});

const branch = (name: string): string => `cb-${name}-${w.id}`;
const gone = { namespace: false, database: false, role: false, credential: false };
const all = { namespace: true, database: true, role: true, credential: true };
const full = (deployment?: string) => ({ namespace: true, database: true, role: true, credential: true, ...(deployment ? { deployment } : {}) });

type Entry = { kind: string; name: string; reason?: string };
const listed = (entries: unknown): string[] => (entries as Entry[]).map((e) => `${e.kind} ${e.name}`).sort();

describe('cleanup-branch (branch mode)', () => {
  it('removes every marked object of the branch, and nothing of another branch or production', async () => {
    const a = await seedBranch(w, branch('a'), full(`feature-${branch('a')}`));
    const b = await seedBranch(w, branch('b'), full(`feature-${branch('b')}`));
    seedNamespace(w, 'project', { app: 'todo' });
    const asRole = (database: string) =>
      connectOnce({ host: w.pg.host, port: w.pg.port, user: a.role, password: `Pw-${w.id}-secret`, database, sslmode: 'disable' });
    const sessions = [await asRole(a.database), await asRole('postgres')];
    const run = await cleanupInProcess(w, connectionInputs(w, { branch: a.branch, 'drop-method': 'sql' }));
    expect(run.error).toBeUndefined();
    for (const session of sessions) {
      await expect(session.query('SELECT 1')).rejects.toThrow(/terminat|connection error/);
      await closeQuietly(session);
    }
    expect(await leftOf(w, a)).toEqual(gone);
    expect(await leftOf(w, b)).toEqual(all);
    expect(present(w).namespace('project')).toBe(true);
    expect(listed(run.outputs?.removed)).toEqual(
      expect.arrayContaining([
        `namespace ${a.namespace}`,
        `database ${a.database}`,
        `role ${a.role}`,
        `federated-credential ${federatedCredentialName(a, WORLD_REPOSITORY)}`,
        `environment feature-${a.branch}`,
      ]),
    );
    expect((run.outputs?.removed as Entry[]).filter((r) => r.kind === 'deployment')).toHaveLength(1);
    expect(w.gh.deployments().filter((d) => d.ref === a.branch)).toEqual([]);
    expect(w.gh.deployments().filter((d) => d.ref === b.branch)).toHaveLength(1);
    expect(w.gh.environments()).toContain(`feature-${b.branch}`);
    expect(w.gh.environments()).not.toContain(`feature-${a.branch}`);
    expect(run.summary).toContain(`<td>Namespace ${a.namespace}</td><td>${a.slug}</td><td>removed</td>`);
  });

  it('skips unmarked lookalikes with a warning and leaves them as they are', async () => {
    const x = branch('x');
    const names = await seedBranch(w, x, { namespace: false });
    seedNamespace(w, names.namespace, { team: 'made-by-hand' });
    await seedDatabase(w, names.database, 'made by hand for a demo');
    await seedRole(w, names.role);
    seedCredential(w, federatedCredentialName(names, WORLD_REPOSITORY), serviceAccountSubject('project', 'workload'));
    const run = await cleanupInProcess(w, connectionInputs(w, { branch: x }));
    expect(run.error).toBeUndefined();
    expect(await leftOf(w, names)).toEqual(all);
    const skipped = run.outputs?.skipped as Entry[];
    expect(listed(skipped)).toEqual([
      `database ${names.database}`,
      `federated-credential ${federatedCredentialName(names, WORLD_REPOSITORY)}`,
      `namespace ${names.namespace}`,
      `role ${names.role}`,
    ]);
    const warnings = run.logger.messages('warning').join('\n');
    expect(warnings).toContain(`Skipped Namespace ${names.namespace}: it exists and was not made by this suite`);
    expect(warnings).toContain(`Skipped Database ${names.database}: no ownership mark`);
    expect(warnings).toContain(`Skipped Role ${names.role}: no ownership mark`);
    expect(warnings).toContain('system:serviceaccount:project:workload, in a protected namespace');
  });

  it('leaves objects marked for another branch, and removes ones marked for this branch under another name', async () => {
    const c = branch('c');
    const names = await seedBranch(w, c, { namespace: true });
    await seedDatabase(w, names.database, formatOwnershipMark(newOwnershipMark('someone-else', {})));
    const custom = `custom_${w.id}`;
    await seedDatabase(w, custom, formatOwnershipMark(newOwnershipMark(c, {})));
    const labels = { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': names.slug };
    seedNamespace(w, `other-${w.id}`, labels, new Date(), { annotations: ownershipAnnotations({ branch: c, repository: WORLD_REPOSITORY }) });
    // Labels alone (what an older version left on a namespace it took over) prove nothing.
    seedNamespace(w, `taken-${w.id}`, labels);
    const run = await cleanupInProcess(w, connectionInputs(w, { branch: c, 'drop-method': 'arm' }));
    expect(run.error).toBeUndefined();
    const p = present(w);
    expect(await p.database(names.database)).toBe(true);
    expect(await p.database(custom)).toBe(false);
    expect(p.namespace(names.namespace)).toBe(false);
    expect(p.namespace(`other-${w.id}`)).toBe(false);
    expect(p.namespace(`taken-${w.id}`)).toBe(true);
    expect((run.outputs?.skipped as Entry[]).find((e) => e.name === names.database)?.reason).toContain(
      'its ownership mark names branch "someone-else" (a mark of an older version, which records no repository), not branch',
    );
    expect((run.outputs?.removed as Entry[]).find((e) => e.name === custom)?.reason).toContain('records no repository');
  });

  it('never touches protected names, whatever the inputs and marks say', async () => {
    const p = branch('prod');
    const names = await seedBranch(w, p, { namespace: true, database: true });
    const run = await cleanupInProcess(
      w,
      connectionInputs(w, { branch: p, 'production-namespaces': `project\n${names.namespace}`, 'protected-databases': names.database, 'drop-method': 'sql' }),
    );
    expect(run.error).toBeUndefined();
    expect(present(w).namespace(names.namespace)).toBe(true);
    expect(await present(w).database(names.database)).toBe(true);
    const reasons = Object.fromEntries((run.outputs?.skipped as Entry[]).map((e) => [e.kind, e.reason]));
    expect(reasons['namespace']).toMatch(/^protected namespace/);
    expect(reasons['database']).toMatch(/^protected database/);
  });

  it('a dry run lists what would go and changes nothing; a re-run after the real one finds everything gone', async () => {
    const d = await seedBranch(w, branch('dry'), full(`feature-${branch('dry')}`));
    const dry = await cleanupInProcess(w, connectionInputs(w, { branch: d.branch, 'dry-run': 'true' }));
    expect(dry.error).toBeUndefined();
    expect(await leftOf(w, d)).toEqual(all);
    expect(
      w.gh
        .deployments()
        .filter((x) => x.ref === d.branch)
        .map((x) => x.state),
    ).toEqual(['success']);
    expect(listed(dry.outputs?.['would-remove']).map((e) => e.split(' ')[0])).toEqual([
      'database',
      'deployment',
      'environment',
      'federated-credential',
      'namespace',
      'role',
    ]);
    expect(dry.outputs?.removed).toEqual([]);
    expect(dry.summary).toMatch(/\(dry run\)|Dry run/);

    const real = await cleanupInProcess(w, connectionInputs(w, { branch: d.branch }));
    expect(real.error).toBeUndefined();
    expect(await leftOf(w, d)).toEqual(gone);
    const again = await cleanupInProcess(w, connectionInputs(w, { branch: d.branch }));
    expect(again.error).toBeUndefined();
    expect(again.outputs?.removed).toEqual([]);
    expect(listed(again.outputs?.['already-gone']).map((e) => e.split(' ')[0])).toEqual([
      'database',
      'environment',
      'federated-credential',
      'namespace',
      'role',
    ]);
  });

  it('converges through injected faults (ServerBusy, 429, 5xx, dropped connections) and a re-run', async () => {
    const f = await seedBranch(w, branch('faults'), full(`feature-${branch('faults')}`));
    w.az.faults.script(
      { method: 'DELETE', path: /\/databases\//, fault: { kind: 'status', status: 409, code: 'ServerBusy', message: 'The server is busy.' }, times: 1 },
      { method: 'DELETE', path: /federatedIdentityCredentials/, fault: { kind: 'status', status: 503 }, times: 2 },
    );
    w.az.failOperations({ code: 'ServerBusy', message: 'Another operation is in progress.' }, 1);
    w.kube.faults.script(
      { method: 'DELETE', path: /namespaces/, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 1 },
      { method: 'GET', path: /namespaces/, fault: { kind: 'drop' }, times: 1 },
    );
    w.gh.faults.script(
      { method: 'POST', path: /statuses/, fault: { kind: 'status', status: 500 }, times: 1 },
      { method: 'DELETE', path: /deployments/, fault: { kind: 'status', status: 502 }, times: 1 },
    );
    try {
      const run = await cleanupInProcess(w, connectionInputs(w, { branch: f.branch, 'drop-method': 'arm' }));
      expect(run.error).toBeUndefined();
      expect(await leftOf(w, f)).toEqual(gone);
      expect(w.az.faults.injected + w.kube.faults.injected + w.gh.faults.injected).toBeGreaterThanOrEqual(6);
      expect(run.logger.messages('info').join('\n')).toMatch(/retrying/i);
    } finally {
      w.az.faults.clear();
      w.kube.faults.clear();
      w.gh.faults.clear();
    }
    const again = await cleanupInProcess(w, connectionInputs(w, { branch: f.branch }));
    expect(again.error).toBeUndefined();
    expect(again.outputs?.removed).toEqual([]);
  });

  it("names a session it may not end (Azure's own superuser's), keeps the database closed, and finishes on a re-run once it ends", async () => {
    const s = await seedBranch(w, branch('busy'), { database: true, role: true });
    const service = serviceTarget(w.pg);
    const azureSession = await connectOnce({
      host: w.pg.host,
      port: w.pg.port,
      user: service.user,
      password: service.password,
      database: s.database,
      sslmode: 'disable',
    });
    const pid = (await azureSession.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const inputs = {
      branch: s.branch,
      host: w.pg.host,
      port: String(w.pg.port),
      'admin-user': w.pg.user,
      'admin-password': w.pg.password,
      sslmode: 'disable',
      'drop-method': 'sql',
      repository: WORLD_REPOSITORY,
    };
    try {
      const run = await cleanupInProcess(w, inputs);
      expect(String(run.error)).toContain(`Database ${s.database} still has 1 session(s) this login may not end: pid ${pid} (user "${service.user}"`);
      expect(await present(w).database(s.database)).toBe(true);
      const allow = await w.sql.query<{ datallowconn: boolean }>('SELECT datallowconn FROM pg_database WHERE datname = $1', [s.database]);
      expect(allow.rows[0]?.datallowconn).toBe(false);
      expect(run.report.outcomes.find((o) => o.kind === 'role')?.action).toBe('failed');
      expect(run.outputs).toBeUndefined();
      expect(run.summary).toMatch(/FAILED|❌/);
    } finally {
      await closeQuietly(azureSession);
    }
    const again = await cleanupInProcess(w, inputs);
    expect(again.error).toBeUndefined();
    expect(await present(w).database(s.database)).toBe(false);
    expect(await present(w).role(s.role)).toBe(false);
  });

  it('reports a namespace stuck in Terminating with its finalizers and objects, still removes the rest, and finishes on a re-run', async () => {
    const t = await seedBranch(w, branch('stuck'), { namespace: false, database: true, role: true });
    seedNamespace(w, t.namespace, { 'app.kubernetes.io/managed-by': 'branch-env-actions', 'branch-env.io/branch': t.slug }, new Date(), {
      finalizers: ['example.com/hold'],
    });
    w.kube.store.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: t.namespace, finalizers: ['example.com/keep'] }, data: {} });
    const run = await cleanupInProcess(w, connectionInputs(w, { branch: t.branch, timeout: '1s', 'drop-method': 'sql' }));
    const message = String(run.error);
    expect(message).toContain(`Namespace ${t.namespace} is still Terminating after the timeout`);
    expect(message).toContain('example.com/hold');
    expect(message).toContain('ConfigMap/held (finalizers: example.com/keep)');
    expect(await present(w).database(t.database)).toBe(false);
    expect(await present(w).role(t.role)).toBe(false);

    const api = async (method: string, path: string, body: unknown, type = 'application/json'): Promise<void> => {
      const res = await fetch(`${w.kube.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${w.kube.token}`, 'content-type': type },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    };
    await api('PATCH', `/api/v1/namespaces/${t.namespace}/configmaps/held`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    await api('PUT', `/api/v1/namespaces/${t.namespace}/finalize`, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: t.namespace },
      spec: { finalizers: ['kubernetes'] },
    });
    const again = await cleanupInProcess(w, connectionInputs(w, { branch: t.branch, 'drop-method': 'sql' }));
    expect(again.error).toBeUndefined();
    expect(present(w).namespace(t.namespace)).toBe(false);
  });

  it("GitHub: a 403 on deleting the environment is a warning naming the permission; only the template's environment is a candidate", async () => {
    const g = branch('gh');
    const other = branch('gh-other');
    const shared = `preview-${g}-shared`;
    const common = `preview-common-${w.id}`;
    await seedDeployment(w, g, shared);
    await seedDeployment(w, g, `preview/${g}`);
    await seedDeployment(w, other, shared);
    await seedDeployment(w, g, 'production');
    await seedDeployment(w, g, common);
    w.gh.addToken(`limited-${w.id}`, { deployments: 'write', contents: 'read' });
    const run = await cleanupInProcess(w, { branch: g, token: `limited-${w.id}`, repository: 'octo-org/preview-app', environment: 'preview/{slug}' });
    expect(run.error).toBeUndefined();
    expect(
      w.gh
        .deployments()
        .filter((d) => d.ref === g)
        .map((d) => d.environment),
    ).toEqual(['production']);
    expect(w.gh.deployments().filter((d) => d.ref === other)).toHaveLength(1);
    expect(w.gh.environments()).toEqual(expect.arrayContaining([shared, `preview/${g}`, common, 'production']));
    const skipped = Object.fromEntries((run.outputs?.skipped as Entry[]).map((e) => [e.name, e.reason ?? '']));
    expect(skipped[shared]).toMatch(/^not the environment the `environment` template names for this branch/);
    expect(skipped[`preview/${g}`]).toContain('administration: write');
    expect(skipped['production']).toMatch(/^a production environment/);
    expect(skipped[common]).toBe(
      `not the environment the \`environment\` template names for this branch (preview/${g}); only this branch's deployments in it were removed`,
    );
    expect((run.outputs?.skipped as Entry[]).find((e) => e.kind === 'deployment')?.reason).toMatch(/^a production deployment/);
    expect(run.logger.messages('warning').join('\n')).toContain(`Skipped GitHub environment preview/${g}: GitHub refused to delete it (403`);
  });
});
