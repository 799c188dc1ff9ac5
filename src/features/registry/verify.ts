import * as vscode from 'vscode';
import type { VerifyReport } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { plural } from './format';
import { resolveVersion } from './targets';

/** The report as text: what was checked, what changed (expected vs actual sha256), what went missing. */
export function reportText(r: VerifyReport): string {
  const lines = [`Integrity of ${r.ref}: ${r.ok ? 'OK' : 'FAILED'}`, `${plural(r.checked, 'file')} re-hashed against the sha256 recorded at promote time.`, ''];
  if (r.changed.length) {
    lines.push(`Changed (${r.changed.length}):`);
    for (const c of r.changed) lines.push(`  ${c.path}\n    recorded ${c.expected}\n    now      ${c.actual}`);
    lines.push('');
  }
  if (r.missing.length) {
    lines.push(`Missing from the artifact store (${r.missing.length}):`);
    for (const m of r.missing) lines.push(`  ${m}`);
    lines.push('');
  }
  if (r.ok) lines.push('Every file matches.');
  return lines.join('\n');
}

/** Re-hashes a version's files; a failure opens the full report beside the message. */
export async function verify(session: HubSession, target?: unknown): Promise<VerifyReport | undefined> {
  try {
    const hub = session.hub;
    const ref = await resolveVersion(hub, target, 'Verify Model Version');
    if (!ref) return undefined;
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying ${ref.org}/${ref.model}:${ref.version}` },
      () => hub.registry.verify(ref),
    );
    if (report.ok) {
      void vscode.window.showInformationMessage(`${report.ref} verified: ${plural(report.checked, 'file')} match their recorded sha256.`);
    } else {
      const show = 'Show Report';
      void vscode.window
        .showErrorMessage(
          `${report.ref} failed verification: ${[report.changed.length ? `${report.changed.length} changed` : '', report.missing.length ? `${report.missing.length} missing` : ''].filter(Boolean).join(', ')} of ${report.checked} files.`,
          show,
        )
        .then(async choice => {
          if (choice === show) {
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: reportText(report), language: 'plaintext' }));
          }
        });
    }
    return report;
  } catch (error) {
    return showError(error);
  }
}
