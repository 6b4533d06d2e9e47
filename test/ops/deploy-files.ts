import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEPLOY } from './prometheus-server.ts';
import { parseYamlSubset } from './yaml-subset.ts';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
  datasourceUid?: string;
}

interface Panel {
  title?: string;
  type?: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: Panel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list: { name: string; query?: { query?: string } | string; datasource?: { uid?: string } }[] };
}

export function dashboards(): { file: string; dashboard: Dashboard }[] {
  const dir = path.join(DEPLOY, 'grafana/dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, dashboard: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Dashboard }));
}

/** Every query of every panel (rows included), in file order. */
export function panelQueries(): PanelQuery[] {
  const out: PanelQuery[] = [];
  const walk = (file: string, panels: Panel[]) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) {
        if (t.expr)
          out.push({
            dashboard: file,
            panel: p.title ?? '(untitled)',
            expr: t.expr,
            datasourceUid: t.datasource?.uid ?? p.datasource?.uid,
          });
      }
      walk(file, p.panels ?? []);
    }
  };
  for (const { file, dashboard } of dashboards()) walk(file, dashboard.panels);
  return out;
}

/** Replaces Grafana's template variables with concrete values, as Grafana does before querying. */
export function substitute(expr: string, vars: Record<string, string>): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (m, name: string) => {
    if (!(name in vars)) throw new Error(`query uses $${name}, which the test does not define: ${expr}`);
    return vars[name]!;
  });
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  const file = path.join(DEPLOY, 'prometheus/alerts.yml');
  const [doc] = parseYamlSubset(readFileSync(file, 'utf8'), file) as unknown as [{ groups: { rules: AlertRule[] }[] }];
  return doc.groups.flatMap((g) => g.rules);
}

/** Metric names a PromQL expression refers to (identifiers followed by a selector, range or closing parenthesis). */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(/\b((?:gansweep|process|nodejs)_[a-z0-9_]+|up)\b/g)) names.add(m[1]!);
  return [...names];
}
