import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]!);
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNodeBuiltin = (spec: string) => nodeBuiltins.has(spec) || nodeBuiltins.has(spec.split('/')[0]!);
const resolvesInto = (file: string, spec: string, folder: string) =>
  spec.startsWith('.') && path.normalize(path.join(path.dirname(file), spec)).startsWith(path.normalize(folder));

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
      .flatMap((file) => importsOf(file).filter((s) => s === 'electron' || s.startsWith('electron/')).map((s) => `${file} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the renderer off Node and off main-process services', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            isNodeBuiltin(spec) ||
            (spec.includes('/src/') && !/\/src\/(shared|core)\//.test(spec)),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf(path.join('src', 'ipc', 'router.ts'))).toContain('../shared/contract');
    expect(isNodeBuiltin('node:fs')).toBe(true);
    expect(isNodeBuiltin('fs/promises')).toBe(true);
  });
});
