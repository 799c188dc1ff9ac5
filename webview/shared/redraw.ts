// Pages redraw their whole content on every state push (a change made here, in another window or by the CLI).
// Replacing the nodes would drop the keyboard focus to the body each time: someone who picked a role with the
// arrow keys or added a member with Enter would have to tab through the page again from the top. So the control
// that had the focus gets it back in the new content, found by what names it (its label), with the text being
// typed into it and not yet saved; if it is gone (a member removed), the control now at its place in the tab order gets it.

const FOCUSABLE = 'a[href], button, input, select, textarea, vscode-button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** What names a control among the others: its tag and its label, else its id, else its text. */
function identity(e: Element): string {
  const name = e.getAttribute('aria-label') ?? (e.id ? `#${e.id}` : (e.textContent ?? '').trim());
  return `${e.localName}|${name}`;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

/** Replaces the content of `root`, keeping the keyboard focus on the same control when it was inside. */
export function redraw(root: HTMLElement, ...children: (Node | string)[]): void {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || !root.contains(focused)) {
    root.replaceChildren(...children);
    return;
  }
  const before = focusables(root);
  const index = before.indexOf(focused);
  const id = identity(focused);
  const typing = focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement ? focused : undefined;
  // only text the user changed: an untouched field shows the new state's value
  const typed = typing && typing.value !== typing.defaultValue ? { value: typing.value, start: typing.selectionStart, end: typing.selectionEnd } : undefined;
  root.replaceChildren(...children);
  const after = focusables(root);
  const same = after.find(e => identity(e) === id);
  const target = same ?? after[Math.min(Math.max(index, 0), after.length - 1)];
  if (!target) return;
  if (same && typed && (same instanceof HTMLInputElement || same instanceof HTMLTextAreaElement)) {
    same.value = typed.value;
    same.setSelectionRange(typed.start, typed.end);
  }
  target.focus();
}
