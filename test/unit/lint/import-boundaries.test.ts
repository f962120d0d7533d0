import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rule in eslint.config.mjs, proven on small files placed in each layer: each forbidden import is
// reported, and the legal imports beside it are not. The probes import real files (the resolver must find them).
const root = path.resolve(__dirname, '../../..');
const RULE = 'boundaries/dependencies';
const targets = {
  core: 'src/core/phone.ts',
  shared: 'src/shared/result.ts',
  whatsapp: 'src/whatsapp/port.ts',
  contacts: 'src/contacts/opt-out.ts',
  campaign: 'src/campaign/journal.ts',
  platform: 'src/platform/clock.ts',
  ipc: 'src/ipc/router.ts',
  app: 'src/app/close-policy.ts',
  cli: 'src/cli/io.ts',
  devhost: 'src/devhost/server.ts',
  electronShell: 'src/electron/window.ts',
  main: 'src/main.ts',
  renderer: 'renderer/api.ts',
  preload: 'preload/index.ts',
  fake: 'test/fakes/fake-clock.ts',
} as const;

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The specifier by which `from` (a probe file's repository path) reaches a target file, as a relative import. */
function rel(from: string, target: keyof typeof targets): string {
  const spec = path
    .relative(path.dirname(from), targets[target])
    .replace(/\.tsx?$/, '')
    .split(path.sep)
    .join('/');
  return spec.startsWith('.') ? spec : `./${spec}`;
}

/** The boundary messages ESLint reports for one source text placed at `file`. */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result!.messages;
  const fatal = messages.filter((m) => m.fatal);
  expect(fatal, `${file} does not parse`).toEqual([]);
  return messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** The import forms the rule must see: import, export-from, dynamic import(), require() and a type-only import(). */
const forms = (spec: string) => ({
  import: `import * as m from '${spec}';\nexport const x = m;\n`,
  'type import': `import type * as m from '${spec}';\nexport type X = typeof m;\n`,
  'export from': `export * from '${spec}';\n`,
  'dynamic import()': `export const load = () => import('${spec}');\n`,
  'require()': `export const m: unknown = require('${spec}');\n`,
  'typeof import() type': `export type M = typeof import('${spec}');\n`,
});

async function expectRefused(file: string, spec: string) {
  for (const [form, code] of Object.entries(forms(spec))) {
    expect(await violations(file, code), `${file}: ${form} '${spec}'`).toHaveLength(1);
  }
}

async function expectAllowed(file: string, spec: string) {
  for (const [form, code] of Object.entries(forms(spec))) {
    expect(await violations(file, code), `${file}: ${form} '${spec}'`).toEqual([]);
  }
}

describe('import boundaries (eslint.config.mjs)', () => {
  it('has the real files the probes import', () => {
    for (const file of Object.values(targets)) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  // Everything under src/ but src/core and src/shared.
  const mainProcess = ['whatsapp', 'contacts', 'campaign', 'platform', 'ipc', 'app', 'cli', 'devhost', 'electronShell', 'main'] as const;
  const pure = ['src/core/probe.ts', 'src/core/nested/probe.ts', 'src/shared/probe.ts', 'src/shared/contract/probe.ts'];

  it.each(pure)('keeps %s free of Node built-ins, electron and everything outside src/core and src/shared', async (file) => {
    for (const spec of ['node:fs', 'fs', 'fs/promises', 'path', 'electron', 'electron/main']) await expectRefused(file, spec);
    for (const target of [...mainProcess, 'renderer', 'preload', 'fake'] as const) await expectRefused(file, rel(file, target));
    await expectAllowed(file, rel(file, 'core'));
    await expectAllowed(file, rel(file, 'shared'));
    await expectAllowed(file, 'zod');
  });

  const services = [
    'src/whatsapp/probe.ts',
    'src/contacts/probe.ts',
    'src/contacts/xlsx-stream/probe.ts',
    'src/campaign/probe.ts',
    'src/platform/probe.ts',
  ];

  it.each(services)('keeps the service %s from its callers and from electron', async (file) => {
    for (const target of ['cli', 'ipc', 'app', 'devhost', 'electronShell', 'main'] as const) await expectRefused(file, rel(file, target));
    await expectRefused(file, 'electron');
    for (const target of ['core', 'shared', 'whatsapp', 'contacts', 'campaign', 'platform'] as const) await expectAllowed(file, rel(file, target));
    await expectAllowed(file, 'node:fs');
    await expectAllowed(file, 'whatsapp-web.js');
  });

  it.each(['src/ipc/probe.ts', 'src/ipc/handlers/probe.ts', 'src/app/probe.ts', 'src/cli/probe.ts', 'src/cli.ts', 'src/devhost/probe.ts'])(
    'keeps electron out of %s',
    async (file) => {
      await expectRefused(file, 'electron');
      await expectAllowed(file, rel(file, 'whatsapp'));
      await expectAllowed(file, 'node:path');
    },
  );

  it.each(['src/main.ts', 'src/electron/probe.ts', 'test/unit/electron/probe.test.ts', 'test/fakes/probe.ts'])(
    'lets %s import electron',
    async (file) => {
      await expectAllowed(file, 'electron');
    },
  );

  it.each(['renderer/probe.tsx', 'renderer/features/campaign/probe.tsx'])(
    'keeps the renderer (%s) off Node, electron, the preload and main-process code',
    async (file) => {
      for (const spec of ['node:fs', 'path', 'electron']) await expectRefused(file, spec);
      for (const target of [...mainProcess, 'preload'] as const) await expectRefused(file, rel(file, target));
      for (const target of ['core', 'shared', 'renderer'] as const) await expectAllowed(file, rel(file, target));
      await expectAllowed(file, 'react');
    },
  );

  it('lets the preload import only electron and src/shared', async () => {
    const file = 'preload/probe.ts';
    for (const spec of ['node:fs', 'path', 'zod']) await expectRefused(file, spec);
    for (const target of ['core', 'whatsapp', 'ipc', 'app', 'electronShell', 'renderer'] as const) await expectRefused(file, rel(file, target));
    await expectAllowed(file, 'electron');
    await expectAllowed(file, rel(file, 'shared'));
  });

  it('names the layer rule in its message', async () => {
    const [message] = await violations('src/campaign/probe.ts', `import { x } from '${rel('src/campaign/probe.ts', 'ipc')}';\n`);
    expect(message).toMatch(/service .* knows nothing of its callers/);
  });
});
