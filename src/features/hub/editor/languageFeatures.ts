import * as vscode from 'vscode';
import type { RefIndex } from '../../../core/client';
import { looksLikePolyaxonFile } from '../../../core/hub/validator';
import { parseHubRef } from '../../../core/names';
import type { HubSession } from '../../../host/session';
import { versionUri } from './hubDocuments';
import { DIAGNOSTIC_SOURCE, suggestionFor } from './diagnostics';
import { COMPONENT_KEYS, IO_KEYS, IO_TYPES, OPERATION_KEYS, RUN_KINDS, type KeyInfo, type KeyTable } from './specData';
import { cursorContext, fileKind, keyAt, topLevelKeys, valueInBlock } from './yamlContext';

const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }];

function topTable(text: string): KeyTable {
  return fileKind(text) === 'operation' ? OPERATION_KEYS : COMPONENT_KEYS;
}

/** A Polyaxon file, or one being started (`version: 1.1` written, no `kind` yet); other YAML gets nothing. */
function isCandidate(doc: vscode.TextDocument): boolean {
  const text = doc.getText();
  return looksLikePolyaxonFile(text) || (/^version\s*:\s*['"]?1\.1/m.test(text) && !/^kind\s*:/m.test(text));
}

/** The keys allowed in the mapping at `path`, or undefined when we know nothing about it. */
function tableAt(text: string, path: string[]): KeyTable | undefined {
  if (path.length === 0) return topTable(text);
  if (path.length === 2 && (path[0] === 'inputs' || path[0] === 'outputs') && path[1] === '[]') return IO_KEYS;
  if (path.length === 1 && path[0] === 'run') return RUN_KINDS[valueInBlock(text, 'run', 'kind') ?? '']?.fields;
  if (path.length === 1 && path[0] === 'component') return COMPONENT_KEYS;
  return undefined;
}

function markdown(title: string, info: KeyInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${title}**\n\n${info.description}`);
  if (info.docs) md.appendMarkdown(`\n\n[Polyaxon docs](${info.docs})`);
  return md;
}

function keyItems(table: KeyTable, present: Set<string>, snippets: boolean): vscode.CompletionItem[] {
  return Object.entries(table)
    .filter(([k]) => !present.has(k))
    .map(([key, info]) => {
      const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
      item.documentation = markdown(key, info);
      item.insertText = new vscode.SnippetString(snippets && info.snippet ? info.snippet : `${key}: `);
      return item;
    });
}

function valueItems(values: Record<string, string | KeyInfo>, kind: vscode.CompletionItemKind): vscode.CompletionItem[] {
  return Object.entries(values).map(([value, about]) => {
    const item = new vscode.CompletionItem(value, kind);
    item.documentation = typeof about === 'string' ? new vscode.MarkdownString(about) : markdown(value, about);
    return item;
  });
}

/** Completion of top-level keys, run kinds and their fields, IO fields and IO types. */
export class PolyaxonCompletion implements vscode.CompletionItemProvider {
  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!isCandidate(doc)) return undefined;
    const text = doc.getText();
    const ctx = cursorContext(text, position.line, position.character);
    if (ctx.atKey) {
      const table = tableAt(text, ctx.path);
      if (!table) return undefined;
      const present = ctx.path.length === 0 ? topLevelKeys(text) : new Set<string>();
      return keyItems(table, present, ctx.path.length === 0);
    }
    const io = ctx.path.length === 2 && (ctx.path[0] === 'inputs' || ctx.path[0] === 'outputs');
    if (io && ctx.key === 'type') {
      const items = valueItems(IO_TYPES, vscode.CompletionItemKind.TypeParameter);
      for (const generic of ['List[${1:str}]', 'Dict[${1:str}, ${2:any}]']) {
        const item = new vscode.CompletionItem(generic.replace(/\$\{\d:(\w+)\}/g, '$1'), vscode.CompletionItemKind.TypeParameter);
        item.insertText = new vscode.SnippetString(generic);
        items.push(item);
      }
      return items;
    }
    if (io && (ctx.key === 'isOptional' || ctx.key === 'isList' || ctx.key === 'isFlag' || ctx.key === 'toInit')) {
      return valueItems({ true: 'true', false: 'false' }, vscode.CompletionItemKind.Value);
    }
    if (ctx.key === 'kind' && ctx.path.length === 1 && ctx.path[0] === 'run') {
      return valueItems(RUN_KINDS, vscode.CompletionItemKind.EnumMember);
    }
    if (ctx.key === 'kind' && ctx.path.length === 0) {
      return valueItems({ component: 'A reusable component definition.', operation: 'A run of a component.' }, vscode.CompletionItemKind.EnumMember);
    }
    if (ctx.key === 'version' && ctx.path.length === 0) {
      return valueItems({ '1.1': 'The current Polyaxon spec version.' }, vscode.CompletionItemKind.Constant);
    }
    return undefined;
  }
}

/** Hover on a key (what it is, with a docs link), and on a run kind or IO type value. */
export class PolyaxonHover implements vscode.HoverProvider {
  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = doc.getText();
    if (!looksLikePolyaxonFile(text)) return undefined;
    const found = keyAt(text, position.line, position.character);
    if (found) {
      const info = tableAt(text, found.path)?.[found.key];
      if (!info) return undefined;
      return new vscode.Hover(markdown(found.key, info), new vscode.Range(position.line, found.start, position.line, found.end));
    }
    const word = doc.getWordRangeAtPosition(position, /[\w[\], ]*[\w\]]/);
    if (!word) return undefined;
    const value = doc.getText(word).trim();
    const ctx = cursorContext(text, position.line, word.start.character);
    if (ctx.key === 'kind' && ctx.path.length === 1 && ctx.path[0] === 'run' && RUN_KINDS[value]) {
      return new vscode.Hover(markdown(`run kind ${value}`, RUN_KINDS[value]), word);
    }
    if (ctx.key === 'type' && ctx.path[0] !== 'run' && IO_TYPES[value]) {
      return new vscode.Hover(new vscode.MarkdownString(`**${value}** — ${IO_TYPES[value]}`), word);
    }
    return undefined;
  }
}

/**
 * Quick fixes for Polyaxon problems: replace a misspelt key, kind or type with the validator's
 * suggestion, and open the spec section.
 */
export class PolyaxonDocsActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      // the validator's own replacement for the problem's range (`default` → `value`, `jobs` → `job`, …)
      const replacement = suggestionFor(doc.uri, d);
      if (replacement !== undefined) {
        const fix = new vscode.CodeAction(`Change to \`${replacement}\``, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(doc.uri, d.range, replacement);
        fix.diagnostics = [d];
        fix.isPreferred = true;
        actions.push(fix);
      }
      if (typeof d.code !== 'object' || !d.code.target) continue;
      const target = d.code.target.toString();
      if (seen.has(target)) continue;
      seen.add(target);
      const action = new vscode.CodeAction(`Open the Polyaxon spec: ${sectionName(target)}`, vscode.CodeActionKind.QuickFix);
      action.command = { command: 'vscode.open', title: 'Open the Polyaxon spec', arguments: [d.code.target] };
      action.diagnostics = [d];
      actions.push(action);
    }
    return actions;
  }
}

function sectionName(url: string): string {
  const parts = url.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] || url;
}

const HUB_REF_LINE = /^(\s*(?:-\s+)?hub_?[Rr]ef\s*:\s*['"]?)([^\s'"#]+)/;

/** `hubRef: acme/train:v1` becomes a link to the published version (read-only) when the store holds it. */
export class HubRefLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly session: HubSession) {}

  async provideDocumentLinks(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const text = doc.getText();
    if (!/hub_?[Rr]ef\s*:/.test(text) || !looksLikePolyaxonFile(text)) return [];
    let refs: RefIndex;
    try {
      refs = await this.session.hub.components.refIndex();
    } catch {
      return [];
    }
    const links: vscode.DocumentLink[] = [];
    for (let line = 0; line < doc.lineCount; line++) {
      const m = HUB_REF_LINE.exec(doc.lineAt(line).text);
      if (!m || refs.status({ kind: 'hubRef', value: m[2] }) !== 'found') continue;
      const ref = parseHubRef(m[2]);
      const link = new vscode.DocumentLink(
        new vscode.Range(line, m[1].length, line, m[1].length + m[2].length),
        versionUri({ org: ref.owner, component: ref.name, version: ref.version }),
      );
      link.tooltip = `Open the published ${ref.owner}/${ref.name}:${ref.version} (read-only)`;
      links.push(link);
    }
    return links;
  }
}

export function registerLanguageFeatures(context: vscode.ExtensionContext, session: HubSession): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentLinkProvider(SELECTOR, new HubRefLinks(session)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new PolyaxonCompletion(), ' '),
    vscode.languages.registerHoverProvider(SELECTOR, new PolyaxonHover()),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PolyaxonDocsActions(), { providedCodeActionKinds: PolyaxonDocsActions.kinds }),
  );
}
