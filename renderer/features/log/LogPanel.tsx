import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { LogLine } from '../../../src/shared/status';
import { api } from '../../api';
import { clampHeight, keyResize, loadPanelState, MIN_HEIGHT, savePanelState, type LogPanelState } from './panel-state';
import { plainLog, type PlainLine } from './plain-log';
import { useT } from '../../i18n';
import { formatTime } from '../../i18n/format';

const KEEP = 500;

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** The window's height, kept current: a smaller window makes the open panel smaller (never over 60 % of it). */
function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

function LogEntry({ line }: { line: PlainLine }) {
  return (
    <div className={`log-line ${line.level}`}>
      <time>{formatTime(line.at, true)}</time> {line.text}
    </div>
  );
}

/**
 * What the app is doing, in plain words, at the bottom of the window. Collapsed to one line (the latest) unless
 * opened; open, it is as tall as the operator dragged it (or sized it from the keyboard on its handle). Both are
 * remembered. Technical detail (modules, folders, stack traces) stays in the log file.
 */
export function LogPanel() {
  const t = useT();
  const [raw, setRaw] = useState<LogLine[]>([]);
  const [state, setState] = useState<LogPanelState>(() => loadPanelState(storage()));
  const end = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => plainLog(raw, t), [raw, t]);
  const latest = lines.at(-1) ?? null;
  const windowHeight = useWindowHeight();
  const height = clampHeight(state.height, windowHeight);

  useEffect(() => {
    let live = true;
    void api.getRecentLog().then((r) => live && r.ok && setRaw(r.value.slice(-KEEP)));
    const off = api.onLogLines((more) => setRaw((old) => [...old, ...more].slice(-KEEP)));
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => savePanelState(storage(), state), [state]);

  // Braces matter: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [lines, state.open]);

  const setHeight = (next: number) => setState((s) => ({ ...s, height: clampHeight(next, windowHeight) }));

  function startDrag(e: ReactPointerEvent<HTMLDivElement>) {
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const startHeight = height;
    const move = (ev: PointerEvent) => setHeight(startHeight + (startY - ev.clientY));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  const toggle = (
    <button
      className="log-toggle"
      onClick={() => setState((s) => ({ ...s, open: !s.open }))}
      aria-expanded={state.open}
      aria-controls={state.open ? 'log-lines' : undefined}
    >
      {t(state.open ? 'log.panel.hide' : 'log.panel.show')}
    </button>
  );

  if (!state.open) {
    return (
      <aside className="log-panel" aria-label={t('log.panel.label')}>
        <div className="log-strip">
          <span className="log-latest" data-testid="log-latest" aria-live="polite">
            {latest ? <LogEntry line={latest} /> : <span className="muted">{t('log.panel.empty')}</span>}
          </span>
          {toggle}
        </div>
      </aside>
    );
  }

  return (
    <aside className="log-panel open" aria-label={t('log.panel.label')}>
      <div
        className="log-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('log.panel.resize')}
        aria-valuemin={MIN_HEIGHT}
        aria-valuemax={clampHeight(Number.POSITIVE_INFINITY, windowHeight)}
        aria-valuenow={height}
        tabIndex={0}
        data-testid="log-resize"
        onPointerDown={startDrag}
        onKeyDown={(e) => {
          const next = keyResize(e.key, height, windowHeight);
          if (next === null) return;
          e.preventDefault();
          setHeight(next);
        }}
      />
      <div className="log-strip">
        <span className="log-title">{t('log.panel.label')}</span>
        <span className="muted small log-hint">{t('log.panel.hint')}</span>
        {toggle}
      </div>
      <div className="log-lines" id="log-lines" data-testid="log-lines" style={{ height }} tabIndex={0} aria-label={t('log.panel.linesLabel')}>
        {lines.length === 0 && <p className="muted">{t('log.panel.empty')}</p>}
        {lines.map((l, i) => (
          <LogEntry key={i} line={l} />
        ))}
        <div ref={end} />
      </div>
    </aside>
  );
}
