import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal <dialog> alone lets
 * focus leave for the browser's own toolbar, and come back to the page's body.
 */
function keepFocusInside(e: KeyboardEvent<HTMLDialogElement>): void {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
  if (items.length === 0) return e.preventDefault();
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const inside = e.currentTarget.contains(document.activeElement);
  if (e.shiftKey && (document.activeElement === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

export interface DialogProps {
  /** The question or subject, shown as the dialog's heading and read out as its name. */
  title: ReactNode;
  open: boolean;
  /** Escape calls this (and the dialog's own Cancel buttons should); the caller closes it by setting open to false. */
  onClose: () => void;
  children: ReactNode;
  /** Extra class for the dialog box (its size, a tone). */
  className?: string;
  /** False for a notice that cannot be dismissed (the app has stopped): Escape does nothing. Default true. */
  closeOnEscape?: boolean;
  /** data-testid on the dialog element. */
  testId?: string;
}

/**
 * A modal dialog on the native <dialog> element opened with showModal(): the browser puts it above the page, makes
 * everything behind it inert (no clicks, hidden from screen readers) and moves focus into it; Tab goes round its own
 * controls; focus starts on the element marked data-autofocus, or the first control. Escape calls onClose; closing gives focus back to what had it before (the button that opened it).
 */
export function Dialog({ title, open, onClose, children, className, closeOnEscape = true, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The safe choice (Cancel, Keep going) takes focus when it says so, so Enter never confirms by surprise.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may be gone (its screen changed); then focus stays where the browser puts it.
      if (before?.isConnected) before.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={className ? `dialog-box ${className}` : 'dialog-box'}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={keepFocusInside}
      // Escape: the browser would close the <dialog> behind React's back; the caller decides instead.
      onCancel={(e) => {
        e.preventDefault();
        if (closeOnEscape) onCloseRef.current();
      }}
      // Chromium closes a dialog itself on a second Escape with no click between (its close watcher rule): then it
      // is closed for the caller too, or opened again when it must stay.
      onClose={() => {
        if (!closeOnEscape) ref.current?.showModal();
        else onCloseRef.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
