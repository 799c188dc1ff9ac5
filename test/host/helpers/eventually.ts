/**
 * Waits for what the workbench reaches asynchronously: tabs reported after a panel is created, file events, a page
 * that follows a rename once its webview is ready (a loaded CI machine took more than 5 s for that). The probe is
 * asked every 100 ms until it gives a value other than undefined, null or false; the test's timeout bounds the rest.
 */
export async function eventually<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; ;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}
