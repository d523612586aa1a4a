// Size of every bundle in dist/.
import { bundleSizes } from './cold-start.ts';

export default function bench({ root }: { root: string }): void {
  for (const { action, bytes } of bundleSizes(root)) console.log(`bundle ${action}: ${(bytes / 1024).toFixed(0)} KiB`);
}
