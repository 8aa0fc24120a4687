/* global document, innerWidth, innerHeight, getComputedStyle, NodeFilter */
// Runs in the page: the words on screen, from the DOM. "full" words lie wholly inside the
// viewport and inside the box of any scrolling ancestor; "partial" ones are at least partly seen.
export function visibleWords() {
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const clipOf = (element) => {
    let box = view;
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflow === 'visible') continue;
      const r = e.getBoundingClientRect();
      // clientWidth/Height leave out the scrollbar.
      box = {
        left: Math.max(box.left, r.left + e.clientLeft),
        top: Math.max(box.top, r.top + e.clientTop),
        right: Math.min(box.right, r.left + e.clientLeft + e.clientWidth),
        bottom: Math.min(box.bottom, r.top + e.clientTop + e.clientHeight),
      };
    }
    return box;
  };
  const full = [];
  const partial = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || getComputedStyle(parent).visibility === 'hidden') continue;
    const clip = clipOf(parent);
    for (const match of node.data.matchAll(/\S+/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const inside = (r) => r.left >= clip.left - 0.5 && r.right <= clip.right + 0.5 && r.top >= clip.top - 0.5 && r.bottom <= clip.bottom + 0.5;
      const touches = (r) => r.right > clip.left && r.left < clip.right && r.bottom > clip.top && r.top < clip.bottom;
      if (rects.every(inside)) full.push(match[0]);
      if (rects.some(touches)) partial.push(match[0]);
    }
  }
  return { full, partial };
}
