import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { campaignActivity } from '../../../src/app/campaign-activity';
import { PAUSED_ON_CLOSE } from '../../../src/app/close-policy';
import { DesktopShell, type ShellElectron } from '../../../src/electron/desktop-shell';
import { applicationMenuTemplate, menuRoles } from '../../../src/electron/menu';
import { electronNotices } from '../../../src/electron/notifications';
import { closeQuestion, FALLBACK_TRAY_ICON, PAUSED_FROM_TRAY, trayMenuTemplate, trayTooltip } from '../../../src/electron/tray';
import { SAVE_DEBOUNCE_MS, trackWindowState } from '../../../src/electron/window-state';
import { Listeners } from '../../../src/shared/events';
import type { WaStatus } from '../../../src/shared/status';
import { FakeCampaigns, summary } from '../../fakes/fake-campaigns';
import { FakeClock } from '../../fakes/fake-clock';

describe('application menu', () => {
  const devRoles = /reload|forcereload|toggledevtools/i;

  it('ships without Reload and DevTools, with Edit (copy and paste in text fields) and Window menus', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = menuRoles(applicationMenuTemplate({ platform, appName: 'WA Bulk Sender', development: false }));
      expect(roles.filter((r) => devRoles.test(r))).toEqual([]);
      expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'windowMenu', 'minimize', 'quit']));
    }
  });

  it('on macOS starts with the app menu: About, Hide, Quit', () => {
    const [first] = applicationMenuTemplate({ platform: 'darwin', appName: 'WA Bulk Sender', development: false });
    expect(first!.label).toBe('WA Bulk Sender');
    expect(menuRoles([first!])).toEqual(['about', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('keeps Reload and DevTools for development (npm start, not packaged)', () => {
    const roles = menuRoles(applicationMenuTemplate({ platform: 'linux', appName: 'x', development: true }));
    expect(roles).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has Help → Open logs folder once something provides it', () => {
    const open = vi.fn();
    const without = applicationMenuTemplate({ platform: 'darwin', appName: 'x', development: false });
    expect(without.some((m) => m.role === 'help')).toBe(false);
    const help = applicationMenuTemplate({ platform: 'darwin', appName: 'x', development: false, openLogsFolder: open }).find(
      (m) => m.role === 'help',
    )!;
    const item = (help.submenu as Array<{ label?: string; click?: () => void }>).find((i) => i.label === 'Open logs folder')!;
    item.click!();
    expect(open).toHaveBeenCalledOnce();
  });
});

describe('tray and close question', () => {
  it('asks with three buttons, Cancel as the escape, naming the campaign but no number', () => {
    const q = closeQuestion(summary('c1', 'running', { name: 'Clients 0501234567' }), 'win32');
    expect(q.buttons).toEqual(['Keep sending in the background', 'Pause and close', 'Cancel']);
    expect(q).toMatchObject({ defaultId: 0, cancelId: 2 });
    expect(q.message).toBe('"Clients …67" is still sending (4 of 10 sent).');
    expect(q.detail).toContain('system tray');
    expect(closeQuestion(summary('c1', 'running'), 'darwin').detail).toContain('menu bar');
  });

  it('offers Show, Pause campaign (only while one is sending) and Quit', () => {
    const actions = { show: vi.fn(), pause: vi.fn(), quit: vi.fn() };
    const sending = trayMenuTemplate(summary('c1', 'running'), actions);
    expect(sending.map((i) => i.label ?? i.type)).toEqual(['Show WA Bulk Sender', 'Pause campaign', 'separator', 'Quit']);
    expect(sending[1]!.enabled).toBe(true);
    expect(trayMenuTemplate(null, actions)[1]!.enabled).toBe(false);
    expect(trayTooltip(summary('c1', 'waiting'))).toBe('WA Bulk Sender: "May reminders", 4 of 10 sent (waiting)');
    expect(trayTooltip(null)).toBe('WA Bulk Sender');
  });
});

describe('notifications (Electron port)', () => {
  class FakeNotification extends EventEmitter {
    static made: FakeNotification[] = [];
    static supported = true;
    static isSupported = () => FakeNotification.supported;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      FakeNotification.made.push(this);
    }
    show() {
      this.shown = true;
    }
  }

  it('shows title and body, and a click brings the window', () => {
    const clicked = vi.fn();
    const show = electronNotices(FakeNotification as never, clicked);
    show({ kind: 'finished', title: 'Campaign finished', body: '"May": 8 of 10 sent, 1 failed, 1 skipped.' });
    const [n] = FakeNotification.made;
    expect(n!.options).toEqual({ title: 'Campaign finished', body: '"May": 8 of 10 sent, 1 failed, 1 skipped.' });
    expect(n!.shown).toBe(true);
    n!.emit('click');
    expect(clicked).toHaveBeenCalledOnce();
    // Where the system has no notifications, nothing is made.
    FakeNotification.supported = false;
    show({ kind: 'qr', title: 't', body: 'b' });
    expect(FakeNotification.made).toHaveLength(1);
  });
});

describe('window state tracking', () => {
  it('saves once after a burst of moves (debounced on the clock), and at once on close', async () => {
    const win = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      getNormalBounds() {
        return { ...this.bounds };
      },
      isMaximized: () => false,
      isDestroyed: () => false,
    });
    const saves: unknown[] = [];
    const clock = new FakeClock();
    trackWindowState(win as never, { save: async (b, m) => void saves.push([b, m]) }, clock);
    for (let i = 0; i < 5; i++) {
      win.bounds.x += 10;
      win.emit('move');
      clock.advance(SAVE_DEBOUNCE_MS - 1);
    }
    expect(saves).toEqual([]);
    clock.advance(1);
    await expect.poll(() => saves).toEqual([[{ x: 60, y: 20, width: 1000, height: 700 }, false]]);
    win.bounds.width = 1100;
    win.emit('resize');
    win.emit('close');
    expect(saves).toHaveLength(2);
    expect(saves[1]).toEqual([{ x: 60, y: 20, width: 1100, height: 700 }, false]);
    // The pending debounced save was dropped by the close.
    expect(clock.pendingTimers).toBe(0);
  });
});

/** A window as the shell sees it: recorded calls, close/closed as Electron emits them. */
class ShellWindow extends EventEmitter {
  visible = true;
  focused = true;
  readonly calls: string[] = [];
  show() {
    this.visible = true;
    this.calls.push('show');
  }
  hide() {
    this.visible = false;
    this.focused = false;
    this.calls.push('hide');
  }
  focus() {
    this.calls.push('focus');
  }
  restore() {}
  maximize() {
    this.calls.push('maximize');
  }
  isMinimized = () => false;
  isVisible = () => this.visible;
  isFocused = () => this.focused;
  isDestroyed = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 50, y: 60, width: 1000, height: 700 });
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.calls.push('closed');
      this.emit('closed');
    }
  }
}

function shellRig(answer: number) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'wa-shell-'));
  const service = new FakeCampaigns();
  const campaigns = campaignActivity(service);
  const status = new Listeners<WaStatus>();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    name: 'WA Bulk Sender',
    getAppPath: () => userData,
    setAppUserModelId: vi.fn(),
    quit: vi.fn(),
  });
  const trays: Array<{
    menu: Array<{ label?: string; enabled?: boolean; click?: () => void }>;
    tooltip: string;
    destroyed: boolean;
    images: unknown[];
  }> = [];
  class FakeTray extends EventEmitter {
    readonly record = { menu: [] as never[], tooltip: '', destroyed: false, images: [] as unknown[] };
    constructor(image: unknown) {
      super();
      this.record.images.push(image);
      trays.push(this.record);
    }
    setToolTip(t: string) {
      this.record.tooltip = t;
    }
    setContextMenu(menu: { template: never[] }) {
      this.record.menu = menu.template;
    }
    destroy() {
      this.record.destroyed = true;
    }
    isDestroyed() {
      return this.record.destroyed;
    }
  }
  const notices: Array<{ title: string; body: string; click(): void }> = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      notices.push({ ...this.options, click: () => this.emit('click') });
    }
  }
  const asked: unknown[] = [];
  const electron = {
    app,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: { createFromPath: vi.fn(), createFromDataURL: (url: string) => ({ url, isEmpty: () => false }) },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        asked.push(args);
        return { response: answer, checkboxChecked: false };
      },
    },
  } as unknown as ShellElectron;
  const logs: string[] = [];
  const services = {
    campaigns,
    whatsapp: { onStatus: (l: (s: WaStatus) => void) => status.on(l) },
    logger: { info: (_s: string, m: string) => logs.push(m), warn: (_s: string, m: string) => logs.push(m) },
    paths: { userData },
  };
  const opened = vi.fn();
  return { userData, service, status, app, trays, notices, asked, electron, services, logs, opened };
}

describe('desktop shell', () => {
  it('hides to the tray while sending; the tray shows, pauses and quits; a finished campaign notifies and its click shows', async () => {
    const rig = shellRig(0);
    const shell = await DesktopShell.create(rig.electron, rig.services, { clock: new FakeClock(), platform: 'linux', openWindow: rig.opened });
    const options = shell.windowOptions({ width: 1200, height: 820, minWidth: 900, minHeight: 600, webPreferences: { sandbox: true } });
    expect(options).toMatchObject({ width: 1200, height: 820, webPreferences: { sandbox: true, devTools: false } });
    const win = new ShellWindow();
    shell.attach(win as never);

    rig.service.emit(summary('c1', 'running'));
    win.close();
    await expect.poll(() => win.calls).toEqual(['hide']);
    expect(rig.asked).toHaveLength(1);
    expect(rig.trays).toHaveLength(1);
    const tray = rig.trays[0]!;
    // No app icon file in this folder: the built-in image.
    expect(tray.images).toEqual([expect.objectContaining({ url: FALLBACK_TRAY_ICON })]);
    expect(tray.tooltip).toBe('WA Bulk Sender: "May reminders", 4 of 10 sent');
    // Progress shows in the tray; Pause pauses (journalled as from the tray) and is then disabled.
    rig.service.emit(
      summary('c1', 'running', {
        counts: { total: 10, pending: 5, sent: 5, delivered: 0, read: 0, failed: 0, skipped: 0, rejected: 0, unconfirmed: 0 },
      }),
    );
    expect(tray.tooltip).toContain('5 of 10 sent');
    tray.menu.find((i) => i.label === 'Pause campaign')!.click!();
    expect(rig.service.paused).toEqual([['c1', PAUSED_FROM_TRAY]]);
    expect(tray.menu.find((i) => i.label === 'Pause campaign')!.enabled).toBe(false);
    // Pausing from the tray is the operator's doing: no notification.
    expect(rig.notices).toEqual([]);
    rig.service.emit(summary('c1', 'running'));
    rig.service.emit(summary('c1', 'finished'));
    expect(rig.notices.map((n) => n.title)).toEqual(['Campaign finished']);
    rig.notices[0]!.click();
    expect(win.calls.slice(-2)).toEqual(['show', 'focus']);
    expect(tray.destroyed).toBe(true);
    // Quit from the tray goes through app.quit (before-quit runs the shutdown, which pauses cleanly).
    rig.service.emit(summary('c2', 'running'));
    win.close();
    await expect.poll(() => rig.trays).toHaveLength(2);
    rig.trays[1]!.menu.find((i) => i.label === 'Quit')!.click!();
    expect(rig.app.quit).toHaveBeenCalledOnce();
    // While quitting, the window closes without another question.
    rig.app.emit('before-quit', { preventDefault() {} });
    win.close();
    expect(win.calls.at(-1)).toBe('closed');
    expect(rig.asked).toHaveLength(2);
    expect(rig.trays[1]!.destroyed).toBe(true);
  });

  it('"Pause and close" pauses the campaign and lets the window close; nothing sending closes at once', async () => {
    const rig = shellRig(1);
    const shell = await DesktopShell.create(rig.electron, rig.services, { clock: new FakeClock(), platform: 'linux', openWindow: rig.opened });
    const win = new ShellWindow();
    shell.attach(win as never);
    rig.service.emit(summary('c1', 'waiting'));
    win.close();
    await expect.poll(() => win.calls).toEqual(['closed']);
    expect(rig.service.paused).toEqual([['c1', PAUSED_ON_CLOSE]]);
    expect(rig.trays).toHaveLength(0);
    // With no window left (macOS), a notification click or the Dock opens a new one.
    shell.showWindow();
    expect(rig.opened).toHaveBeenCalledOnce();
    // The window's place was saved on close, and the next window opens there.
    const saved = () => JSON.parse(readFileSync(path.join(rig.userData, 'window-state.json'), 'utf8')) as unknown;
    await expect
      .poll(() => (existsSync(path.join(rig.userData, 'window-state.json')) ? saved() : null))
      .toEqual({
        version: 1,
        x: 50,
        y: 60,
        width: 1000,
        height: 700,
        maximized: false,
      });
  });

  it('restores a saved, maximised window; a damaged state file is logged and the defaults are used', async () => {
    const rig = shellRig(2);
    writeFileSync(
      path.join(rig.userData, 'window-state.json'),
      JSON.stringify({ version: 1, x: 100, y: 100, width: 1000, height: 700, maximized: true }),
    );
    const shell = await DesktopShell.create(rig.electron, rig.services, { clock: new FakeClock(), platform: 'linux', openWindow: rig.opened });
    expect(shell.windowOptions({ width: 1200, height: 820 })).toMatchObject({ x: 100, y: 100, width: 1000, height: 700 });
    const win = new ShellWindow();
    shell.attach(win as never);
    expect(win.calls).toEqual([]);
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['maximize']);

    const damaged = shellRig(2);
    writeFileSync(path.join(damaged.userData, 'window-state.json'), '{"version":1,"x":');
    const second = await DesktopShell.create(damaged.electron, damaged.services, {
      clock: new FakeClock(),
      platform: 'linux',
      openWindow: damaged.opened,
    });
    expect(second.windowOptions({ width: 1200, height: 820 })).toMatchObject({ width: 1200, height: 820 });
    expect(second.windowOptions({ width: 1200, height: 820 })).not.toHaveProperty('x');
    expect(damaged.logs).toEqual([expect.stringMatching(/window-state\.json is not JSON/)]);
  });

  it('asks for a QR scan when WhatsApp wants one while the window is hidden, and never while the operator looks at it', async () => {
    const rig = shellRig(0);
    const shell = await DesktopShell.create(rig.electron, rig.services, { clock: new FakeClock(), platform: 'linux', openWindow: rig.opened });
    const win = new ShellWindow();
    shell.attach(win as never);
    const qr: WaStatus = { kind: 'qr', qrDataUrl: 'data:x', qrText: '2@payload' };
    rig.status.emit(qr);
    expect(rig.notices).toEqual([]);
    rig.status.emit({ kind: 'idle' });
    win.hide();
    rig.status.emit(qr);
    expect(rig.notices.map((n) => n.title)).toEqual(['Scan the QR code']);
    expect(JSON.stringify(rig.notices)).not.toContain('payload');
  });
});
