import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The i18n rule in eslint.config.mjs (scripts/eslint-rules/no-jsx-literals.mjs), proven on text linted as if it
// were a converted renderer file: every untranslated literal an operator would read is reported, and what is not
// text (punctuation, class names, test ids, translated calls) is not.
const root = path.resolve(__dirname, '../../..');
const RULE = 'i18n/no-jsx-literals';
const converted = 'renderer/features/connection/StatusPill.tsx';

let eslint: ESLint;
let i18nPendingFiles: string[];
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  ({ i18nPendingFiles } = (await import(pathToFileURL(path.join(root, 'eslint.config.mjs')).href)) as { i18nPendingFiles: string[] });
});

async function reported(code: string, filePath = converted): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => code.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn! - 1));
}

const wrap = (jsx: string) =>
  `declare const t: (k: string) => string;\ndeclare const busy: boolean;\ndeclare const n: number;\nexport const X = () => (\n${jsx}\n);\n`;

describe('i18n/no-jsx-literals', () => {
  it('reports words in JSX text, in literal children and in the attributes people read', async () => {
    expect(await reported(wrap('<p>Saved</p>'))).toEqual(['Saved']);
    expect(await reported(wrap(`<p>{busy ? 'Saving…' : t('x')}</p>`))).toEqual([`'Saving…'`]);
    expect(await reported(wrap('<p>{busy && `${n} contacts`}</p>'))).toEqual(['`${n} contacts`']);
    expect(await reported(wrap(`<input title="Phone" aria-label={'Number'} placeholder={busy ? t('x') : 'Type'} alt="x" />`))).toEqual([
      '"Phone"',
      `'Number'`,
      `'Type'`,
      '"x"',
    ]);
    expect(await reported(wrap(`<option label="Arabic" />`))).toEqual(['"Arabic"']);
  });

  it('lets through what is not text: punctuation and figures, class names, test ids, translated calls', async () => {
    const clean = wrap(
      `<p className="muted small" data-testid="note" title={t('a')}>{t('b')}{' · '}{n}%{busy ? '…' : '→'}<bdi dir="ltr">+{n}</bdi></p>`,
    );
    expect(await reported(clean)).toEqual([]);
  });

  it('exempts only the files not converted yet, and never a file converted as the worked example', async () => {
    expect(await reported(wrap('<p>Saved</p>'), 'renderer/features/connection/ConnectionSettings.tsx')).toEqual(['Saved']);
    expect(await reported(wrap('<p>Saved</p>'), 'renderer/App.tsx')).toEqual(['Saved']);
    for (const file of ['renderer/App.tsx', 'renderer/screens.tsx', converted, 'renderer/features/connection/ConnectionSettings.tsx'])
      expect(i18nPendingFiles).not.toContain(file);
    if (i18nPendingFiles.length > 0) expect(await reported(wrap('<p>Saved</p>'), i18nPendingFiles[0]!)).toEqual([]);
  });
});
