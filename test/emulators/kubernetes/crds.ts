// CustomResourceDefinitions: turning a CRD object into the type it serves,
// checking the fields the API server insists on, its status, and the CRDs
// the emulator starts with (those real overlays use).
import { compareVersions, type ResourceType } from './resources.ts';
import type { StatusCause } from './status.ts';
import { clone, isRecord, str, timestamp, type KubeObject } from './types.ts';

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

import gatewaysCrd from './crd-manifests/gateway.networking.k8s.io_gateways.json' with { type: 'json' };
import httpRoutesCrd from './crd-manifests/gateway.networking.k8s.io_httproutes.json' with { type: 'json' };
import serviceMonitorsCrd from './crd-manifests/monitoring.coreos.com_servicemonitors.json' with { type: 'json' };
import secretProviderClassesCrd from './crd-manifests/secrets-store.csi.x-k8s.io_secretproviderclasses.json' with { type: 'json' };

/**
 * The upstream CRDs the emulator starts with, as released (crd-manifests/README.md: source,
 * version, and the one change: descriptions taken out of the schemas), so a custom resource is
 * refused where a real cluster with these CRDs refuses it.
 */
const UPSTREAM: unknown[] = [httpRoutesCrd, gatewaysCrd, secretProviderClassesCrd, serviceMonitorsCrd];

/**
 * HealthCheckPolicy of Application Gateway for Containers: its CRD ships only in Microsoft's
 * Helm chart (not in a public repository), so its schema here keeps unknown fields.
 */
const ALB_HEALTH_CHECK_POLICY: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'healthcheckpolicies.alb.networking.azure.io' },
  spec: {
    group: 'alb.networking.azure.io',
    scope: 'Namespaced',
    names: { kind: 'HealthCheckPolicy', listKind: 'HealthCheckPolicyList', plural: 'healthcheckpolicies', singular: 'healthcheckpolicy' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        subresources: { status: {} },
      },
    ],
  },
};

/** CRD manifests for the custom resources real overlays use (fresh copies: the caller may change them). */
export function presetCrds(): KubeObject[] {
  return [...UPSTREAM.map((crd) => clone(crd) as KubeObject), clone(ALB_HEALTH_CHECK_POLICY)];
}
