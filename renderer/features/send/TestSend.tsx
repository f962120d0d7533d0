import { useState } from 'react';
import type { TestSendResult } from '../../../src/shared/contract/campaign';
import type { WaStatus } from '../../../src/shared/status';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';

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
  const ready = status?.kind === 'ready';
  const own = status?.kind === 'ready' ? `+${status.account.number.replace(/\D/g, '')}` : null;

  async function send() {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const r = await api.sendTestMessage(template, attachmentFileId ?? undefined, draftId);
      if (r.ok) setResult(r.value);
      else setProblem(`Could not send the test: ${r.error.message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="test-send" data-testid="test-send">
      <div className="actions">
        <button className="secondary" onClick={() => void send()} disabled={busy || !ready || !template.trim()}>
          {busy ? 'Sending the test…' : 'Send a test to myself'}
        </button>
        <span className="muted small">
          {ready
            ? `Goes to your own number ${own} ("Message yourself" in WhatsApp), as the first contact will get it. Not counted in any limit.`
            : 'Connect WhatsApp to send yourself a test.'}
        </span>
      </div>
      {result &&
        (result.sent ? (
          <p className="success small" role="status" data-testid="test-send-result">
            ✓ Test sent to {result.to}
            {result.sampleValues ? ' with sample values (no contact list imported)' : ''}. Check it on your phone.
          </p>
        ) : (
          <p className="error small" role="alert" data-testid="test-send-result">
            ✗ The test to {result.to} failed: {result.reason}
          </p>
        ))}
      <ErrorNote message={problem} />
    </div>
  );
}
