/** Escapes text for HTML element content and double-quoted attribute values (and SVG, which is XML). */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number for a table cell: fixed digits, '-' for missing or NaN. */
export function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

/** Colours that stay apart for the usual colour-vision deficiencies (Okabe-Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** An HTML table; `cells` are already-escaped HTML fragments; `rowClasses[i]` styles row i. */
export function table(head: string[], rows: string[][], className = '', rowClasses: string[] = []): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map((r, i) => `<tr${rowClasses[i] ? ` class="${esc(rowClasses[i])}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${esc(className)}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A section with an id (for links and tests), a heading and a body of HTML. */
export function section(id: string, title: string, body: string, intro = ''): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>${intro ? `<p class="intro">${intro}</p>` : ''}\n${body}\n</section>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 24px auto; max-width: 1160px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.meta { color: #555; margin: 2px 0; } .verdict { background: #f4f7fb; border-left: 4px solid #0072B2; padding: 8px 12px; margin: 12px 0; }
.note { color: #8a4b00; background: #fff6e5; padding: 6px 10px; border-radius: 4px; }
.intro { color: #444; max-width: 900px; }
table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #fafafa; position: sticky; top: 0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.winner td { background: #eef7ee; } tr.base td { background: #f6f6fb; }
div.params { font-family: ui-monospace, Menlo, monospace; font-size: 11px; color: #444; min-width: 220px; overflow-wrap: anywhere; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure.chart { margin: 0; border: 1px solid #eee; border-radius: 6px; padding: 6px; background: #fff; }
figure.chart figcaption { font-size: 12px; color: #555; max-width: 540px; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } svg .title { font-size: 12.5px; font-weight: 600; }
`;

/** The whole page: one file, inline CSS and SVG, no scripts and nothing fetched. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
