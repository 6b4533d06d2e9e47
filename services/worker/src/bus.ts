import type { MetricEvent } from '@gansweep/bus';
import type { Logger } from '@gansweep/log';

/** The slice of a metrics bus a worker publishes to; publishing never throws into training. */
export interface WorkerBus {
  publish(ev: MetricEvent): void;
  close(): Promise<void>;
}

/** Connects to the bus the coordinator named; none when it named none (progress then goes over gRPC only). */
export async function connectBus(url: string, log: Logger): Promise<WorkerBus | undefined> {
  if (!url) return undefined;
  const { createMetricsBus } = await import('@gansweep/bus');
  const bus = await createMetricsBus(url);
  log.info('publishing metrics', { bus: bus.location });
  return {
    publish: (ev) => {
      bus.publish(ev).catch((e: unknown) => log.warn('metrics publish failed', { error: (e as Error).message }));
    },
    close: () => bus.close(),
  };
}
