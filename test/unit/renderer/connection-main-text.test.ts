import { describe, expect, it } from 'vitest';
import { logoutText, mainText } from '../../../renderer/features/connection/main-text';
import { translatorFor } from '../../../renderer/i18n/translate';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';
import { describeDisconnect, describeLostConnection, OFFLINE_MESSAGE } from '../../../src/whatsapp/start-errors';

const t = translatorFor('en', en);
const inSpanish = translatorFor('es', es);

describe("main's connection words in the operator's language", () => {
  it('says the known starting steps and errors, and passes anything else through', () => {
    expect(mainText('Starting the browser', inSpanish)).toBe('Iniciando el navegador…');
    expect(mainText('Loading chats', inSpanish)).toBe('Cargando los chats…');
    expect(mainText('Loading chats', t)).toBe('Loading chats…');
    expect(mainText('Cargando… 40%', inSpanish)).toBe('Cargando… 40%');
    const notLoaded = 'WhatsApp Web did not finish loading. Retry; if it keeps happening, reset the cache.';
    expect(mainText(notLoaded, t)).toBe(notLoaded);
    expect(mainText(notLoaded, inSpanish)).toMatch(/^WhatsApp Web no terminó de cargar/);
    expect(mainText(OFFLINE_MESSAGE, inSpanish)).toBe('No se puede acceder a WhatsApp Web: comprueba la conexión a internet.');
    for (const state of ['OPENING', 'TIMEOUT']) {
      expect(mainText(describeLostConnection(state), t)).toBe(describeLostConnection(state));
      expect(mainText(describeLostConnection(state), inSpanish)).toMatch(/^Se perdió la conexión con WhatsApp \(/);
    }
  });

  it('says why WhatsApp Web disconnected by its code, keeping the code; an unknown reason as main wrote it', () => {
    for (const code of [
      'LOGOUT',
      'CONFLICT',
      'UNPAIRED',
      'UNPAIRED_IDLE',
      'UNLAUNCHED',
      'PROXYBLOCK',
      'TOS_BLOCK',
      'SMB_TOS_BLOCK',
      'DEPRECATED_VERSION',
      'NAVIGATION',
    ]) {
      expect(mainText(describeDisconnect(code), t)).toBe(describeDisconnect(code));
      expect(mainText(describeDisconnect(code), inSpanish)).not.toBe(describeDisconnect(code));
      expect(mainText(describeDisconnect(code), inSpanish)).toMatch(new RegExp(`\\(${code}\\)$`));
    }
    expect(mainText(describeDisconnect('SOMETHING_NEW'), inSpanish)).toBe('SOMETHING_NEW');
  });

  it('says a complete log out plainly (no folder paths), and what is left in main’s words', () => {
    const done = { wiped: true, pendingWipe: false, message: 'Deleted /home/ann/.wa/session.' };
    expect(logoutText(done, t)).toBe('Logged out. The saved session was deleted from this computer.');
    const withData = { ...done, dataDeleted: { deleted: true, pending: false, message: 'x' } };
    expect(logoutText(withData, inSpanish)).toMatch(/^Sesión cerrada\. .* Se eliminaron de este ordenador la lista de contactos/);
    const left = { wiped: false, pendingWipe: true, message: 'Could not delete /x (busy); it will be deleted when the app next starts.' };
    expect(logoutText(left, inSpanish)).toBe(left.message);
  });
});
