import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRules } from './deploy-files.ts';
import { assertPrometheusInstalled, DEPLOY } from './prometheus-server.ts';

function promtool(args: string[], cwd: string): { code: number | null; out: string } {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('promtool on deploy/prometheus', () => {
  let dir: string;
  beforeAll(() => {
    assertPrometheusInstalled();
    // Checked on a copy: promtool resolves rule and file_sd paths relative to the config file.
    dir = mkdtempSync(path.join(os.tmpdir(), 'gs-promtool-'));
    cpSync(path.join(DEPLOY, 'prometheus'), dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts prometheus.yml and the alert rules it loads', () => {
    const r = promtool(['check', 'config', 'prometheus.yml'], dir);
    expect(r.out).toContain('SUCCESS: prometheus.yml is valid');
    expect(r.out).toContain(`SUCCESS: ${alertRules().length} rules found`);
    expect(r.code).toBe(0);
  });

  it('accepts the example worker target file as file_sd input', () => {
    copyFileSync(path.join(dir, 'targets/workers.json.example'), path.join(dir, 'targets/workers.json'));
    const ok = promtool(['check', 'config', 'prometheus.yml'], dir);
    expect(ok.out).not.toContain('WARNING');
    expect(ok.code).toBe(0);
    // The same check rejects a malformed target file, so the pass above means something.
    writeFileSync(path.join(dir, 'targets/workers.json'), '[{"targets": "not-a-list"}]');
    const bad = promtool(['check', 'config', 'prometheus.yml'], dir);
    expect(bad.code).not.toBe(0);
    rmSync(path.join(dir, 'targets/workers.json'));
  });

  it('accepts alerts.yml', () => {
    const r = promtool(['check', 'rules', 'alerts.yml'], dir);
    expect(r.out).toContain(`SUCCESS: ${alertRules().length} rules found`);
    expect(r.code).toBe(0);
  });

  it('passes the alert unit tests: each alert fires on its synthetic failure and stays quiet otherwise', () => {
    const r = promtool(['test', 'rules', 'alerts.test.yml'], dir);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('has a unit test for every alert', () => {
    const tests = readFileSync(path.join(dir, 'alerts.test.yml'), 'utf8');
    const covered = new Set([...tests.matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    expect(
      alertRules()
        .map((a) => a.alert)
        .filter((a) => !covered.has(a)),
    ).toEqual([]);
  });

  it('accepts prometheus-k8s.yml, except where this build of Prometheus lacks Kubernetes discovery', () => {
    const r = promtool(['check', 'config', 'prometheus-k8s.yml'], dir);
    // Debian's prometheus package is built without kubernetes_sd; upstream builds (the prom/prometheus image) have it.
    if (r.code !== 0) expect(r.out).toMatch(/field kubernetes_sd_configs not found/);
    else expect(r.out).toContain('SUCCESS');
    // Everything but the discovery block is still checked: the same file with a static target must pass.
    const text = readFileSync(path.join(dir, 'prometheus-k8s.yml'), 'utf8');
    const stat = text.replace(/ {4}kubernetes_sd_configs:\n(?: {6}.*\n)+/, '    static_configs:\n      - targets: ["127.0.0.1:9464"]\n');
    expect(stat).not.toContain('kubernetes_sd_configs');
    writeFileSync(path.join(dir, 'prometheus-k8s-static.yml'), stat);
    const s = promtool(['check', 'config', 'prometheus-k8s-static.yml'], dir);
    expect(s.out).toContain('SUCCESS');
    expect(s.code).toBe(0);
  });
});
