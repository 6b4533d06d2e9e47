import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweep } from '@gansweep/sweep';
import { ROOT } from '../support/cli.ts';

const dir = path.join(ROOT, 'examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('shipped example sweeps', () => {
  it('include the README main example and a benchmark-suite example', () => {
    expect(files).toEqual(expect.arrayContaining(['sweep.json', 'yeast4.sweep.json']));
  });
  for (const f of files) {
    it(`${f} is a valid sweep whose dataset exists next to it`, () => {
      const spec = parseSweep(readFileSync(path.join(dir, f), 'utf8'), f);
      expect(existsSync(path.resolve(dir, spec.dataset.path))).toBe(true);
    });
  }
});
