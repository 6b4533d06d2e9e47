import type { ArtifactStore } from '@gansweep/store';
import { csvLine, formatNumber, header, type EncoderSpec, type Matrix } from '@gansweep/data';
import { createSampler, initBackend, type GeneratorCheckpoint } from '@gansweep/gan';

/**
 * Rows generated and decoded per chunk. Small enough that a chunk's CSV text (~35 bytes a row here) stays below V8's
 * large-object size (~128 KB), so spent chunks die in cheap young-generation scavenges instead of piling up in
 * large-object space until a full GC (which made RSS grow with N on the gRPC path); large enough to amortise
 * kernel calls and gRPC framing.
 */
export const DEFAULT_CHUNK_ROWS = 2048;

type CellWriter = (data: Float64Array, base: number) => string;

/**
 * Decodes encoded rows straight to CSV text: the cells of `decodeMatrix` (un-scaled, clipped, formatted numbers;
 * the largest level of a categorical block, first on ties; '' for a block without levels), written as `csvLine`
 * would write them, without building a string[] per row. Numeric cells never need quoting, and each level is quoted
 * once here, not once per row.
 */
export function csvDecoder(spec: EncoderSpec): (m: Matrix) => string {
  const cells: CellWriter[] = spec.columns.map((c): CellWriter => {
    if (c.kind === 'numeric') {
      const { offset, std, mean, min, max, decimals } = c;
      if (c.integer) {
        return (d, base) => {
          let v = d[base + offset]! * std + mean;
          if (!Number.isFinite(v)) v = mean;
          return formatNumber(Math.round(Math.min(max, Math.max(min, v))), 0);
        };
      }
      return (d, base) => {
        let v = d[base + offset]! * std + mean;
        if (!Number.isFinite(v)) v = mean;
        return formatNumber(Math.min(max, Math.max(min, v)), decimals);
      };
    }
    const { offset, width } = c;
    if (width === 0) return () => '';
    // csvLine of one cell is that cell as written (quoted if it must be) plus '\n'.
    const quoted = c.levels.map((l) => csvLine([l]).slice(0, -1));
    return (d, base) => {
      const off = base + offset;
      let best = 0;
      let bestV = d[off]!;
      for (let t = 1; t < width; t++) {
        const v = d[off + t]!;
        if (v > bestV || (Number.isNaN(bestV) && !Number.isNaN(v))) {
          bestV = v;
          best = t;
        }
      }
      return quoted[best]!;
    };
  });
  const n = cells.length;
  return (m) => {
    if (m.cols !== spec.width) throw new RangeError(`csvDecoder: matrix has ${m.cols} columns, the encoder spec is ${spec.width} wide`);
    const d = m.data;
    let out = '';
    for (let i = 0; i < m.rows; i++) {
      const base = i * m.cols;
      let line = n > 0 ? cells[0]!(d, base) : '';
      for (let j = 1; j < n; j++) line += ',' + cells[j]!(d, base);
      out += line + '\n';
    }
    return out;
  };
}

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
