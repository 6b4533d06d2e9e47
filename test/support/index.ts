export { freePort, waitForPort } from './free-port.ts';
export { startNatsServer, assertNatsServerInstalled } from './nats-server.ts';
export type { NatsServerHandle, NatsServerOptions } from './nats-server.ts';
export { startS3Server } from './s3-server.ts';
export type { S3ServerHandle, S3ServerOptions } from './s3-server.ts';
