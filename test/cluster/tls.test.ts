import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { startServe } from '../support/cluster.ts';

/** A self-signed certificate for 127.0.0.1 made with openssl, for this test only. */
function selfSigned(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=gansweep-test',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

describe('TLS', () => {
  it('serves over TLS to clients that trust the certificate and refuses plaintext clients', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-tls-'));
    const { key, cert } = selfSigned(dir);
    const serve = await startServe({ dir, extraArgs: ['--tls-key', key, '--tls-cert', cert], token: 'tls-token' });
    try {
      const env = { GANSWEEP_COORDINATOR: serve.address, GANSWEEP_TOKEN: 'tls-token' };
      const ok = await runCli(['status'], { env: { ...env, GANSWEEP_TLS_CA: cert } });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('no sweeps');
      const plain = await runCli(['status'], { env, timeoutMs: 60_000 });
      expect(plain.code).not.toBe(0);
      const wrongToken = await runCli(['status'], { env: { ...env, GANSWEEP_TLS_CA: cert, GANSWEEP_TOKEN: 'nope' } });
      expect(wrongToken.stderr).toMatch(/missing or wrong bearer token/);
    } finally {
      await serve.proc.kill();
    }
  });
});
