import { useEffect, useState } from 'react';
import type { Settings } from '../../../src/shared/contract/connection';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { LogsAndDiagnostics } from './LogsAndDiagnostics';
import { OptOutReplySetting } from './OptOutReplySetting';
import { UpdatesSetting } from '../updates/UpdatesSetting';

/**
 * Where the browser is and what happens on exit: the two settings an operator may need to change. The browser is
 * chosen in a file dialog the app opens itself and checked there (the page never names a program to run).
 */
export function ConnectionSettings({ dataDir }: { dataDir: string | null }) {
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
      setNote(`Saved: ${choice.version}. It is used the next time you connect.`);
    });
  const findBrowser = () =>
    act(api.clearBrowser, (next) => {
      setSettings(next);
      setNote('Saved. The browser is found automatically the next time you connect.');
    });
  const setLogoutOnExit = (logoutOnExit: boolean) =>
    act(
      () => api.updateSettings({ logoutOnExit }),
      (next) => {
        setSettings(next);
        setNote('Saved.');
      },
    );

  if (!settings) return null;
  return (
    <details className="card settings">
      <summary>Settings</summary>
      <div className="field">
        <span>Browser (Chrome, Edge or Chromium) used to run WhatsApp Web</span>
        <p data-testid="browser-path">
          {settings.browserPath ? <code>{settings.browserPath}</code> : <span className="muted">Found automatically</span>}
        </p>
        <div className="actions">
          <button className="secondary" onClick={chooseBrowser} disabled={busy} data-testid="choose-browser">
            Choose…
          </button>
          {settings.browserPath && (
            <button className="secondary" onClick={findBrowser} disabled={busy}>
              Find automatically
            </button>
          )}
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.logoutOnExit} disabled={busy} onChange={(e) => setLogoutOnExit(e.target.checked)} />
        Log out and delete the session when the app closes (for shared computers)
      </label>
      {dataDir && (
        <p className="muted small">
          App data and the WhatsApp session are kept in <code>{dataDir}</code>. Log out deletes the session there.
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
