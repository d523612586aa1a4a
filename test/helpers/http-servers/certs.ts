// Certificates for HTTPS test servers: a throw-away CA, certificates it signs for chosen
// names, and plain self-signed ones. EC keys, so making them takes milliseconds.
import { generate } from 'selfsigned';

/** A PEM key and certificate. */
export interface KeyPair {
  key: string;
  cert: string;
}

const DAY = 24 * 3600_000;

function validity(): { notBeforeDate: Date; notAfterDate: Date } {
  const notBeforeDate = new Date(Date.now() - 60_000);
  return { notBeforeDate, notAfterDate: new Date(notBeforeDate.getTime() + 7 * DAY) };
}

/** A CA that can sign server certificates. */
export async function makeCa(name = 'verify-endpoints test CA'): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A server certificate for `names` (DNS names, or IPs when they look like one), signed by `ca` or self-signed. */
export async function serverCert(names: string[], ca?: KeyPair): Promise<KeyPair> {
  const altNames = names.map((name) => (/^[\d.]+$/.test(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name }));
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'server' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    ...(ca ? { ca } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A client certificate (extKeyUsage clientAuth) with common name `cn`, signed by `ca`. */
export async function clientCert(cn: string, ca: KeyPair): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
