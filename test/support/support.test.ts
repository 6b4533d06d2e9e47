import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { startNatsServer } from './nats-server.ts';
import { startS3Server } from './s3-server.ts';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('test server helpers', () => {
  it('hands out a loopback port nothing listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1024);
    expect(await accepts(port)).toBe(false);
  });

  it('says how to install nats-server when the binary is not on PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-dir';
    try {
      await expect(startNatsServer()).rejects.toThrow(/apt-get install nats-server/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('starts nats-server, stops it, and restarts it on the same port', async () => {
    const nats = await startNatsServer({ jetstream: true });
    try {
      expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
      expect(await accepts(nats.port)).toBe(true);
      await nats.kill();
      expect(await accepts(nats.port)).toBe(false);
      await nats.restart();
      expect(await accepts(nats.port)).toBe(true);
    } finally {
      await nats.cleanup();
    }
    expect(await accepts(nats.port)).toBe(false);
  });

  it('starts s3rver in a child process with its default credentials and stops it', async () => {
    const s3 = await startS3Server();
    try {
      expect(s3.endpoint).toBe(`http://127.0.0.1:${s3.port}`);
      expect([s3.accessKey, s3.secretKey]).toEqual(['S3RVER', 'S3RVER']);
      expect(await accepts(s3.port)).toBe(true);
    } finally {
      await s3.cleanup();
    }
    expect(await accepts(s3.port)).toBe(false);
  });
});
