import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SamplesChunkMsg, SweepServiceClient } from '@gansweep/contract';
import { csvLine } from '@gansweep/data';
import { describeGrpcError } from '@gansweep/contract';
import { CliError } from './client.ts';

/**
 * Streams `rows` synthetic rows of a sweep's generator into a CSV file (or stdout for '-') with back-pressure end to
 * end, so memory stays flat in the row count. Resolves with the number of rows written.
 */
export async function writeSamples(
  client: SweepServiceClient,
  address: string,
  sweepId: string,
  rows: number,
  seed: number,
  out: string,
): Promise<number> {
  const sink = out === '-' ? process.stdout : createWriteStream(out);
  let written = 0;
  const stream = client.StreamSamples({ sweepId, rows, seed, chunkRows: 0 });
  try {
    for await (const chunk of stream as AsyncIterable<SamplesChunkMsg>) {
      const text = (chunk.header.length > 0 ? csvLine(chunk.header) : '') + chunk.csv;
      written += Number(chunk.rows);
      if (!sink.write(text)) await once(sink, 'drain');
    }
  } catch (e) {
    if (sink !== process.stdout) sink.destroy();
    throw new CliError(describeGrpcError(e, address));
  }
  if (sink !== process.stdout) {
    sink.end();
    await once(sink, 'finish');
  }
  return written;
}
