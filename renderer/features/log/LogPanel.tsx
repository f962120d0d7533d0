import { useEffect, useRef, useState } from 'react';
import type { LogLine } from '../../../src/shared/status';
import { api } from '../../api';

const KEEP = 500;

/** The live log at the bottom of the window: what the app is doing, newest last. */
export function LogPanel() {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [open, setOpen] = useState(true);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void api.getRecentLog().then((r) => live && r.ok && setLines(r.value.slice(-KEEP)));
    const off = api.onLogLines((more) => setLines((old) => [...old, ...more].slice(-KEEP)));
    return () => {
      live = false;
      off();
    };
  }, []);

  // Braces matter: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [lines, open]);

  return (
    <aside className={open ? 'log-panel open' : 'log-panel'} aria-label="Activity log">
      <button className="log-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        Activity log ({lines.length})
      </button>
      {open && (
        <div className="log-lines" data-testid="log-lines">
          {lines.map((l, i) => (
            <div key={i} className={`log-line ${l.level}`}>
              <time>{new Date(l.at).toLocaleTimeString()}</time> <span className="src">{l.source}</span> {l.message}
            </div>
          ))}
          <div ref={end} />
        </div>
      )}
    </aside>
  );
}
