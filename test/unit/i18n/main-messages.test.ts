import { describe, expect, it } from 'vitest';
import { MainLanguage, mainTranslator } from '../../../src/app/i18n/main-messages';
import { campaignNotice } from '../../../src/app/notification-policy';
import { newContactsWaitReason } from '../../../src/campaign/reject-guard';
import { fileFilters } from '../../../src/electron/dialogs';
import { applicationMenuTemplate } from '../../../src/electron/menu';
import { startFailureText } from '../../../src/electron/start-failure';
import { closeQuestion, trayMenuTemplate, trayTooltip } from '../../../src/electron/tray';
import { summary } from '../../fakes/fake-campaigns';

// The main process's words (notifications, tray, close question, file dialogs, menu, failure dialogs) come from the
// same message files as the page, in the operator's language; English stays word for word what it was.
const es = mainTranslator('es');
const ar = mainTranslator('ar');
const actions = { show: () => {}, pause: () => {}, quit: () => {} };

describe("main's messages in the operator's language", () => {
  it('notifications: the campaign ends, pauses and waits in Spanish and Arabic, with plurals and Western digits', () => {
    const finished = summary('c1', 'finished', { counts: { ...summary('c1', 'finished').counts, sent: 1234, failed: 2, skipped: 1, total: 1237 } });
    expect(campaignNotice(finished, es)).toEqual({
      kind: 'finished',
      title: 'Campaña terminada',
      body: '«May reminders»: 1234 de 1237 enviados, 2 fallidos, 1 omitidos.',
    });
    expect(campaignNotice(finished)?.body).toBe('"May reminders": 1,234 of 1,237 sent, 2 failed, 1 skipped.');
    const failing = summary('c1', 'paused', { reason: 'Paused after 5 failures in a row.', counts: { ...finished.counts, failed: 5 } });
    expect(campaignNotice(failing, ar)?.body).toBe('توقفت «May reminders» مؤقتاً بعد 5 إخفاقات. تحقّق من الاتصال والسجل، ثم استأنف.');
    const held = campaignNotice(summary('c1', 'waiting', { reason: newContactsWaitReason(2, 3) }), es);
    expect(held?.body).toBe(
      '«May reminders»: WhatsApp rechazó 3 primeros mensajes seguidos. Los contactos nuevos quedan en pausa para proteger tu cuenta; las personas con las que ya has chateado siguen recibiendo el mensaje. Espera un día antes de escribir a contactos nuevos.',
    );
    expect(campaignNotice(summary('c1', 'interrupted', { name: '' }), es)?.body).toMatch(/^La campaña se detuvo/);
  });

  it('the tray, the close question and the file dialogs', () => {
    const sending = summary('c1', 'waiting');
    expect(trayMenuTemplate(sending, actions, mainTranslator('fr')).map((i) => i.label)).toEqual([
      'Afficher WA Bulk Sender',
      'Mettre la campagne en pause',
      undefined,
      'Quitter',
    ]);
    expect(trayTooltip(sending)).toBe('WA Bulk Sender: "May reminders", 4 of 10 sent (waiting)');
    expect(trayTooltip(sending, es)).toBe('WA Bulk Sender: «May reminders», 4 de 10 enviados (en espera)');
    const question = closeQuestion(sending, 'darwin', ar);
    expect(question.buttons).toEqual(['متابعة الإرسال في الخلفية', 'إيقاف مؤقت وإغلاق', 'إلغاء']);
    expect(question.detail).toContain('شريط القوائم');
    expect(closeQuestion(sending, 'linux').detail).toContain('the icon in the system tray brings it back');
    expect(fileFilters('contacts', es).map((f) => f.name)).toEqual(['Listas de contactos', 'Todos los archivos']);
  });

  it('the menu names every item (Electron would say them in English); macOS titles without mnemonics', () => {
    const labels = (platform: NodeJS.Platform) =>
      applicationMenuTemplate({ platform, appName: 'WA Bulk Sender', development: false, openLogsFolder: () => {}, t: es }).map((i) => i.label);
    expect(labels('win32')).toEqual(['&Archivo', '&Edición', '&Ver', 'V&entana', 'A&yuda']);
    expect(labels('darwin')).toEqual(['WA Bulk Sender', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    const edit = applicationMenuTemplate({ platform: 'linux', appName: 'x', development: false, t: ar })[1]!;
    expect((edit.submenu as { label?: string }[]).map((i) => i.label).filter(Boolean)).toEqual([
      'تراجع',
      'إعادة',
      'قص',
      'نسخ',
      'لصق',
      'حذف',
      'تحديد الكل',
    ]);
  });

  it('the start failure dialog in the system language', () => {
    expect(startFailureText(new Error(''), '/logs/app.log', mainTranslator('hi'))).toBe('एक अज्ञात त्रुटि।\n\nविवरण लॉग फ़ाइल में है:\n/logs/app.log');
  });

  it("follows the operator's choice, else the system's, and tells listeners when it changes", () => {
    const language = new MainLanguage(['pt-BR', 'en-US']);
    const heard: string[] = [];
    language.onChange(() => heard.push(language.current));
    expect(language.t('main.tray.quit')).toBe('Sair');
    language.choose('ar');
    language.choose('ar');
    expect(language.t('main.tray.quit')).toBe('إنهاء');
    language.choose('system');
    expect(heard).toEqual(['ar', 'pt-BR']);
  });
});
