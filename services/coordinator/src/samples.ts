import type { ArtifactStore } from '@gansweep/store';
import { header, type EncoderSpec } from '@gansweep/data';
import { createSampler, initBackend, type GeneratorCheckpoint } from '@gansweep/gan';
import { csvDecoder } from './csv-bytes.ts';

/**
 * Rows generated and decoded per chunk. Small enough that a chunk's CSV text (~35 bytes a row here) stays below V8's
 * large-object size (~128 KB), so spent chunks die in cheap young-generation scavenges instead of piling up in
 * large-object space until a full GC (which made RSS grow with N on the gRPC path); large enough to amortise
 * kernel calls and gRPC framing.
 */
export const DEFAULT_CHUNK_ROWS = 2048;

/**
 * Streams synthetic minority rows from a stored generator, decoded to the dataset's original columns, one CSV chunk
 * at a time. `write` resolves when the consumer can take more (back-pressure), so memory stays flat in the row count.
 */
export async function streamSamples(
  store: Pick<ArtifactStore, 'get'>,
  keys: { generatorKey: string; encoderKey: string },
  rows: number,
  seed: number,
  write: (chunk: { header: string[]; csv: string; rows: number }) => Promise<void>,
  chunkRows = DEFAULT_CHUNK_ROWS,
): Promise<void> {
  await initBackend((process.env.GANSWEEP_BACKEND as 'auto' | undefined) ?? 'auto');
  const ckpt = JSON.parse((await store.get(keys.generatorKey)).toString('utf8')) as GeneratorCheckpoint;
  const enc = JSON.parse((await store.get(keys.encoderKey)).toString('utf8')) as EncoderSpec;
  const sampler = createSampler(ckpt);
  const decode = csvDecoder(enc);
  // One encoded buffer for every chunk: the sampler writes into it, the decoder reads it before the next chunk.
  const buf = new Float64Array(Math.min(chunkRows, rows) * enc.width);
  try {
    let done = 0;
    let first = true;
    for (let chunk = 0; done < rows; chunk++) {
      const n = Math.min(chunkRows, rows - done);
      const csv = decode(sampler.sample(n, (seed + chunk * 2654435761) >>> 0, buf));
      await write({ header: first ? header(enc) : [], csv, rows: n });
      first = false;
      done += n;
    }
  } finally {
    sampler.dispose();
  }
}
