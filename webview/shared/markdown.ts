// A readme, rendered from Markdown by markdown-it and sanitised by DOMPurify: both well kept and small, and neither
// needs eval, inline scripts or inline styles, so they run under the pages' strict nonce CSP. markdown-it runs with
// raw HTML off (typed-in HTML stays text) and refuses javascript:/vbscript:/file:/data: links by itself; DOMPurify
// then keeps only safe elements and attributes, in case either layer ever lets something through.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { el } from './ui';

const markdown = new MarkdownIt({ html: false, linkify: true });
// table alignment comes out as style attributes: even parsing those (in DOMPurify's inert document) is an inline
// style the CSP refuses and reports, so they are dropped before rendering
markdown.core.ruler.push('no_inline_styles', state => {
  for (const token of state.tokens) if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== 'style');
});

/** Image sources the CSP lets the page load: the extension's own files and data: URLs. Others become links. */
function loadable(src: string): boolean {
  return /^data:image\//i.test(src) || src.startsWith('https://file+.vscode-resource.vscode-cdn.net/');
}

DOMPurify.addHook('afterSanitizeAttributes', node => {
  if (node.tagName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer');
    node.setAttribute('title', node.getAttribute('href') ?? '');
  }
});

/**
 * The readme as sanitised DOM nodes (never innerHTML on the page). A remote image would be blocked by the CSP,
 * so it is shown as a link to it instead; `onLink` receives every link click (the host opens it through VS Code).
 */
export function renderMarkdown(source: string, onLink: (href: string) => void): DocumentFragment {
  const fragment = DOMPurify.sanitize(markdown.render(source), {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|data:image\/)/i,
  });
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (loadable(src)) continue;
    img.replaceWith(src ? el('a', { href: src, title: src }, `[image: ${img.getAttribute('alt') || src}]`) : (img.getAttribute('alt') ?? ''));
  }
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    // a link whose target the sanitiser refused (command:, vbscript:, …) would still look like a link: it reads
    // as its text, as the javascript: ones markdown-it never made into links
    if (!link.hasAttribute('href')) {
      link.replaceWith(...Array.from(link.childNodes));
      continue;
    }
    link.addEventListener('click', event => {
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href && !href.startsWith('#')) onLink(href);
    });
  }
  return fragment;
}
