import { useEffect, useState } from 'react';
import type { Settings } from '../../../src/shared/contract/connection';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';
import { LanguageSetting } from './LanguageSetting';
import { LogsAndDiagnostics } from './LogsAndDiagnostics';
import { OptOutReplySetting } from './OptOutReplySetting';
import { UpdatesSetting } from '../updates/UpdatesSetting';

/**
 * The app's language, where the browser is and what happens on exit: the settings an operator may need to change. The browser is
 * chosen in a file dialog the app opens itself and checked there (the page never names a program to run).
 */
export function ConnectionSettings({ dataDir }: { dataDir: string | null }) {
  const t = useT();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.getSettings().then((r) => {
      if (r.ok) setSettings(r.value);
    });
  }, []);

  async function act<T>(call: () => Promise<Result<T>>, done: (value: T) => void) {
    setBusy(true);
    setNote(null);
    setProblem(null);
    try {
      const r = await call();
      if (r.ok) done(r.value);
      else setProblem(r.error.message);
    } finally {
      setBusy(false);
    }
  }

  const chooseBrowser = () =>
    act(api.chooseBrowser, (choice) => {
      if (!choice) return; // cancelled
      setSettings(choice.settings);
      setNote(t('settings.browser.saved', { version: choice.version }));
    });
  const findBrowser = () =>
    act(api.clearBrowser, (next) => {
      setSettings(next);
      setNote(t('settings.browser.savedAutomatic'));
    });
  const setLogoutOnExit = (logoutOnExit: boolean) =>
    act(
      () => api.updateSettings({ logoutOnExit }),
      (next) => {
        setSettings(next);
        setNote(t('settings.saved'));
      },
    );

  if (!settings) return null;
  return (
    <details className="card settings">
      <summary>{t('settings.title')}</summary>
      <LanguageSetting />
      <div className="field">
        <span>{t('settings.browser.label')}</span>
        <p data-testid="browser-path">
          {settings.browserPath ? <code dir="ltr">{settings.browserPath}</code> : <span className="muted">{t('settings.browser.auto')}</span>}
        </p>
        <div className="actions">
          <button className="secondary" onClick={chooseBrowser} disabled={busy} data-testid="choose-browser">
            {t('settings.browser.choose')}
          </button>
          {settings.browserPath && (
            <button className="secondary" onClick={findBrowser} disabled={busy}>
              {t('settings.browser.findAutomatically')}
            </button>
          )}
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.logoutOnExit} disabled={busy} onChange={(e) => setLogoutOnExit(e.target.checked)} />
        {t('settings.logoutOnExit')}
      </label>
      {dataDir && (
        <p className="muted small">
          <FormattedMessage id="settings.dataDir" values={{ dir: dataDir, code: (chunks) => <code dir="ltr">{chunks}</code> }} />
        </p>
      )}
      <OptOutReplySetting />
      <UpdatesSetting />
      <LogsAndDiagnostics />
      <ErrorNote message={problem} />
      {note && <p className="muted small">{note}</p>}
    </details>
  );
}
