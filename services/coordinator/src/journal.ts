import type { CoordinatorEvent } from './events.ts';

/**
 * Where coordinator events are kept. The scheduler appends every event and replays them all at start. Adapters:
 * in-memory (embedded runs), a local append-only file, NATS JetStream (see libs/bus).
 */
export interface EventJournal {
  append(event: CoordinatorEvent): Promise<void>;
  readAll(): Promise<CoordinatorEvent[]>;
  close(): Promise<void>;
}

export function createMemoryJournal(): EventJournal {
  const events: CoordinatorEvent[] = [];
  return {
    append: async (e) => {
      events.push(e);
    },
    readAll: async () => [...events],
    close: async () => {},
  };
}
