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
  // Every word with where it ends; a word that runs on into the next text node with no space
  // (syntax colours split `type="module"` into `type=` and `"module"`) is one word on screen, and
  // is one word here: joined when the next node's first word starts where this one's last box ends.
  const tokens = [];
  let last = null;
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
      const first = rects[0];
      const runsOn =
        last !== null &&
        last.node !== node &&
        last.atEnd &&
        match.index === 0 &&
        Math.abs(first.left - last.rect.right) < 1 &&
        Math.abs(first.top - last.rect.top) < 4;
      const token = { text: match[0], full: rects.every(inside), partial: rects.some(touches) };
      if (runsOn) {
        const previous = tokens.at(-1);
        previous.text += token.text;
        previous.full &&= token.full;
        previous.partial ||= token.partial;
      } else {
        tokens.push(token);
      }
      last = { node, atEnd: match.index + match[0].length === node.data.length, rect: rects.at(-1) };
    }
  }
  const full = tokens.filter((t) => t.full).map((t) => t.text);
  const partial = tokens.filter((t) => t.partial).map((t) => t.text);
  return { full, partial };
}
