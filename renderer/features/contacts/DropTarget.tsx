import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useT } from '../../i18n';

interface Props {
  /** Called with the first dropped file; `extra` counts the files that were left out. */
  onFile: (file: File, extra: number) => void;
  disabled: boolean;
  children: ReactNode;
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/** The whole screen accepts a dropped contact file; an overlay says so while a file is dragged over it. */
export function DropTarget({ onFile, disabled, children }: Props) {
  const t = useT();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child element crossed: count them so the overlay does not flicker.
  const depth = useRef(0);

  return (
    <div
      className="drop-target"
      data-testid="contacts-drop-target"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = e.dataTransfer.files;
        if (!disabled && files.length > 0) onFile(files[0]!, files.length - 1);
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div>{t(disabled ? 'contacts.drop.wait' : 'contacts.drop.here')}</div>
        </div>
      )}
    </div>
  );
}
