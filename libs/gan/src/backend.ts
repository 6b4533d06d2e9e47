import * as tf from '@tensorflow/tfjs-core';

/** A compute backend for the GAN trainer, fastest first: CUDA via tfjs-node-gpu, native TensorFlow via tfjs-node, wasm, cpu. */
export type BackendName = 'gpu' | 'node' | 'wasm' | 'cpu';

/** Thrown when a requested backend cannot be loaded; `code` names the failing backend. */
export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

const NATIVE_PACKAGES: Record<'gpu' | 'node', string> = {
  gpu: '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

let active: { backend: BackendName; detail: string } | undefined;

/** Loads a module by a specifier held in a variable, so that TypeScript does not need the optional packages' types. */
async function importOptional(specifier: string): Promise<unknown> {
  const spec: string = specifier;
  return import(spec);
}

async function loadNative(kind: 'gpu' | 'node'): Promise<string> {
  const pkg = NATIVE_PACKAGES[kind];
  try {
    await importOptional(pkg);
    const ok = await tf.setBackend('tensorflow');
    if (!ok) throw new Error('the "tensorflow" backend did not initialise');
    await tf.ready();
    return `${pkg} (native TensorFlow${kind === 'gpu' ? ', CUDA' : ''}), tfjs-core ${tf.version_core}`;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new BackendError(
      `backend-${kind}-unavailable`,
      `backend '${kind}' needs ${pkg}, which could not be loaded (${why}). Install it with ` +
        `\`npm install ${pkg}@4.22\` on a machine where its libtensorflow download works` +
        `${kind === 'gpu' ? ' and CUDA/cuDNN are present' : ''}, or choose 'wasm' or 'cpu'.`,
    );
  }
}

async function loadWasm(): Promise<string> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new BackendError('backend-wasm-unavailable', "backend 'wasm' did not initialise");
  await tf.ready();
  const simd = await tf
    .env()
    .getAsync('WASM_HAS_SIMD_SUPPORT')
    .catch(() => false);
  const threads = await tf
    .env()
    .getAsync('WASM_HAS_MULTITHREAD_SUPPORT')
    .catch(() => false);
  return `@tensorflow/tfjs-backend-wasm ${tf.version_core} (SIMD: ${simd ? 'yes' : 'no'}, threads: ${threads ? 'yes' : 'no'})`;
}

async function loadCpu(): Promise<string> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new BackendError('backend-cpu-unavailable', "backend 'cpu' did not initialise");
  await tf.ready();
  return `@tensorflow/tfjs-backend-cpu ${tf.version_core} (plain JavaScript)`;
}

/**
 * Selects and initialises the tfjs backend. `auto` tries tfjs-node-gpu, then tfjs-node (optional dependencies that a
 * missing or broken install silently skips), then wasm, then cpu. An explicit `gpu`/`node` request that cannot be met
 * throws {@link BackendError} with install instructions. Idempotent: a repeated call returns the active backend.
 * Switch backends only before any trainer exists: tensors do not move between backends.
 */
export async function initBackend(pref: 'auto' | BackendName = 'auto'): Promise<{ backend: BackendName; detail: string }> {
  if (active && (pref === 'auto' || pref === active.backend)) return active;
  const set = (backend: BackendName, detail: string) => (active = { backend, detail });
  switch (pref) {
    case 'gpu':
    case 'node':
      return set(pref, await loadNative(pref));
    case 'wasm':
      return set('wasm', await loadWasm());
    case 'cpu':
      return set('cpu', await loadCpu());
    case 'auto': {
      for (const kind of ['gpu', 'node'] as const) {
        try {
          return set(kind, await loadNative(kind));
        } catch {
          // optional native backends: absent or broken installs fall through to the portable ones
        }
      }
      try {
        return set('wasm', await loadWasm());
      } catch {
        return set('cpu', await loadCpu());
      }
    }
    default:
      throw new BackendError('backend-unknown', `unknown backend '${String(pref)}': use auto, gpu, node, wasm or cpu`);
  }
}
