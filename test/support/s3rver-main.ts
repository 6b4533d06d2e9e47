/**
 * Runs s3rver (an S3-speaking server on a local folder) in its own process so tests and scripts/services.sh
 * can stop or kill it. Usage: tsx test/support/s3rver-main.ts --port 9000 --dir .tmp/s3 [--address 127.0.0.1]
 * Prints "s3rver ready on http://<address>:<port>" once it listens. Credentials are s3rver's defaults, S3RVER/S3RVER.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9000' },
    dir: { type: 'string' },
    address: { type: 'string', default: '127.0.0.1' },
  },
});
if (!values.dir) {
  process.stderr.write('s3rver-main: --dir is required (folder where objects are kept)\n');
  process.exit(2);
}
mkdirSync(values.dir, { recursive: true });

const S3rver = require('s3rver') as S3rverCtor;
const server = new S3rver({
  address: values.address,
  port: Number(values.port),
  directory: values.dir,
  silent: true,
  // Path-style requests only: vhost parsing would take "127.0.0.1" apart as a bucket name.
  vhostBuckets: false,
});
const info = await server.run();
process.stdout.write(`s3rver ready on http://${values.address}:${info.port}\n`);

const shutdown = () => {
  void server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
