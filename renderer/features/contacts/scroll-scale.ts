/**
 * A million rows of 30 px would make a scroll area 30 million px tall. Chromium lays that out, but positions that
 * large lose precision when painted (float32 has 2 px steps past 2^24), so rows drift and text is cut off near
 * the end of the list. The scroll area is therefore capped below 2^24 px, and a scroll position there is mapped
 * linearly onto the full ("virtual") height: the first and last row are still reached exactly, and each scrolled
 * pixel moves a little more than one pixel of rows (2x at a million rows).
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface ScrollScale {
  /** Height of the element that gives the scroll bar its range. */
  physicalHeight: number;
  /** Scroll position (physical, as the element reports it) -> offset into the full list height. */
  toVirtual: (scrollTop: number, viewport: number) => number;
}

/** `virtualHeight` is the full list height; `chrome` is what sits above the rows in the scroll box (the header). */
export function scrollScale(virtualHeight: number, chrome: number): ScrollScale {
  const physicalHeight = Math.min(virtualHeight, MAX_SCROLL_HEIGHT);
  return {
    physicalHeight,
    toVirtual: (scrollTop, viewport) => {
      const physicalRange = chrome + physicalHeight - viewport;
      const virtualRange = chrome + virtualHeight - viewport;
      if (physicalRange <= 0 || physicalHeight === virtualHeight) return scrollTop;
      return Math.round((Math.min(scrollTop, physicalRange) / physicalRange) * virtualRange);
    },
  };
}
