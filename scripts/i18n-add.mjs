// Adds (or changes) messages in every language at once: `node scripts/i18n-add.mjs <fragment.json>`, where the
// fragment is { "en": { "<key>": "<message>" }, "es": { ... }, ... } with all seven languages and the same keys in
// each. `node scripts/i18n-add.mjs --remove <key> [<key> ...]` deletes keys from every language.
// Several people (and helpers) add keys at the same time: the files are changed under a lock (a directory made
// atomically, retried), each written to a temp file and renamed, keys kept sorted. Nothing is written when the
// fragment has a problem (a language or key missing, a message that does not parse, arguments that differ).
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileOf, KEY_PATTERN, LANGUAGES, messagesDir, problemsOf, readMessages } from './i18n-messages.mjs';

const lockDir = path.join(messagesDir, '.lock');
const STALE_MS = 60_000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(work) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock left by a process that died: older than any merge takes.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline)
        throw new Error(`could not take the lock ${lockDir} in 2 minutes (remove it if no merge is running)`, { cause: err });
      sleep(50 + Math.random() * 100);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function writeSorted(language, messages) {
  const sorted = Object.fromEntries(
    Object.keys(messages)
      .sort()
      .map((key) => [key, messages[key]]),
  );
  const file = fileOf(language);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(sorted, null, 2) + '\n');
  renameSync(temp, file);
}

function checkFragment(fragment, currentEnglish) {
  const problems = [];
  const unknown = Object.keys(fragment).filter((l) => !LANGUAGES.includes(l));
  if (unknown.length) problems.push(`unknown languages: ${unknown.join(', ')} (the languages are ${LANGUAGES.join(', ')})`);
  const keys = Object.keys(fragment.en ?? {});
  if (keys.length === 0) problems.push('the fragment has no "en" messages');
  for (const key of keys) if (!KEY_PATTERN.test(key)) problems.push(`key "${key}" is not like "feature.part.name"`);
  for (const language of LANGUAGES) {
    const messages = fragment[language] ?? {};
    const missing = keys.filter((k) => !(k in messages));
    const extra = Object.keys(messages).filter((k) => !keys.includes(k));
    if (missing.length) problems.push(`${language} is missing ${missing.join(', ')}`);
    if (extra.length) problems.push(`${language} has keys English does not: ${extra.join(', ')}`);
    for (const key of keys) if (key in messages) problems.push(...problemsOf(language, key, messages[key], fragment.en[key] ?? currentEnglish[key]));
  }
  return problems;
}

const args = process.argv.slice(2);
if (args[0] === '--remove') {
  const keys = args.slice(1);
  if (keys.length === 0) throw new Error('usage: node scripts/i18n-add.mjs --remove <key> [<key> ...]');
  withLock(() => {
    for (const language of LANGUAGES) {
      const messages = readMessages(language);
      for (const key of keys) delete messages[key];
      writeSorted(language, messages);
    }
  });
  console.log(`removed ${keys.length} key(s) from ${LANGUAGES.length} languages`);
} else {
  if (args.length !== 1) throw new Error('usage: node scripts/i18n-add.mjs <fragment.json>   (or --remove <key> ...)');
  const fragment = JSON.parse(readFileSync(args[0], 'utf8'));
  const problems = checkFragment(fragment, {});
  if (problems.length) {
    console.error(`nothing written; the fragment has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const counts = withLock(() => {
    let added = 0;
    let changed = 0;
    for (const language of LANGUAGES) {
      const messages = readMessages(language);
      for (const [key, message] of Object.entries(fragment[language])) {
        if (!(key in messages)) added += language === 'en' ? 1 : 0;
        else if (messages[key] !== message) changed += 1;
        messages[key] = message;
      }
      writeSorted(language, messages);
    }
    return { added, changed };
  });
  console.log(`${counts.added} key(s) added, ${counts.changed} message(s) changed, in ${LANGUAGES.length} languages`);
}
