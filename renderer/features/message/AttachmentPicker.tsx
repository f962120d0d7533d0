import { useState, type DragEvent } from 'react';
import type { FileRef } from '../../../src/shared/contract/files';
import type { Result } from '../../../src/shared/result';
import { api } from '../../api';
import { useDraft } from './draft';
import { formatSize } from './formatSize';
import { ErrorNote } from '../../components/ErrorNote';

const kindLabel = { image: 'Image', video: 'Video', audio: 'Audio', pdf: 'PDF', document: 'Document' } as const;

/** One optional file sent with every message (the text becomes its caption); checked by main for type and size. */
export function AttachmentPicker() {
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
      <h2>Attachment (optional)</h2>
      {info ? (
        <div className="attachment" data-testid="attachment">
          <span className="attachment-kind">{kindLabel[info.kind]}</span>
          <span>
            <b>{info.name}</b>{' '}
            <span className="muted">
              {formatSize(info.size)} of {formatSize(info.maxSize)} allowed · {info.mimeType}
            </span>
          </span>
          <button className="secondary" onClick={() => setDraft({ attachmentFileId: null, attachment: null })}>
            Remove
          </button>
        </div>
      ) : (
        <p className="muted">
          An image, video, audio, PDF or document sent to every contact, with your message as its caption. Pick one or drop it here.
        </p>
      )}
      <div className="actions">
        <button className="secondary" disabled={busy} onClick={() => void attach(() => api.pickFile('attachment'))}>
          {info ? 'Choose another file…' : 'Choose a file…'}
        </button>
        {busy && <span className="muted">Checking the file…</span>}
      </div>
      <ErrorNote message={problem} />
    </div>
  );
}
