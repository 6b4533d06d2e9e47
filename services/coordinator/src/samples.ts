import type { ArtifactStore } from '@gansweep/store';
import { csvLine, decodeMatrix, header, type EncoderSpec } from '@gansweep/data';
import { createSampler, initBackend, type GeneratorCheckpoint } from '@gansweep/gan';

/** Rows generated and decoded per chunk: large enough to amortise kernel calls, small enough to keep memory flat. */
export const DEFAULT_CHUNK_ROWS = 8192;

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
  await initBackend(process.env.GANSWEEP_BACKEND as 'auto' | undefined ?? 'auto');
  const ckpt = JSON.parse((await store.get(keys.generatorKey)).toString('utf8')) as GeneratorCheckpoint;
  const enc = JSON.parse((await store.get(keys.encoderKey)).toString('utf8')) as EncoderSpec;
  const sampler = createSampler(ckpt);
  try {
    let done = 0;
    let first = true;
    for (let chunk = 0; done < rows; chunk++) {
      const n = Math.min(chunkRows, rows - done);
      const decoded = decodeMatrix(enc, sampler.sample(n, (seed + chunk * 2654435761) >>> 0));
      let csv = '';
      for (const r of decoded) csv += csvLine(r);
      await write({ header: first ? header(enc) : [], csv, rows: n });
      first = false;
      done += n;
    }
  } finally {
    sampler.dispose();
  }
}
