/**
 * The "left in English" check of the language tests: what a person reads or hears on the screen now, to compare with
 * the English texts. Runs in the page (`page.evaluate(visibleTexts, options)`), so it uses nothing from outside.
 */
export interface VisibleTextOptions {
  /** Where to look (a selector list); the whole body when nothing matches. */
  roots: string;
  /** Text inside these is not read (what the operator typed, scripts, hidden parts...). */
  skip: string;
  /** Attributes read as text (title, aria-label, placeholder, alt). */
  attributes: string[];
  /** Also every line of an open dialog, wherever it is. */
  dialogLines?: boolean;
}

/** Visible text nodes and the named attributes of the shown elements under the roots, trimmed, each once. */
export function visibleTexts(options: VisibleTextOptions): string[] {
  const out = new Set<string>();
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const found = [...document.querySelectorAll(options.roots)];
  for (const root of found.length ? found : [document.body]) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (!parent || !text || parent.closest(options.skip) || !shown(parent)) continue;
      const details = parent.closest('details:not([open])');
      if (details && !parent.closest('summary')) continue;
      out.add(text);
    }
    for (const e of root.querySelectorAll(options.attributes.map((name) => (name === 'alt' ? 'img[alt]' : `[${name}]`)).join(', ')))
      for (const name of options.attributes) {
        const value = e.getAttribute(name)?.trim();
        if (value && shown(e)) out.add(value);
      }
  }
  if (options.dialogLines)
    for (const dialog of document.querySelectorAll('dialog[open]'))
      for (const t of (dialog as HTMLElement).innerText.split('\n')) if (t.trim()) out.add(t.trim());
  return [...out];
}
