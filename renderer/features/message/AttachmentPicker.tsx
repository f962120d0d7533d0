import { useState, type DragEvent } from 'react';
import type { FileRef } from '../../../src/shared/contract/files';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { useDraft } from './draft';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n';
import { formatBytes } from '../../i18n/format';

/** One optional file sent with every message (the text becomes its caption); checked by main for type and size. */
export function AttachmentPicker() {
  const t = useT();
  const { draft, setDraft } = useDraft();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function attach(pick: () => Promise<Result<FileRef | null>>) {
    setBusy(true);
    setProblem(null);
    try {
      const picked = await pick();
      if (!picked.ok) return setProblem(picked.error.message);
      if (!picked.value) return; // cancelled
      const checked = await api.checkAttachment(picked.value.id);
      if (!checked.ok) return setProblem(checked.error.message);
      setDraft({ attachmentFileId: checked.value.fileId, attachment: checked.value });
    } finally {
      setBusy(false);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void attach(() => api.fileFromDrop(file, 'attachment'));
  }

  const info = draft.attachment;
  return (
    <div className="card" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2>{t('message.attachment.title')}</h2>
      {info ? (
        <div className="attachment" data-testid="attachment">
          <span className="attachment-kind">{t('message.attachment.kind', { kind: info.kind })}</span>
          <span>
            <b dir="auto">{info.name}</b>{' '}
            <span className="muted">
              {t('message.attachment.size', { size: formatBytes(info.size), max: formatBytes(info.maxSize), type: info.mimeType })}
            </span>
          </span>
          <button className="secondary" onClick={() => setDraft({ attachmentFileId: null, attachment: null })}>
            {t('message.attachment.remove')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('message.attachment.hint')}</p>
      )}
      <div className="actions">
        <button className="secondary" disabled={busy} onClick={() => void attach(() => api.pickFile('attachment'))}>
          {t(info ? 'message.attachment.chooseAnother' : 'message.attachment.choose')}
        </button>
        {busy && <span className="muted">{t('message.attachment.checking')}</span>}
      </div>
      <ErrorNote message={problem} />
    </div>
  );
}
