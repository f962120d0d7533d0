import { useState } from 'react';
import type { TestSendResult } from '../../../src/shared/contract/campaign';
import type { WaStatus } from '../../../src/shared/status';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { FormattedMessage, useT } from '../../i18n';

interface Props {
  template: string;
  attachmentFileId: string | null | undefined;
  draftId: string;
  status: WaStatus | null;
}

/**
 * "Send a test to myself": the message as the first contact will get it, to the connected account's own number
 * (WhatsApp's "Message yourself" chat). No campaign, not counted against the daily limit.
 */
export function TestSend({ template, attachmentFileId, draftId, status }: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestSendResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
  const ready = status?.kind === 'ready';
  const own = status?.kind === 'ready' ? `+${status.account.number.replace(/\D/g, '')}` : null;

  async function send() {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const r = await api.sendTestMessage(template, attachmentFileId ?? undefined, draftId);
      if (r.ok) setResult(r.value);
      else setProblem(t('send.testSend.error', { reason: r.error.message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="test-send" data-testid="test-send">
      <div className="actions">
        <button className="secondary" onClick={() => void send()} disabled={busy || !ready || !template.trim()}>
          {busy ? t('send.testSend.sending') : t('send.testSend.button')}
        </button>
        <span className="muted small">
          {ready ? (
            // The number reads left to right inside an Arabic sentence too.
            <FormattedMessage id="send.testSend.hint" values={{ number: <bdi dir="ltr">{own}</bdi> }} />
          ) : (
            t('send.testSend.connectFirst')
          )}
        </span>
      </div>
      {result &&
        (result.sent ? (
          <p className="success small" role="status" data-testid="test-send-result">
            <FormattedMessage
              id={result.sampleValues ? 'send.testSend.sentSample' : 'send.testSend.sent'}
              values={{ to: <bdi dir="ltr">{result.to}</bdi> }}
            />
          </p>
        ) : (
          <p className="error small" role="alert" data-testid="test-send-result">
            <FormattedMessage id="send.testSend.failed" values={{ to: <bdi dir="ltr">{result.to}</bdi>, reason: result.reason }} />
          </p>
        ))}
      <ErrorNote message={problem} />
    </div>
  );
}
