import { describe, expect, it } from 'vitest';
import { BackendError, GanOptionsError, initBackend, resolveGanOptions } from '../src/index.ts';

describe('initBackend', () => {
  it("chooses wasm under 'auto' on this machine (no tfjs-node) and is idempotent", async () => {
    const a = await initBackend('auto');
    expect(a.backend).toBe('wasm');
    expect(a.detail).toMatch(/tfjs-backend-wasm/);
    expect(await initBackend()).toBe(a);
    expect(await initBackend('wasm')).toBe(a);
  });

  it("throws a BackendError with install advice when 'gpu' or 'node' is requested but missing", async () => {
    for (const kind of ['gpu', 'node'] as const) {
      const err = await initBackend(kind).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as BackendError).code).toBe(`backend-${kind}-unavailable`);
      expect((err as BackendError).message).toMatch(/npm install @tensorflow\/tfjs-node/);
    }
    expect((await initBackend('auto')).backend).toBe('wasm');
  });
});

describe('resolveGanOptions', () => {
  it('fills the reference defaults', () => {
    const o = resolveGanOptions({ variant: 'gan-maj' });
    expect(o).toMatchObject({ loss: 'wgan-gp', optimizer: 'adam', lr: 1e-4, beta1: 0.5, beta2: 0.9, nCritic: 5, batchSize: 64 });
    expect(o).toMatchObject({ hidden: [128, 128], latentDim: 32, gpWeight: 10, majorityWeight: 0.5, auxWeight: 1, seed: 0 });
    expect(resolveGanOptions({ variant: 'ssgan' }).loss).toBe('ns');
  });

  it('rejects bad values and combinations, naming the field', () => {
    const bad: [Parameters<typeof resolveGanOptions>[0], string][] = [
      [{ variant: 'ssgan', loss: 'wgan-gp' }, 'loss'],
      [{ variant: 'gan-min', lr: 0 }, 'lr'],
      [{ variant: 'gan-min', nCritic: 1.5 }, 'nCritic'],
      [{ variant: 'gan-min', hidden: [] }, 'hidden'],
      [{ variant: 'gan-maj', majorityWeight: 1 }, 'majorityWeight'],
      [{ variant: 'gan-x' as 'gan-min' }, 'variant'],
    ];
    for (const [p, field] of bad) {
      let err: unknown;
      try {
        resolveGanOptions(p);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GanOptionsError);
      expect((err as GanOptionsError).field).toBe(field);
    }
  });
});
