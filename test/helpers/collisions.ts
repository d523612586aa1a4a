// A crafted collision of the slug's 40-bit hash, found by search: case variants of one branch
// name (so both reduce to the same text) walked in Gray-code order until two share the first
// 40 bits of sha256. The base is one whose first collision comes early (about 80,000 hashes);
// the search is deterministic, so every run finds the same pair.
import { hash } from 'node:crypto';

/** Two different branch names with identical slugs, namespaces, databases and roles. */
export function craftedCollision(): [string, string] {
  const buf = Buffer.from('feature/login-96-collision-search');
  const letters = [...buf.keys()].filter((i) => (buf[i] ?? 0) >= 97 && (buf[i] ?? 0) <= 122);
  const seen = new Map<number, string>();
  for (let n = 1; n < 200_000; n++) {
    const index = letters[31 - Math.clz32(n & -n)] ?? 0;
    buf[index] = (buf[index] ?? 0) ^ 0x20;
    const key = hash('sha256', buf, 'buffer').readUIntBE(0, 5);
    const name = buf.toString('latin1');
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, name];
    seen.set(key, name);
  }
  throw new Error('no collision found within the search bound');
}
