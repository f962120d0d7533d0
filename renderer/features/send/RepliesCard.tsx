import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../src/shared/contract/campaign';
import type { CampaignReplies } from '../../../src/shared/contract/replies';
import { api } from '../../api';
import { formatDateTime } from './format';
import './replies.css';

/** Replies listed before "Show all". */
const FIRST = 5;

/** "5 replied (17%)": the share of the contacts the message went to. */
export function replyRate(replied: number, messaged: number): string {
  if (messaged <= 0) return `${replied.toLocaleString()} replied`;
  return `${replied.toLocaleString()} replied (${Math.round((100 * replied) / messaged)}%)`;
}

/**
 * Who replied to a campaign, and the reply rate: loaded when shown and again whenever a reply to this campaign
 * comes in. A reply that was an opt-out keyword says the number is now on the do-not-message list.
 */
export function RepliesCard({ campaign }: { campaign: CampaignSummary }) {
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

  if (error) return <p className="error small">Replies could not be read: {error}</p>;
  if (!replies) return null;
  const messaged = Math.max(campaign.counts.sent, replies.messaged);
  const rows = all ? replies.rows : replies.rows.slice(0, FIRST);
  return (
    <section className="replies" data-testid="replies" aria-label="Replies">
      <div className="replies-head">
        <h3>Replies</h3>
        <span data-testid="reply-rate">
          <b>{replyRate(replies.replied, messaged)}</b>
        </span>
        {replies.optedOutByReply > 0 && (
          <span className="reply-optouts" data-testid="reply-optouts">
            {replies.optedOutByReply.toLocaleString()} asked to stop: on the do-not-message list
          </span>
        )}
      </div>
      {replies.rows.length === 0 ? (
        <p className="muted small">No replies yet. When a contact writes back, it shows here.</p>
      ) : (
        <ul className="reply-list">
          {rows.map((r) => (
            <li key={r.index} data-testid="reply-row" data-opted-out={r.optedOut}>
              <span className="reply-who">
                {r.name ? `${r.name} · ` : ''}
                <span className="reply-phone">{r.phone}</span>
              </span>
              <span className="reply-when muted small">{formatDateTime(r.at)}</span>
              <span className="reply-text">“{r.text}”</span>
              {r.optedOut && <span className="reply-badge">opted out</span>}
            </li>
          ))}
        </ul>
      )}
      {replies.rows.length > FIRST && (
        <button type="button" className="link small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${replies.rows.length.toLocaleString()} replies`}
        </button>
      )}
    </section>
  );
}
