import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';
import { serveConfigSchema } from '../../services/coordinator/src/cli/serve.ts';
import { DEFAULT_COORDINATOR_METRICS_LISTEN } from '../../services/coordinator/src/prom.ts';
import { DEFAULT_WORKER_METRICS_LISTEN } from '../../services/worker/src/prom.ts';
import { DEPLOY } from './prometheus-server.ts';
import { parseYamlSubset } from './yaml-subset.ts';

// The manifests are plain block YAML in a strict subset (see yaml-subset.ts), parsed here into objects; no YAML
// library is installed. Each file is also compared with PyYAML's reading in yaml-subset.test.ts where it exists.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped manifest trees
type Obj = Record<string, any>;
const load = (rel: string): Obj[] => parseYamlSubset(readFileSync(path.join(DEPLOY, rel), 'utf8'), rel) as Obj[];
const port = (hostPort: string) => Number(hostPort.slice(hostPort.lastIndexOf(':') + 1));

/** GANSWEEP_* variables a process reads: `env.NAME`, `env['NAME']`, or a name table (`key: 'NAME'`) in its sources. */
function envNamesRead(dirs: string[]): Set<string> {
  const names = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts'))
        for (const m of readFileSync(p, 'utf8').matchAll(/(?:env\.|env\[['"]|:\s*')(GANSWEEP_[A-Z0-9_]+)/g)) names.add(m[1]!);
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return names;
}
const libs = readdirSync(path.join(ROOT, 'libs'))
  .map((l) => `libs/${l}/src`)
  .filter((d) => existsSync(path.join(ROOT, d)));
const COORDINATOR_READS = envNamesRead(['services/coordinator/src', ...libs]);
const WORKER_READS = envNamesRead(['services/worker/src', ...libs]);
const GRPC_PORT = port(serveConfigSchema.parse({}).listen);
const COORD_METRICS = port(DEFAULT_COORDINATOR_METRICS_LISTEN);
const WORKER_METRICS = port(DEFAULT_WORKER_METRICS_LISTEN);

const compose = load('docker-compose.yml')[0]!;
const svc = compose.services as Record<string, Obj>;
const k8s = readdirSync(path.join(DEPLOY, 'k8s'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => load(`k8s/${f}`));
const kind = (k: string, name: string) => k8s.find((d) => d.kind === k && d.metadata?.name === name)!;
const container = (deploymentName: string) => kind('Deployment', deploymentName).spec.template.spec.containers[0] as Obj;
const k8sEnv = (c: Obj) => Object.fromEntries((c.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

describe('docker-compose.yml', () => {
  it('runs nats with JetStream, minio, prometheus, grafana, the coordinator and GPU workers', () => {
    expect(Object.keys(svc).sort()).toEqual(['coordinator', 'grafana', 'minio', 'nats', 'prometheus', 'worker']);
    expect(svc.nats!.command).toContain('-js');
    const devices = svc.worker!.deploy.resources.reservations.devices as Obj[];
    expect(devices).toContainEqual(expect.objectContaining({ driver: 'nvidia', capabilities: ['gpu'] }));
    expect(svc.worker!.environment.GANSWEEP_BACKEND).toBe('gpu');
  });

  it('sets only environment variables the coordinator and worker code read', () => {
    const unknown = (env: Obj, reads: Set<string>) => Object.keys(env).filter((k) => k.startsWith('GANSWEEP_') && !reads.has(k));
    expect(unknown(svc.coordinator!.environment, COORDINATOR_READS)).toEqual([]);
    expect(unknown(svc.worker!.environment, WORKER_READS)).toEqual([]);
    // Sanity check of the scan itself: names the code is known to read are found.
    expect([...COORDINATOR_READS]).toEqual(
      expect.arrayContaining([
        'GANSWEEP_LISTEN',
        'GANSWEEP_STORE',
        'GANSWEEP_JOURNAL',
        'GANSWEEP_NATS_URL',
        'GANSWEEP_LEASE_TIMEOUT_MS',
        'GANSWEEP_METRICS_LISTEN',
        'GANSWEEP_TOKEN',
        'GANSWEEP_TOKEN_FILE',
        'GANSWEEP_S3_ENDPOINT',
        'GANSWEEP_S3_ACCESS_KEY',
        'GANSWEEP_S3_SECRET_KEY',
        'GANSWEEP_S3_REGION',
      ]),
    );
    expect([...WORKER_READS]).toEqual(
      expect.arrayContaining([
        'GANSWEEP_COORDINATOR',
        'GANSWEEP_BACKEND',
        'GANSWEEP_METRICS_LISTEN',
        'GANSWEEP_TOKEN',
        'GANSWEEP_TOKEN_FILE',
        'GANSWEEP_S3_ENDPOINT',
      ]),
    );
    expect(WORKER_READS.has('GANSWEEP_STORE')).toBe(false);
  });

  it('wires ports consistently with the code defaults and the Prometheus scrape targets', () => {
    const c = svc.coordinator!.environment;
    const w = svc.worker!.environment;
    expect(port(c.GANSWEEP_LISTEN)).toBe(GRPC_PORT);
    expect(w.GANSWEEP_COORDINATOR).toBe(`coordinator:${GRPC_PORT}`);
    expect(svc.coordinator!.ports).toContain(`${GRPC_PORT}:${GRPC_PORT}`);
    expect(port(c.GANSWEEP_METRICS_LISTEN)).toBe(COORD_METRICS);
    expect(port(w.GANSWEEP_METRICS_LISTEN)).toBe(WORKER_METRICS);
    const prom = load('prometheus/prometheus.yml')[0]!;
    const job = (n: string) => (prom.scrape_configs as Obj[]).find((j) => j.job_name === n)!;
    expect(job('gansweep-coordinator').static_configs[0].targets).toEqual([`coordinator:${COORD_METRICS}`]);
    expect(job('gansweep-worker').dns_sd_configs[0]).toMatchObject({ names: ['worker'], type: 'A', port: WORKER_METRICS });
  });

  it('gives coordinator and workers the same S3 store settings, since workers open the store the coordinator names', () => {
    const c = svc.coordinator!.environment;
    const w = svc.worker!.environment;
    expect(c.GANSWEEP_STORE).toMatch(/^s3:\/\//);
    for (const k of ['GANSWEEP_S3_ENDPOINT', 'GANSWEEP_S3_ACCESS_KEY', 'GANSWEEP_S3_SECRET_KEY', 'GANSWEEP_S3_REGION'])
      expect([k, w[k]]).toEqual([k, c[k]]);
    expect(c.GANSWEEP_S3_ENDPOINT).toBe('http://minio:9000');
    expect(c.GANSWEEP_JOURNAL).toBe('nats://nats:4222');
  });

  it('builds from Dockerfiles and mounts folders that exist in the repository', () => {
    for (const s of ['coordinator', 'worker']) {
      const b = svc[s]!.build;
      expect(existsSync(path.join(DEPLOY, b.context, b.dockerfile)), `${s}: ${b.dockerfile}`).toBe(true);
    }
    const mounts = [...svc.prometheus!.volumes, ...svc.grafana!.volumes].filter((v: string) => v.startsWith('./'));
    for (const m of mounts) expect(existsSync(path.join(DEPLOY, m.split(':')[0])), m).toBe(true);
    const provider = load('grafana/provisioning/dashboards/gansweep.yml')[0]!.providers[0];
    expect(svc.grafana!.volumes).toContain(`./grafana/dashboards:${provider.options.path}:ro`);
  });

  it('uses the images the Kubernetes manifests deploy', () => {
    expect(container('gansweep-coordinator').image).toBe(svc.coordinator!.image);
    expect(container('gansweep-worker').image).toBe(svc.worker!.image);
  });
});

describe('k8s manifests', () => {
  it('requests one NVIDIA GPU per worker pod and drains within the grace period', () => {
    const w = container('gansweep-worker');
    expect(w.resources.limits['nvidia.com/gpu']).toBeGreaterThanOrEqual(1);
    expect(kind('Deployment', 'gansweep-worker').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
  });

  it('exposes the coordinator through a Service on the ports its container and env use', () => {
    const c = container('gansweep-coordinator');
    const env = k8sEnv(c);
    const cports = Object.fromEntries((c.ports as Obj[]).map((p) => [p.name, p.containerPort]));
    expect(cports).toEqual({ grpc: port(env.GANSWEEP_LISTEN!), metrics: port(env.GANSWEEP_METRICS_LISTEN!) });
    expect(cports).toEqual({ grpc: GRPC_PORT, metrics: COORD_METRICS });
    const service = kind('Service', 'gansweep-coordinator');
    expect(service.spec.selector).toEqual(kind('Deployment', 'gansweep-coordinator').spec.selector.matchLabels);
    expect((service.spec.ports as Obj[]).map((p) => [p.port, p.targetPort])).toEqual([
      [GRPC_PORT, 'grpc'],
      [COORD_METRICS, 'metrics'],
    ]);
    expect(k8sEnv(container('gansweep-worker')).GANSWEEP_COORDINATOR).toBe(`gansweep-coordinator.gansweep.svc:${GRPC_PORT}`);
  });

  it('annotates pods for scraping on their metrics ports, with job names the dashboards expect', () => {
    for (const [name, metricsPort] of [
      ['gansweep-coordinator', COORD_METRICS],
      ['gansweep-worker', WORKER_METRICS],
    ] as const) {
      const tpl = kind('Deployment', name).spec.template;
      expect(tpl.metadata.annotations['prometheus.io/scrape']).toBe('true');
      expect(Number(tpl.metadata.annotations['prometheus.io/port'])).toBe(metricsPort);
      expect(port(k8sEnv(tpl.spec.containers[0]).GANSWEEP_METRICS_LISTEN!)).toBe(metricsPort);
      // prometheus-k8s.yml copies this label into `job`.
      expect(tpl.metadata.labels['app.kubernetes.io/name']).toBe(name);
    }
    const promK8s = readFileSync(path.join(DEPLOY, 'prometheus/prometheus-k8s.yml'), 'utf8');
    expect(promK8s).toContain('__meta_kubernetes_pod_label_app_kubernetes_io_name');
  });

  it('sets only env names the code reads, with the token file where the secret is mounted', () => {
    const secretKeys = k8s
      .filter((d) => d.kind === 'Secret' && d.metadata.name === 'gansweep-s3')
      .flatMap((d) => Object.keys(d.stringData));
    for (const [name, reads] of [
      ['gansweep-coordinator', COORDINATOR_READS],
      ['gansweep-worker', WORKER_READS],
    ] as const) {
      const c = container(name);
      const names = [...Object.keys(k8sEnv(c)), ...secretKeys];
      expect(names.filter((n) => !reads.has(n))).toEqual([]);
      expect(path.dirname(k8sEnv(c).GANSWEEP_TOKEN_FILE!)).toBe(c.volumeMounts[0].mountPath);
    }
    expect(secretKeys.sort()).toEqual(['GANSWEEP_S3_ACCESS_KEY', 'GANSWEEP_S3_ENDPOINT', 'GANSWEEP_S3_REGION', 'GANSWEEP_S3_SECRET_KEY']);
  });

  it('autoscales the worker Deployment with KEDA on the coordinator queue depth', () => {
    const so = k8s.find((d) => d.kind === 'ScaledObject')!;
    expect(so.spec.scaleTargetRef.name).toBe('gansweep-worker');
    const trigger = so.spec.triggers[0];
    expect(trigger.type).toBe('prometheus');
    expect(trigger.metadata.query).toMatch(/\bgansweep_queue_depth\{state=~"queued\|running"\}/);
    expect(Number(trigger.metadata.threshold)).toBe(1);
  });
});

describe('Dockerfiles', () => {
  const docker = (f: string) => readFileSync(path.join(DEPLOY, 'docker', f), 'utf8');

  it('builds the worker on a CUDA runtime base with Node 20 and tfjs-node-gpu', () => {
    const d = docker('worker.Dockerfile');
    expect(d).toMatch(/^FROM nvidia\/cuda:[\w.-]*cudnn[\w.-]*runtime[\w.-]*$/m);
    expect(d).toMatch(/node:20/);
    expect(d).toMatch(/npm install [^\n]*@tensorflow\/tfjs-node-gpu/);
    expect(d).toMatch(/GANSWEEP_BACKEND=gpu/);
  });

  it('exposes the default ports and starts binaries that exist', () => {
    for (const [f, ports, bin] of [
      ['coordinator.Dockerfile', [GRPC_PORT, COORD_METRICS], 'services/coordinator/bin/coordinator.js'],
      ['worker.Dockerfile', [WORKER_METRICS], 'services/worker/bin/worker.js'],
    ] as const) {
      const d = docker(f);
      expect(
        d
          .match(/^EXPOSE (.*)$/m)![1]!
          .split(/\s+/)
          .map(Number),
      ).toEqual(ports);
      expect(d).toContain(`ENTRYPOINT ["node", "/opt/gansweep/${bin}"]`);
      expect(existsSync(path.join(ROOT, bin))).toBe(true);
      for (const m of d.matchAll(/^COPY (?!--from)(.+) \S+$/gm))
        for (const src of m[1]!.split(/\s+/)) expect(existsSync(path.join(ROOT, src)), `${f}: COPY ${src}`).toBe(true);
      expect(port(d.match(/GANSWEEP_METRICS_LISTEN=(\S+)/)![1]!)).toBe(ports[ports.length - 1]);
    }
  });
});
