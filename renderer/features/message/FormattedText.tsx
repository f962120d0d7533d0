import type { ReactNode } from 'react';

// WhatsApp's own markers: *bold*, _italic_, ~strike~, each within one line.
const MARK = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~)/g;

/** Shows a message the way WhatsApp will: the markers become formatting (built as elements, never as HTML). */
export function FormattedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    const at = m.index;
    if (at > last) parts.push(text.slice(last, at));
    const inner = m[0].slice(1, -1);
    const key = `${at}`;
    if (m[0][0] === '*') parts.push(<b key={key}>{inner}</b>);
    else if (m[0][0] === '_') parts.push(<i key={key}>{inner}</i>);
    else parts.push(<s key={key}>{inner}</s>);
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
