// An Argo CD stand-in for the Kubernetes emulator: the Application CRD exactly as Argo CD
// serves it (argoproj/argo-cd manifests/crds/application-crd.yaml, v3.6.0, descriptions left
// out) and a small application controller for Kustomize sources. For each Application in its
// namespace with an automated sync policy it reads the tracked path at the branch head from a
// repository (the GitHub emulator), renders it with `kubectl kustomize`, applies every object
// through the API server (server-side apply, field manager `argocd-controller`) and writes
// `status.sync`, `status.health`, `status.operationState`, `status.resources`, `status.history`
// and `status.summary` with Argo CD's field names and values. Health follows gitops-engine's
// rules for the kinds the sample apps use; the Application's health is its worst resource's.
// Like Argo CD 3.x (`controller.resource.health.persist: "false"`, the default), resource health
// is not written into status.resources unless `persistResourceHealth` is set.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import crdJson from './argocd-application-crd.json' with { type: 'json' };
import { crdStatus, typeFromCrd } from './crds.ts';
import type { KubeEmulator } from './index.ts';
import { clone, deepEqual, isRecord, type KubeObject } from './types.ts';

const run = promisify(execFile);
export const APPLICATIONS = 'applications.argoproj.io';

/** What the controller reads a repository through (the GitHub emulator's control API fits). */
export interface RepoSource {
  branchSha(name: string): string | undefined;
  listFiles(ref: string): string[];
  readFile(path: string, ref: string): string | undefined;
}

/** A failure scripted for one Application (tests and the demo). */
export type ScriptedFailure =
  /** The next sync fails with this message (as an apply the API server refused). */
  | { kind: 'sync-error'; message: string }
  /** The resource `Kind/name` reports Progressing whatever its live state. */
  | { kind: 'progressing'; resource: string; message?: string }
  /** The resource `Kind/name` reports Degraded with this message. */
  | { kind: 'degraded'; resource: string; message: string };

export interface ArgoCdOptions {
  /** Repositories by the `repoURL` Applications name. */
  repos: Record<string, RepoSource>;
  /** Argo CD's namespace (created when missing). Default `argocd`. */
  namespace?: string;
  /** How often branch heads are compared, in ms (Argo CD: 3 minutes, or at once on a webhook). Default 50. */
  pollMs?: number;
  /** Write each resource's health into status.resources (Argo CD 2.x; 3.x: `controller.resource.health.persist: "true"`). Default false. */
  persistResourceHealth?: boolean;
}

export interface ArgoCd {
  namespace: string;
  /** Scripts a failure for an Application (replacing any scripted before); `undefined` clears it. */
  script(application: string, failure: ScriptedFailure | undefined): void;
  /** Compares every Application with its branch head now (a webhook). */
  refresh(): void;
  close(): void;
}

interface Tracked {
  group: string;
  version: string;
  kind: string;
  namespace: string | undefined;
  name: string;
  resource: string;
  syncStatus: 'Synced' | 'OutOfSync';
}

interface Health {
  status: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
  message?: string;
}

const ORDER: Health['status'][] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** The Application CRD as Argo CD defines it. */
export function applicationCrd(): KubeObject {
  return clone(crdJson as unknown as KubeObject);
}

/** Installs the CRD and starts the controller on an emulator. */
export function startArgoCd(kube: KubeEmulator, options: ArgoCdOptions): ArgoCd {
  const { store } = kube;
  const namespace = options.namespace ?? 'argocd';
  if (!store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, 'applications.argoproj.io')) {
    const crd = applicationCrd();
    crd.status = crdStatus(crd);
    store.registry.register(typeFromCrd(store.seed(crd)));
  }
  if (!store.get('namespaces', undefined, namespace))
    store.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  const scripts = new Map<string, ScriptedFailure>();
  const tracked = new Map<string, Tracked[]>();
  const busy = new Set<string>();
  let closed = false;

  const update = (name: string, edit: (app: KubeObject) => void): void => {
    const live = store.get(APPLICATIONS, namespace, name);
    if (!live) return;
    const next = clone(live);
    edit(next);
    if (!deepEqual(live, next)) store.update(APPLICATIONS, next);
  };

  const apply = async (object: KubeObject, destination: string | undefined): Promise<Tracked> => {
    const [group, version] = (object.apiVersion ?? '').includes('/') ? (object.apiVersion ?? '').split('/') : ['', object.apiVersion ?? ''];
    const type = store.registry.byKind(group ?? '', version ?? '', object.kind ?? '');
    if (!type)
      throw new Error(
        `The Kubernetes API could not find ${group ? `${group}/` : ''}${object.kind ?? ''} for requested resource ${object.metadata.namespace ?? destination ?? ''}/${object.metadata.name ?? ''}. Make sure the "${object.kind ?? ''}" CRD is installed on the destination cluster.`,
      );
    const ns = type.namespaced ? (object.metadata.namespace ?? destination) : undefined;
    if (ns !== undefined) object.metadata.namespace = ns;
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const url = `${kube.url}${base}${ns !== undefined ? `/namespaces/${ns}` : ''}/${type.plural}/${encodeURIComponent(object.metadata.name ?? '')}?fieldManager=argocd-controller&force=true`;
    const answer = await fetch(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${kube.token}`, 'content-type': 'application/apply-patch+yaml' },
      body: JSON.stringify(object),
    });
    if (!answer.ok) {
      const body = (await answer.json().catch(() => ({}))) as { message?: string };
      throw new Error(body.message ?? `HTTP ${answer.status}`);
    }
    return {
      group: group ?? '',
      version: version ?? '',
      kind: object.kind ?? '',
      namespace: ns,
      name: object.metadata.name ?? '',
      resource: type.group ? `${type.plural}.${type.group}` : type.plural,
      syncStatus: 'Synced',
    };
  };

  const render = async (repo: RepoSource, sha: string, dir: string): Promise<KubeObject[]> => {
    const root = await mkdtemp(path.join(tmpdir(), 'argocd-'));
    try {
      for (const file of repo.listFiles(sha)) {
        const target = path.join(root, file);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, repo.readFile(file, sha) ?? '');
      }
      const { stdout } = await run('kubectl', ['kustomize', path.join(root, dir)], { maxBuffer: 64 * 1024 * 1024 });
      return parseAllDocuments(stdout)
        .map((doc) => doc.toJS() as KubeObject)
        .filter((o) => isRecord(o) && isRecord(o.metadata));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  const sync = async (app: KubeObject, repo: RepoSource, sha: string): Promise<void> => {
    const name = app.metadata.name ?? '';
    const spec = isRecord(app.spec) ? app.spec : {};
    const source = isRecord(spec.source) ? spec.source : {};
    const destination = isRecord(spec.destination) ? spec.destination : {};
    const destNs = typeof destination.namespace === 'string' ? destination.namespace : undefined;
    const startedAt = now();
    const operation = { sync: { revision: sha, syncStrategy: { hook: {} } }, initiatedBy: { automated: true }, retry: {} };
    update(name, (a) => {
      const status = (a.status = isRecord(a.status) ? a.status : {});
      status.sync = { status: 'OutOfSync', comparedTo: { source, destination }, revision: sha };
      status.operationState = { operation, phase: 'Running', message: 'waiting for healthy state of /Namespace/' + (destNs ?? ''), startedAt };
    });
    const results: Record<string, unknown>[] = [];
    let failure: string | undefined;
    const applied: Tracked[] = [];
    const images = new Set<string>();
    try {
      const objects = await render(repo, sha, typeof source.path === 'string' ? source.path : '.');
      const scripted = scripts.get(name);
      for (const object of objects) {
        for (const image of JSON.stringify(object).matchAll(/"image":"([^"]+)"/g)) images.add(image[1] ?? '');
        const [group, version] = (object.apiVersion ?? '').includes('/') ? (object.apiVersion ?? '').split('/') : ['', object.apiVersion ?? ''];
        const row = {
          group: group ?? '',
          version: version ?? '',
          kind: object.kind ?? '',
          namespace: object.metadata.namespace ?? destNs ?? '',
          name: object.metadata.name ?? '',
          hookPhase: 'Running',
          syncPhase: 'Sync',
        };
        try {
          if (scripted?.kind === 'sync-error' && results.length === 0) throw new Error(scripted.message);
          applied.push(await apply(object, destNs));
          results.push({ ...row, status: 'Synced', message: `${(object.kind ?? '').toLowerCase()}${group ? `.${group}` : ''}/${row.name} serverside-applied` });
        } catch (error: unknown) {
          const message = error instanceof Error ? error.message : String(error);
          failure ??= message;
          results.push({ ...row, status: 'SyncFailed', message, hookPhase: 'Failed' });
        }
      }
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      update(name, (a) => {
        const status = a.status as Record<string, unknown>;
        status.conditions = [
          {
            type: 'ComparisonError',
            message: `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ${message}`,
            lastTransitionTime: now(),
          },
        ];
        status.sync = { status: 'Unknown', comparedTo: { source, destination }, revision: sha };
        status.operationState = { operation, phase: 'Error', message, startedAt, finishedAt: now(), syncResult: { resources: [], revision: sha, source } };
      });
      return;
    }
    tracked.set(name, applied);
    update(name, (a) => {
      const status = a.status as Record<string, unknown>;
      delete status.conditions;
      const history = Array.isArray(status.history) ? (status.history as Record<string, unknown>[]) : [];
      const phase = failure === undefined ? 'Succeeded' : 'Failed';
      status.operationState = {
        operation,
        phase,
        message: failure === undefined ? 'successfully synced (all tasks run)' : `one or more objects failed to apply, reason: ${failure}`,
        startedAt,
        finishedAt: now(),
        syncResult: { resources: results, revision: sha, source },
      };
      status.sync = { status: failure === undefined ? 'Synced' : 'OutOfSync', comparedTo: { source, destination }, revision: sha };
      if (failure === undefined) {
        const id = history.length === 0 ? 0 : Number(history.at(-1)?.id ?? 0) + 1;
        status.history = [...history, { revision: sha, deployStartedAt: startedAt, deployedAt: now(), id, source, initiatedBy: { automated: true } }].slice(
          -10,
        );
      }
      status.summary = { images: [...images].sort() };
      status.sourceType = 'Kustomize';
      status.reconciledAt = now();
      status.controllerNamespace = namespace;
    });
    refreshHealth(name);
  };

  const healthOf = (app: string, t: Tracked): Health | undefined => {
    const scripted = scripts.get(app);
    if (scripted && scripted.kind !== 'sync-error' && scripted.resource === `${t.kind}/${t.name}`) {
      return {
        status: scripted.kind === 'degraded' ? 'Degraded' : 'Progressing',
        message: scripted.message ?? 'Waiting for rollout to finish: 0 of 1 updated replicas are available...',
      };
    }
    const live = store.get(t.resource, t.namespace, t.name);
    if (!live) return { status: 'Missing' };
    return resourceHealth(live);
  };

  const refreshHealth = (name: string): void => {
    const list = tracked.get(name);
    if (!list) return;
    const rows = list.map((t) => ({ t, health: healthOf(name, t), live: store.get(t.resource, t.namespace, t.name) }));
    let worst: Health['status'] = 'Healthy';
    for (const { health } of rows) if (health && ORDER.indexOf(health.status) > ORDER.indexOf(worst)) worst = health.status;
    update(name, (a) => {
      const status = a.status as Record<string, unknown>;
      status.resources = rows.map(({ t, health, live }) => ({
        ...(t.group ? { group: t.group } : {}),
        version: t.version,
        kind: t.kind,
        ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
        name: t.name,
        status: live ? 'Synced' : 'OutOfSync',
        ...(options.persistResourceHealth && health ? { health } : {}),
      }));
      const before = isRecord(status.health) ? status.health : {};
      if (before.status !== worst) status.health = { status: worst, lastTransitionTime: now() };
      status.resourceHealthSource = options.persistResourceHealth ? undefined : 'appTree';
      if (status.resourceHealthSource === undefined) delete status.resourceHealthSource;
    });
  };

  const reconcile = (): void => {
    if (closed) return;
    for (const app of store.list(APPLICATIONS, namespace)) {
      const name = app.metadata.name ?? '';
      const spec = isRecord(app.spec) ? app.spec : {};
      const source = isRecord(spec.source) ? spec.source : {};
      const repo = options.repos[typeof source.repoURL === 'string' ? source.repoURL : ''];
      const automated = isRecord(spec.syncPolicy) && isRecord(spec.syncPolicy.automated);
      if (!repo || !automated || busy.has(name)) continue;
      const target = typeof source.targetRevision === 'string' && source.targetRevision !== 'HEAD' ? source.targetRevision : 'main';
      const sha = /^[0-9a-f]{40}$/.test(target) ? target : repo.branchSha(target);
      const status = isRecord(app.status) ? app.status : {};
      const op = isRecord(status.operationState) ? status.operationState : {};
      const opSync = isRecord(op.operation) && isRecord(op.operation.sync) ? op.operation.sync : {};
      if (!sha || opSync.revision === sha) continue;
      busy.add(name);
      void sync(app, repo, sha).finally(() => busy.delete(name));
    }
  };

  const unsubscribe = store.subscribe((event) => {
    if (closed) return;
    const { namespace: ns, name } = event.object.metadata;
    for (const [app, list] of tracked) {
      if (
        list.some((t) => t.resource === event.resource && t.namespace === ns && t.name === name) ||
        event.resource === 'replicasets.apps' ||
        event.resource === 'pods'
      ) {
        queueHealth(app);
      }
    }
  });
  const pendingHealth = new Set<string>();
  let healthTimer: NodeJS.Immediate | undefined;
  const queueHealth = (app: string): void => {
    pendingHealth.add(app);
    healthTimer ??= setImmediate(() => {
      healthTimer = undefined;
      const apps = [...pendingHealth];
      pendingHealth.clear();
      for (const a of apps) refreshHealth(a);
    });
  };
  const timer = setInterval(reconcile, options.pollMs ?? 50);
  return {
    namespace,
    script: (application, failure) => {
      if (failure) scripts.set(application, failure);
      else scripts.delete(application);
      queueHealth(application);
    },
    refresh: reconcile,
    close: () => {
      closed = true;
      clearInterval(timer);
      if (healthTimer) clearImmediate(healthTimer);
      unsubscribe();
    },
  };
}

const condition = (obj: KubeObject, type: string): Record<string, unknown> | undefined => {
  const status = isRecord(obj.status) ? obj.status : {};
  return (Array.isArray(status.conditions) ? status.conditions : []).find((c): c is Record<string, unknown> => isRecord(c) && c.type === type);
};

/** gitops-engine's health of the kinds the sample apps use (pkg/health); undefined: no health. */
export function resourceHealth(obj: KubeObject): Health | undefined {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  switch (obj.kind) {
    case 'Deployment': {
      if (spec.paused === true) return { status: 'Suspended', message: 'Deployment is paused' };
      if (num(obj.metadata.generation) > num(status.observedGeneration))
        return { status: 'Progressing', message: 'Waiting for rollout to finish: observed deployment generation less than desired generation' };
      if (condition(obj, 'Progressing')?.reason === 'ProgressDeadlineExceeded')
        return { status: 'Degraded', message: `Deployment "${obj.metadata.name ?? ''}" exceeded its progress deadline` };
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const updated = num(status.updatedReplicas);
      if (updated < replicas)
        return { status: 'Progressing', message: `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...` };
      if (num(status.replicas) > updated)
        return { status: 'Progressing', message: `Waiting for rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...` };
      if (num(status.availableReplicas) < updated)
        return {
          status: 'Progressing',
          message: `Waiting for rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...`,
        };
      return { status: 'Healthy' };
    }
    case 'StatefulSet': {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      if (num(obj.metadata.generation) > num(status.observedGeneration))
        return { status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' };
      if (num(status.readyReplicas) < replicas)
        return { status: 'Progressing', message: `Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...` };
      return {
        status: 'Healthy',
        message: `statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${typeof status.currentRevision === 'string' ? status.currentRevision : ''}...`,
      };
    }
    case 'DaemonSet': {
      if (num(status.numberAvailable) < num(status.desiredNumberScheduled))
        return {
          status: 'Progressing',
          message: `Waiting for daemon set "${obj.metadata.name ?? ''}" rollout to finish: ${num(status.numberAvailable)} of ${num(status.desiredNumberScheduled)} updated pods are available...`,
        };
      return { status: 'Healthy' };
    }
    case 'Service': {
      if (spec.type === 'LoadBalancer') {
        const lb = isRecord(status.loadBalancer) && Array.isArray(status.loadBalancer.ingress) ? status.loadBalancer.ingress : [];
        if (lb.length === 0) return { status: 'Progressing' };
      }
      return { status: 'Healthy' };
    }
    case 'PersistentVolumeClaim':
      return status.phase === 'Bound' ? { status: 'Healthy' } : { status: 'Progressing' };
    case 'Ingress':
      return { status: 'Healthy' };
    default:
      return undefined;
  }
}
