import { describe, expect, it } from 'vitest';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';
import { sayingErrors, setSaidLanguage } from '../../../renderer/i18n/said';
import { fail, ok, type Result } from '../../../src/shared/result';

// An error main gives with a key (AppFailure's `said`) reaches the page in the operator's language; one without a
// key, or with a key the page does not know, keeps main's English message.
describe('errors from main in the operator language', () => {
  const api = Object.freeze({
    start: async (): Promise<Result<void>> =>
      fail('not_ready', 'Import a contact list with at least one valid number first.', { key: 'errors.importContactsFirst' }),
    plain: async (): Promise<Result<void>> => fail('io', 'Disk full'),
    unknownKey: async (): Promise<Result<void>> => fail('io', 'Something new', { key: 'errors.fromANewerVersion' }),
    fine: async (): Promise<Result<number>> => ok(3),
    onThing: (listener: () => void) => (listener(), () => undefined),
  });

  it('translates keyed errors, keeps the rest, passes listeners and values through', async () => {
    const said = sayingErrors(api);
    setSaidLanguage('es', { ...en, ...es });
    expect(await said.start()).toEqual({
      ok: false,
      error: {
        code: 'not_ready',
        message: 'Primero importa una lista de contactos con al menos un número válido.',
        said: { key: 'errors.importContactsFirst' },
      },
    });
    expect((await said.plain()).ok === false && (await said.plain())).toMatchObject({ error: { message: 'Disk full' } });
    expect(await said.unknownKey()).toMatchObject({ error: { message: 'Something new' } });
    expect(await said.fine()).toEqual({ ok: true, value: 3 });
    let heard = 0;
    expect(typeof said.onThing(() => heard++)).toBe('function');
    expect(heard).toBe(1);
    setSaidLanguage('en', en);
    expect(await said.start()).toMatchObject({ error: { message: 'Import a contact list with at least one valid number first.' } });
  });
});
