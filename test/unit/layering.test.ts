import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
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

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNodeBuiltin = (spec: string) => nodeBuiltins.has(spec) || nodeBuiltins.has(spec.split('/')[0]!);
/** `target` (an import without its extension) is the folder or file `place`, or inside the folder. */
const isInside = (target: string, place: string) =>
  target === place || target === place.replace(/\.tsx?$/, '') || target.startsWith(place + path.sep);
const resolvesInto = (file: string, spec: string, folder: string) =>
  spec.startsWith('.') && path.normalize(path.join(path.dirname(file), spec)).startsWith(path.normalize(folder));

/** The services, and the callers they must know nothing of (the CLI, IPC and the composition root). */
const SERVICES = ['src/core', 'src/shared', 'src/platform', 'src/whatsapp', 'src/contacts', 'src/campaign'];
const CALLERS = ['src/cli', 'src/cli.ts', 'src/ipc', 'src/app'].map((c) => path.normalize(c));
const reachesCaller = (file: string, spec: string) =>
  spec.startsWith('.') && CALLERS.some((c) => isInside(path.normalize(path.join(path.dirname(file), spec)), c));

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

describe('layering', () => {
  it('keeps the pure core free of Node, Electron and main-process code', () => {
    const offenders = ['src/core', 'src/shared'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        importsOf(file)
          .filter(
            (spec) =>
              isNodeBuiltin(spec) ||
              spec === 'electron' ||
              (spec.startsWith('.') && !resolvesInto(file, spec, 'src/core') && !resolvesInto(file, spec, 'src/shared')),
          )
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the Electron shell import electron', () => {
    const shell = (file: string) => file === path.join('src', 'main.ts') || file.startsWith(path.join('src', 'electron'));
    const offenders = ['src', 'renderer']
      .flatMap(sourceFiles)
      .filter((file) => !shell(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((s) => s === 'electron' || s.startsWith('electron/'))
          .map((s) => `${file} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps the renderer off Node and off main-process services', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => isNodeBuiltin(spec) || (spec.includes('/src/') && !/\/src\/(shared|core)\//.test(spec)))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps services off their callers: no service imports src/cli, src/ipc, src/app or electron', () => {
    const offenders = SERVICES.flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec === 'electron' || spec.startsWith('electron/') || reachesCaller(file, spec))
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('has no import cycles among src/ and renderer/, type-only imports included', () => {
    expect(findCycles(importGraph(['src', 'renderer'].flatMap(sourceFiles)))).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf(path.join('src', 'ipc', 'router.ts'))).toContain('../shared/contract');
    expect(isNodeBuiltin('node:fs')).toBe(true);
    expect(isNodeBuiltin('fs/promises')).toBe(true);
    expect(reachesCaller(path.join('src', 'campaign', 'x.ts'), '../ipc/notifier')).toBe(true);
    expect(reachesCaller(path.join('src', 'campaign', 'cli', 'x.ts'), '../../cli/io')).toBe(true);
    expect(reachesCaller(path.join('src', 'whatsapp', 'x.ts'), '../cli')).toBe(true);
    expect(reachesCaller(path.join('src', 'campaign', 'x.ts'), '../client/x')).toBe(false);
    expect(reachesCaller(path.join('src', 'campaign', 'x.ts'), './app')).toBe(false);
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
