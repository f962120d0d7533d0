import type { TemplateProblem } from '../../../src/shared/contract/campaign';
import type { TemplateProblemCode } from '../../../src/core/template-syntax';
import type { MessageKey, Translate } from '../../i18n';

const problemKeys: Record<TemplateProblemCode, MessageKey> = {
  tooLong: 'message.syntaxError.tooLong',
  tooDeep: 'message.syntaxError.tooDeep',
  tooMany: 'message.syntaxError.tooMany',
  strayClose: 'message.syntaxError.strayClose',
  strayBrace: 'message.syntaxError.strayBrace',
  unclosed: 'message.syntaxError.unclosed',
  unclosedBrace: 'message.syntaxError.unclosedBrace',
  noColumn: 'message.syntaxError.noColumn',
  braceInName: 'message.syntaxError.braceInName',
};

/** Braces and placeholders read as typed inside an Arabic sentence too (an isolate, invisible; "}}" would show as "{{"). */
const asTyped = (value: string | number) => (typeof value === 'string' ? `\u2066${value}\u2069` : value);

/** A syntax error of the message in the operator's language (from its code); main's English when it has none. */
export function problemText(problem: TemplateProblem, t: Translate): string {
  const key = problem.code && problemKeys[problem.code];
  if (!key) return problem.message;
  const values = Object.fromEntries(Object.entries(problem.values ?? {}).map(([name, value]) => [name, asTyped(value)]));
  return t(key, values);
}

/**
 * The warnings campaign:checkTemplate adds (main's English: the contract carries them as text), in the operator's
 * language. A warning not known here is shown as main wrote it. test/unit/renderer/message-check-text.test.ts holds
 * these to what main says.
 */
const warnings: Array<[pattern: RegExp, say: (match: RegExpMatchArray, t: Translate) => string]> = [
  [
    /^With an attachment the text is a caption, and WhatsApp cuts captions after about (\d+) characters\.$/,
    (m, t) => t('message.check.captionTooLong', { max: Number(m[1]) }),
  ],
  [/^No contact list is imported yet: placeholders cannot be checked against its columns\.$/, (_m, t) => t('message.check.noContactList')],
];

export function warningText(warning: string, t: Translate): string {
  for (const [pattern, say] of warnings) {
    const match = warning.match(pattern);
    if (match) return say(match, t);
  }
  return warning;
}
