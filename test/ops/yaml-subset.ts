/**
 * A parser for the small, unambiguous subset of YAML that deploy/ is written in: block mappings and sequences,
 * `#` comments, `---` between documents, plain / single-quoted / double-quoted scalars, and one-line flow sequences
 * and mappings of scalars. Anything else (anchors, aliases, tags, block scalars `|` `>`, multi-line flow, YAML 1.1
 * booleans like `yes`/`on`) is rejected with the line number, so a manifest cannot silently mean something other
 * than what this parser read. The tests also compare its output with PyYAML's where that is installed.
 */

export class YamlSubsetError extends Error {
  readonly code = 'YAML_SUBSET';
  constructor(file: string, line: number, what: string) {
    super(`${file}:${line}: ${what} (deploy/ YAML is kept to a simple subset; see test/ops/yaml-subset.ts)`);
    this.name = 'YamlSubsetError';
  }
}

export type YamlValue = null | boolean | number | string | YamlValue[] | { [k: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

/** Removes a trailing comment: a `#` at the start or after whitespace, outside quotes. */
function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i);
  }
  return s;
}

/** Index of the `:` that separates a mapping key from its value, or -1. */
function keySplit(s: string): number {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && i === 0) quote = c;
    else if (c === '[' || c === '{') return -1;
    else if (c === ':' && (i === s.length - 1 || s[i + 1] === ' ')) return i;
  }
  return -1;
}

/** Splits a one-line flow collection body on top-level commas. */
function splitFlow(body: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((p) => p.trim()).filter((p, i, a) => p !== '' || i < a.length - 1);
}

export function parseYamlSubset(text: string, file = '<yaml>'): YamlValue[] {
  const docs: Line[][] = [[]];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\t/.test(raw)) throw new YamlSubsetError(file, i + 1, 'tab indentation');
    if (/^---\s*$/.test(raw)) return void docs.push([]);
    const s = stripComment(raw).replace(/\s+$/, '');
    if (s.trim() === '') return;
    docs[docs.length - 1]!.push({ no: i + 1, indent: s.length - s.trimStart().length, text: s.trim() });
  });

  const scalar = (s: string, no: number): YamlValue => {
    if (/^[&*!|>%@`]/.test(s)) throw new YamlSubsetError(file, no, `unsupported YAML construct "${s.slice(0, 20)}"`);
    if (s.startsWith('[') || s.startsWith('{')) {
      const close = s.startsWith('[') ? ']' : '}';
      if (!s.endsWith(close)) throw new YamlSubsetError(file, no, 'multi-line flow collection');
      const items = splitFlow(s.slice(1, -1));
      if (close === ']') return items.map((x) => scalar(x, no));
      const obj: Record<string, YamlValue> = {};
      for (const item of items) {
        const k = keySplit(item);
        if (k < 0) throw new YamlSubsetError(file, no, `flow mapping entry without "key: value": ${item}`);
        obj[String(scalar(item.slice(0, k).trim(), no))] = scalar(item.slice(k + 1).trim(), no);
      }
      return obj;
    }
    if (s.startsWith('"')) {
      if (!s.endsWith('"') || s.length < 2) throw new YamlSubsetError(file, no, 'unterminated double-quoted string');
      return JSON.parse(s) as string;
    }
    if (s.startsWith("'")) {
      if (!s.endsWith("'") || s.length < 2) throw new YamlSubsetError(file, no, 'unterminated single-quoted string');
      return s.slice(1, -1).replace(/''/g, "'");
    }
    if (s === '' || s === '~' || s === 'null') return null;
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (/^(yes|no|on|off|y|n|True|False|TRUE|FALSE|Null|NULL)$/.test(s))
      throw new YamlSubsetError(file, no, `ambiguous plain scalar "${s}" (quote it)`);
    if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
    if (/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
    if (/: |:$/.test(s)) throw new YamlSubsetError(file, no, `plain scalar "${s}" contains ": " (quote it)`);
    if (/^[0-9][0-9_]*(:[0-5]?[0-9])+$/.test(s) || /^0[0-9]/.test(s))
      throw new YamlSubsetError(file, no, `plain scalar "${s}" reads differently in YAML 1.1 and 1.2 (quote it)`);
    return s;
  };

  const parseDoc = (lines: Line[]): YamlValue => {
    let pos = 0;
    const block = (indent: number): YamlValue => {
      const first = lines[pos]!;
      if (first.text === '-' || first.text.startsWith('- ')) {
        const out: YamlValue[] = [];
        while (pos < lines.length && lines[pos]!.indent === indent && (lines[pos]!.text === '-' || lines[pos]!.text.startsWith('- '))) {
          const l = lines[pos]!;
          const rest = l.text.slice(1).trimStart();
          if (rest === '') {
            pos++;
            out.push(pos < lines.length && lines[pos]!.indent > indent ? block(lines[pos]!.indent) : null);
          } else if (keySplit(rest) > 0) {
            // "- key: value" opens a mapping whose keys sit where "key" starts.
            lines[pos] = { no: l.no, indent: indent + (l.text.length - rest.length), text: rest };
            out.push(block(lines[pos]!.indent));
          } else {
            out.push(scalar(rest, l.no));
            pos++;
          }
        }
        return out;
      }
      const obj: Record<string, YamlValue> = {};
      while (pos < lines.length && lines[pos]!.indent === indent) {
        const l = lines[pos]!;
        if (l.text.startsWith('- ')) throw new YamlSubsetError(file, l.no, 'sequence item where a mapping key was expected');
        const k = keySplit(l.text);
        if (k <= 0) throw new YamlSubsetError(file, l.no, `expected "key: value", got "${l.text}"`);
        const key = String(scalar(l.text.slice(0, k).trim(), l.no));
        if (key in obj) throw new YamlSubsetError(file, l.no, `duplicate key "${key}"`);
        const rest = l.text.slice(k + 1).trim();
        pos++;
        if (rest !== '') obj[key] = scalar(rest, l.no);
        else if (pos < lines.length && lines[pos]!.indent > indent) obj[key] = block(lines[pos]!.indent);
        else if (pos < lines.length && lines[pos]!.indent === indent && lines[pos]!.text.startsWith('- ')) obj[key] = block(indent);
        else obj[key] = null;
      }
      if (pos < lines.length && lines[pos]!.indent > indent) throw new YamlSubsetError(file, lines[pos]!.no, 'unexpected indentation');
      return obj;
    };
    if (lines.length === 0) return null;
    const v = block(lines[0]!.indent);
    if (pos < lines.length) throw new YamlSubsetError(file, lines[pos]!.no, 'unexpected dedent below the document root');
    return v;
  };
  return docs.filter((d, i) => d.length > 0 || (i === 0 && docs.length === 1)).map(parseDoc);
}
