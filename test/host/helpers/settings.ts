// A polyaxonHub setting changed for the length of a test, as a user changes it (the global value), then put back.
import * as vscode from 'vscode';

const config = () => vscode.workspace.getConfiguration('polyaxonHub');

export async function withSetting<T>(key: string, value: string, body: () => Promise<T>): Promise<T> {
  const before = config().inspect<string>(key)?.globalValue;
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await config().update(key, before, vscode.ConfigurationTarget.Global);
  }
}
