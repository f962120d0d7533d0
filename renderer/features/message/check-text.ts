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

/** A syntax error of the message in the operator's language (from its code); main's English when it has none. */
export function problemText(problem: TemplateProblem, t: Translate): string {
  const key = problem.code && problemKeys[problem.code];
  return key ? t(key, problem.values) : problem.message;
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
