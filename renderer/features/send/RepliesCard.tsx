import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { CampaignReplies } from '../../../src/shared/contract/replies';
import { api } from '../../api';
import { useT, type Translate } from '../../i18n';
import { formatPercent } from '../../i18n/format';
import { formatDateTime } from './format';
import './replies.css';

/** Replies listed before "Show all". */
const FIRST = 5;

/** "5 replied (17%)": the share of the contacts the message went to. */
export function replyRate(replied: number, messaged: number, t: Translate): string {
  if (messaged <= 0) return t('send.replies.rateOnly', { count: replied });
  return t('send.replies.rate', { count: replied, percent: formatPercent(replied / messaged) });
}

/**
 * Who replied to a campaign, and the reply rate: loaded when shown and again whenever a reply to this campaign
 * comes in. A reply that was an opt-out keyword says the number is now on the do-not-message list.
 */
export function RepliesCard({ campaign }: { campaign: CampaignSummary }) {
  const t = useT();
  const [replies, setReplies] = useState<CampaignReplies | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const id = campaign.id;

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.listReplies(id).then((r) => {
        if (!live) return;
        if (r.ok) {
          setReplies(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const off = api.onReplies((list) => {
      if (list.some((reply) => reply.campaignId === id)) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [id]);

  if (error) return <p className="error small">{t('send.replies.loadFailed', { error })}</p>;
  if (!replies) return null;
  const messaged = Math.max(campaign.counts.sent, replies.messaged);
  const rows = all ? replies.rows : replies.rows.slice(0, FIRST);
  return (
    <section className="replies" data-testid="replies" aria-label={t('send.replies.title')}>
      <div className="replies-head">
        <h3>{t('send.replies.title')}</h3>
        <span data-testid="reply-rate">
          <b>{replyRate(replies.replied, messaged, t)}</b>
        </span>
        {replies.optedOutByReply > 0 && (
          <span className="reply-optouts" data-testid="reply-optouts">
            {t('send.replies.optedOut', { count: replies.optedOutByReply })}
          </span>
        )}
      </div>
      {replies.rows.length === 0 ? (
        <p className="muted small">{t('send.replies.none')}</p>
      ) : (
        <ul className="reply-list">
          {rows.map((r) => (
            <li key={r.index} data-testid="reply-row" data-opted-out={r.optedOut}>
              <span className="reply-who">
                {r.name && <bdi>{r.name}</bdi>}
                {r.name && ' · '}
                <bdi className="reply-phone" dir="ltr">
                  {r.phone}
                </bdi>
              </span>
              <span className="reply-when muted small">{formatDateTime(r.at)}</span>
              <span className="reply-text" dir="auto">
                {t('send.replies.quoted', { text: r.text })}
              </span>
              {r.optedOut && <span className="reply-badge">{t('send.replies.optedOutBadge')}</span>}
            </li>
          ))}
        </ul>
      )}
      {replies.rows.length > FIRST && (
        <button type="button" className="link small" onClick={() => setAll(!all)}>
          {all ? t('send.replies.showFewer') : t('send.replies.showAll', { count: replies.rows.length })}
        </button>
      )}
    </section>
  );
}
