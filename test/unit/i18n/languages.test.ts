import { describe, expect, it } from 'vitest';
import { directionOf, matchLanguage, pickLanguage, resolveLanguage } from '../../../src/shared/languages';

describe('the language of the app', () => {
  it('maps a system or browser language onto the seven', () => {
    expect(matchLanguage('pt-PT')).toBe('pt-BR');
    expect(matchLanguage('pt_BR')).toBe('pt-BR');
    expect(matchLanguage('es-419')).toBe('es');
    expect(matchLanguage('ar-EG')).toBe('ar');
    expect(matchLanguage('fr-CA')).toBe('fr');
    expect(matchLanguage('in-ID')).toBe('id');
    expect(matchLanguage('de-DE')).toBeNull();
  });

  it('takes the first preferred language the app has, else English', () => {
    expect(pickLanguage(['de-DE', 'hi-IN', 'en-US'])).toBe('hi');
    expect(pickLanguage(['de-DE'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('uses the choice in Settings over the system, and the system for "System language"', () => {
    expect(resolveLanguage('fr', ['ar-SA'])).toBe('fr');
    expect(resolveLanguage('system', ['ar-SA'])).toBe('ar');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('hi')).toBe('ltr');
  });
});
