// Local stand-ins for the third-party steps of the templates. Each says what it stands for:
// these are the boundaries that cannot run here (Azure sign-in, AKS credentials, a Docker engine,
// a marketplace action), not parts of the suite.
import type { Step, UsesHandler } from '../workflow/runner.ts';

export interface Built {
  image: string;
  labels: string;
}

/** Handlers by `owner/repo`, and the images "pushed" by the build steps. */
export function templateHandlers(github: { url: string; token: string; repository: string }): { handlers: Record<string, UsesHandler>; built: Built[] } {
  const built: Built[] = [];
  const noop: UsesHandler = () => ({});
  const handlers: Record<string, UsesHandler> = {
    // The workspace is already a clone of the app repository at the commit the event means.
    'actions/checkout': noop,
    // provision-db and cleanup-branch sign in with GitHub OIDC themselves (the emulator's token endpoint).
    'azure/login': noop,
    // KUBECONFIG already points at the Kubernetes emulator.
    'azure/aks-set-context': noop,
    'docker/setup-buildx-action': noop,
    // Mocked at a true boundary: there is no Docker engine here. Records what would be pushed.
    'docker/build-push-action': ({ with: inputs }) => {
      for (const image of (inputs['tags'] ?? '').split('\n').filter(Boolean)) built.push({ image, labels: inputs['labels'] ?? '' });
      return { digest: 'sha256:' + '0'.repeat(64) };
    },
    // marocchino/sticky-pull-request-comment: one comment per header, created or updated in place.
    'marocchino/sticky-pull-request-comment': async ({ with: inputs, contexts }) => {
      const number = (contexts['github'] as { event?: { number?: number } }).event?.number;
      if (!number) throw new Error('sticky comment: not a pull request event');
      const marker = `<!-- Sticky Pull Request Comment${inputs['header'] ?? ''} -->`;
      const body = `${inputs['message'] ?? ''}\n${marker}`;
      const api = `${github.url}/repos/${github.repository}/issues`;
      const headers = { authorization: `token ${github.token}`, 'content-type': 'application/json' };
      const comments = (await (await fetch(`${api}/${number}/comments?per_page=100`, { headers })).json()) as { id: number; body: string }[];
      const mine = comments.find((c) => c.body.includes(marker));
      const response = mine
        ? await fetch(`${api}/comments/${mine.id}`, { method: 'PATCH', headers, body: JSON.stringify({ body }) })
        : await fetch(`${api}/${number}/comments`, { method: 'POST', headers, body: JSON.stringify({ body }) });
      if (!response.ok) throw new Error(`sticky comment: ${response.status} ${await response.text()}`);
      return {};
    },
  };
  return { handlers, built };
}

/** `run:` steps that need tools this machine does not have. */
export function skipStep(step: Step): string | undefined {
  if (step.run?.includes('az acr login')) return 'needs the Azure CLI and a real registry (the build is mocked here)';
  return undefined;
}
