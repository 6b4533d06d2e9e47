import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BusError } from './ports.ts';
import { FileJournal } from './file-journal.ts';
import type { FileJournalOptions } from './file-journal.ts';
import { JetStreamJournal } from './jetstream-journal.ts';
import type { JetStreamJournalOptions } from './jetstream-journal.ts';
import type { Journal } from './ports.ts';
import { JOURNAL_NAME_PATTERN } from './ports.ts';
import { LocalMetricsBus } from './local-metrics-bus.ts';
import type { LocalMetricsBusOptions } from './local-metrics-bus.ts';
import type { MetricsBus } from './ports.ts';
import { NatsMetricsBus } from './nats-metrics-bus.ts';
import type { NatsMetricsBusOptions } from './nats-metrics-bus.ts';

/** Options for {@link createMetricsBus}: each adapter reads its own. */
export type CreateMetricsBusOptions = LocalMetricsBusOptions & NatsMetricsBusOptions;

/** `undefined` or 'local' gives the in-process bus; `nats://[token@]host:port` the NATS bus. */
export async function createMetricsBus(url?: string, options: CreateMetricsBusOptions = {}): Promise<MetricsBus> {
  if (url === undefined || url === '' || url === 'local') return new LocalMetricsBus(options);
  if (url.startsWith('nats://') || url.startsWith('tls://')) return NatsMetricsBus.connect(url, options);
  throw new BusError('BAD_URL', `Unsupported metrics bus URL "${url.replace(/\/\/[^@/]*@/, '//***@')}": use 'local' or nats://host:port.`);
}

/** Options for {@link createJournal}. */
export type CreateJournalOptions = FileJournalOptions & JetStreamJournalOptions;

/**
 * Opens journal `name` at `location`: a folder path or file:///dir gives `<dir>/<name>.jsonl`,
 * `nats://host:port` a JetStream stream `GANSWEEP_JOURNAL_<name>`.
 */
export async function createJournal(location: string, name: string, options: CreateJournalOptions = {}): Promise<Journal> {
  if (!JOURNAL_NAME_PATTERN.test(name)) {
    throw new BusError('BAD_URL', `Bad journal name ${JSON.stringify(name)}: use 1-64 letters, digits, '_' or '-'.`);
  }
  if (location.startsWith('nats://') || location.startsWith('tls://')) return JetStreamJournal.open(location, name, options);
  let dir = location;
  if (location.startsWith('file:')) {
    try {
      dir = fileURLToPath(location);
    } catch (err) {
      throw new BusError('BAD_URL', `Bad file URL "${location}": use file:///absolute/dir or a plain path.`, { cause: err });
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new BusError('BAD_URL', `Unsupported journal location "${location}": use a folder path or nats://host:port.`);
  }
  return FileJournal.open(join(dir, `${name}.jsonl`), options);
}
