import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureOutput, stopChild, track } from '../support/child-process.ts';
import { freePort } from '../support/free-port.ts';
import { parseYamlSubset, type YamlValue } from './yaml-subset.ts';

export const DEPLOY = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../deploy');

/** Throws with the install command when the prometheus / promtool binaries are missing. */
export function assertPrometheusInstalled(): void {
  for (const bin of ['prometheus', 'promtool']) {
    if (spawnSync(bin, ['--version'], { stdio: 'ignore' }).error) {
      throw new Error(`${bin} is not installed: run \`apt-get install prometheus\` (npm test does it when run as root)`);
    }
  }
}

/**
 * The scrape configuration of deploy/prometheus/prometheus.yml with service discovery swapped for static loopback
 * targets (by job name), a 1 s scrape and evaluation interval, and its rule files resolved to deploy/prometheus.
 * Job names, paths and relabelling stay as deployed, so dashboards and alerts are checked against the real labels.
 */
export function deployedConfigWithTargets(targets: Record<string, string[]>): Record<string, YamlValue> {
  const file = path.join(DEPLOY, 'prometheus/prometheus.yml');
  const [cfg] = parseYamlSubset(readFileSync(file, 'utf8'), file) as [Record<string, YamlValue>];
  const jobs = cfg.scrape_configs as Record<string, YamlValue>[];
  for (const job of jobs) {
    const name = String(job.job_name);
    const t = targets[name];
    if (!t) throw new Error(`deploy/prometheus/prometheus.yml has job "${name}" that this test does not know how to run`);
    for (const k of Object.keys(job)) if (k.endsWith('_sd_configs') || k === 'static_configs') delete job[k];
    job.static_configs = [{ targets: t }];
  }
  cfg.global = { ...(cfg.global as object), scrape_interval: '1s', evaluation_interval: '1s' };
  cfg.rule_files = (cfg.rule_files as string[]).map((f) => path.join(DEPLOY, 'prometheus', f));
  return cfg;
}

export interface PromResult {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

export interface PrometheusHandle {
  url: string;
  /** Instant query; throws on a PromQL error (with the expression in the message). */
  query(expr: string): Promise<PromResult[]>;
  queryRange(expr: string, startSec: number, endSec: number, stepSec?: number): Promise<PromResult[]>;
  api<T>(pathAndQuery: string): Promise<T>;
  stop(): Promise<void>;
  output(): string;
}

/** Starts a real `prometheus` on a free loopback port with the given configuration (written as JSON, valid YAML). */
export async function startPrometheus(dir: string, config: object): Promise<PrometheusHandle> {
  const port = await freePort();
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  track(child);
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready on ${url}:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${url}${p}`);
    const body = (await res.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${p}: ${body.errorType}: ${body.error}`);
    return body.data;
  };
  const q = (expr: string) => encodeURIComponent(expr);
  return {
    url,
    api,
    query: async (expr) => (await api<{ result: PromResult[] }>(`/api/v1/query?query=${q(expr)}`)).result,
    queryRange: async (expr, start, end, step = 1) =>
      (await api<{ result: PromResult[] }>(`/api/v1/query_range?query=${q(expr)}&start=${start}&end=${end}&step=${step}`)).result,
    stop: () => stopChild(child),
    output,
  };
}
