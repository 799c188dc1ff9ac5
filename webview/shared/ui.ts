// DOM helpers shared by the pages. User values only ever become text nodes or attribute values, never markup
// (the one exception, a project's readme, goes through webview/shared/markdown.ts, which sanitises it).

/** Creates an element with text content only: user values never go through innerHTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Partial<Record<string, string>>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K];
export function el(tag: string, props?: Partial<Record<string, string>>, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** A toolkit button; `onClick` may be async (its failure is the caller's to show). */
export function button(label: string, onClick: () => unknown, attrs: Record<string, string> = {}): HTMLElement {
  const b = el('vscode-button', attrs, label);
  b.addEventListener('click', () => void onClick());
  return b;
}

/** Runs `submit` when Enter is pressed in any of the fields: a form is used from the keyboard without reaching its button. */
export function submitOnEnter(fields: HTMLElement[], submit: () => void): void {
  for (const field of fields) {
    field.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        // what was typed is now submitted, no longer an edit in progress: the redraw that follows shows the new
        // state (an emptied form, the saved value) instead of carrying the text over (see redraw.ts)
        for (const f of fields) if (f instanceof HTMLInputElement) f.defaultValue = f.value;
        submit();
      }
    });
  }
}

/** A native select (the toolkit's dropdown writes inline styles, which the strict CSP blocks). */
export function dropdown(values: readonly string[], selected: string, attrs: Record<string, string>): HTMLSelectElement {
  const d = el('select', attrs);
  for (const v of values) d.append(el('option', v === selected ? { value: v, selected: '' } : { value: v }, v));
  return d;
}

/** A table whose cells are text or elements made with `el`. */
export function table(headers: string[], rows: (Node | string)[][], id: string): HTMLElement {
  return el(
    'table',
    { id, 'aria-label': id },
    el('thead', {}, el('tr', {}, ...headers.map(h => el('th', {}, h)))),
    el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map(c => el('td', {}, c))))),
  );
}

export function badge(n: number): HTMLElement {
  return el('span', { class: 'badge' }, String(n));
}

/** A titled section with a count badge: the rows, or a muted line when there are none. */
export function countedSection(title: string, count: number, body: () => (Node | string)[], empty: string, ...tools: (Node | string)[]): HTMLElement {
  return el(
    'section',
    {},
    el('h2', {}, `${title} `, badge(count)),
    ...(tools.some(t => t !== '') ? [el('div', { class: 'toolbar' }, ...tools)] : []),
    ...(count ? body() : [el('p', { class: 'muted' }, empty)]),
  );
}

/** A section the backend does not offer: its title and why, instead of rows and buttons that could only be refused. */
export function notOffered(title: string, reason: string | undefined): HTMLElement | undefined {
  return reason ? el('section', { class: 'not-offered' }, el('h2', {}, title), el('p', { class: 'muted not-offered-reason' }, reason)) : undefined;
}

/** "1 member", "3 members" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The page's status line and how requests use it: a refusal from the host is shown in the words the core chose,
 * then `afterRefusal` runs (pages re-read their state, so a control never keeps showing a refused value).
 */
export function statusLine(afterRefusal: () => void) {
  const line = el('p', { id: 'status', role: 'status', class: 'muted' });
  return {
    element: line,
    async run(request: () => Promise<unknown>): Promise<void> {
      line.className = 'muted';
      line.textContent = '';
      try {
        await request();
      } catch (error) {
        line.className = 'error';
        line.textContent = (error as Error).message;
        afterRefusal();
      }
    },
  };
}

/** What a page shows when its subject is gone or may not be seen: the reason, and a way back. */
export function unavailable(message: string, back?: { label: string; onClick: () => unknown }): HTMLElement {
  return el(
    'div',
    { id: 'unavailable' },
    el('p', { class: 'error', role: 'alert' }, message),
    ...(back ? [button(back.label, back.onClick, { appearance: 'secondary' })] : []),
  );
}
