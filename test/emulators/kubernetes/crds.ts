// CustomResourceDefinitions: turning a CRD object into the type it serves,
// checking the fields the API server insists on, its status, and the CRDs
// the emulator starts with (those real overlays use).
import { compareVersions, type ResourceType } from './resources.ts';
import type { StatusCause } from './status.ts';
import { isRecord, str, timestamp, type KubeObject } from './types.ts';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  status: boolean;
}

function versionsOf(spec: Record<string, unknown>): CrdVersion[] {
  const list = Array.isArray(spec.versions) ? spec.versions : [];
  return list.filter(isRecord).map((v) => ({
    name: str(v.name) ?? '',
    served: v.served !== false,
    storage: v.storage === true,
    status: isRecord(v.subresources) && isRecord(v.subresources.status),
  }));
}

/** What the API server refuses in a CRD (a subset of its validation). */
export function validateCrd(crd: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = str(spec.group) ?? '';
  const plural = str(names.plural) ?? '';
  const need = (field: string, value: string): void => {
    if (!value) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field });
  };
  need('spec.group', group);
  need('spec.names.plural', plural);
  need('spec.names.kind', str(names.kind) ?? '');
  const scope = str(spec.scope) ?? '';
  if (scope !== 'Namespaced' && scope !== 'Cluster') {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${scope}": supported values: "Cluster", "Namespaced"`, field: 'spec.scope' });
  }
  const versions = versionsOf(spec);
  if (versions.length === 0)
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: must have exactly one version marked as storage version', field: 'spec.versions' });
  else if (versions.filter((v) => v.storage).length !== 1) {
    causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: must have exactly one version marked as storage version', field: 'spec.versions' });
  }
  const name = crd.metadata.name ?? '';
  if (group && plural && name !== `${plural}.${group}`) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`, field: 'metadata.name' });
  }
  return causes;
}

/** The type a (valid) CRD serves. */
export function typeFromCrd(crd: KubeObject): ResourceType {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const kind = str(names.kind) ?? '';
  const versions = versionsOf(spec);
  return {
    group: str(spec.group) ?? '',
    versions: versions
      .filter((v) => v.served)
      .map((v) => v.name)
      .sort(compareVersions),
    kind,
    listKind: str(names.listKind) ?? `${kind}List`,
    plural: str(names.plural) ?? '',
    singular: str(names.singular) ?? kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: Array.isArray(names.shortNames) ? names.shortNames.filter((s): s is string => typeof s === 'string') : [],
    statusSubresource: versions.some((v) => v.status),
    custom: true,
    generation: true,
    crd,
  };
}

/** The status the apiextensions controller writes once names are accepted. */
export function crdStatus(crd: KubeObject): Record<string, unknown> {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? { ...spec.names } : {};
  if (!names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase();
  if (!names.listKind && typeof names.kind === 'string') names.listKind = `${names.kind}List`;
  const now = timestamp();
  const condition = (type: string, reason: string, message: string): Record<string, string> => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: names,
    storedVersions: versionsOf(spec)
      .filter((v) => v.storage)
      .map((v) => v.name),
  };
}

interface Preset {
  group: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  version: string;
  status: boolean;
}

const PRESETS: Preset[] = [
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', plural: 'httproutes', version: 'v1', status: true },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', plural: 'gateways', shortNames: ['gtw'], version: 'v1', status: true },
  { group: 'secrets-store.csi.x-k8s.io', kind: 'SecretProviderClass', plural: 'secretproviderclasses', version: 'v1', status: false },
  { group: 'alb.networking.azure.io', kind: 'HealthCheckPolicy', plural: 'healthcheckpolicies', version: 'v1', status: true },
  { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', plural: 'servicemonitors', shortNames: ['smon'], version: 'v1', status: false },
];

/** CRD manifests for the custom resources real overlays use. */
export function presetCrds(): KubeObject[] {
  return PRESETS.map((p) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${p.plural}.${p.group}` },
    spec: {
      group: p.group,
      scope: 'Namespaced',
      names: {
        kind: p.kind,
        listKind: `${p.kind}List`,
        plural: p.plural,
        singular: p.kind.toLowerCase(),
        ...(p.shortNames ? { shortNames: p.shortNames } : {}),
      },
      versions: [
        {
          name: p.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          ...(p.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  }));
}
