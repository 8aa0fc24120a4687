// A small Markdown renderer, enough for READMEs to look like a docs site: headings, paragraphs,
// lists, fenced code, quotes, tables as text. Links keep their text; images and HTML are dropped.

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inline(text) {
  return escape(
    text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1'),
  )
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1<em>$2</em>');
}

/** Markdown → HTML (body only). */
export function renderMarkdown(source) {
  const lines = source.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out = [];
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
    if (list) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*```/);
    if (fence) {
      flush();
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      flush();
      const level = Math.min(heading[1].length, 4);
      out.push(`<h${level}>${inline(heading[2].replace(/#+\s*$/, ''))}</h${level}>`);
      continue;
    }
    const item = line.match(/^\s*(?:[-*+]|\d+\.)\s+(.*)$/);
    if (item) {
      if (paragraph.length) flush();
      list ??= [];
      list.push(item[1]);
      continue;
    }
    if (/^\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(line)) continue; // table rule
    const text = line.replace(/^\s*>\s?/, '').replace(/\|/g, '  ').trim();
    if (!text || /^<\/?[a-z]/i.test(line.trim())) continue;
    if (list) list[list.length - 1] += ` ${text}`;
    else paragraph.push(text);
  }
  flush();
  return out.join('\n');
}

/** Markdown source as editor lines with syntax colours: [{cls, text}] per line. */
export function highlightMarkdown(source) {
  let inFence = false;
  return source.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return `<span class="fence">${escape(line)}</span>`;
    }
    if (inFence) {
      // One pass over the raw line, so a span's own quotes are never coloured again.
      const token = /('[^']*'|"[^"]*")|\b(const|let|var|function|async|await|return|import|from|export|new|if|else)\b/g;
      let html = '';
      let last = 0;
      for (const m of line.matchAll(token)) {
        html += escape(line.slice(last, m.index)) + `<span class="${m[1] ? 'str' : 'kw'}">${escape(m[0])}</span>`;
        last = m.index + m[0].length;
      }
      return html + escape(line.slice(last));
    }
    if (/^#{1,6}\s/.test(line)) return `<span class="h">${escape(line)}</span>`;
    return escape(line)
      .replace(/(`[^`]+`)/g, '<span class="code">$1</span>')
      .replace(/(\[[^\]]*\])(\([^)]*\))/g, '<span class="link">$1</span><span class="url">$2</span>');
  });
}
