import { describe, expect, it } from 'vitest';
import { clampHeight, keyResize, loadPanelState, LOG_PANEL_KEY, MIN_HEIGHT, savePanelState } from '../../../renderer/features/log/panel-state';
import { plainLog, plainLogLine } from '../../../renderer/features/log/plain-log';
import type { LogLine } from '../../../src/shared/status';
import { translatorFor } from '../../../renderer/i18n/translate';
import en from '../../../renderer/i18n/messages/en.json';
import es from '../../../renderer/i18n/messages/es.json';

const t = translatorFor('en', en);

const line = (source: string, message: string, level: LogLine['level'] = 'info'): LogLine => ({ at: 0, level, source, message });

describe('the activity panel in plain words', () => {
  it('shows what happened without the module name or folder paths', () => {
    expect(plainLogLine(line('app', 'Started in demo mode (simulated WhatsApp); data in /home/ann/.wa-bulk-sender/demo'), t)?.text).toBe(
      'Started in demo mode (simulated WhatsApp)',
    );
    expect(plainLogLine(line('contacts', 'Could not read /home/ann/Documents/May list.csv: no such file'), t)?.text).toContain('list.csv');
    expect(plainLogLine(line('contacts', 'Could not read /home/ann/Documents/may.csv: no such file'), t)?.text).toBe(
      'Could not read may.csv: no such file',
    );
    expect(plainLogLine(line('settings', 'C:\\Users\\ann\\AppData\\settings.json was damaged'), t)?.text).toBe('Settings.json was damaged');
    expect(plainLogLine(line('ipc', 'contacts:import: Something broke', 'error'), t)).toEqual({ at: 0, level: 'error', text: 'Something broke' });
    expect(plainLogLine(line('whatsapp', 'Ready as …123'), t)?.text).toBe('Connected to WhatsApp as \u2066…123\u2069');
    expect(plainLogLine(line('whatsapp', 'Authenticated; waiting for WhatsApp Web to be ready'), t)?.text).toBe('Phone linked; loading your chats…');
  });

  it("says the connection steps in the operator's language; main's other lines stay as main wrote them", () => {
    const inSpanish = translatorFor('es', es);
    expect(plainLogLine(line('whatsapp', 'Ready as …123'), inSpanish)?.text).toBe('Conectado a WhatsApp como \u2066…123\u2069');
    expect(plainLogLine(line('whatsapp', 'Opening WhatsApp Web'), inSpanish)?.text).toBe('Abriendo WhatsApp Web…');
    expect(plainLogLine(line('whatsapp', 'Lost the connection to WhatsApp (CONFLICT); waiting for it to come back', 'warn'), inSpanish)?.text).toBe(
      'Se perdió la conexión con WhatsApp; esperando a que vuelva',
    );
    expect(plainLogLine(line('whatsapp', 'Lost the connection to WhatsApp (CONFLICT): gone', 'warn'), t)?.text).toBe(
      'Lost the connection to WhatsApp: gone',
    );
    expect(plainLogLine(line('contacts', 'Could not read /home/ann/may.csv: no such file'), inSpanish)?.text).toBe(
      'Could not read may.csv: no such file',
    );
    expect(plainLogLine(line('whatsapp', 'Sent a media message to …4505'), inSpanish)?.text).toBe(
      'Mensaje con archivo adjunto enviado a \u2066…4505\u2069',
    );
    expect(plainLogLine(line('whatsapp', 'Sent text to …4505'), inSpanish)?.text).toBe('Mensaje enviado a \u2066…4505\u2069');
    expect(plainLogLine(line('whatsapp', 'Sent a message to …4505'), t)?.text).toBe('Sent a message to \u2066…4505\u2069');
    expect(plainLogLine(line('app', 'Started; data in /home/ann/.wa'), inSpanish)?.text).toBe('Aplicación iniciada');
    expect(plainLogLine(line('update', 'Restarting to install update 1.2.3.'), inSpanish)?.text).toBe(
      'Reiniciando para instalar la actualización 1.2.3…',
    );
  });

  it('keeps the first line of a stack trace only', () => {
    expect(plainLogLine(line('app', 'Error: boom\n    at x (/app/out/main.js:1:2)', 'error'), t)?.text).toBe('Error: boom');
  });

  it('hides lines that only a developer can use (they stay in the log file)', () => {
    const hidden = [
      line('whatsapp', 'Browser: /usr/bin/chromium (setting)'),
      line('whatsapp', 'Connection state: TIMEOUT', 'warn'),
      line('whatsapp', 'Typing… to +1555…123'),
      line('update', 'updater: checking feed'),
      line('host', 'Refused a WebSocket connection: it comes from another origin ("http://evil")', 'warn'),
    ];
    expect(plainLog(hidden, t)).toEqual([]);
    expect(plainLog([...hidden, line('whatsapp', 'QR code shown: scan it with WhatsApp on the phone')], t)).toHaveLength(1);
  });
});

describe('the activity panel size, remembered', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it('is collapsed by default, and comes back as it was left', () => {
    const store = memory();
    expect(loadPanelState(store)).toEqual({ open: false, height: 160 });
    savePanelState(store, { open: true, height: 240 });
    expect(loadPanelState(store)).toEqual({ open: true, height: 240 });
    store.items.set(LOG_PANEL_KEY, '{not json');
    expect(loadPanelState(store)).toEqual({ open: false, height: 160 });
    expect(loadPanelState(null)).toEqual({ open: false, height: 160 });
  });

  it('stays between a minimum and 60% of the window, by drag or by keys', () => {
    expect(clampHeight(10, 800)).toBe(MIN_HEIGHT);
    expect(clampHeight(5000, 800)).toBe(480);
    expect(clampHeight(5000, 600)).toBe(360);
    expect(keyResize('ArrowUp', 160, 800)).toBe(176);
    expect(keyResize('ArrowDown', 160, 800)).toBe(144);
    expect(keyResize('PageUp', 440, 800)).toBe(480);
    expect(keyResize('Home', 300, 800)).toBe(MIN_HEIGHT);
    expect(keyResize('End', 100, 800)).toBe(480);
    expect(keyResize('a', 160, 800)).toBeNull();
  });
});
