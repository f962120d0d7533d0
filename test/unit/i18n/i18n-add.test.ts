import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/languages';

// scripts/i18n-add.mjs on a folder of its own (I18N_MESSAGES_DIR): merges into every language, sorted, refuses a
// fragment with a problem without writing anything, and two merges at once both land (the lock).
const run = promisify(execFile);
const script = path.resolve(__dirname, '../../../scripts/i18n-add.mjs');

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'i18n-add-'));
  for (const language of LANGUAGES) await writeFile(path.join(dir, `${language}.json`), JSON.stringify({ 'z.last': `${language} z` }));
  return dir;
}
const add = (dir: string, fragment: string) => run(process.execPath, [script, fragment], { env: { ...process.env, I18N_MESSAGES_DIR: dir } });
const read = async (dir: string, language: string) =>
  JSON.parse(await readFile(path.join(dir, `${language}.json`), 'utf8')) as Record<string, string>;

async function fragment(dir: string, name: string, messages: (language: string) => Record<string, string>): Promise<string> {
  const file = path.join(dir, `${name}.fragment.json`);
  await writeFile(file, JSON.stringify(Object.fromEntries(LANGUAGES.map((l) => [l, messages(l)]))));
  return file;
}

describe('scripts/i18n-add.mjs', () => {
  it('merges a fragment into all seven files, keys sorted, and two merges at once both land', async () => {
    const dir = await folder();
    const a = await fragment(dir, 'a', (l) => ({
      'a.count': l === 'id' ? '{count, plural, other {# baris}}' : `{count, plural, one {# ${l}} other {# ${l}s}}`,
      'a.b': `${l} b`,
    }));
    const b = await fragment(dir, 'b', (l) => ({ 'b.title': `${l} title` }));
    await Promise.all([add(dir, a), add(dir, b)]);
    for (const language of LANGUAGES) {
      const messages = await read(dir, language);
      expect(Object.keys(messages)).toEqual(['a.b', 'a.count', 'b.title', 'z.last']);
      expect(messages['b.title']).toBe(`${language} title`);
    }
  });

  it('writes nothing when a language is missing a key or a message does not match English', async () => {
    const dir = await folder();
    const missing = await fragment(dir, 'missing', (l) => (l === 'ar' ? ({} as Record<string, string>) : { 'c.x': 'x' }));
    await expect(add(dir, missing)).rejects.toMatchObject({ stderr: expect.stringContaining('ar is missing c.x') });
    const renamed = await fragment(dir, 'renamed', (l) => ({ 'c.y': l === 'fr' ? 'Bonjour {nom}' : 'Hello {name}' }));
    await expect(add(dir, renamed)).rejects.toMatchObject({ stderr: expect.stringContaining('fr c.y: arguments differ from English') });
    for (const language of LANGUAGES) expect(Object.keys(await read(dir, language))).toEqual(['z.last']);
  });
});
