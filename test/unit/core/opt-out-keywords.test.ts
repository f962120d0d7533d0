import { describe, expect, it } from 'vitest';
import {
  cleanKeywords,
  createOptOutMatcher,
  DEFAULT_OPT_OUT_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS_BY_LANGUAGE,
  normaliseKeyword,
} from '../../../src/core/opt-out-keywords';

const isOptOut = createOptOutMatcher(DEFAULT_OPT_OUT_KEYWORDS);

describe('opt-out keywords', () => {
  it.each([
    ['English', ['STOP', 'stop', ' Stop! ', 'STOP.', 'Unsubscribe', 'stop all', 'opt-out', 'STOP 🛑']],
    ['Spanish', ['BAJA', 'baja.', 'Dar de baja', 'PARAR', 'Cancelar suscripcion', 'cancelar suscripción']],
    ['Portuguese', ['SAIR', 'sair', 'Pare!', 'Descadastrar', 'cancelar inscricao']],
    ['French', ['ARRÊT', 'arret', 'Arrêter', 'désabonner', 'me desinscrire']],
    ['Arabic', ['إلغاء', 'الغاء', ' إلغاء. ', 'إلغاء الاشتراك', 'إيقاف', 'توقف!', 'إِلْغَاء']],
    ['Hindi', ['रोकें', 'रोकें।', 'बंद करें', 'बंद  करें', 'रोको']],
    ['Indonesian', ['BERHENTI', 'berhenti', 'Berhenti langganan', 'hentikan']],
  ])('recognises the %s defaults however they are typed', (language, replies) => {
    expect(DEFAULT_OPT_OUT_KEYWORDS_BY_LANGUAGE[language]!.length).toBeGreaterThan(0);
    for (const reply of replies) expect(isOptOut(reply), `${language}: ${JSON.stringify(reply)}`).not.toBeNull();
  });

  it('says which keyword matched, as it is written in the list', () => {
    expect(isOptOut('arret')).toBe('ARRÊT');
    expect(isOptOut('  stop!!')).toBe('STOP');
  });

  it.each([
    'Thank you!',
    'thanks, stop by tomorrow?',
    'stop by tomorrow?',
    'Please do not stop sending me offers',
    'Gracias',
    'Obrigado',
    'Merci beaucoup',
    'شكرا',
    'धन्यवाद',
    'Terima kasih',
    'Bajar',
    'बंद', // "closed": alone it is not one of the defaults
    '',
    '👍',
  ])('does not take %j for an opt-out', (reply) => {
    expect(isOptOut(reply)).toBeNull();
  });

  it('keeps Devanagari vowel signs: a different word is not the keyword', () => {
    expect(normaliseKeyword('रोकें')).not.toBe(normaliseKeyword('रक'));
    expect(isOptOut('रक')).toBeNull();
  });

  it('matches a list the operator edited, and cleans it', () => {
    const match = createOptOutMatcher(['No more', 'HALT']);
    expect(match('no more.')).toBe('No more');
    expect(match('halt')).toBe('HALT');
    expect(match('STOP')).toBeNull();
    expect(cleanKeywords([' Stop ', 'stop!', '', '!!!', 'x'.repeat(41), 'Baja'])).toEqual({
      keywords: ['Stop', 'Baja'],
      refused: ['!!!', 'x'.repeat(41)],
    });
  });
});
