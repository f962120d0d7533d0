import { describe, expect, it } from 'vitest';
import { LANGUAGES as APP_LANGUAGES } from '../../../src/shared/languages';
import { KEY_PATTERN, LANGUAGES, problemsOf, readMessages } from '../../../scripts/i18n-messages.mjs';

// The message files (renderer/i18n/messages/<language>.json): the same keys in every language, each message valid
// ICU MessageFormat with the same arguments as the English one, and plurals with the categories of their language
// (Arabic's zero/one/two/few/many/other). scripts/i18n-add.mjs runs the same checks before it writes.
const english = readMessages('en');

describe('the message files', () => {
  it('are one per language of the app', () => {
    expect([...LANGUAGES].sort()).toEqual([...APP_LANGUAGES].sort());
  });

  it('have keys like "feature.part.name"', () => {
    expect(Object.keys(english).filter((key) => !KEY_PATTERN.test(key))).toEqual([]);
    expect(Object.keys(english).length).toBeGreaterThan(0);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English key and no other', (language) => {
    const messages = readMessages(language);
    expect(Object.keys(english).filter((key) => !(key in messages))).toEqual([]);
    expect(Object.keys(messages).filter((key) => !(key in english))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every message parses, with the same arguments as English and plurals its language has', (language) => {
    const messages = readMessages(language);
    const problems = Object.entries(messages).flatMap(([key, message]) => problemsOf(language, key, message, english[key]));
    expect(problems).toEqual([]);
  });

  it('catches what a translation can get wrong', () => {
    expect(problemsOf('es', 'x.y', 'Hola {nombre}', 'Hello {name}')).toEqual([
      'es x.y: arguments differ from English (missing name:argument; extra nombre:argument)',
    ]);
    expect(problemsOf('fr', 'x.y', '{n, plural, one {# ligne} other {# lignes}', '{n, plural, one {# row} other {# rows}}')[0]).toMatch(
      /not valid ICU/,
    );
    expect(problemsOf('en', 'x.y', '{n, plural, one {# row} few {# rows} other {# rows}}', undefined)[0]).toMatch(/uses few, which en does not have/);
    expect(problemsOf('ar', 'x.y', '{n, plural, other {# صف}}', '{n, plural, one {# row} other {# rows}}')).toEqual([
      'ar x.y: plural {n} needs at least "one" (and should have zero, two, few, many)',
    ]);
    expect(
      problemsOf(
        'ar',
        'x.y',
        '{n, plural, zero {لا صفوف} one {صف واحد} two {صفان} few {# صفوف} many {# صفًا} other {# صف}}',
        '{n, plural, one {# row} other {# rows}}',
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        'es',
        'x.y',
        '{n, plural, one {# fila} other {# filas}} en <b>{file}</b>',
        '{n, plural, one {# row} other {# rows}} in <b>{file}</b>',
      ),
    ).toEqual([]);
    expect(
      problemsOf('es', 'x.y', '{n, plural, one {# fila} other {# filas}} en {file}', '{n, plural, one {# row} other {# rows}} in <b>{file}</b>')[0],
    ).toMatch(/missing b:tag/);
  });
});
