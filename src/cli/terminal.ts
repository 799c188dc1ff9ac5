// What reaches a terminal: user text (names, descriptions, YAML, messages quoting them) may hold escape
// sequences that recolour, retitle or rewrite the screen, or bidi controls that reorder what is shown.
// They are printed as visible escapes (`\x1b`, `\u202e`); JSON output needs none (JSON escapes them).

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character but tab and newline shown as an escape (`\r\n` becomes `\n`). */
export function neutralizeControls(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROLS, c => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
