import { describe, expect, it } from 'vitest';
import { createLogger } from '@gansweep/log';

describe('createLogger', () => {
  it('writes one JSON object per line with the context of child loggers', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', sink: (l) => lines.push(l) })
      .child({ sweepId: 's1' })
      .child({ trialId: 't2' });
    log.info('task started', { fold: 1 });
    log.debug('hidden');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(rec).toMatchObject({ level: 'info', msg: 'task started', sweepId: 's1', trialId: 't2', fold: 1 });
  });

  it('never writes secrets, whatever the component calls them', () => {
    const lines: string[] = [];
    const log = createLogger({ format: 'pretty', sink: (l) => lines.push(l) });
    log.warn('connecting', {
      token: 'abc123',
      secretKey: 'xyz',
      GANSWEEP_S3_ACCESS_KEY: 'k1',
      authorization: 'Bearer abc123',
      url: 'nats://h',
    });
    expect(lines[0]).not.toMatch(/abc123|xyz|k1/);
    expect(lines[0]).toContain('url=nats://h');
  });
});
