import { describe, expect, it } from 'vitest';
import { parseSweep } from '@gansweep/sweep';
import { taskSettingsSchema } from '@gansweep/trial';
import { taskSettingsOf } from '../src/model.ts';

const sweep = (dataset: Record<string, unknown>) =>
  parseSweep(JSON.stringify({ name: 's', dataset: { path: 'd.csv', label: 'class', minority: 'B', ...dataset } }), 's.json');

describe('taskSettingsOf', () => {
  it('carries a quantile numeric encoding to the workers, and the worker side parses it', () => {
    const settings = taskSettingsOf(sweep({ numericEncoding: 'quantile' }));
    expect(taskSettingsSchema.parse(settings).numericEncoding).toBe('quantile');
  });

  it('leaves the default z-score out, so workers that predate the setting accept the task', () => {
    const settings = taskSettingsOf(sweep({}));
    expect(settings).not.toHaveProperty('numericEncoding');
    expect(taskSettingsSchema.parse(settings).numericEncoding).toBe('zscore');
  });
});
