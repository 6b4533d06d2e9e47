import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusError, createJournal, FileJournal, JetStreamJournal } from '@gansweep/bus';
import type { Journal } from '@gansweep/bus';
import { startNatsServer } from '../../../test/support/nats-server.ts';
import type { NatsServerHandle } from '../../../test/support/nats-server.ts';

let n = 0;
const uniqueName = () => `j${process.pid}_${++n}`;

/** Behaviour every Journal adapter shares; `open(name)` must reach the same records for the same name. */
function journalContract(adapter: string, open: (name: string) => Promise<Journal>): void {
  describe(`${adapter} journal`, () => {
    it('reads back appended records in append order, deep-equal', async () => {
      const j = await open(uniqueName());
      const records = [{ type: 'sweep', id: 's1', spec: { lr: [0.001, 0.01] } }, { type: 'lease', trial: 't1', attempt: 1 }, [1, 'two']];
      for (const r of records) await j.append(r);
      expect(await j.readAll()).toEqual(records);
      await j.close();
    });

    it('returns an empty list for a new journal', async () => {
      const j = await open(uniqueName());
      expect(await j.readAll()).toEqual([]);
      await j.close();
    });

    it('keeps call order for appends issued without awaiting each one', async () => {
      const j = await open(uniqueName());
      await Promise.all(Array.from({ length: 50 }, (_, i) => j.append({ i })));
      expect((await j.readAll()).map((r) => (r as { i: number }).i)).toEqual([...Array(50).keys()]);
      await j.close();
    });

    it('keeps records across close and reopen, and appends after them', async () => {
      const name = uniqueName();
      const first = await open(name);
      await first.append({ n: 1 });
      await first.append({ n: 2 });
      await first.close();
      const second = await open(name);
      expect(await second.readAll()).toEqual([{ n: 1 }, { n: 2 }]);
      await second.append({ n: 3 });
      expect(await second.readAll()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      await second.close();
    });

    it('keeps journals with different names apart', async () => {
      const a = await open(uniqueName());
      const b = await open(uniqueName());
      await a.append({ from: 'a' });
      expect(await b.readAll()).toEqual([]);
      await a.close();
      await b.close();
    });

    it('rejects appends after close with CLOSED and non-object records with BAD_EVENT', async () => {
      const j = await open(uniqueName());
      expect((await j.append('text' as unknown as object).catch((e) => e)).code).toBe('BAD_EVENT');
      await j.close();
      const err = await j.append({ late: true }).catch((e) => e);
      expect(err).toBeInstanceOf(BusError);
      expect(err.code).toBe('CLOSED');
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gansweep-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
journalContract('file', (name) => createJournal(dir, name));

let nats: NatsServerHandle;
beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
});
afterAll(async () => {
  await nats?.cleanup();
});
journalContract('jetstream', async (name) => {
  const j = await createJournal(nats.url, name, { connectTimeoutMs: 5000 });
  expect(j).toBeInstanceOf(JetStreamJournal);
  return j;
});

describe('file journal crash tolerance', () => {
  it('ignores a torn last line, cuts it off on open, and appends on a clean line', async () => {
    const path = join(dir, 'torn.jsonl');
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":3,"par');
    const j = await FileJournal.open(path);
    expect(j.repairedBytes).toBe('{"n":3,"par'.length);
    expect(await j.readAll()).toEqual([{ n: 1 }, { n: 2 }]);
    await j.append({ n: 4 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    expect(await j.readAll()).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    await j.close();
  });

  it('treats a torn line written by another crash while open as absent on read', async () => {
    const path = join(dir, 'torn-live.jsonl');
    const j = await FileJournal.open(path);
    await j.append({ ok: 1 });
    appendFileSync(path, '{"half":');
    expect(await j.readAll()).toEqual([{ ok: 1 }]);
    await j.close();
  });

  it('reports a damaged line in the middle as CORRUPT with the file and line number', async () => {
    const path = join(dir, 'corrupt.jsonl');
    writeFileSync(path, '{"n":1}\nnot json\n{"n":3}\n');
    const j = await FileJournal.open(path);
    const err = await j.readAll().catch((e) => e);
    expect(err).toBeInstanceOf(BusError);
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain('line 2');
    expect(err.message).toContain('corrupt.jsonl');
    await j.close();
  });

  it('rejects names that are not safe file and stream names with BAD_URL', async () => {
    expect((await createJournal(dir, '../escape').catch((e) => e)).code).toBe('BAD_URL');
    expect((await createJournal(dir, 'a.b').catch((e) => e)).code).toBe('BAD_URL');
  });
});

describe('jetstream journal durability', () => {
  it('keeps acknowledged records across a nats-server restart', async () => {
    const name = uniqueName();
    const j = await createJournal(nats.url, name, { connectTimeoutMs: 5000 });
    await j.append({ step: 'before' });
    await j.close();
    await nats.restart();
    const again = await createJournal(nats.url, name, { connectTimeoutMs: 5000 });
    await again.append({ step: 'after' });
    expect(await again.readAll()).toEqual([{ step: 'before' }, { step: 'after' }]);
    await again.close();
  });

  it('holds an append made while the server is down until it is back, storing it exactly once', async () => {
    const name = uniqueName();
    const j = await createJournal(nats.url, name, { connectTimeoutMs: 5000, appendTimeoutMs: 20_000 });
    await j.append({ n: 1 });
    await nats.stop();
    let settled = false;
    const pending = j.append({ n: 2 }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    await nats.restart();
    await pending;
    expect(await j.readAll()).toEqual([{ n: 1 }, { n: 2 }]);
    await j.close();
  });

  it('fails an append with UNREACHABLE once appendTimeoutMs passes with the server down', async () => {
    const j = await createJournal(nats.url, uniqueName(), { connectTimeoutMs: 5000, appendTimeoutMs: 1000 });
    await nats.stop();
    try {
      const started = Date.now();
      const err = await j.append({ lost: true }).catch((e) => e);
      expect(err).toBeInstanceOf(BusError);
      expect(err.code).toBe('UNREACHABLE');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await nats.restart();
      await j.close();
    }
  });
});
