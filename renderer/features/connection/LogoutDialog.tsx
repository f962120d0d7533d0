import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { LogoutRequest } from '../../../src/shared/contract/connection';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormattedMessage, useT } from '../../i18n';
import './logout-dialog.css';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The operator confirmed: log out, and delete the data when asked to. */
  onLogout: (request: NonNullable<LogoutRequest>) => void;
}

const sending = (c: CampaignSummary) => c.state === 'running' || c.state === 'waiting';

/**
 * "Log out of WhatsApp?": says what log out deletes, warns when a campaign is sending (log out pauses it), and offers
 * to delete the contacts and campaign history too, saying plainly what that deletes and what it keeps.
 */
export function LogoutDialog({ open, onClose, onLogout }: Props) {
  const t = useT();
  const [deleteData, setDeleteData] = useState(false);
  const [active, setActive] = useState<CampaignSummary | null>(null);

  useEffect(() => {
    if (!open) return;
    setDeleteData(false);
    let live = true;
    void api.listCampaigns().then((r) => live && setActive(r.ok ? (r.value.find(sending) ?? null) : null));
    const off = api.onCampaignProgress((s) => setActive((current) => (sending(s) ? s : current?.id === s.id ? null : current)));
    return () => {
      live = false;
      off();
    };
  }, [open]);

  return (
    <Dialog title={t('connection.logout.title')} open={open} onClose={onClose} className="logout-dialog" testId="logout-dialog">
      <p>{t('connection.logout.body')}</p>
      {active && (
        <p className="logout-campaign warning" role="alert" data-testid="logout-campaign-warning">
          {t('connection.logout.sending', { sent: active.counts.sent, total: active.counts.total })}{' '}
          {t(deleteData ? 'connection.logout.stopsIt' : 'connection.logout.pausesIt')}
        </p>
      )}
      <label className="check logout-delete">
        <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} data-testid="logout-delete-data" />
        {t('connection.logout.alsoDelete')}
      </label>
      <div className="logout-what muted small" data-testid="logout-delete-what">
        <p>
          <FormattedMessage id="connection.logout.deletes" values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
        </p>
        <p>
          <FormattedMessage id="connection.logout.keeps" values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
        </p>
        {deleteData && <p className="warning">{t('connection.logout.cannotUndo')}</p>}
      </div>
      <div className="actions">
        <button className="danger" onClick={() => onLogout({ deleteData })} data-testid="logout-confirm">
          {t(deleteData ? 'connection.logout.confirmDelete' : 'connection.logout.confirm')}
        </button>
        <button className="secondary" data-autofocus onClick={onClose}>
          {t('connection.logout.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
