import { useEffect, useState } from 'react';
import type { Settings } from '../../../src/shared/contract/connection';
import { api } from '../../api';

/** Where the browser is and what happens on exit: the two settings an operator may need to change. */
export function ConnectionSettings({ dataDir }: { dataDir: string | null }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [browserPath, setBrowserPath] = useState('');
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    void api.getSettings().then((r) => {
      if (r.ok) {
        setSettings(r.value);
        setBrowserPath(r.value.browserPath);
      }
    });
  }, []);

  async function save(change: Partial<Settings>) {
    const r = await api.updateSettings(change);
    if (r.ok) {
      setSettings(r.value);
      setNote('Saved. A new browser path applies the next time you connect.');
    } else setNote(r.error.message);
  }

  if (!settings) return null;
  return (
    <details className="card settings">
      <summary>Settings</summary>
      <label className="field">
        <span>Browser (Chrome, Edge or Chromium) used to run WhatsApp Web</span>
        <input
          value={browserPath}
          placeholder="Found automatically; or paste the path to chrome.exe / msedge.exe / chromium"
          onChange={(e) => setBrowserPath(e.target.value)}
          onBlur={() => browserPath !== settings.browserPath && save({ browserPath })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.logoutOnExit}
          onChange={(e) => save({ logoutOnExit: e.target.checked })}
        />
        Log out and delete the session when the app closes (for shared computers)
      </label>
      {dataDir && (
        <p className="muted small">
          App data and the WhatsApp session are kept in <code>{dataDir}</code>. Log out deletes the session there.
        </p>
      )}
      {note && <p className="muted small">{note}</p>}
    </details>
  );
}
