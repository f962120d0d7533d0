import { useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import { api } from '../../api';
import { useT } from '../../i18n';

/** A file name from the campaign's name and date that every OS accepts. */
function fileName(campaign: CampaignSummary, format: 'csv' | 'xlsx'): string {
  const base =
    campaign.name
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'campaign';
  const day = new Date(campaign.createdAt).toISOString().slice(0, 10);
  return `${base}-${day}-results.${format}`;
}

/** Results as a spreadsheet: choose where, main writes it, then the host delivers it (a download in the browser). */
export function ExportButtons({ campaign }: { campaign: CampaignSummary }) {
  const t = useT();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);

  async function exportAs(format: 'csv' | 'xlsx') {
    setBusy(format);
    setNote(null);
    try {
      const target = await api.pickSaveTarget(fileName(campaign, format));
      if (!target.ok) return setNote({ text: t('history.export.pickFailed', { error: target.error.message }), bad: true });
      if (!target.value) return; // cancelled
      const r = await api.exportCampaign(campaign.id, format, target.value.id);
      if (!r.ok) return setNote({ text: t('history.export.failed', { error: r.error.message }), bad: true });
      await api.deliverSaved(target.value);
      setNote({ text: t('history.export.saved', { count: r.value.rows, file: target.value.name }), bad: false });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="actions">
        <button className="secondary" disabled={busy !== null} onClick={() => void exportAs('csv')}>
          {t('history.export.csv')}
        </button>
        <button className="secondary" disabled={busy !== null} onClick={() => void exportAs('xlsx')}>
          {t('history.export.xlsx')}
        </button>
        {busy && <span className="muted">{t('history.export.writing', { format: busy.toUpperCase() })}</span>}
      </div>
      {note && (
        <p className={note.bad ? 'error' : 'success'} role={note.bad ? 'alert' : 'status'} data-testid="export-note">
          {note.text}
        </p>
      )}
    </>
  );
}
