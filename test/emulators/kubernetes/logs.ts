// The kubelet's logs endpoint (`pods/{name}/log`): the current (or last) run of a container, or
// with `previous` the run before; the API server's 400 when there is none to show.
import { containerSpecs, programOf } from './containers.ts';
import { badRequest } from './status.ts';
import { getPath, isRecord, str, type KubeObject } from './types.ts';

/**
 * A container's log as the kubelet serves it: the current (or last) run, or with `previous` the
 * run before; the API server's 400 when there is none.
 */
export function podLogs(pod: KubeObject, container: string | undefined, previous: boolean): string {
  const containers = containerSpecs(pod);
  const inits = containerSpecs(pod, 'initContainers');
  const name = pod.metadata.name ?? '';
  if (!container && containers.length > 1) {
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
  }
  const chosen = [...containers, ...inits].find((c) => c.name === (container ?? containers[0]?.name));
  if (!chosen) throw badRequest(`container ${container ?? ''} is not valid for pod ${name}`);
  const statuses = getPath(pod, inits.includes(chosen) ? 'status.initContainerStatuses' : 'status.containerStatuses');
  const own = (Array.isArray(statuses) ? statuses : []).find((s) => isRecord(s) && s.name === chosen.name);
  const restarts = Number(getPath(own, 'restartCount') ?? 0);
  const waitingReason = str(getPath(own, 'state.waiting.reason'));
  const hasRun = own !== undefined && (restarts > 0 || getPath(own, 'state.running') !== undefined || getPath(own, 'state.terminated') !== undefined);
  if (previous) {
    if (restarts === 0) throw badRequest(`previous terminated container "${chosen.name}" in pod "${name}" not found`);
  } else if (!hasRun) {
    if (!getPath(pod, 'spec.nodeName')) throw badRequest(`pod ${name} does not have a host assigned`);
    const why =
      waitingReason === 'ImagePullBackOff' || waitingReason === 'ErrImagePull' ? 'trying and failing to pull image' : (waitingReason ?? 'ContainerCreating');
    throw badRequest(`container "${chosen.name}" in pod "${name}" is waiting to start: ${why}`);
  }
  const program = programOf(chosen);
  const runNumber = previous ? restarts : restarts + 1;
  const lines = [`[emulator] ${chosen.name} started from ${chosen.image} (run ${runNumber})`, ...program.output];
  if (program.exit === undefined)
    lines.push(
      getPath(own, 'state.terminated.reason') === 'Completed' ? `[emulator] ${chosen.name} ran to completion` : `[emulator] ${chosen.name} is serving`,
    );
  else if (program.exit !== 0 && program.output.length === 0) lines.push(`[emulator] exiting with status ${program.exit}`);
  return `${lines.join('\n')}\n`;
}
