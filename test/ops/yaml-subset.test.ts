import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY } from './prometheus-server.ts';
import { parseYamlSubset, YamlSubsetError } from './yaml-subset.ts';

/** Every YAML file under deploy/. */
function deployYaml(dir = DEPLOY): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? deployYaml(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const pyYaml = spawnSync('/usr/bin/python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;

describe('the YAML subset parser used to check deploy/', () => {
  it('reads block mappings, sequences of mappings, flow lists, quoting and several documents', () => {
    const text = [
      'a: 1',
      'b:',
      '  - name: x # comment',
      '    value: "0.0.0.0:9464"',
      "  - [gpu, \"a b\", 'it''s']",
      'c: { }',
      'd:',
      '- 2.5',
      '- true',
      '- null',
      '---',
      'e: s3://bucket/prefix',
    ].join('\n');
    expect(parseYamlSubset(text)).toEqual([
      { a: 1, b: [{ name: 'x', value: '0.0.0.0:9464' }, ['gpu', 'a b', "it's"]], c: {}, d: [2.5, true, null] },
      { e: 's3://bucket/prefix' },
    ]);
  });

  it.each([
    ['an anchor', 'a: &x 1'],
    ['a block scalar', 'a: |\n  text'],
    ['a YAML 1.1 boolean', 'a: yes'],
    ['a port pair that YAML 1.1 reads as a base-60 number', 'ports:\n  - 22:22'],
    ['a plain scalar with ": "', 'a: b: c'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['tab indentation', 'a:\n\t- 1'],
  ])('rejects %s with the line number', (_what, text) => {
    expect(() => parseYamlSubset(text, 'x.yml')).toThrow(YamlSubsetError);
    expect(() => parseYamlSubset(text, 'x.yml')).toThrow(/^x\.yml:\d+: /);
  });

  it('parses every YAML file under deploy/', () => {
    const files = deployYaml();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(parseYamlSubset(readFileSync(f, 'utf8'), f).length, f).toBeGreaterThan(0);
  });

  it.skipIf(!pyYaml)('reads every deploy/ YAML file exactly as PyYAML does', () => {
    for (const f of deployYaml()) {
      const py = spawnSync(
        '/usr/bin/python3',
        ['-c', 'import sys,yaml,json; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))', f],
        { encoding: 'utf8' },
      );
      expect(py.status, py.stderr).toBe(0);
      expect(parseYamlSubset(readFileSync(f, 'utf8'), f), f).toEqual(JSON.parse(py.stdout));
    }
  });
});
