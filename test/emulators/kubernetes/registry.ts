// The container registry as the kubelet (containerd) sees it: which images it refuses to pull,
// and the errors containerd words. This is the test-only switch for what a manifest cannot
// express: `kube.images.refuse('registry.example.com/app:v2')` (or a RegExp), reason `NotFound`
// (no such tag) or `Unauthorized` (the kubelet identity may not pull from the registry, as an
// AKS cluster without AcrPull on an ACR). By convention a tag containing `fail-pull` is a tag the
// registry does not have.

export type PullRefusal = 'NotFound' | 'Unauthorized';

interface Rule {
  match: (image: string) => boolean;
  reason: PullRefusal;
}

/** `nginx` -> `docker.io/library/nginx:latest`, as containerd names what it pulls. */
export function fullImageName(image: string): string {
  const [first = '', ...rest] = image.split('/');
  const hasRegistry = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let name = hasRegistry ? image : `docker.io/${rest.length === 0 ? 'library/' : ''}${image}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !name.includes('@')) name += ':latest';
  return name;
}

/** Why an image reference cannot even be parsed (kubelet's InvalidImageName), or undefined. */
export function invalidImageName(image: string): string | undefined {
  const reference =
    /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
  if (reference.test(image)) return undefined;
  const lower = /[A-Z]/.test(image.replace(/:[^/]*$/, '').replace(/^[^/]+\.[^/]+\//, ''));
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format${lower ? ': repository name must be lowercase' : ''}`;
}

export class ImageRegistry {
  private rules: Rule[] = [];

  /** Refuses pulls of images equal to `pattern` (a full or short reference) or matching it. */
  refuse(pattern: string | RegExp, reason: PullRefusal = 'NotFound'): void {
    const match =
      typeof pattern === 'string'
        ? (image: string): boolean => image === pattern || fullImageName(image) === fullImageName(pattern)
        : (image: string): boolean => pattern.test(image);
    this.rules.push({ match, reason });
  }

  /** Forgets every refusal (the convention for `fail-pull` tags stays). */
  reset(): void {
    this.rules = [];
  }

  /** containerd's error for a pull of this image, or undefined when it pulls. */
  pullError(image: string): string | undefined {
    const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : '';
    const rule = this.rules.find((r) => r.match(image));
    const reason = rule?.reason ?? (tag.includes('fail-pull') ? 'NotFound' : undefined);
    if (!reason) return undefined;
    const full = fullImageName(image);
    if (reason === 'NotFound')
      return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
    const host = full.split('/')[0] ?? '';
    const repository = full.slice(host.length + 1).replace(/[:@].*$/, '');
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://${host}/oauth2/token?scope=repository%3A${encodeURIComponent(repository)}%3Apull&service=${host}: 401 Unauthorized`;
  }
}
