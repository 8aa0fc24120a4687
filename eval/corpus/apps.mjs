// The "apps" a document is read in, as whole HTML pages. Each has one element #scroller that
// scrolls the document; everything else (title bar, sidebar, tabs, status bar) stays put.
import { highlightMarkdown, renderMarkdown } from './markdown.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const THEMES = {
  light: { bg: '#ffffff', fg: '#1f2328', side: '#f6f8fa', line: '#d0d7de', accent: '#0969da', code: '#eff1f3', top: '#24292f', topFg: '#ffffff' },
  dark: { bg: '#0d1117', fg: '#e6edf3', side: '#161b22', line: '#30363d', accent: '#4493f8', code: '#1f2428', top: '#010409', topFg: '#e6edf3' },
};

/** A documentation site: top bar, sidebar of every document, the rendered README. */
function docsViewer(doc, docs, theme) {
  const t = THEMES[theme];
  const nav = docs.filter((d) => d.kind === 'markdown').map((d) => `<li class="${d.id === doc.id ? 'on' : ''}">${esc(d.title)}</li>`).join('');
  const body = doc.kind === 'markdown' ? renderMarkdown(doc.text) : `<pre>${esc(doc.text)}</pre>`;
  return `<!doctype html><html><head><style>
  html,body{margin:0;height:100%;overflow:hidden;background:${t.bg};color:${t.fg};font:16px/1.5 "Liberation Sans",Arial,sans-serif}
  header{height:52px;background:${t.top};color:${t.topFg};display:flex;align-items:center;gap:24px;padding:0 20px;font-size:15px}
  header b{font-size:17px} header .crumb{opacity:.85}
  aside{position:absolute;top:52px;bottom:0;left:0;width:220px;background:${t.side};border-right:1px solid ${t.line};padding:16px 0;font-size:14px}
  aside h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;margin:0 20px 8px;opacity:.7}
  aside ul{list-style:none;margin:0;padding:0} aside li{padding:5px 20px} aside li.on{color:${t.accent};font-weight:bold;border-left:3px solid ${t.accent}}
  #scroller{position:absolute;top:52px;bottom:0;left:221px;right:0;overflow:auto;padding:0 48px 48px}
  h1,h2,h3,h4{line-height:1.25;margin:24px 0 12px} h1{font-size:30px;border-bottom:1px solid ${t.line};padding-bottom:8px} h2{font-size:23px} h3{font-size:19px}
  pre{background:${t.code};padding:14px;border-radius:6px;font:14px/1.45 "DejaVu Sans Mono",monospace;white-space:pre-wrap}
  code{font:14px "DejaVu Sans Mono",monospace;background:${t.code};padding:1px 4px;border-radius:4px}
  pre code{padding:0;background:none} p,li{max-width:860px}
  </style></head><body>
  <header><b>Package Docs</b><span class="crumb">${esc(doc.title)} / ${esc(doc.file)}</span></header>
  <aside><h2>Packages</h2><ul>${nav}</ul></aside>
  <main id="scroller"><article>${body}</article></main></body></html>`;
}

/** A plain text viewer: menu bar, monospace text, light. */
function textViewer(doc) {
  return `<!doctype html><html><head><style>
  html,body{margin:0;height:100%;overflow:hidden;background:#fbfbfb;color:#202020;font:14px "Liberation Sans",Arial,sans-serif}
  .title{height:34px;background:#e8e8e7;border-bottom:1px solid #c8c8c8;display:flex;align-items:center;justify-content:center;font-weight:bold}
  .menu{height:28px;border-bottom:1px solid #d8d8d8;display:flex;align-items:center;gap:18px;padding:0 12px;background:#f3f3f3}
  #scroller{position:absolute;top:64px;bottom:0;left:0;right:0;overflow:auto;padding:10px 24px}
  pre{margin:0;font:15px/1.4 "DejaVu Sans Mono",monospace;white-space:pre-wrap}
  </style></head><body>
  <div class="title">${esc(doc.file)} — Text Viewer</div>
  <div class="menu"><span>File</span><span>Edit</span><span>View</span><span>Search</span><span>Help</span></div>
  <main id="scroller"><pre>${esc(doc.text)}</pre></main></body></html>`;
}

/** A code editor, dark, with syntax colours, line numbers, tabs and a status bar. */
function codeEditor(doc, docs) {
  const lines = doc.kind === 'markdown' ? highlightMarkdown(doc.text) : doc.text.split('\n').map(esc);
  const rows = lines.map((html, i) => `<div class="row"><span class="n">${i + 1}</span><span class="t">${html || ' '}</span></div>`).join('');
  const tabs = docs.filter((d) => d.kind === 'markdown').slice(0, 5).map((d) => `<span class="tab ${d.id === doc.id ? 'on' : ''}">${esc(d.id)}/${esc(d.file)}</span>`).join('');
  return `<!doctype html><html><head><style>
  html,body{margin:0;height:100%;overflow:hidden;background:#1e1e1e;color:#d4d4d4;font:13px "Liberation Sans",Arial,sans-serif}
  .title{height:30px;background:#323233;color:#cccccc;display:flex;align-items:center;justify-content:center}
  .tabs{height:35px;background:#252526;display:flex} .tab{padding:9px 14px;color:#969696;border-right:1px solid #1e1e1e} .tab.on{background:#1e1e1e;color:#ffffff}
  #scroller{position:absolute;top:65px;bottom:22px;left:0;right:0;overflow:auto;font:14px/20px "DejaVu Sans Mono",monospace}
  .row{display:flex;white-space:pre-wrap} .n{width:56px;flex:none;text-align:right;padding-right:18px;color:#858585} .t{flex:1;padding-right:24px}
  .h{color:#569cd6;font-weight:bold} .code{color:#ce9178} .fence{color:#6a9955} .kw{color:#c586c0} .str{color:#ce9178} .link{color:#4ec9b0} .url{color:#808080}
  .status{position:absolute;bottom:0;left:0;right:0;height:22px;background:#007acc;color:#fff;display:flex;align-items:center;gap:20px;padding:0 12px;font-size:12px}
  </style></head><body>
  <div class="title">${esc(doc.file)} — ${esc(doc.id)} — Code</div>
  <div class="tabs">${tabs}</div>
  <main id="scroller">${rows}</main>
  <div class="status"><span>main</span><span>Markdown</span><span>UTF-8</span><span>LF</span><span>Spaces: 2</span></div></body></html>`;
}

/** The page of `app` ("docs-light", "docs-dark", "text", "editor") showing `doc`. */
export function appPage(app, doc, docs) {
  if (app === 'docs-light') return docsViewer(doc, docs, 'light');
  if (app === 'docs-dark') return docsViewer(doc, docs, 'dark');
  if (app === 'text') return textViewer(doc);
  if (app === 'editor') return codeEditor(doc, docs);
  throw new Error(`Unknown app ${app}`);
}
