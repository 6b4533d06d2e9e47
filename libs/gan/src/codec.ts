/** Float32 arrays as base64 (little-endian bytes), for JSON checkpoints. */
export function encodeF32(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Inverse of {@link encodeF32}; checks the length when `expected` is given. */
export function decodeF32(s: string, expected?: number, what = 'array'): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length % 4 !== 0) throw new RangeError(`${what}: base64 payload of ${bytes.length} bytes is not float32 data`);
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  if (expected !== undefined && out.length !== expected) {
    throw new RangeError(`${what}: expected ${expected} float32 values, got ${out.length}`);
  }
  return out;
}
