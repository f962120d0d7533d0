import { useEffect, useState } from 'react';
import type { LogsInfo } from '../../../src/shared/contract/diagnostics';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';

/**
 * Where the log files are, "Open logs folder" (desktop app; the browser host shows the path, a page cannot open
 * folders) and "Copy diagnostics": a text built in main, copied here with the Clipboard API for a support request.
 */
export function LogsAndDiagnostics() {
  const t = useT();
  const [info, setInfo] = useState<LogsInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.getLogsInfo().then((r) => {
      if (r.ok) setInfo(r.value);
    });
  }, []);

  async function run(work: () => Promise<string | null>) {
    setBusy(true);
    setNote(null);
    setProblem(null);
    try {
      setNote(await work());
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const openFolder = () =>
    run(async () => {
      const r = await api.openLogsFolder();
      if (!r.ok) throw new Error(r.error.message);
      return null;
    });
  const copyDiagnostics = () =>
    run(async () => {
      const r = await api.getDiagnostics();
      if (!r.ok) throw new Error(r.error.message);
      await navigator.clipboard.writeText(r.value).catch((err: unknown) => {
        throw new Error(t('connection.logs.copyFailed', { error: err instanceof Error ? err.message : String(err) }));
      });
      return t('connection.logs.copied');
    });

  if (!info) return null;
  return (
    <div className="field" data-testid="logs-settings">
      <span>{t('connection.logs.title')}</span>
      <p className="muted small">
        <FormattedMessage
          id="connection.logs.where"
          values={{
            folder: info.folder,
            code: (chunks) => (
              <code data-testid="logs-folder" dir="ltr">
                {chunks}
              </code>
            ),
          }}
        />
      </p>
      <div className="actions">
        {info.canOpenFolder && (
          <button className="secondary" onClick={openFolder} disabled={busy} data-testid="open-logs-folder">
            {t('connection.logs.openFolder')}
          </button>
        )}
        <button className="secondary" onClick={copyDiagnostics} disabled={busy} data-testid="copy-diagnostics">
          {t('connection.logs.copy')}
        </button>
      </div>
      <ErrorNote message={problem} />
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
