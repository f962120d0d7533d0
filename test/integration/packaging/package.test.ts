import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { extractAll } from '@electron/asar';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src/app/contacts';
import { appIconCandidates } from '../../../src/electron/desktop-shell';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { workerRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { makeStandinElectron } from '../../support/standin-electron';
import { book, writeWorkbook } from '../contacts/workbook-fixtures';
import { bareSpecifiers, ensureBuilt, listFiles, nodeModulesAbove, packLinuxDir, repoRoot, run, sizeOf } from './packaged-app';

/**
 * The app as electron-builder packs it for Linux (`--dir`, the repository's electron-builder.yml) around a
 * stand-in Electron binary, read where an operator's machine would have it: what ships, that the code finds every
 * package it loads, that contact import works from the installed files, the fuses, and the weight (issue 8).
 */

/** app.asar + app.asar.unpacked may weigh at most this (issue 8; 92 MB before it). */
const MAX_APP_BYTES = 40 * 1000 * 1000;

let work: string;
/** resources/ copied to a folder with no node_modules above it, as an installed app has it. */
let installed: string;
/** app.asar extracted (its unpacked files included): the files as Electron's main process sees them. */
let asarView: string;
let binary: string;
let shipped: string[];
let packSeconds: number;

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(path.join(os.tmpdir(), 'wa-packaging-'));
  expect(path.relative(repoRoot, work).startsWith('..')).toBe(true);
  const electronDist = await makeStandinElectron(path.join(work, 'electron'));
  const started = performance.now();
  const appOutDir = await packLinuxDir(electronDist, path.join(work, 'release'));
  packSeconds = (performance.now() - started) / 1000;
  binary = path.join(appOutDir, 'wa-bulk-sender');
  installed = path.join(work, 'installed', 'resources');
  await cp(path.join(appOutDir, 'resources'), installed, { recursive: true });
  asarView = path.join(work, 'asar-view');
  extractAll(path.join(installed, 'app.asar'), asarView);
  shipped = await listFiles(asarView);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --linux --dir, stand-in Electron)', () => {
  it('is installed where no node_modules lies above it', () => {
    console.log(`electron-builder --linux --dir took ${packSeconds.toFixed(1)} s`);
    expect(nodeModulesAbove(installed)).toBeNull();
  });

  it('ships the app and the dependencies it loads', async () => {
    for (const file of ['package.json', 'out/main/main.js', 'out/main/import-worker.js', 'out/preload/preload.js', 'out/renderer/index.html']) {
      expect(shipped).toContain(file);
    }
    expect(shipped).toContain('node_modules/whatsapp-web.js/index.js');
    // The tray icon, where the desktop shell looks for it in an installed app.
    const trayIcons = appIconCandidates('').map((file) => path.relative('', file).split(path.sep).join('/'));
    expect(trayIcons.filter((file) => shipped.includes(file))).toEqual(trayIcons);
    expect(shipped.filter((f) => f.startsWith('build/') && !trayIcons.includes(f))).toEqual([]);
    expect(shipped.some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(asarView, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toBe('out/main/main.js');
  });

  it('ships no source maps, TypeScript, docs, CLI or browser-host bundles, prebuilds or renderer packages', () => {
    const unwanted = (test: (file: string) => boolean) => shipped.filter(test);
    expect(unwanted((f) => /\.(map|ts|cts|mts|tsx)$/.test(f))).toEqual([]);
    expect(unwanted((f) => /\.(md|markdown)$/i.test(f))).toEqual([]);
    expect(unwanted((f) => /\/(docs?|coverage|tests?|__tests__|examples?|prebuilds)\//.test(f))).toEqual([]);
    expect(unwanted((f) => f.endsWith('.bare'))).toEqual([]);
    expect(unwanted((f) => /^out\/main\/(cli|devhost)\.js$/.test(f))).toEqual([]);
    // Vite bundles these into the renderer; csv-parser is the tests' reference reader.
    const devOnly = /^node_modules\/(react|react-dom|scheduler|@tanstack\/[^/]+|csv-parser|vite|vitest|electron|typescript)\//;
    expect(unwanted((f) => devOnly.test(f))).toEqual([]);
  });

  it('every package the main process, preload and import worker load by name is installed beside them, and loads', async () => {
    const requireFrom = (file: string) => createRequire(file);
    // Electron provides 'electron' itself; the import worker runs in plain Node (src/contacts/worker-runner.ts).
    const bundles = [
      { file: path.join(asarView, 'out/main/main.js'), provided: ['electron'] },
      { file: path.join(asarView, 'out/preload/preload.js'), provided: ['electron'] },
      { file: unpackedPath(path.join(installed, 'app.asar', 'out', 'main', 'import-worker.js')), provided: [] },
    ];
    for (const { file, provided } of bundles) {
      const names = bareSpecifiers(await readFile(file, 'utf8')).filter((n) => !provided.includes(n));
      const missing = names.filter((name) => {
        try {
          requireFrom(file).resolve(name);
          return false;
        } catch {
          return true;
        }
      });
      expect(missing, `${path.relative(work, file)} needs packages that are not installed`).toEqual([]);
      if (file.includes('import-worker')) expect(names, 'the import worker is bundled with its dependencies').toEqual([]);
      if (names.length > 0) await loadInPlainNode(file, names);
    }
  });

  it('imports a real CSV and a real XLSX with the installed import worker, run as the app runs it', async () => {
    const workerFile = unpackedPath(path.join(installed, 'app.asar', 'out', 'main', 'import-worker.js'));
    expect(workerFile).toBe(path.join(installed, 'app.asar.unpacked', 'out', 'main', 'import-worker.js'));
    const csv = path.join(work, 'contacts.csv');
    await writeFile(csv, 'Name,Phone\nAmira,0501234567\nJosé,+971 52 765 4321\nNo number,x\n');
    const xlsx = path.join(work, 'contacts.xlsx');
    await writeWorkbook(
      xlsx,
      book({
        Sheet1: XLSX.utils.aoa_to_sheet([
          ['Name', 'Phone'],
          ['Amira', 501234567],
          ['Ünal', '+971527654321'],
        ]),
      }),
    );

    for (const phoneHelper of [false, true]) {
      const contacts = new ContactsService({
        runner: workerRunner(workerFile, { phoneHelper }),
        optOut: new OptOutList(memoryJsonFile()),
        mappings: new MappingStore(memoryJsonFile()),
        fallbackCountry: () => 'AE',
      });
      const fromCsv = await contacts.importFile({ path: csv, name: 'contacts.csv' });
      expect(fromCsv.counts).toEqual({ rows: 3, valid: 2, invalid: 1, duplicates: 0, optedOut: 0 });
      expect([...contacts.allContacts()].map((c) => c.phone)).toEqual(['+971501234567', '+971527654321']);
      const fromXlsx = await contacts.importFile({ path: xlsx, name: 'contacts.xlsx' });
      expect(fromXlsx.source.kind).toBe('xlsx');
      expect(fromXlsx.counts).toEqual({ rows: 2, valid: 2, invalid: 0, duplicates: 0, optedOut: 0 });
      expect([...contacts.allContacts()].map((c) => [c.phone, c.values[0]])).toEqual([
        ['+971501234567', 'Amira'],
        ['+971527654321', 'Ünal'],
      ]);
    }
  });

  it('has its fuses flipped: no RunAsNode, NODE_OPTIONS or --inspect; app only from the asar, asar integrity, cookie encryption', async () => {
    const wire = await getCurrentFuseWire(binary);
    // The wire holds one byte per fuse: '1' on, '0' off (@electron/fuses FuseState, not exported at run time).
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    const values = Object.fromEntries(
      [
        FuseV1Options.RunAsNode,
        FuseV1Options.EnableNodeOptionsEnvironmentVariable,
        FuseV1Options.EnableNodeCliInspectArguments,
        FuseV1Options.OnlyLoadAppFromAsar,
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
        FuseV1Options.EnableCookieEncryption,
      ].map((fuse) => [FuseV1Options[fuse], ({ '1': 'on', '0': 'off' } as Record<string, string>)[state(fuse)] ?? state(fuse)]),
    );
    console.log('fuses read back:', JSON.stringify(values));
    expect(values).toEqual({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      OnlyLoadAppFromAsar: 'on',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      EnableCookieEncryption: 'on',
    });
  });

  it(`weighs at most ${MAX_APP_BYTES / 1e6} MB (app.asar + app.asar.unpacked)`, async () => {
    const asar = await sizeOf(path.join(installed, 'app.asar'));
    const unpacked = await sizeOf(path.join(installed, 'app.asar.unpacked'));
    console.log(
      `app.asar ${(asar / 1e6).toFixed(2)} MB + app.asar.unpacked ${(unpacked / 1e6).toFixed(2)} MB = ${((asar + unpacked) / 1e6).toFixed(2)} MB`,
    );
    expect(asar + unpacked).toBeLessThanOrEqual(MAX_APP_BYTES);
  });
});

/**
 * Loads each package from `file`'s folder in a plain Node process, so a package cut down by the `files` patterns
 * in electron-builder.yml fails here when it misses a file it needs. 'electron' is stubbed: Electron provides it.
 */
async function loadInPlainNode(file: string, names: string[]): Promise<void> {
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'electron' ? {} : load.call(this, request, ...rest); };
    const requireHere = Module.createRequire(${JSON.stringify(file)});
    for (const name of ${JSON.stringify(names)}) requireHere(name);
  `;
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  await run(process.execPath, ['-e', script], { cwd: path.dirname(file), env });
}
