import { describe, expect, it } from 'vitest';
import { disconnectReason, statusLabel } from '../../../../renderer/features/connection/StatusPill';
import { translatorFor } from '../../../../renderer/i18n/translate';
import en from '../../../../renderer/i18n/messages/en.json';
import es from '../../../../renderer/i18n/messages/es.json';

const t = translatorFor('en', en);

describe('the disconnected status, said once', () => {
  it('gives the reason without the "Disconnected" the label already says', () => {
    const status = { kind: 'disconnected', reason: 'The phone unlinked this computer (UNPAIRED)' } as const;
    expect(statusLabel(status, t)).toBe('Disconnected');
    expect(statusLabel(status, translatorFor('es', es))).toBe('Desconectado');
    expect(statusLabel({ ...status, reconnecting: true }, t)).toBe('Reconnecting…');
    expect(disconnectReason(status)).toBe('The phone unlinked this computer (UNPAIRED)');
    expect(disconnectReason({ kind: 'disconnected', reason: 'Disconnected: LOGOUT' })).toBe('LOGOUT');
  });

  it('has nothing to add when the reason is only "Disconnected", or when connected', () => {
    expect(disconnectReason({ kind: 'disconnected', reason: 'Disconnected' })).toBeNull();
    expect(disconnectReason({ kind: 'disconnected', reason: '' })).toBeNull();
    expect(disconnectReason({ kind: 'idle' })).toBeNull();
  });
});
