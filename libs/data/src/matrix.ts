/**
 * A dense row-major matrix of float64 values: the one numeric currency shared by the encoder, the classic
 * oversamplers, the classifiers and the GAN trainer (which converts to float32 tensors at its own edge).
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values, length rows * cols. */
  readonly data: Float64Array;
}

/** A zero-filled matrix. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Wraps existing row-major values, checking the length. */
export function fromData(rows: number, cols: number, data: Float64Array): Matrix {
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, expected ${rows}x${cols}=${rows * cols}`);
  }
  return { rows, cols, data };
}

/** Builds a matrix from an array of equal-length rows. */
export function fromRows(rows: ArrayLike<number>[], cols?: number): Matrix {
  const c = cols ?? rows[0]?.length ?? 0;
  const out = zeros(rows.length, c);
  rows.forEach((r, i) => {
    if (r.length !== c) throw new RangeError(`row ${i} has ${r.length} values, expected ${c}`);
    for (let j = 0; j < c; j++) out.data[i * c + j] = r[j]!;
  });
  return out;
}

/** A view-free copy of row i. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.slice(i * m.cols, (i + 1) * m.cols);
}

/** The rows at the given indices, in that order (indices may repeat). */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = zeros(indices.length, m.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols);
  }
  return out;
}

/** Stacks matrices with the same column count on top of each other. */
export function vstack(parts: Matrix[]): Matrix {
  const cols = parts[0]?.cols ?? 0;
  let rows = 0;
  for (const p of parts) {
    if (p.cols !== cols) throw new RangeError(`vstack: ${p.cols} columns, expected ${cols}`);
    rows += p.rows;
  }
  const out = zeros(rows, cols);
  let off = 0;
  for (const p of parts) {
    out.data.set(p.data, off);
    off += p.data.length;
  }
  return out;
}
