/**
 * Import cycles among src/ and renderer/, type-only imports included. The layers themselves are ESLint's job
 * (eslint.config.mjs, boundaries/dependencies, proven by test/unit/lint); a cycle check there would need a native
 * resolver, so it stays here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const full = path.join(abs, name);
    if (statSync(full).isDirectory()) return sourceFiles(path.join(dir, name));
    return /\.(ts|tsx)$/.test(name) ? [path.join(dir, name)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
}

/** The source file a relative import names (`./x` -> x.ts, x.tsx or x/index.ts), or null (a package, CSS). */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.normalize(path.join(path.dirname(file), spec));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(path.join(root, c))) ?? null;
}

/** Every import between the files given, `import type` and re-exports included. */
function importGraph(files: string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file).flatMap((spec) => resolveImport(file, spec) ?? [])]));
}

/** The cycles a depth-first walk meets, each as the chain of files that closes it (a -> b -> a). */
function findCycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('has no import cycles among src/ and renderer/, type-only imports included', () => {
    expect(findCycles(importGraph(['src', 'renderer'].flatMap(sourceFiles)))).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf(path.join('src', 'ipc', 'router.ts'))).toContain('../shared/contract');
    const screens = path.join('renderer', 'screens.tsx');
    expect(resolveImport(screens, './features/send/SendScreen')).toBe(path.join('renderer', 'features', 'send', 'SendScreen.tsx'));
    expect(resolveImport(path.join('src', 'cli.ts'), './cli/io')).toBe(path.join('src', 'cli', 'io.ts'));
    expect(importGraph([screens]).get(screens)).toContain(path.join('renderer', 'screen-props.ts'));
    const loop = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
    ]);
    expect(findCycles(loop)).toEqual(['a -> b -> c -> a']);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
          ['c', ['b']],
        ]),
      ),
    ).toEqual([]);
  });
});
