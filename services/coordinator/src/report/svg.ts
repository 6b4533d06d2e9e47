import { esc } from './html.ts';

/** One line of a line chart. */
export interface LineSeries {
  name: string;
  color: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

/** One group of bars (a colour in the legend), one value per category; NaN draws no bar. */
export interface BarGroup {
  name: string;
  color: string;
  values: number[];
}

export interface ChartFrame {
  /** Chart title, drawn in the SVG. */
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** @default 540 */
  width?: number;
  /** Height of the chart without its legend rows. @default 250 */
  height?: number;
  /** Caption under the chart (plain text, escaped). */
  caption?: string;
  /** Names the chart for tests and styling (data-chart attribute). */
  kind: string;
}

const M = { left: 52, right: 12, top: 26, bottom: 52 };

/** About five round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

function extent(xs: number[], padZero = false): [number, number] {
  const f = xs.filter(Number.isFinite);
  let lo = f.length ? Math.min(...f) : 0;
  let hi = f.length ? Math.max(...f) : 1;
  if (padZero) lo = Math.min(0, lo);
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

function frame(
  f: ChartFrame,
  inner: (w: number, h: number) => string,
  legend: { name: string; color: string; dashed?: boolean }[],
): string {
  const width = f.width ?? 540;
  const w = width - M.left - M.right;
  const h = (f.height ?? 250) - M.top - M.bottom;
  // Legend entries flow left to right and wrap, below the x axis label.
  let lx = M.left;
  let row = 0;
  const placed = legend.map((l) => {
    const label = l.name.length > 28 ? `${l.name.slice(0, 27)}…` : l.name;
    const span = 28 + label.length * 6.2 + 12;
    if (lx + span > width && lx > M.left) [lx, row] = [M.left, row + 1];
    const at = { x: lx, row, label, l };
    lx += span;
    return at;
  });
  const legendTop = M.top + h + 36;
  const height = legendTop + (row + 1) * 15 + 2;
  const items = placed.map(({ x, row: r, label, l }) => {
    const y = legendTop + r * 15 + 8;
    return `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${l.color}" stroke-width="3"${l.dashed ? ' stroke-dasharray="5 3"' : ''}/><text x="${x + 26}" y="${y}">${esc(label)}</text>`;
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(f.title)}">`,
    `<title>${esc(f.title)}</title>`,
    `<text class="title" x="${M.left}" y="16">${esc(f.title)}</text>`,
    `<g transform="translate(${M.left},${M.top})">${inner(w, h)}</g>`,
    f.xLabel ? `<text x="${M.left + w / 2}" y="${M.top + h + 29}" text-anchor="middle">${esc(f.xLabel)}</text>` : '',
    f.yLabel ? `<text transform="translate(12,${M.top + h / 2}) rotate(-90)" text-anchor="middle">${esc(f.yLabel)}</text>` : '',
    ...items,
    '</svg>',
  ].join('');
  const caption = f.caption ? `<figcaption>${esc(f.caption)}</figcaption>` : '';
  return `<figure class="chart" data-chart="${esc(f.kind)}">${svg}${caption}</figure>`;
}

function yAxis(lo: number, hi: number, w: number, h: number): { y: (v: number) => number; svg: string } {
  const y = (v: number) => h - ((v - lo) / (hi - lo)) * h;
  const svg = ticks(lo, hi)
    .map(
      (t) =>
        `<line x1="0" x2="${w}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#eee"/><text x="-6" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${tickLabel(t)}</text>`,
    )
    .join('');
  return { y, svg: svg + `<line x1="0" x2="0" y1="0" y2="${h}" stroke="#999"/><line x1="0" x2="${w}" y1="${h}" y2="${h}" stroke="#999"/>` };
}

/** Lines over a numeric x axis (e.g. validation F1 or losses against generator steps). */
export function lineChart(f: ChartFrame & { series: LineSeries[]; yRange?: [number, number] }): string {
  const xs = f.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = f.series.flatMap((s) => s.points.map((p) => p.y));
  const [x0, x1] = extent(xs);
  const [y0, y1] = f.yRange ?? extent(ys);
  return frame(
    f,
    (w, h) => {
      const ax = yAxis(y0, y1, w, h);
      const x = (v: number) => ((v - x0) / (x1 - x0)) * w;
      const xt = ticks(x0, x1)
        .map((t) => `<text x="${x(t).toFixed(1)}" y="${h + 14}" text-anchor="middle">${tickLabel(t)}</text>`)
        .join('');
      const lines = f.series.map((s) => {
        const pts = s.points
          .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
          .map((p) => `${x(p.x).toFixed(1)},${ax.y(p.y).toFixed(1)}`);
        const dots =
          pts.length <= 40
            ? pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.2" fill="${s.color}"/>`).join('')
            : '';
        return `<polyline fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ''} points="${pts.join(' ')}"/>${dots}`;
      });
      return ax.svg + xt + lines.join('');
    },
    f.series,
  );
}

/** Grouped vertical bars, one cluster per category (e.g. category levels, or trials). */
export function barChart(f: ChartFrame & { categories: string[]; groups: BarGroup[]; yRange?: [number, number] }): string {
  const [y0, y1] =
    f.yRange ??
    extent(
      f.groups.flatMap((g) => g.values),
      true,
    );
  return frame(
    f,
    (w, h) => {
      const ax = yAxis(y0, y1, w, h);
      const n = Math.max(1, f.categories.length);
      const band = w / n;
      const bw = (band * 0.8) / Math.max(1, f.groups.length);
      const bars = f.groups.flatMap((g, gi) =>
        g.values.map((v, ci) => {
          if (!Number.isFinite(v)) return '';
          const x = ci * band + band * 0.1 + gi * bw;
          const top = ax.y(Math.max(v, y0));
          return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${Math.max(0, h - top).toFixed(1)}" fill="${g.color}"><title>${esc(`${g.name} · ${f.categories[ci]}: ${Number(v.toPrecision(4))}`)}</title></rect>`;
        }),
      );
      const step = Math.ceil(n / Math.max(1, Math.floor(w / 60)));
      const labels = f.categories
        .map((c, i) =>
          i % step === 0
            ? `<text x="${(i * band + band / 2).toFixed(1)}" y="${h + 14}" text-anchor="middle">${esc(c.length > 12 ? `${c.slice(0, 11)}…` : c)}</text>`
            : '',
        )
        .join('');
      return ax.svg + bars.join('') + labels;
    },
    f.groups,
  );
}

/** Overlaid histograms on shared bin edges (densities: each group's bars sum to 1), drawn as step outlines. */
export function histogramChart(f: ChartFrame & { edges: number[]; groups: BarGroup[] }): string {
  const [y0, y1] = extent([0, ...f.groups.flatMap((g) => g.values)], true);
  const e0 = f.edges[0] ?? 0;
  const e1 = f.edges.at(-1) ?? 1;
  return frame(
    f,
    (w, h) => {
      const ax = yAxis(y0, y1, w, h);
      const x = (v: number) => (e1 > e0 ? ((v - e0) / (e1 - e0)) * w : w / 2);
      const xt = ticks(e0, e1)
        .map((t) => `<text x="${x(t).toFixed(1)}" y="${h + 14}" text-anchor="middle">${tickLabel(t)}</text>`)
        .join('');
      const steps = f.groups.map((g) => {
        let d = `M${x(e0).toFixed(1)},${ax.y(0).toFixed(1)}`;
        g.values.forEach((v, i) => {
          const yy = ax.y(Number.isFinite(v) ? v : 0).toFixed(1);
          d += ` L${x(f.edges[i]!).toFixed(1)},${yy} L${x(f.edges[i + 1]!).toFixed(1)},${yy}`;
        });
        d += ` L${x(e1).toFixed(1)},${ax.y(0).toFixed(1)}`;
        return `<path d="${d}" fill="${g.color}" fill-opacity="0.15" stroke="${g.color}" stroke-width="1.6"/>`;
      });
      return ax.svg + xt + steps.join('');
    },
    f.groups,
  );
}
