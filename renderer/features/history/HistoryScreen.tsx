import { useState } from 'react';
import type { ScreenProps } from '../../screen-props';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';
import { DamagedCampaign } from './DamagedCampaign';
import { useCampaignList } from './useCampaignList';
import { useT } from '../../i18n';
import '../send/send.css';
import './history.css';

/** Every campaign so far: open one to see its contacts, resume it if it was cut off, export the results. */
export function HistoryScreen({ go }: ScreenProps) {
  const t = useT();
  const { campaigns, error, refresh, replace } = useCampaignList();
  const [selected, setSelected] = useState<string | null>(null);
  const open = campaigns?.find((c) => c.id === selected) ?? null;
  const [deletedNote, setDeletedNote] = useState<string | null>(null);
  const deleted = (message: string) => {
    setSelected(null);
    setDeletedNote(message);
    void refresh();
  };

  return (
    <section className="screen history-screen" aria-labelledby="history-title">
      <h1 id="history-title">{t('screens.history')}</h1>
      {error && (
        <p className="error" role="alert">
          {t('history.listFailed', { error })}{' '}
          <button className="secondary" onClick={() => void refresh()}>
            {t('history.tryAgain')}
          </button>
        </p>
      )}
      {!campaigns && !error && <p className="muted">{t('history.loading')}</p>}
      {deletedNote && (
        <p className="success" role="status" data-testid="campaign-deleted">
          {deletedNote}
        </p>
      )}
      {campaigns?.length === 0 && (
        <div className="card">
          <p className="muted">{t('history.empty')}</p>
          <button onClick={() => go('message')}>{t('history.writeMessage')}</button>
        </div>
      )}
      {campaigns && campaigns.length > 0 && (
        <div className="card">
          <CampaignList campaigns={campaigns} selected={selected} onOpen={(id) => (setSelected(id), setDeletedNote(null))} />
        </div>
      )}
      {open &&
        (open.damage ? (
          <DamagedCampaign key={open.id} campaign={open} onDeleted={deleted} />
        ) : (
          <CampaignDetail key={open.id} campaign={open} onChange={replace} onDeleted={deleted} go={go} />
        ))}
    </section>
  );
}
