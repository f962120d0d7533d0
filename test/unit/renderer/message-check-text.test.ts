import { describe, expect, it } from 'vitest';
import { problemText, warningText } from '../../../renderer/features/message/check-text';
import { translatorFor } from '../../../renderer/i18n/translate';
import ar from '../../../renderer/i18n/messages/ar.json';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';
import { CampaignService } from '../../../src/campaign/campaign-service';
import { checkTemplate } from '../../../src/core/template';
import { MAX_TEMPLATE_LENGTH } from '../../../src/core/template-syntax';

const t = translatorFor('en', en);
const es_ = translatorFor('es', es);
const errorsOf = (template: string) => checkTemplate(template, ['name'], []).errors;
const plain = (text: string) => text.replace(/[\u2066\u2069]/g, '');

describe("the message check in the operator's language", () => {
  it('says every syntax error from its code, with the position and the limits', () => {
    const cases: Array<[template: string, english: string, spanish: string]> = [
      ['Hi }} there', '“}}” at position 4 closes no “{{”.', '«}}» en la posición 4 no cierra ningún «{{».'],
      [
        'Hi } there',
        '“}” at position 4 closes no “{” (write \\} for a literal brace).',
        '«}» en la posición 4 no cierra ninguna «{» (escribe \\} para una llave tal cual).',
      ],
      ['Hi {{name', '“{{” at position 4 is never closed with “}}”.', '«{{» en la posición 4 nunca se cierra con «}}».'],
      ['Hi {{ |x}}', 'The placeholder at position 4 has no column name.', 'El campo de la posición 4 no tiene nombre de columna.'],
      ['Hi {{na{me}}', 'The placeholder “{{na{me}}” at position 4 contains “{”.', 'El campo «{{na{me}}» de la posición 4 contiene «{».'],
      [
        'Hi {a|b',
        '“{” at position 4 is never closed with “}” (write \\{ for a literal brace).',
        '«{» en la posición 4 nunca se cierra con «}» (escribe \\{ para una llave tal cual).',
      ],
      [
        '{x|'.repeat(21) + 'y' + '}'.repeat(21),
        '“{” at position 61 nests spintax more than 20 levels deep; the limit is 20 levels.',
        '«{» en la posición 61 anida variantes en más de 20 niveles; el límite es 20 niveles.',
      ],
    ];
    for (const [template, english, spanish] of cases) {
      const [error] = errorsOf(template);
      expect(error?.code, template).toBeDefined();
      // Tokens are isolated left to right (invisible characters): compared without them.
      expect(plain(problemText(error!, t))).toBe(english);
      expect(plain(problemText(error!, es_))).toBe(spanish);
    }
    const long = errorsOf('x'.repeat(MAX_TEMPLATE_LENGTH + 1));
    expect(problemText(long[0]!, t)).toBe('The message is 65,537 characters long; the limit is 65,536.');
    const many = errorsOf('} '.repeat(30));
    expect(many).toHaveLength(21);
    expect(problemText(many[20]!, t)).toBe('More problems from position 41 on (only the first 20 are listed).');
  });

  it('isolates the braces of a problem left to right, so they read as typed in a right-to-left sentence', () => {
    const [error] = errorsOf('Hi }} there');
    expect(problemText(error!, translatorFor('ar', ar))).toContain('\u2066}}\u2069');
  });

  it('keeps main’s English for a problem that has no code', () => {
    expect(problemText({ index: 0, message: 'something else' }, es_)).toBe('something else');
  });

  it('says the warnings main adds in the operator’s language (and an unknown one as main wrote it)', () => {
    const [caption] = CampaignService.attachmentWarnings('x'.repeat(2000), true);
    expect(warningText(caption!, t)).toBe(caption!.replace('1024', '1,024'));
    expect(warningText(caption!, es_)).toBe(
      'Con un archivo adjunto, el texto es un pie de foto, y WhatsApp corta los pies a partir de unos 1024 caracteres.',
    );
    const none = 'No contact list is imported yet: placeholders cannot be checked against its columns.';
    expect(warningText(none, t)).toBe(none);
    expect(warningText(none, translatorFor('ar', ar))).toMatch(/^لم تُستورد قائمة جهات اتصال بعد/);
    expect(warningText('Something new.', es_)).toBe('Something new.');
  });
});
