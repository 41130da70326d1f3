import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The import graph between the feature modules (`server/src/modules/<module>/`), read from the
 * import statements of their production files (tests and test helpers aside). It must have no
 * cycle, and every arrow must be one of those docs/DEVELOPING.md allows ("Which module may import which").
 */
const modulesDir = resolve(__dirname, '../modules');
const developing = resolve(__dirname, '../../../docs/DEVELOPING.md');

const isProduction = (file: string) =>
  file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.contract.ts') && !file.endsWith('.d.ts');

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(join(dir, e.name)) : isProduction(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Specifiers of every static import/export-from, side-effect import and dynamic import() of a source text. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

/** module → the other modules its files import */
export function moduleGraph(root = modulesDir): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    const deps = new Set<string>();
    for (const file of filesOf(join(root, name)))
      for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(file, '..', spec));
        const other = target.split(sep)[0];
        if (!target.startsWith('..') && other !== name) deps.add(other);
      }
    graph.set(name, deps);
  }
  return graph;
}

/** Every cycle's modules (strongly connected components of more than one module, or a self-loop). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The arrows docs/DEVELOPING.md allows: lines `- a → b, c` in its module-arrows block. */
function allowedArrows(): Map<string, Set<string>> {
  const text = readFileSync(developing, 'utf8');
  const block = /<!-- module-arrows -->([\s\S]*?)<!-- \/module-arrows -->/.exec(text)?.[1] ?? '';
  const allowed = new Map<string, Set<string>>();
  for (const m of block.matchAll(/^\s*-\s*`?(\w+)`?\s*→\s*(.+)$/gm))
    allowed.set(
      m[1],
      new Set(
        m[2]
          .split(',')
          .map((s) => s.replace(/[`\s]/g, ''))
          .filter((s) => s && s !== '(none)'),
      ),
    );
  return allowed;
}

describe('module graph', () => {
  const graph = moduleGraph();

  it('has no import cycle between modules', () => {
    const lines = [...graph].map(([m, deps]) => `${m} → ${[...deps].sort().join(', ') || '(none)'}`);
    console.log(`module imports:\n${lines.join('\n')}`);
    expect(cycles(graph)).toEqual([]);
  });

  it('has only the arrows docs/DEVELOPING.md allows', () => {
    const allowed = allowedArrows();
    const extra = [...graph].flatMap(([m, deps]) => [...deps].filter((d) => !allowed.get(m)?.has(d)).map((d) => `${m} → ${d}`));
    expect(extra).toEqual([]);
  });

  it('finds cycles, direct and transitive', () => {
    const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
    expect(cycles(g({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]);
    expect(cycles(g({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(cycles(g({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
    expect(
      importSpecifiers(
        `import { X } from '../a/x.js';\nimport type { Y } from "../b/y.js";\nimport './m.js';\nexport * from '../c/z.js';\nawait import('../d/w.js');`,
      ),
    ).toEqual(['../a/x.js', '../b/y.js', '../c/z.js', './m.js', '../d/w.js']);
  });
});
