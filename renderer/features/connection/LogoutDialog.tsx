import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { LogoutRequest } from '../../../src/shared/contract/connection';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../components/plural';
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
    <Dialog title="Log out of WhatsApp?" open={open} onClose={onClose} className="logout-dialog" testId="logout-dialog">
      <p>
        This unlinks this computer from your phone and deletes the saved session from this computer. You will need to scan a QR code again to send.
      </p>
      {active && (
        <p className="logout-campaign warning" role="alert" data-testid="logout-campaign-warning">
          A campaign is sending: {active.counts.sent} of {plural(active.counts.total, 'contact')} sent.{' '}
          {deleteData ? 'Logging out stops it, and it is deleted with the rest.' : 'Logging out pauses it; you can resume it after logging in again.'}
        </p>
      )}
      <label className="check logout-delete">
        <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} data-testid="logout-delete-data" />
        Also delete contacts and campaign history from this computer
      </label>
      <div className="logout-what muted small" data-testid="logout-delete-what">
        <p>
          <strong>Deletes:</strong> the imported contact list, every campaign in History with its results, replies and copy of the attachment, and the
          message being written.
        </p>
        <p>
          <strong>Keeps:</strong> settings, the do-not-message list, saved message templates and the log. Files you exported and saved elsewhere are
          not touched.
        </p>
        {deleteData && <p className="warning">This cannot be undone.</p>}
      </div>
      <div className="actions">
        <button className="danger" onClick={() => onLogout({ deleteData })} data-testid="logout-confirm">
          {deleteData ? 'Log out and delete data' : 'Log out and delete session'}
        </button>
        <button className="secondary" data-autofocus onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
