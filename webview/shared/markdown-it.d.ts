// The part of markdown-it's API the pages use (the package ships no types; @types/markdown-it would pull in three
// more packages for one constructor and one method).
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean; breaks?: boolean });
    render(source: string): string;
    core: { ruler: { push(name: string, rule: (state: { tokens: { attrs: [string, string][] | null }[] }) => void): void } };
  }
}
