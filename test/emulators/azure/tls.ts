// The emulator's TLS identity: a self-signed certificate made at start-up for
// 127.0.0.1 and localhost. Clients trust it through NODE_EXTRA_CA_CERTS (read
// by Node at process start) or, in-process, through `tlsOptions.ca` on Azure
// SDK clients or `trustCaInProcess()`.
import tls from 'node:tls';
import { generate } from 'selfsigned';

/** PEM key and certificate; the certificate is also the CA to trust. */
export interface TlsIdentity {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate with SAN IP:127.0.0.1 and DNS:localhost, valid for a week. */
export async function makeTlsIdentity(): Promise<TlsIdentity> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 7 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'azure-emulator.localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Makes every later TLS connection of this process (that does not pass its own
 * `ca`) trust `caPem` besides the default roots, like NODE_EXTRA_CA_CERTS does
 * at start-up. Uses `tls.setDefaultCACertificates` (Node >= 22.19 / 24.5).
 * Returns a function that restores the previous default.
 */
export function trustCaInProcess(caPem: string): () => void {
  const previous = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...previous, caPem]);
  return () => tls.setDefaultCACertificates(previous);
}
