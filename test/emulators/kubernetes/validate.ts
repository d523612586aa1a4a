// The parts of API server validation a client is most likely to trip:
// object names, label keys and values, and workload selectors that must
// match their pod template. Answers the causes of a 422 Invalid.
import { matchRequirements, requirementsOf } from './selectors.ts';
import type { ResourceType } from './resources.ts';
import type { StatusCause } from './status.ts';
import { getPath, isRecord, type KubeObject } from './types.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const LABEL_MESSAGE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_NAME_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Kinds whose names must be RFC 1123 labels (they become DNS names). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

function invalidValue(field: string, value: unknown, message: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${message}`, field };
}

function checkName(name: string, kind: string, causes: StatusCause[]): void {
  if (!name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else if (LABEL_NAMED.has(kind)) {
    if (name.length > 63) causes.push(invalidValue('metadata.name', name, 'must be no more than 63 characters'));
    else if (!DNS1123_LABEL.test(name)) causes.push(invalidValue('metadata.name', name, LABEL_NAME_MESSAGE));
  } else if (name.length > 253) {
    causes.push(invalidValue('metadata.name', name, 'must be no more than 253 characters'));
  } else if (!DNS1123_SUBDOMAIN.test(name) && kind !== 'Role' && kind !== 'RoleBinding' && kind !== 'ClusterRole' && kind !== 'ClusterRoleBinding') {
    causes.push(invalidValue('metadata.name', name, SUBDOMAIN_MESSAGE));
  }
}

function checkLabelKey(key: string, field: string, causes: StatusCause[]): void {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
  if (slash >= 0 && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    causes.push(invalidValue(field, key, `prefix part ${SUBDOMAIN_MESSAGE}`));
  }
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    causes.push(invalidValue(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') and must be no more than 63 characters"));
  }
}

function checkLabels(labels: unknown, field: string, causes: StatusCause[]): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(key, field, causes);
    if (typeof value !== 'string') causes.push(invalidValue(field, value, 'label values must be strings'));
    else if (value.length > 63) causes.push(invalidValue(field, value, 'must be no more than 63 characters'));
    else if (!LABEL_VALUE.test(value)) causes.push(invalidValue(field, value, LABEL_MESSAGE));
  }
}

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The causes of a 422 for this object, empty when it is valid. */
export function validateObject(obj: KubeObject, type: ResourceType): StatusCause[] {
  const causes: StatusCause[] = [];
  checkName(obj.metadata.name ?? '', type.kind, causes);
  checkLabels(obj.metadata.labels, 'metadata.labels', causes);
  if (SELECTOR_KINDS.has(type.kind) && !type.custom) {
    const selector = getPath(obj, 'spec.selector');
    const templateLabels = getPath(obj, 'spec.template.metadata.labels');
    checkLabels(templateLabels, 'spec.template.metadata.labels', causes);
    if (!isRecord(selector) || (!isRecord(selector.matchLabels) && !Array.isArray(selector.matchExpressions))) {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
    } else if (!matchRequirements(requirementsOf(selector), isRecord(templateLabels) ? (templateLabels as Record<string, string>) : {})) {
      causes.push(invalidValue('spec.template.metadata.labels', templateLabels ?? {}, '`selector` does not match template `labels`'));
    }
    const containers = getPath(obj, 'spec.template.spec.containers');
    if (!Array.isArray(containers) || containers.length === 0) {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' });
    }
  }
  return causes;
}

/** Fields that may not change once set. */
export function validateUpdate(previous: KubeObject, next: KubeObject, type: ResourceType): StatusCause[] {
  if (!SELECTOR_KINDS.has(type.kind) || type.custom) return [];
  const before = JSON.stringify(getPath(previous, 'spec.selector'));
  const after = JSON.stringify(getPath(next, 'spec.selector'));
  return before === after ? [] : [invalidValue('spec.selector', getPath(next, 'spec.selector'), 'field is immutable')];
}
