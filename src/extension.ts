import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // views, commands and panels are registered here
}

export function deactivate(): void {}
