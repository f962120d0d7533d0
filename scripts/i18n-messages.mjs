// The message files of the app's languages (renderer/i18n/messages/<language>.json) and the checks every message
// must pass: it parses as ICU MessageFormat, it has the same arguments (names and kinds) as the English one, and a
// plural has the categories its language uses. scripts/i18n-add.mjs refuses a fragment that fails them;
// test/unit/i18n/messages.test.ts runs them over every file.
import { parse } from '@formatjs/icu-messageformat-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const LANGUAGES = ['en', 'es', 'pt-BR', 'ar', 'hi', 'id', 'fr'];
// I18N_MESSAGES_DIR: another folder, for the tests of the merge script.
export const messagesDir = process.env.I18N_MESSAGES_DIR ?? path.resolve(import.meta.dirname, '../renderer/i18n/messages');
export const fileOf = (language) => path.join(messagesDir, `${language}.json`);

/** Keys are flat and dotted, starting with the feature: "contacts.import.title". */
export const KEY_PATTERN = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/;

export function readMessages(language) {
  return JSON.parse(readFileSync(fileOf(language), 'utf8'));
}

const KIND = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural', 8: 'tag' };

/** "name:kind" of every argument and tag in a parsed message, and each plural with the categories it gives. */
function collect(elements, into) {
  for (const element of elements) {
    const kind = KIND[element.type];
    if (!kind) continue;
    into.args.add(`${element.value}:${kind === 'plural' && element.pluralType === 'ordinal' ? 'selectordinal' : kind}`);
    if (element.type === 6)
      into.plurals.push({ name: element.value, ordinal: element.pluralType === 'ordinal', options: Object.keys(element.options) });
    if (element.type === 5 || element.type === 6) for (const option of Object.values(element.options)) collect(option.value, into);
    if (element.type === 8) collect(element.children, into);
  }
  return into;
}

/** Parses one message; throws with the parser's reason. */
export function shapeOf(message) {
  return collect(parse(message), { args: new Set(), plurals: [] });
}

/** What is wrong with one message of one language, given the English one (empty: nothing). */
export function problemsOf(language, key, message, english) {
  if (typeof message !== 'string' || message.trim() === '') return [`${language} ${key}: empty or not a string`];
  let shape;
  try {
    shape = shapeOf(message);
  } catch (err) {
    return [`${language} ${key}: not valid ICU MessageFormat (${err.message}): ${message}`];
  }
  const problems = [];
  if (english !== undefined && language !== 'en') {
    let want;
    try {
      want = shapeOf(english).args;
    } catch {
      want = new Set();
    }
    const have = shape.args;
    const missing = [...want].filter((a) => !have.has(a));
    const extra = [...have].filter((a) => !want.has(a));
    if (missing.length || extra.length)
      problems.push(
        `${language} ${key}: arguments differ from English (missing ${missing.join(', ') || 'none'}; extra ${extra.join(', ') || 'none'})`,
      );
  }
  for (const plural of shape.plurals) {
    const allowed = new Set(new Intl.PluralRules(language, { type: plural.ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories);
    const categories = plural.options.filter((o) => !o.startsWith('='));
    const wrong = categories.filter((o) => !allowed.has(o));
    if (wrong.length)
      problems.push(
        `${language} ${key}: plural {${plural.name}} uses ${wrong.join(', ')}, which ${language} does not have (it has ${[...allowed].join(', ')})`,
      );
    if (!categories.includes('other')) problems.push(`${language} ${key}: plural {${plural.name}} has no "other"`);
    if (language === 'ar' && !plural.ordinal && !plural.options.includes('one') && !plural.options.includes('=1'))
      problems.push(`ar ${key}: plural {${plural.name}} needs at least "one" (and should have zero, two, few, many)`);
  }
  return problems;
}
